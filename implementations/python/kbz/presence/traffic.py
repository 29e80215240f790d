"""How a coordinator answers announcements (spec 8.8 config member `traffic`, PRES-70, PRES-71).

- "upstream" (the default): every broadcast of PRES-15 to PRES-21 goes to the whole fan-out set.
- "lean": [PRES-70] (SHOULD) a `voice` after which the roster frame is equal as JSON to the one
  before it is answered on its own connection only (if that connection is in the fan-out set)
  and not reported.
- "batched": PRES-70 and [PRES-71] (MAY): every other broadcast (the beat aside) is reported,
  and the roster frame goes only to the connection whose frame caused it; the beat carries the
  change to everyone else.

The rules themselves are in coordinator.py (`_broadcast`, `_voice_broadcast`); this module holds
the mode names and the JSON equality PRES-70 compares rosters with.
"""

from ..jsonutil import is_number

TRAFFIC_MODES = ("upstream", "lean", "batched")


def json_equal(a, b):
    """[PRES-70] "equal as a JSON value (the order of members inside an object ignored, as
    10.3 compares)": deep equality where the order of an object's members does not count and
    the order of an array's elements (the roster's members) does (AMBIGUITIES.md, 0.2 entry
    Q-lean-equal). Types are distinct: Python's `True == 1` is handled explicitly; numbers
    compare by value (1 and 1.0 are one JSON number)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if is_number(a) and is_number(b):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b))
    if a is None or b is None:
        return a is b
    return type(a) is type(b) and a == b
