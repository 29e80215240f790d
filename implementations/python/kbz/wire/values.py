"""The BinaryPack value model (spec 11.3, "The values").

BinaryPack values are null, undefined, booleans, numbers (integers and floats), strings, bytes,
arrays and maps. In Python:

| BinaryPack | Python |
|---|---|
| null | `None` |
| undefined | `UNDEFINED` (a falsy singleton) |
| boolean | `True`, `False` |
| integer | `int` (never `bool`), exact, also beyond 2^53 ([WIRE-20]) |
| float | `float` (NaN, +-inf and -0.0 included, [WIRE-21]) |
| string | `str` |
| bytes | `bytes` (`bytearray` and `memoryview` are accepted when encoding) |
| array | `list` (or `tuple` when encoding) |
| map | `Map` (entries in order, keys of any type) or `dict` |

A `dict` stands for an ECMAScript object: string keys, written in ECMAScript own-property order
([WIRE-17]). A `Map` is a BinaryPack map exactly as it was read: its entries in wire order, keys
of any value, repeats kept ([WIRE-31] judges those). The decoder returns `Map`; `to_plain` turns
a checked value into dicts for code that reads frames by member name.

Whether a decoded number was written with an integer tag or a float tag is kept (int or float):
the canonical tagged form writes them differently ([WIRE-32], AMBIGUITIES.md W-int-float).
"""

import math


class _Undefined:
    """ECMAScript `undefined`: written as nil ([WIRE-10]), decoded from `c1` ([WIRE-24])."""

    __slots__ = ()
    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self):
        return False

    def __repr__(self):
        return "UNDEFINED"


UNDEFINED = _Undefined()


class Map:
    """A BinaryPack map: a list of (key, value) entries, in order; keys may be any value."""

    __slots__ = ("entries",)

    def __init__(self, entries=()):
        self.entries = list(entries)

    def __len__(self):
        return len(self.entries)

    def __repr__(self):
        return "Map(%r)" % (self.entries,)

    def __eq__(self, other):
        return isinstance(other, Map) and self.entries == other.entries

    def has_plain_keys(self):
        """Every key a string and no key twice (what [WIRE-18] asks of a sender and [WIRE-31]
        of a received message)."""
        seen = set()
        for k, _ in self.entries:
            if not isinstance(k, str) or k in seen:
                return False
            seen.add(k)
        return True

    def get(self, key, default=None):
        """The value of the string key `key` (the last entry wins; a checked map has one)."""
        found = default
        for k, v in self.entries:
            if isinstance(k, str) and k == key:
                found = v
        return found

    def __contains__(self, key):
        return any(isinstance(k, str) and k == key for k, _ in self.entries)


def is_int(v):
    """A BinaryPack integer as decoded or given: a Python int that is not a bool."""
    return isinstance(v, int) and not isinstance(v, bool)


def is_integral(v):
    """A number whose value is an integer, whichever tag carried it: an int, or a finite float
    with no fraction (1.0 and 1 are one ECMAScript number). -0.0 counts (its value is 0)."""
    if is_int(v):
        return True
    return isinstance(v, float) and math.isfinite(v) and v.is_integer()


def truthy(v):
    """ECMAScript truthiness (11.6): every value except null, undefined, false, 0, -0, NaN and
    the empty string. Bytes, arrays and maps are truthy even when empty."""
    if v is None or v is UNDEFINED or v is False:
        return False
    if v is True:
        return True
    if is_int(v):
        return v != 0
    if isinstance(v, float):
        return not (v == 0.0 or math.isnan(v))
    if isinstance(v, str):
        return v != ""
    return True


def has_plain_keys(v):
    """[WIRE-31] True when no map anywhere in `v` has a non-string key or a repeated key.
    Iterative: a decoded value is at most 65 levels deep, but a caller may pass anything."""
    stack = [v]
    while stack:
        x = stack.pop()
        if isinstance(x, Map):
            if not x.has_plain_keys():
                return False
            for k, val in x.entries:
                stack.append(k)
                stack.append(val)
        elif isinstance(x, dict):
            stack.extend(x.values())
        elif isinstance(x, (list, tuple)):
            stack.extend(x)
    return True


def to_plain(v):
    """A value whose maps all have distinct string keys (checked with `has_plain_keys`), with
    every `Map` turned into a `dict` in entry order. Other values are returned as they are."""
    if isinstance(v, Map):
        return {k: to_plain(x) for k, x in v.entries}
    if isinstance(v, dict):
        return {k: to_plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [to_plain(x) for x in v]
    return v
