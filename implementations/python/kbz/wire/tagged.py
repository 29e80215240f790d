"""The tagged JSON form of BinaryPack values (spec 11.4), used by the adapter ops and vectors only;
it is never on the wire.

    from_tagged(json_value) -> value      every value in the form ([WIRE-32]); input.invalid
    to_tagged(value) -> json_value        the canonical form ([WIRE-32])

| JSON | value |
|---|---|
| null, true, false, a string, an array | the same (elements in the form) |
| a number | the binary64 value JSON.parse reads (the adapter's parser, CONV-16) |
| {"$bytes": "0aff"} | bytes |
| {"$undefined": true} | undefined |
| {"$num": "NaN" / "Infinity" / "-Infinity" / "-0"} | those floats |
| {"$int": "-9223372036854775808"} | that integer, exactly |
| {"$map": [[key, value], ...]} | a Map with those entries, in that order |
| any other object | a dict (an object: string keys, written in [WIRE-17] order) |

An object with exactly one member, whose name starts with `$` and is none of the five, is not in
the form (AMBIGUITIES.md W-dollar-object).
"""

import math
import re

from ..errors import InputInvalid
from .values import UNDEFINED, Map, is_int

_SAFE = 2 ** 53 - 1
# Hex digits, checked with a simple class (a grouped `(?:..{2})*` pattern takes seconds on the
# 16 MB of an 8 MB message); the even length is checked apart.
_HEX = re.compile(r"[0-9a-fA-F]*")
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_NUMS = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf, "-0": -0.0}

# An $int of more digits than any encodable integer (2^64 - 1 has 20) is kept as this stand-in,
# far outside the encodable range, so that encoding refuses it (wire.unencodable) without
# converting a huge decimal string (CPython 3.11 refuses int() of more than 4300 digits).
_HUGE = 2 ** 80


def _int_value(text):
    digits = text.lstrip("-")
    if len(digits) > 40:
        return -_HUGE if text.startswith("-") else _HUGE
    return int(text)


def _tagged_one(node):
    """The value of a one-member object whose name starts with `$`, or InputInvalid."""
    (name, arg), = node.items()
    if name == "$bytes":
        if not isinstance(arg, str) or len(arg) % 2 or _HEX.fullmatch(arg) is None:
            raise InputInvalid("$bytes must be hexadecimal, two digits per byte")
        return bytes.fromhex(arg), None
    if name == "$undefined":
        if arg is not True:
            raise InputInvalid("$undefined must be true")
        return UNDEFINED, None
    if name == "$num":
        if not isinstance(arg, str) or arg not in _NUMS:
            raise InputInvalid("$num must be NaN, Infinity, -Infinity or -0")
        return _NUMS[arg], None
    if name == "$int":
        if not isinstance(arg, str) or _INT.fullmatch(arg) is None:
            raise InputInvalid("$int must be a decimal integer -?(0|[1-9][0-9]*)")
        return _int_value(arg), None
    if name == "$map":
        if not isinstance(arg, list):
            raise InputInvalid("$map must be an array of [key, value] pairs")
        for e in arg:
            if not isinstance(e, list) or len(e) != 2:
                raise InputInvalid("each $map entry must be a [key, value] pair")
        return Map([None, None] for _ in arg), arg
    raise InputInvalid("%s is not a member name of the tagged form (11.4)" % name)


def from_tagged(j):
    """[WIRE-32] Read a JSON value in the tagged form. Iterative, so an input nested as deep as
    the adapter can parse is still judged (input.invalid is checked before any protocol step,
    ADP-08; depth is the encoder's business, wire.too-deep)."""
    root = [None]
    stack = [(j, root, 0)]
    while stack:
        node, parent, slot = stack.pop()
        if node is None or isinstance(node, (bool, str, int, float)):
            val = node                      # numbers: the binary64 value the parser read
        elif isinstance(node, list):
            val = [None] * len(node)
            for i, x in enumerate(node):
                stack.append((x, val, i))
        elif isinstance(node, dict):
            if len(node) == 1 and next(iter(node)).startswith("$"):
                val, pairs = _tagged_one(node)
                if pairs is not None:       # $map: its keys and values are in the form too
                    for i, (k, x) in enumerate(pairs):
                        entry = [None, None]
                        val.entries[i] = entry
                        stack.append((k, entry, 0))
                        stack.append((x, entry, 1))
            else:
                val = dict.fromkeys(node)
                for k, x in node.items():
                    stack.append((x, val, k))
        else:
            raise InputInvalid("not a JSON value")
        parent[slot] = val
    _freeze_maps(root[0])
    return root[0]


def _freeze_maps(v):
    # $map entries were filled as 2-lists; make them (key, value) tuples.
    stack = [v]
    while stack:
        x = stack.pop()
        if isinstance(x, Map):
            x.entries = [tuple(e) for e in x.entries]
            for k, val in x.entries:
                stack.append(k)
                stack.append(val)
        elif isinstance(x, dict):
            stack.extend(x.values())
        elif isinstance(x, list):
            stack.extend(x)


def to_tagged(v):
    """[WIRE-32] The canonical tagged form: null, booleans, strings and arrays as JSON; an
    integer of magnitude at most 2^53 - 1 as a number, any other integer as $int; a float as a
    number unless NaN, +-inf or -0 ($num); bytes as lower-case $bytes; undefined as $undefined;
    a map as an object when its keys are distinct strings and it is not a single-member map whose
    key starts with `$`, else as $map."""
    if v is None or v is True or v is False or isinstance(v, str):
        return v
    if v is UNDEFINED:
        return {"$undefined": True}
    if is_int(v):
        return v if -_SAFE <= v <= _SAFE else {"$int": str(v)}
    if isinstance(v, float):
        if math.isnan(v):
            return {"$num": "NaN"}
        if math.isinf(v):
            return {"$num": "Infinity" if v > 0 else "-Infinity"}
        if v == 0.0 and math.copysign(1.0, v) < 0:
            return {"$num": "-0"}
        # A float stays a number, integral or not (AMBIGUITIES.md W-int-float).
        return v
    if isinstance(v, (bytes, bytearray, memoryview)):
        return {"$bytes": bytes(v).hex()}
    if isinstance(v, (list, tuple)):
        out = []
        for x in v:
            out.append(to_tagged(x))
        return out
    if isinstance(v, Map):
        entries = v.entries
        plain = v.has_plain_keys()
    elif isinstance(v, dict):
        entries = list(v.items())
        plain = all(isinstance(k, str) for k in v)
    else:
        raise TypeError("%s is not a BinaryPack value" % type(v).__name__)
    if plain and not (len(entries) == 1 and entries[0][0].startswith("$")):
        out = {}
        for k, x in entries:
            out[k] = to_tagged(x)
        return out
    pairs = []
    for k, x in entries:
        pairs.append([to_tagged(k), to_tagged(x)])
    return {"$map": pairs}
