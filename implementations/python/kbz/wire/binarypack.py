"""BinaryPack, the default serialization of a PeerJS data connection (spec 11.3, 11.5).

Written from the tag table of 11.3 alone. BinaryPack is NOT MessagePack: `a0`-`af` are bytes
(fixraw) and only `b0`-`bf` are strings (so a fixstr holds at most 15 bytes), `d8`/`d9` are
str16/str32 and `da`/`db` raw16/raw32, `c1` is undefined, and MessagePack's bin/ext tags
`c4`-`c9` and `d4`-`d7` are unassigned. Every multi-byte field is big-endian.

    encode(value) -> bytes        [WIRE-09]..[WIRE-17]; wire.unencodable, wire.too-deep
    decode(data)  -> value        [WIRE-19]..[WIRE-30]; the first fault in reading order

Values are those of `values.py`. Both directions recurse once per nesting level and stop at
depth 65 ([WIRE-26], [WIRE-27]), so neither can exhaust the stack ([MSG-07]).
"""

import math
import struct

from ..errors import ProtocolError
from .values import UNDEFINED, Map

MAX_DEPTH = 64                       # [WIRE-26] accepted; depth 65 or more is wire.too-deep

_INT64_MIN = -(2 ** 63)
_UINT64_MAX = 2 ** 64 - 1


def _fault(code, message):
    return ProtocolError(code, message)


# ---- encoding ----------------------------------------------------------------------------

def encode(value):
    """[WIRE-09] The BinaryPack bytes of one value: exactly one value, nothing before or after.
    Raises ProtocolError `wire.unencodable` ([WIRE-13]) or `wire.too-deep` ([WIRE-27]) for the
    first fault met walking the value depth first, members and elements in writing order
    (AMBIGUITIES.md W-encode-order)."""
    out = bytearray()
    _enc(value, out, 0)
    return bytes(out)


def _enc(v, out, depth):
    # [WIRE-26]/[WIRE-27] depth = the number of arrays and maps enclosing v. A sender SHOULD NOT
    # nest deeper than 64; the value at depth 65 is refused before it is looked at.
    if depth > MAX_DEPTH:
        raise _fault("wire.too-deep", "a value is nested more than 64 levels deep")
    if v is None or v is UNDEFINED:
        out.append(0xC0)                                 # [WIRE-10] null and undefined: nil
    elif v is True:
        out.append(0xC3)                                 # [WIRE-10]
    elif v is False:
        out.append(0xC2)
    elif isinstance(v, int):
        _enc_int(v, out)
    elif isinstance(v, float):
        if not math.isfinite(v):
            # [WIRE-13] NaN and +-inf are refused (upstream writes NaN as a float that reads back
            # as 2^-1023 and throws on infinities).
            raise _fault("wire.unencodable", "NaN or an infinity cannot be encoded")
        if v.is_integer():
            # [WIRE-11] a number whose value is an integer (-0 included, and every binary64 of
            # magnitude 2^52 or more) takes an integer form; -0.0 becomes 0, written 00.
            _enc_int(int(v), out)
        else:
            out.append(0xCB)                             # [WIRE-12] binary64, exactly
            out += struct.pack(">d", v)
    elif isinstance(v, str):
        _enc_str(v, out)
    elif isinstance(v, (bytes, bytearray, memoryview)):
        b = bytes(v)                                     # [WIRE-15] the bytes, in memory order
        _header(out, len(b), 0xA0, 0xDA, 0xDB)
        out += b
    elif isinstance(v, (list, tuple)):
        _header(out, len(v), 0x90, 0xDC, 0xDD)           # [WIRE-16]
        for x in v:                                      # an undefined element is c0
            _enc(x, out, depth + 1)
    elif isinstance(v, Map):
        _header(out, len(v.entries), 0x80, 0xDE, 0xDF)   # [WIRE-17] entries as given
        for k, x in v.entries:
            _enc(k, out, depth + 1)
            _enc(x, out, depth + 1)
    elif isinstance(v, dict):
        keys = object_key_order(v)
        _header(out, len(keys), 0x80, 0xDE, 0xDF)        # [WIRE-17]
        for k in keys:
            _enc(k, out, depth + 1)
            _enc(v[k], out, depth + 1)                   # an undefined member is written (c0)
    else:
        # Not a BinaryPack value (11.3): a programming error of the caller, refused rather than
        # guessed (upstream throws on the JavaScript values it cannot encode).
        raise _fault("wire.unencodable", "%s is not a BinaryPack value" % type(v).__name__)


