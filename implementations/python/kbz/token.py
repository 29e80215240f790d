"""The compact signed token (spec chapter 3).

    body      = B64U(UTF-8(J))
    signature = ECDSA-P256-SHA256(key, ASCII(body))
    token     = body "." B64U(signature)
"""

from . import b64u, ec
from .errors import ProtocolError
from .jsonutil import parse_utf8_json
from .text import utf8


def sign(private_key, payload_json):
    """[TOK-01]..[TOK-03] Sign exactly the given text [CONV-12].

    The body is the base64url of the UTF-8 (CONV-01) of the text as given: it is neither
    validated nor re-serialised (10.4 `token.sign`).
    """
    body = b64u.encode(utf8(payload_json))                      # [TOK-01], [CONV-04]
    sig = ec.sign_raw(private_key, body.encode("ascii"))      # [TOK-02] over the body TEXT
    return body + "." + b64u.encode(sig)                      # [TOK-03] raw r||s


def verify_with_key(token, public_key):
    """[TOK-06] steps 2 to 7 with an already-imported key. Returns the payload object.

    Chapter 4 reuses this for HCMD-08 step 5, after its own key checks.
    """
    # Step 2 [TOK-06]/[TOK-07]: the token is a string, and splitting it at its FIRST "." gives a
    # non-empty body and a non-empty signature part (so ".abc.def" is malformed). A token of
    # another JSON type fails this step, not the adapter's shape check [ADP-08].
    if not isinstance(token, str):
        raise ProtocolError("token.malformed", "the token is not a string")
    dot = token.find(".")
    if dot <= 0 or dot == len(token) - 1:
        raise ProtocolError("token.malformed", "not <body>.<signature>")
    body_text, sig_text = token[:dot], token[dot + 1:]
    # Step 3: both parts decode as strict base64url [CONV-05..07]; a second "." lands in the
    # signature part and fails here [TOK-07].
    try:
        body = b64u.decode(body_text)
        sig = b64u.decode(sig_text)
    except ProtocolError as e:
        raise ProtocolError("token.bad-encoding", e.message)
    # Step 4 [TOK-03]: exactly 64 bytes (a DER signature is 70-72 bytes and fails here).
    if len(sig) != 64:
        raise ProtocolError("token.bad-signature", "signature is %d bytes, not 64" % len(sig))
    # Step 5 [TOK-02]/[TOK-08]: over the ASCII of the body text exactly as received [CONV-12],
    # with 1 <= r, s < n. body_text decoded as base64url, so it is ASCII.
    if not ec.verify_raw(public_key, sig, body_text.encode("ascii")):
        raise ProtocolError("token.bad-signature", "signature does not verify")
    # Steps 6-7 [TOK-09]: only now is the payload looked at. Step 6: JSON (CONV-16) in UTF-8;
    # invalid UTF-8 and a byte-order mark are rejected too (the SHOULD of CONV-13).
    payload = parse_utf8_json(body, "token.bad-payload")      # [CONV-13], [CONV-14], [CONV-16]
    if not isinstance(payload, dict):
        raise ProtocolError("token.bad-payload", "payload is not a JSON object")  # [TOK-01]
    return payload


def verify(token, public_jwk):
    """[TOK-06] all seven steps, in order."""
    try:
        key = ec.public_key_from_jwk(public_jwk)               # step 1 [TOK-05]
    except ec.BadKey as e:
        raise ProtocolError("token.bad-key", str(e))
    return verify_with_key(token, key)
