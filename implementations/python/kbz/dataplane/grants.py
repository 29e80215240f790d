"""The grants of a `caps` view (CONT-31), each read through the one grant sanitizer of GRANT-05
(MSG-38 defers to it).

[GRANT-05] `perceive` and `act`: the strings of the value's member that are capability names of
that kind, in their order, each only at its first occurrence (a member that is absent, null or
not an array gives the empty list, and so does a value that is not an object); `backend`, when a
non-empty string, its first 80 UTF-16 code units; `egress: true` when the value's `egress` is
JavaScript-truthy; `expiresAt` when it is a number greater than 0. Nothing else is kept. The
output follows GRANT-01's member order, with the capability names of 13.4. (MSG-38's own
rules, an `egress` only when `true`, gave way to GRANT-05: AMBIGUITIES.md D-caps-backend.)
"""

from .text16 import cut, is_num

PERCEIVE = ("see-screen", "hear-audio", "read-chat", "read-roster", "receive-directed",
            "read-media", "read-files")
ACT = ("send-chat", "speak", "act")


def _caps(v, known):
    # [GRANT-05] unknown strings and repeats dropped, first occurrence kept, order kept.
    if not isinstance(v, list):
        return []
    out = []
    for x in v:
        if isinstance(x, str) and x in known and x not in out:
            out.append(x)
    return out


def _truthy(v):
    """ECMAScript ToBoolean of a JSON value: false for null (and absent), false, 0 and ""."""
    if v is None or v is False:
        return False
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return v != 0
    if isinstance(v, str):
        return v != ""
    return True


def sanitize_grant(g):
    if not isinstance(g, dict):
        return {"perceive": [], "act": []}          # a value that is not an object
    out = {"perceive": _caps(g.get("perceive"), PERCEIVE), "act": _caps(g.get("act"), ACT)}
    b = g.get("backend")
    if isinstance(b, str) and b != "":
        out["backend"] = cut(b, 80)
    if _truthy(g.get("egress")):
        out["egress"] = True
    e = g.get("expiresAt")
    if is_num(e) and e > 0:
        out["expiresAt"] = e
    return out


def sanitize_grants(grants):
    """[CONT-31] An absent (or null) `grants` is empty; each member read by GRANT-05."""
    if grants is None:
        return {}
    return {k: sanitize_grant(v) for k, v in grants.items()}
