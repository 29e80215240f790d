"""The two base64 readers of the data plane. Both are STANDARD base64 (`+` and `/`), not the
base64url of chapter 1.

- [CONT-15] an `img`'s `data` must match `^[A-Za-z0-9+/]+={0,2}$`; it is checked, never decoded.
- [XFER-08] an `xchunk`'s `data` is decoded as the WHATWG forgiving-base64 decode: the alphabet
  `A-Z a-z 0-9 + /`, at most two `=` at the end, padding optional, undecodable when its length
  without padding is 1 modulo 4 or when `=` appears elsewhere; unused trailing bits ignored.
  Where the summary and the named algorithm differ (padding that does not complete the last
  group, ASCII whitespace), see AMBIGUITIES.md D-chunk-base64.
"""

import re

_IMG = re.compile(r"[A-Za-z0-9+/]+={0,2}")
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_VALUE = {c: i for i, c in enumerate(_ALPHABET)}


def is_image_base64(s):
    """[CONT-15] `^[A-Za-z0-9+/]+={0,2}$` as an ECMAScript pattern: `$` is the end of input
    (Python's `$` would also match before a final newline, so fullmatch is used)."""
    return _IMG.fullmatch(s) is not None


def forgiving_decode(s):
    """[XFER-08] The WHATWG forgiving-base64 decode, or None when the text does not decode.

    WHATWG order: when the length is a multiple of 4, remove one or two trailing `=`; then a
    length of 1 modulo 4 fails, and so does any character outside the alphabet (an `=` left
    anywhere included). The remaining bits are read 6 at a time; leftover bits (4 or 2) are
    discarded whatever their value. ASCII whitespace is NOT removed first: XFER-08 lists the
    alphabet without it (AMBIGUITIES.md D-chunk-base64)."""
    if len(s) % 4 == 0:
        if s.endswith("=="):
            s = s[:-2]
        elif s.endswith("="):
            s = s[:-1]
    if len(s) % 4 == 1:
        return None
    out = bytearray()
    acc, bits = 0, 0
    for ch in s:
        v = _VALUE.get(ch)
        if v is None:
            return None
        acc = (acc << 6) | v
        bits += 6
        if bits >= 8:
            bits -= 8
            out.append((acc >> bits) & 0xFF)
            acc &= (1 << bits) - 1
    return bytes(out)
