"""JSON value equality as JSON means it (not as Python's ==, where True == 1 == 1.0)."""

from .text16 import is_num


def json_equal(a, b):
    """Deep equality of two JSON values; object member order is ignored, array order is not.
    Iterative, so any nesting depth is compared [MSG-07]."""
    stack = [(a, b)]
    while stack:
        x, y = stack.pop()
        if isinstance(x, bool) or isinstance(y, bool):
            if not (isinstance(x, bool) and isinstance(y, bool) and x == y):
                return False
        elif is_num(x) or is_num(y):
            if not (is_num(x) and is_num(y) and x == y):
                return False
        elif isinstance(x, str) or isinstance(y, str):
            if not (isinstance(x, str) and isinstance(y, str) and x == y):
                return False
        elif x is None or y is None:
            if not (x is None and y is None):
                return False
        elif isinstance(x, list) and isinstance(y, list):
            if len(x) != len(y):
                return False
            stack.extend(zip(x, y))
        elif isinstance(x, dict) and isinstance(y, dict):
            if len(x) != len(y) or any(k not in y for k in x):
                return False
            stack.extend((x[k], y[k]) for k in x)
        else:
            return False
    return True
