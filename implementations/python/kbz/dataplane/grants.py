"""The grants of a `caps` view (CONT-31), each sanitized by MSG-38.

[MSG-38] Drop capability strings the receiver does not know (never granting them) and
duplicates; keep at most the first 80 UTF-16 code units of `backend`; keep `egress` only when it
is `true`; keep `expiresAt` only when it is a number greater than 0.
[CONT-31] A member of `grants` that is not an object, and a `perceive` or `act` that is not an
array, confer nothing. The output follows GRANT-01's member order (perceive, act, backend,
egress, expiresAt), with the capability names of 13.5.
"""

from .text16 import cut, is_num

PERCEIVE = ("see-screen", "hear-audio", "read-chat", "read-roster", "receive-directed",
            "read-media", "read-files")
ACT = ("send-chat", "speak", "act")


def _caps(v, known):
    # [MSG-38] unknown strings and repeats dropped, first occurrence kept, order kept.
    if not isinstance(v, list):
        return []
    out = []
    for x in v:
        if isinstance(x, str) and x in known and x not in out:
            out.append(x)
    return out


def sanitize_grant(g):
    if not isinstance(g, dict):
        return {"perceive": [], "act": []}          # [CONT-31] confers nothing
    out = {"perceive": _caps(g.get("perceive"), PERCEIVE), "act": _caps(g.get("act"), ACT)}
    b = g.get("backend")
    # MSG-38 says only "at most the first 80"; GRANT-05 keeps a non-empty string only
    # (AMBIGUITIES.md D-caps-backend).
    if isinstance(b, str) and b != "":
        out["backend"] = cut(b, 80)
    if g.get("egress") is True:                     # [MSG-38] only the boolean true
        out["egress"] = True
    e = g.get("expiresAt")
    if is_num(e) and e > 0:
        out["expiresAt"] = e
    return out


def sanitize_grants(grants):
    """[CONT-31] An absent (or null) `grants` is empty."""
    if grants is None:
        return {}
    return {k: sanitize_grant(v) for k, v in grants.items()}
