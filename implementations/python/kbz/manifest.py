"""Room manifests (spec 12.3): the creator's signed roster.

[MAN-02] verification steps, in order: envelope (TOK-06 1..7), room, expected mode, exp,
         allow-list present, member types. The result is the payload as received.
[MAN-03] no leeway on exp.
[MAN-06] admits: a non-empty identity; with a non-empty `mh`, its member hash is listed (and
         cleartext `members` are not consulted); otherwise its canonical form equals the
         canonical form of an entry of `members`. A manifest failing MAN-02 step 6 admits nobody.
[MAN-07] `domains` play no part in MAN-06.
[MAN-08] humans open: `agentKeys` is a non-empty array and neither `members` nor `domains` is.
"""

from . import token
from .errors import ProtocolError
from .identity import canonical, member_hash
from .jsonutil import is_number


def _nonempty_array(v):
    return isinstance(v, list) and len(v) > 0


def _strings(v):
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def check_shape(payload):
    """[MAN-02] step 6: `members`, `mh` and `domains`, where present, are arrays of strings;
    `room` is a string; `agentKeys`, where present, is an array. "Present" is read as "the member
    exists", so a member whose value is null is present and not an array
    (AMBIGUITIES.md, ADM-present-null)."""
    for name in ("members", "mh", "domains"):
        if name in payload and not _strings(payload[name]):
            raise ProtocolError("manifest.malformed", "%s is not an array of strings" % name)
    if not isinstance(payload.get("room"), str):
        raise ProtocolError("manifest.malformed", "room is not a string")
    if "agentKeys" in payload and not isinstance(payload["agentKeys"], list):
        raise ProtocolError("manifest.malformed", "agentKeys is not an array")


def verify_payload(payload, room, now, mode=None):
    """[MAN-02] steps 2 to 6 on a payload whose envelope verified."""
    # Step 2: the room id, as an exact string.
    if not (isinstance(payload.get("room"), str) and payload["room"] == room):
        raise ProtocolError("manifest.wrong-room", "the manifest is for another room")
    # Step 3: only when a mode is expected; "an expected mode that is absent, null or the empty
    # string expects none (upstream tests it for truthiness)" (AMBIGUITIES.md ADM-empty-mode).
    if mode is not None and mode != "" and not (isinstance(payload.get("mode"), str)
                                 and payload["mode"] == mode):
        raise ProtocolError("manifest.wrong-mode", "the manifest is for another gate mode")
    # Step 4 [MAN-03], [CONV-03]: a number and now < exp, no leeway.
    exp = payload.get("exp")
    if not is_number(exp) or not now < exp:
        raise ProtocolError("manifest.expired", "exp is missing or not after now")
    # Step 5: an allow-list; `domains` alone is not one.
    if not any(_nonempty_array(payload.get(k)) for k in ("members", "mh", "agentKeys")):
        raise ProtocolError("manifest.no-members", "no non-empty members, mh or agentKeys")
    # Step 6.
    check_shape(payload)
    return payload


def verify(tok, creator_jwk, room, now, mode=None):
    """[MAN-02] all six steps. `creator_jwk` is passed to TOK-06 step 1 whatever it is
    (absent/None gives token.bad-key)."""
    payload = token.verify(tok, creator_jwk)                 # step 1: token.* codes
    return verify_payload(payload, room, now, mode)


def admits(manifest, identity):
    """[MAN-06] Raises manifest.malformed for a manifest that fails MAN-02 step 6; that check
    comes first, before the empty-identity rule (AMBIGUITIES.md, ADM-admits-order)."""
    check_shape(manifest)
    # "The identity is not empty": the identity as given, before canonicalisation
    # (AMBIGUITIES.md, ADM-empty-identity).
    if identity == "":
        return False
    mh = manifest.get("mh")
    if _nonempty_array(mh):
        # Hash-only: the member hash over the manifest's own room (MAN-05); `members` unused.
        return member_hash(identity, manifest["room"]) in mh
    c = canonical(identity)
    return any(canonical(m) == c for m in manifest.get("members") or [])


def humans_open(manifest):
    """[MAN-08] after the MAN-02 step 6 check (manifest.malformed). `mh` is not looked at here;
    PRES-85 is the coordinator's own hardening."""
    check_shape(manifest)
    return (_nonempty_array(manifest.get("agentKeys"))
            and not _nonempty_array(manifest.get("members"))
            and not _nonempty_array(manifest.get("domains")))
