"""JSON parsing and serialisation with ECMAScript semantics (spec 1.8).

Python's json module differs from ECMAScript JSON.parse / JSON.stringify in ways that matter here:
it accepts NaN/Infinity/-Infinity literals (JSON.parse does not), reads integers exactly rather
than as binary64, escapes non-ASCII by default, and adds whitespace after separators. Python's
bool is a subclass of int, so `True == 1` and isinstance(True, int) both hold; every type test
below excludes bool explicitly.
"""

import json
import math
import re

from .errors import ProtocolError


def _reject_constant(name):
    # JSON.parse has no NaN / Infinity literals; Python's json accepts them unless told not to.
    raise ValueError("non-JSON constant " + name)


def _binary64_int(digits):
    """[CONV-16] An integer literal read as an IEEE 754 binary64 value, as JSON.parse reads it:
    9007199254740993 becomes 9007199254740992, and a literal beyond the double range becomes
    infinity. A finite value is kept as a Python int (exactly the double's value) so that it is
    echoed without a fraction; arithmetic on times is done in floats (hostcmd, idtoken)."""
    f = float(digits)
    return int(f) if math.isfinite(f) else f


def parse_text(text):
    """Parse JSON text as ECMAScript JSON.parse does.

    [CONV-16] RFC 8259 JSON only. Apart from the NaN/Infinity literals rejected here, CPython's
    parser already refuses what JSON.parse refuses (comments, trailing commas, content after the
    value, leading zeros, raw control characters, a leading U+FEFF) and accepts what it accepts
    (lone-surrogate escapes, numbers beyond the double range). Numbers are binary64 values.
    [CONV-14] Duplicate member names: the last occurrence wins. Python's dict construction from
    object_pairs also keeps the last value (at the first key's position, as JSON.parse does).
    Raises ValueError on anything that is not JSON.
    """
    return json.loads(text, parse_constant=_reject_constant, parse_int=_binary64_int)


def parse_utf8_json(data, code):
    """Decode bytes as UTF-8 JSON (CONV-16), raising ProtocolError(code) on failure.

    [CONV-13] (SHOULD, implemented; TOK-06 step 6 and IDT-02 now cite it) reject bytes that are
    not valid UTF-8 or that start with a byte-order mark, rather than replacing/dropping them as
    upstream's decoder does.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        raise ProtocolError(code, "body begins with a byte-order mark")
    try:
        text = data.decode("utf-8", "strict")
    except UnicodeDecodeError:
        raise ProtocolError(code, "body is not valid UTF-8")
    try:
        return parse_text(text)
    except (ValueError, RecursionError):
        raise ProtocolError(code, "body is not JSON")


def is_number(x):
    """A JSON number: int or float, never bool (True == 1 in Python, but not in JSON) [CONV-03]."""
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def is_integer(x):
    """A JSON number with an integral value (1 and 1.0 are the same JSON number)."""
    return is_number(x) and (isinstance(x, int) or x.is_integer())


def stringify(value):
    """[CONV-15] Serialise like ECMAScript JSON.stringify: no insignificant whitespace, non-ASCII
    written as itself, only `"`, `\\` and U+0000..U+001F escaped (Python uses the short escapes
    \\b \\t \\n \\f \\r and lower-case \\u00xx for the rest, matching JSON.stringify).

    Integral floats are written without a fraction ("1700000000", not "1700000000.0"), as
    JSON.stringify writes every number with an integral value. Signed payloads hold only
    integers of magnitude below 2^53 [CONV-16], so no other number format is needed.
    """
    text = json.dumps(_normalise_numbers(value), separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False)
    # [CONV-15] A lone surrogate can only occur inside a string literal here; it is written as a
    # lower-case \udxxx escape (as JSON.stringify does). With ensure_ascii=False Python would
    # emit the raw surrogate, which has no UTF-8 encoding.
    return _LONE_SURROGATE.sub(lambda m: "\\u%04x" % ord(m.group()), text)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _normalise_numbers(v):
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, dict):
        return {k: _normalise_numbers(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_normalise_numbers(x) for x in v]
    return v
