"""From a BinaryPack message to the JSON value a presence machine reads (spec 8.7, 11.3).

[PRES-54] "The machines of this chapter see frames as JSON values"; the presence connection
carries them as BinaryPack ([MSG-18]), whose values are wider than JSON's (undefined, bytes,
NaN and the infinities). The receive path maps a decoded message (`kbz.wire.to_plain` form) to
JSON as follows (AMBIGUITIES.md L-json-boundary):

- [WIRE-24] a member whose value is undefined is read like an absent one ([MSG-06]): left out;
  an undefined array element becomes null (what JSON.stringify writes for it);
- bytes, NaN and +-infinity have no JSON form: the whole message is dropped (no presence frame
  holds them; a coordinator that kept one in a member's `meta` could never encode its roster
  again, [WIRE-13]);
- a message nested deeper than `max_depth` is dropped. A coordinator passes 62: the roster
  frame puts a member's `meta` two levels deeper than the `voice` frame carried it (members
  array, member map), and a roster nested deeper than 64 could not be sent ([WIRE-27]).

Nothing here raises on any decoded value ([MSG-07]); decoded values are at most 65 levels deep
([WIRE-27]), so the recursion is bounded.
"""

import math

from ..wire.values import UNDEFINED


class NotJson(ValueError):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


def to_json(value, max_depth=64):
    """The JSON value of a decoded message, or NotJson with a `live.*` code."""
    return _conv(value, 0, max_depth)


def _conv(v, depth, max_depth):
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        if not math.isfinite(v):
            raise NotJson("live.not-json")
        return v
    if isinstance(v, dict):
        if depth >= max_depth:
            raise NotJson("live.too-deep")
        return {k: _conv(x, depth + 1, max_depth) for k, x in v.items() if x is not UNDEFINED}
    if isinstance(v, list):
        if depth >= max_depth:
            raise NotJson("live.too-deep")
        return [None if x is UNDEFINED else _conv(x, depth + 1, max_depth) for x in v]
    if v is UNDEFINED:
        return None            # a whole message that is undefined: read as null
    raise NotJson("live.not-json")     # bytes, or anything else