def _enc_int(n, out):
    """[WIRE-11] The first form whose range holds n, in the order the requirement lists them."""
    if -32 <= n <= 127:
        out.append(n & 0xFF)                             # positive or negative fixint
    elif 0 <= n <= 0xFF:
        out += b"\xcc" + struct.pack(">B", n)
    elif -128 <= n <= 127:
        out += b"\xd0" + struct.pack(">b", n)
    elif 0 <= n <= 0xFFFF:
        out += b"\xcd" + struct.pack(">H", n)
    elif -32768 <= n <= 32767:
        out += b"\xd1" + struct.pack(">h", n)
    elif 0 <= n <= 0xFFFFFFFF:
        out += b"\xce" + struct.pack(">I", n)
    elif -(2 ** 31) <= n <= 2 ** 31 - 1:
        out += b"\xd2" + struct.pack(">i", n)
    elif _INT64_MIN <= n <= 2 ** 63 - 1:
        out += b"\xd3" + struct.pack(">q", n)            # e.g. a millisecond timestamp
    elif 2 ** 63 <= n <= _UINT64_MAX:
        out += b"\xcf" + struct.pack(">Q", n)            # 2^63 is cf 80 00 .. (not upstream's d3)
    else:
        raise _fault("wire.unencodable",                 # [WIRE-13]
                     "an integer outside -2^63 to 2^64 - 1 cannot be encoded")


def _enc_str(s, out):
    """[WIRE-14] UTF-8 of the code points, each unpaired surrogate as U+FFFD (ef bf bd), as the
    WHATWG encoder writes it; fixstr up to 15 bytes, else str16, else str32."""
    try:
        b = s.encode("utf-8")
    except UnicodeEncodeError:
        b = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in s).encode("utf-8")
    n = len(b)
    if n <= 15:
        out.append(0xB0 + n)
    elif n <= 0xFFFF:
        out += b"\xd8" + struct.pack(">H", n)
    else:
        out += b"\xd9" + struct.pack(">I", n)
    out += b


def _header(out, n, fix, tag16, tag32):
    """Fix form for 0 to 15, else a 2-byte length, else a 4-byte one ([WIRE-15]..[WIRE-17])."""
    if n <= 15:
        out.append(fix + n)
    elif n <= 0xFFFF:
        out.append(tag16)
        out += struct.pack(">H", n)
    elif n <= 0xFFFFFFFF:
        out.append(tag32)
        out += struct.pack(">I", n)
    else:
        raise _fault("wire.unencodable", "more than 2^32 - 1 elements or bytes")


def _is_array_index(k):
    # The canonical decimal form of an integer from 0 to 2^32 - 2 (an ECMAScript array index).
    if not k or len(k) > 10 or not k.isascii() or not k.isdigit():
        return False
    if len(k) > 1 and k[0] == "0":
        return False
    return int(k) <= 2 ** 32 - 2


def object_key_order(obj):
    """[WIRE-17] ECMAScript own-property order of a dict standing for an object: the keys that
    are array indices in ascending numeric order, then the others in insertion order."""
    keys = list(obj)
    idx = [k for k in keys if isinstance(k, str) and _is_array_index(k)]
    if not idx:
        return keys
    rest = [k for k in keys if not (isinstance(k, str) and _is_array_index(k))]
    return sorted(idx, key=int) + rest


# ---- decoding ----------------------------------------------------------------------------

_FIXED = {   # tag: (width, struct format) of the fixed-width numbers
    0xCA: (4, ">f"), 0xCB: (8, ">d"),
    0xCC: (1, ">B"), 0xCD: (2, ">H"), 0xCE: (4, ">I"), 0xCF: (8, ">Q"),
    0xD0: (1, ">b"), 0xD1: (2, ">h"), 0xD2: (4, ">i"), 0xD3: (8, ">q"),
}
_UNASSIGNED = frozenset(list(range(0xC4, 0xCA)) + list(range(0xD4, 0xD8)))


def decode(data):
    """[WIRE-19]..[WIRE-30] The value of one message. Raises ProtocolError with the code of the
    first fault in reading order ([WIRE-30]): `wire.truncated`, `wire.unknown-tag`,
    `wire.bad-utf8`, `wire.too-deep`, and `wire.trailing-bytes` once the value is read."""
    r = _Reader(bytes(data))
    v = r.value(0)
    if r.pos != len(r.data):
        raise _fault("wire.trailing-bytes",                # [WIRE-29] checked last
                     "%d bytes follow the value" % (len(r.data) - r.pos))
    return v


