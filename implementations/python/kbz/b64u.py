"""base64url encoding and a strict decoder (spec 1.5).

[CONV-04] encoders emit no `=` padding.
[CONV-05] decoders accept unpadded text, and the same text followed by exactly the `=` characters
          that complete its last four-character group. The empty string is valid and decodes
          to zero bytes (IDT-02 relies on this for an empty signature part).
[CONV-06] text whose unpadded length is 1 modulo 4 is rejected.
[CONV-07] (SHOULD, implemented) reject characters outside the URL-safe alphabet, `=` anywhere but
          as final padding, excess padding, and non-zero unused low bits in the final character.

Python's base64.urlsafe_b64decode is deliberately NOT used for validation: it silently discards
characters outside the alphabet and ignores non-zero trailing bits, both of which CONV-07 rejects.
"""

import base64

from .errors import ProtocolError

_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_VALUE = {c: i for i, c in enumerate(_ALPHABET)}

BAD_BASE64URL = "encoding.bad-base64url"


def encode(data):
    """[CONV-04] Unpadded base64url of a byte string."""
    return base64.urlsafe_b64encode(bytes(data)).decode("ascii").rstrip("=")


def decode(text):
    """Decode base64url text strictly; raise ProtocolError(encoding.bad-base64url) otherwise.

    Callers that need a chapter-specific code (token.bad-encoding, idtoken.malformed, ...) catch
    the ProtocolError and re-raise with their own code.
    """
    if not isinstance(text, str):
        raise ProtocolError(BAD_BASE64URL, "not a string")
    # [CONV-05] Split off trailing padding; `=` anywhere else is rejected by the alphabet check.
    core = text.rstrip("=")
    pad = len(text) - len(core)
    rem = len(core) % 4
    # [CONV-06] No byte string encodes to a length of 1 mod 4.
    if rem == 1:
        raise ProtocolError(BAD_BASE64URL, "length is 1 modulo 4")
    # [CONV-05]/[CONV-07] Padding is allowed only when it completes the last group exactly:
    # 2 leftover chars take "==", 3 take "=", a full group takes none.
    if pad:
        needed = (4 - rem) % 4
        if pad != needed:
            raise ProtocolError(BAD_BASE64URL, "padding does not complete the last group")
    # [CONV-07] Only the URL-safe alphabet (no `+`, `/`, whitespace, or interior `=`).
    for ch in core:
        if ch not in _VALUE:
            raise ProtocolError(BAD_BASE64URL, "character outside the base64url alphabet")
    # [CONV-07] The final character's unused low bits must be zero (canonical encoding):
    # 2 leftover chars encode 1 byte (4 unused bits), 3 leftover chars encode 2 bytes (2 unused).
    if rem == 2 and _VALUE[core[-1]] & 0x0F:
        raise ProtocolError(BAD_BASE64URL, "non-zero unused bits")
    if rem == 3 and _VALUE[core[-1]] & 0x03:
        raise ProtocolError(BAD_BASE64URL, "non-zero unused bits")
    return base64.urlsafe_b64decode(core + "=" * ((4 - rem) % 4))
