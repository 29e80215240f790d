"""Signed invites (spec 12.2): a compact signed token (chapter 3) over {name, room, exp}.

[INV-01] a signer emits exactly name, room, exp in that order; exp an integer of seconds.
[INV-02] the name is trimmed (CONV-08) and an empty result is refused (invite.no-name).
[INV-03] a verifier checks, in order: the envelope (TOK-06 steps 1 to 7), room, exp, name.
[INV-04] no leeway: exp = now is expired.
[INV-05] a bearer credential: nothing binds it to a connection and nothing consumes it, so this
         module keeps no state at all.
"""

from . import token
from .errors import ProtocolError
from .jsonutil import is_number, stringify
from .text import trim


def sign(private_key, name, room, exp):
    """[INV-01], [INV-02] The caller has imported the key already (TOK-11, key.bad-jwk), so a bad
    key is reported before an empty name, the order of the op table."""
    name = trim(name)
    if name == "":
        raise ProtocolError("invite.no-name", "the trimmed name is empty")
    # [CONV-15] serialised as JSON.stringify would: members in the table's order, no whitespace,
    # non-ASCII as itself, minimal escapes.
    return token.sign(private_key, stringify({"name": name, "room": room, "exp": exp}))


def verify(tok, creator_jwk, room, now):
    """[INV-03] Returns the invite's name (as signed, untrimmed)."""
    payload = token.verify(tok, creator_jwk)                 # step 1: token.* codes
    # Step 2: room equals the room id as an exact string (a non-string never does).
    if not (isinstance(payload.get("room"), str) and payload["room"] == room):
        raise ProtocolError("invite.wrong-room", "the invite is for another room")
    # Step 3 [INV-04], [CONV-03]: exp is a number (a boolean is not) and now < exp, compared
    # numerically, fractions included; no leeway.
    exp = payload.get("exp")
    if not is_number(exp) or not now < exp:
        raise ProtocolError("invite.expired", "exp is missing or not after now")
    # Step 4: a non-empty string (upstream's "any truthy value" is not followed: 12.2).
    name = payload.get("name")
    if not (isinstance(name, str) and name != ""):
        raise ProtocolError("invite.no-name", "the invite has no name")
    return name
