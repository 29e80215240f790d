"""The `json` serialization of a PeerJS data connection (spec 11.2, 11.7).

    parse_json_message(text) -> value    what a receiver makes of a message's text ([WIRE-46])
    encode_json(value) -> bytes          what a sender puts on the channel ([WIRE-45])

JSON cannot carry bytes, so raw binary frames need a BinaryPack connection (11.7).
"""

import json
import math

from ..errors import ProtocolError
from ..jsonutil import stringify as _json_string
from .binarypack import object_key_order
from .chunking import CHUNKED_MTU
from .values import UNDEFINED, Map, is_int


def _reject_constant(name):
    raise ValueError("non-JSON constant " + name)


def parse_json_message(text):
    """JSON text as ECMAScript JSON.parse reads it ([CONV-16]): every number a binary64 value
    (a float here, so `-0` stays -0 and a JSON integer is not taken for a BinaryPack integer),
    the last of repeated members wins ([CONV-14]), NaN/Infinity literals refused. Raises
    ValueError (or RecursionError) for text that is not JSON."""
    return json.loads(text, parse_constant=_reject_constant, parse_int=float)


def encode_json(value):
    """[WIRE-45] The UTF-8 of the value's JSON text as ECMAScript JSON.stringify writes it
    (undefined members left out, undefined elements as null, NaN and +-inf as null, members in
    ECMAScript own-property order), refused when it is 16300 bytes or longer
    (`wire.json-too-large`). A value JSON.stringify would not write as JSON text (bytes, a
    top-level undefined, a map with non-string or repeated keys) is `wire.unencodable`."""
    if value is UNDEFINED:
        raise ProtocolError("wire.unencodable", "undefined has no JSON text")
    data = _stringify(value).encode("utf-8")
    if len(data) >= CHUNKED_MTU:
        raise ProtocolError("wire.json-too-large",
                            "a JSON message of %d bytes (PeerJS sends under 16300)" % len(data))
    return data


def _stringify(v):
    if v is None or v is UNDEFINED:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if is_int(v):
        if abs(v) <= 2 ** 53:
            return str(v)
        try:
            v = float(v)
        except OverflowError:
            return "null"
    if isinstance(v, float):
        return js_number(v) if math.isfinite(v) else "null"
    if isinstance(v, str):
        return _json_string(v)           # [CONV-15] escapes, lone surrogates as \udxxx
    if isinstance(v, (list, tuple)):
        return "[" + ",".join(_stringify(x) for x in v) + "]"
    if isinstance(v, Map):
        if not v.has_plain_keys():
            raise ProtocolError("wire.unencodable", "a JSON object has distinct string keys")
        v = dict(v.entries)
    if isinstance(v, dict):
        parts = []
        for k in object_key_order(v):
            x = v[k]
            if x is UNDEFINED:
                continue                 # JSON.stringify leaves undefined members out
            parts.append(_json_string(k) + ":" + _stringify(x))
        return "{" + ",".join(parts) + "}"
    raise ProtocolError("wire.unencodable", "%s has no JSON text" % type(v).__name__)


def js_number(x):
    """ECMAScript Number::toString of a finite binary64 value (for JSON.stringify)."""
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    r = repr(abs(float(x)))          # the shortest round-trip digits, as ECMAScript picks them
    mant, _, exp = r.partition("e")
    ip, _, fp = mant.partition(".")
    if fp == "0":
        fp = ""
    digits = (ip + fp).lstrip("0")
    point = len(ip) + (int(exp) if exp else 0)  # the decimal point sits after `point` digits
    point -= len(ip + fp) - len((ip + fp).lstrip("0"))
    digits = digits.rstrip("0") or "0"
    k, n = len(digits), point
    if k <= n <= 21:
        s = digits + "0" * (n - k)
    elif 0 < n <= 21:
        s = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        s = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        s = digits[0] + ("." + digits[1:] if k > 1 else "") + "e" + ("+" if e >= 0 else "-") \
            + str(abs(e))
    return sign + s