class _Reader:
    __slots__ = ("data", "pos")

    def __init__(self, data):
        self.data = data
        self.pos = 0

    def take(self, n, what):
        # [WIRE-25] a field, string or bytes that the remaining bytes do not hold.
        end = self.pos + n
        if end > len(self.data):
            raise _fault("wire.truncated", "the input ends inside %s" % what)
        b = self.data[self.pos:end]
        self.pos = end
        return b

    def length(self, width, what):
        return int.from_bytes(self.take(width, what + " length"), "big")

    def count(self, n, per, what):
        # [WIRE-25] the count is checked against the bytes that remain BEFORE any element is
        # read or allocated: an element takes at least one byte, an entry two. This is what
        # stops `dd ff ff ff ff` (see 11's Security Considerations).
        if n * per > len(self.data) - self.pos:
            raise _fault("wire.truncated", "%s count %d exceeds the remaining bytes" % (what, n))
        return n

    def value(self, depth):
        # [WIRE-30] a value at depth 65 fails before its tag is read.
        if depth > MAX_DEPTH:
            raise _fault("wire.too-deep", "a value is nested 65 or more levels deep")
        if self.pos >= len(self.data):
            raise _fault("wire.truncated", "the input ends where a tag was expected")
        tag = self.data[self.pos]
        self.pos += 1
        if tag <= 0x7F:
            return tag                                          # positive fixint
        if tag >= 0xE0:
            return tag - 256                                    # negative fixint
        if tag <= 0x8F:
            return self.map(self.count(tag - 0x80, 2, "map"), depth)
        if tag <= 0x9F:
            return self.array(self.count(tag - 0x90, 1, "array"), depth)
        if tag <= 0xAF:
            return self.take(tag - 0xA0, "bytes")               # fixraw: bytes, not a string
        if tag <= 0xBF:
            return self.string(tag - 0xB0)                      # fixstr
        if tag == 0xC0:
            return None
        if tag == 0xC1:
            return UNDEFINED                                    # [WIRE-24]
        if tag == 0xC2:
            return False
        if tag == 0xC3:
            return True
        if tag in _UNASSIGNED:
            # [WIRE-28] never MessagePack's bin/ext meaning.
            raise _fault("wire.unknown-tag", "tag %02x is not assigned in BinaryPack" % tag)
        if tag in _FIXED:
            width, fmt = _FIXED[tag]
            (x,) = struct.unpack(fmt, self.take(width, "a number"))
            # [WIRE-20] integers exactly (Python ints have no 2^53 limit); [WIRE-21] ca/cb as
            # IEEE 754, float32 widened exactly, every NaN pattern NaN, +-0, subnormals, +-inf.
            return x
        if tag == 0xD8:
            return self.string(self.length(2, "a str16"))
        if tag == 0xD9:
            return self.string(self.length(4, "a str32"))
        if tag == 0xDA:
            return self.take(self.length(2, "a raw16"), "bytes")
        if tag == 0xDB:
            return self.take(self.length(4, "a raw32"), "bytes")
        if tag == 0xDC:
            return self.array(self.count(self.length(2, "an array16"), 1, "array"), depth)
        if tag == 0xDD:
            return self.array(self.count(self.length(4, "an array32"), 1, "array"), depth)
        if tag == 0xDE:
            return self.map(self.count(self.length(2, "a map16"), 2, "map"), depth)
        # tag == 0xDF
        return self.map(self.count(self.length(4, "a map32"), 2, "map"), depth)

    def string(self, n):
        b = self.take(n, "a string")
        try:
            # [WIRE-22] exactly the code points; [WIRE-23] Python's strict decoder refuses stray
            # continuation bytes, cut sequences, overlong forms, encoded surrogates and code
            # points above U+10FFFF, the five faults the requirement lists.
            return b.decode("utf-8", "strict")
        except UnicodeDecodeError:
            raise _fault("wire.bad-utf8", "a string is not valid UTF-8")

    def array(self, n, depth):
        out = []
        for _ in range(n):
            out.append(self.value(depth + 1))
        return out

    def map(self, n, depth):
        entries = []
        for _ in range(n):
            k = self.value(depth + 1)         # a key is a value inside the map: depth + 1
            entries.append((k, self.value(depth + 1)))
        return Map(entries)
