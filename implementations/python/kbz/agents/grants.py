"""Capability grants (spec 13.4): what a participant may perceive and act.

A grant is {perceive: [...], act: [...], backend?, egress?: true, expiresAt?}.

[GRANT-01] a grant produced here has the members in that order, perceive and act always, the
           others only when they have a value, capability names exactly as listed.
[GRANT-02] the defaults: a human everything, an agent read-only.
[GRANT-03] a roster member is an agent exactly when its meta is an object whose role is "agent".
[GRANT-04] the grant in force for a media id at `now`.
[GRANT-05] sanitizing a value into a grant.
[GRANT-06] the intersection of a request and an allowed grant.
[GRANT-07] expiry: from `expiresAt` on, an override confers nothing.
[GRANT-08] backend and egress are disclosures: no capability is ever derived from them (nothing
           here reads them to decide a capability).
"""

from ..jsonutil import is_number

# 13.4: the capability names, in their canonical order.
PERCEIVE = ("see-screen", "hear-audio", "read-chat", "read-roster", "receive-directed",
            "read-media", "read-files")
ACT = ("send-chat", "speak", "act")

BACKEND_MAX = 80        # [GRANT-04], [GRANT-05]: UTF-16 code units [CONV-17]


def js_truthy(v):
    """JavaScript truthiness of a JSON value, None standing for both absent and null: false for
    null, false, 0 (and -0) and "", true for everything else (every object and array, empty
    ones included). Python's bool() differs on [] and {}, so it is not used."""
    if v is None or v is False:
        return False
    if is_number(v):
        return v != 0
    if isinstance(v, str):
        return v != ""
    return True


def cut16(s, n):
    """The first n UTF-16 code units of s [CONV-17] (JavaScript's `slice(0, n)`). A cut inside
    a surrogate pair keeps the high surrogate alone, as slice does (AMBIGUITIES.md
    AG-backend-cut)."""
    units = s.encode("utf-16-le", "surrogatepass")
    if len(units) <= 2 * n:
        return s
    return units[:2 * n].decode("utf-16-le", "surrogatepass")


def human():
    """[GRANT-02] every perceive and every act capability, in canonical order."""
    return {"perceive": list(PERCEIVE), "act": list(ACT)}


def agent():
    """[GRANT-02] reads the conversation, the roster and what is sent to it; nothing else."""
    return {"perceive": ["read-chat", "read-roster", "receive-directed"], "act": []}


def empty():
    """[GRANT-07] the grant in force of an expired override: nothing, no disclosures."""
    return {"perceive": [], "act": []}


def default(role):
    return agent() if role == "agent" else human()


def produce(perceive, act, backend=None, egress=False, expires_at=None):
    """[GRANT-01] a grant in member order, the optional members only when they have a value."""
    g = {"perceive": list(perceive), "act": list(act)}
    if backend is not None:
        g["backend"] = backend
    if egress:
        g["egress"] = True
    if expires_at is not None:
        g["expiresAt"] = expires_at
    return g


def _names(v, known):
    # [GRANT-05] the strings of the member that are capability names of that kind, in their
    # order, each only at its first occurrence; absent, null or not an array: empty.
    if not isinstance(v, list):
        return []
    out = []
    for x in v:
        if isinstance(x, str) and x in known and x not in out:
            out.append(x)
    return out


def sanitize(value):
    """[GRANT-05] what is kept of any JSON value taken as a grant (on receipt in `caps`, from a
    manifest entry, on every local set). A value that is not an object gives the empty grant."""
    if not isinstance(value, dict):
        return empty()
    b = value.get("backend")
    e = value.get("expiresAt")
    return produce(_names(value.get("perceive"), PERCEIVE), _names(value.get("act"), ACT),
                   # a non-empty string, cut to 80 UTF-16 code units
                   backend=cut16(b, BACKEND_MAX) if isinstance(b, str) and b != "" else None,
                   # JavaScript-truthy, not only the boolean true (13.7 Interoperability,
                   # `egress` truthiness)
                   egress=js_truthy(value.get("egress")),
                   # a number greater than 0
                   expires_at=e if is_number(e) and e > 0 else None)


def as_given(g):
    """A grant an op takes "as given" (13.8: the grants of caps.intersect, caps.effective,
    caps.lanes and of a view), returned unchanged: its capability lists as they are (unknown
    names and repeats included) and its `backend`, `egress` and `expiresAt` as given, `egress:
    false` included (the harness's model of caps.effective echoes it; AMBIGUITIES.md
    AG-as-given). Members are written in GRANT-01's order; null members are absent (10.4)."""
    out = {"perceive": list(g.get("perceive") or []), "act": list(g.get("act") or [])}
    for m in ("backend", "egress", "expiresAt"):
        if g.get(m) is not None:
            out[m] = g[m]
    return out


def _limit(g):
    e = g.get("expiresAt")
    return e if is_number(e) and e != 0 else None


def intersect(request, allowed):
    """[GRANT-06] the request cut down to what is allowed: its capabilities (in its order,
    repeats kept) that the allowed grant contains; backend from the request when a non-empty
    string; egress when the request's egress is true; expiresAt the smaller of the two grants'
    numbers other than 0, absent when neither has one. Never a capability either side lacks."""
    ap, aa = allowed.get("perceive") or [], allowed.get("act") or []
    b = request.get("backend")
    limits = [x for x in (_limit(request), _limit(allowed)) if x is not None]
    return produce([c for c in request.get("perceive") or [] if c in ap],
                   [c for c in request.get("act") or [] if c in aa],
                   backend=b if isinstance(b, str) and b != "" else None,
                   egress=request.get("egress") is True,
                   expires_at=min(limits) if limits else None)


def expired(g, now):
    """[GRANT-07] expired at every now >= expiresAt, when expiresAt is a number other than 0."""
    e = _limit(g)
    return e is not None and float(now) >= float(e)


def effective(g, now):
    """[GRANT-07] the grant in force of an override at `now`: nothing once expired."""
    return empty() if expired(g, now) else as_given(g)


def is_agent(member):
    """[GRANT-03] meta is a JSON object whose `role` is the string "agent" (self-asserted)."""
    meta = member.get("meta") if isinstance(member, dict) else None
    return isinstance(meta, dict) and meta.get("role") == "agent"


def member_of(roster, peer):
    """[GRANT-04] the roster is searched in roster order and the first member with the id
    counts."""
    for m in roster:
        if m.get("id") == peer:
            return m
    return None


def in_force(view, peer):
    """[GRANT-04] the grant in force for `peer` under a view {self, roster, grants, now}."""
    if peer == view["self"]:
        return human()                      # a peer never gates itself
    grants = view.get("grants") or {}
    if peer in grants:
        return effective(grants[peer], view["now"])     # the override, GRANT-07 applied
    m = member_of(view["roster"], peer)
    if m is not None and is_agent(m):
        # The agent default plus the member's own disclosures: backend, the first 80 UTF-16
        # code units of a non-empty string meta.backend; egress when meta.egress is true or a
        # backend was set.
        meta = m["meta"]
        b = meta.get("backend")
        backend = cut16(b, BACKEND_MAX) if isinstance(b, str) and b != "" else None
        g = agent()
        return produce(g["perceive"], g["act"], backend=backend,
                       egress=meta.get("egress") is True or backend is not None)
    return human()                          # a human, or an id not in the roster


def has(g, cap):
    return cap in (g.get("perceive") or []) or cap in (g.get("act") or [])


def capabilities(g):
    """The perceive and act capabilities of a grant, as sets (CAPS-05 compares them so)."""
    return frozenset(g.get("perceive") or []), frozenset(g.get("act") or [])
