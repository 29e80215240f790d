"""How grants travel (spec 13.5): the coordinator's `caps` frame, its receipt, a peer's own
overrides kept apart, and manifest caps bound to the agent presenting the certificate.

[CAPS-01] one override map per peer, media id -> grant, every grant stored sanitized.
[CAPS-02] only the coordinator sends {"k":"caps","grants":{...}}: after every set or clear
          (an empty map too), and after a roster change while it holds an override.
[CAPS-03] a receiver applies a caps frame only from the roster's host, in a room that commits a
          host key or e-mail, when it is not the coordinator itself; the frame's grants replace
          the whole map, each sanitized; a `grants` that is not an object drops the frame.
[CAPS-05] the coordinator sets the recorded manifest caps as the override of the agent whose
          data connection presents the recorded certificate, unless its grant in force already
          confers the same capabilities.
[CAPS-06] (SHOULD) records bind whatever the member's meta.role says: NOT done by `bind`,
          which models CAPS-05 as the `caps.bind` op and its vector agentcaps.bind.not-declared
          define it (AMBIGUITIES.md AG-bind-undeclared). PRES-113 closes the gap at the door.
[CAPS-07] (SHOULD, implemented) a non-coordinator keeps its own overrides and uses, for an id
          with both, the intersection of its own (the request) and the received (allowed).
[CAPS-08] (SHOULD, implemented) the received overrides that widen a grant in force are reported.
"""

from ..fingerprint import canonical
from . import grants as G


def sanitize_map(m):
    """[CAPS-01] every entry of an override map sanitized (GRANT-05), in the map's order."""
    return {k: G.sanitize(v) for k, v in (m or {}).items()}


def distribute(coordinator, trigger, overrides):
    """[CAPS-02] the frame the coordinator sends after `trigger` ("change": an override was set
    or cleared; "roster": the roster changed), or None. The map holds sanitized grants
    (CAPS-01), so it is sent sanitized (AMBIGUITIES.md AG-distribute-map)."""
    if not coordinator:
        return None                             # a non-coordinator never sends caps
    if trigger == "roster" and not overrides:
        return None                             # roster changes only while the map is not empty
    return {"k": "caps", "grants": sanitize_map(overrides)}


def receive(host, cryptographic_host, coordinator, sender, msg):
    """[CAPS-03], [CAPS-04] (None: not applied) or the new override map. `msg` is the content
    frame as received (any JSON value); it is a caps frame when it is an object whose `k` is
    "caps" (AMBIGUITIES.md AG-receive-kind). Neither the verified-roster filter nor the act
    check applies to it [CAPS-04]: the caller asks nothing else."""
    if not (isinstance(msg, dict) and msg.get("k") == "caps"):
        return None
    if not cryptographic_host:
        return None         # a soft host name alone is not enough
    if not (isinstance(host, str) and host != "" and host == sender):
        return None         # only from the roster's host
    if coordinator:
        return None         # the coordinator never applies caps
    grants = msg.get("grants")
    if grants is None:
        return {}           # absent (or null, MSG-06): the empty map
    if not isinstance(grants, dict):
        return None         # dropped with the frame (CONT-04)
    return sanitize_map(grants)


def merge(view, own, received, previous):
    """[CAPS-07] the overrides a non-coordinator uses after receiving `received`, with its own
    overrides `own`: received ids first, in their order (an id in both gets the intersection
    of its own, as the request, and the received, as allowed), then the ids only in `own`.
    [CAPS-08] the ids, in the order of that map, whose grant in force gains a capability
    against the grant in force under `previous`. Every map is sanitized first (13.8)."""
    own, received, previous = sanitize_map(own), sanitize_map(received), sanitize_map(previous)
    out = {}
    for k, g in received.items():
        out[k] = G.intersect(own[k], g) if k in own else g
    for k, g in own.items():
        if k not in out:
            out[k] = g
    before = dict(view, grants=previous)
    after = dict(view, grants=out)
    widened = []
    # Every id of the answered map is compared, on perceive and act only (GRANT-08;
    # AMBIGUITIES.md AG-merge-widened).
    for k in out:
        old = G.capabilities(G.in_force(before, k))
        new = G.capabilities(G.in_force(after, k))
        if not (new[0] <= old[0] and new[1] <= old[1]):
            widened.append(k)
    return {"grants": out, "widened": widened}


def bind(view, records, fps):
    """[CAPS-05] the overrides to set, in roster order: for each roster member other than this
    peer that is an agent (GRANT-03) and whose data connection's remote fingerprint,
    canonicalised, has a record, that record (sanitized, CAPS-01), unless the member's grant in
    force already confers the same perceive and act capabilities, compared as sets. Records are
    keyed by canonical fingerprint; a key not in canonical form matches nothing (CAPS-18;
    AMBIGUITIES.md AG-bind-keys)."""
    # [CAPS-18] "`records` keyed by canonical fingerprint (a key that is not in canonical form
    # matches nothing)" (AMBIGUITIES.md AG-bind-keys, decided by the text).
    by_fp = {k: g for k, g in records.items() if canonical(k) == k}
    out, done = [], set()
    for m in view["roster"]:
        peer = m["id"]
        if peer == view["self"] or peer in done:
            continue
        done.add(peer)          # the first member with an id counts [GRANT-04]
        if not G.is_agent(m):
            continue            # [CAPS-05] agents only (AMBIGUITIES.md AG-bind-undeclared)
        fp = fps.get(peer)
        if not isinstance(fp, str) or canonical(fp) == "":
            continue            # unreadable: no record can match
        rec = by_fp.get(canonical(fp))
        if rec is None:
            continue
        rec = G.sanitize(rec)
        if G.capabilities(G.in_force(view, peer)) == G.capabilities(rec):
            continue
        out.append({"id": peer, "grant": rec})
    return out
