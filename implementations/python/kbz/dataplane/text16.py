"""Strings and JSON text measured the way chapter 14 measures them (14.1).

Chapter 14 counts in UTF-16 code units [CONV-17]: "to cut a string to N is to keep its first N
UTF-16 code units", and the "JSON length" of a value is the number of UTF-16 code units of the
text ECMAScript JSON.stringify writes for it [CONV-15]. A Python str is a sequence of code
points, so both are computed here explicitly: an astral character is two units, and a lone
surrogate (which JSON can carry as a \\udxxx escape) is one.
"""

import math

from ..text import trim  # [CONV-08] the ECMAScript trim set, never str.strip()

__all__ = ["units", "cut", "trim", "cut_trim", "trim_cut", "json_length", "js_number",
           "is_num", "is_int", "utf16_less"]


def is_num(x):
    """A JSON number (never a bool: Python has True == 1)."""
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def is_int(x):
    """A JSON number with no fractional part (1 and 1.0 are one JSON number)."""
    return is_num(x) and (isinstance(x, int) or (math.isfinite(x) and x.is_integer()))


def units(s):
    """[CONV-17] The `length` of an ECMAScript string."""
    n = len(s)
    for ch in s:
        if ord(ch) > 0xFFFF:
            n += 1
    return n


def cut(s, n):
    """14.1: keep the first n UTF-16 code units of s.

    [CONT-09] (SHOULD, implemented) When the cut would end with a high surrogate whose low
    surrogate is cut off, that high surrogate is dropped too: an astral character that does not
    fit whole is not kept at all, so the result always has a UTF-8 form when s had one. A lone
    surrogate already in s (one code unit) is kept like any other unit."""
    if n <= 0:
        return ""
    if len(s) <= n // 2:
        return s                      # even if every character were astral it fits
    used = 0
    for idx, ch in enumerate(s):
        w = 2 if ord(ch) > 0xFFFF else 1
        if used + w > n:
            return s[:idx]
        used += w
    return s


def cut_trim(s, n):
    """[CONT-08] "cut, then trim": cut to n first, then trim the result."""
    return trim(cut(s, n))


def trim_cut(s, n):
    """[CONT-08] "trim, then cut": trim first, then cut the result to n."""
    return cut(trim(s), n)


def utf16_less(a, b):
    """ECMAScript `a < b` on strings: by UTF-16 code units."""
    return a.encode("utf-16-be", "surrogatepass") < b.encode("utf-16-be", "surrogatepass")


def js_number(x):
    """ECMAScript Number::toString(x) (radix 10), which JSON.stringify uses for finite numbers.

    Python's repr gives the same shortest round-trip digits; only the layout differs: ECMAScript
    writes integers below 1e21 in full, decimals between 1e-7 and 1e21 without an exponent, and
    exponents as `e+21` / `e-7`."""
    if isinstance(x, int) and not isinstance(x, bool):
        x = float(x)                  # every number read from JSON is a binary64 value [CONV-16]
    if x != x or x in (math.inf, -math.inf):
        return "null"                 # JSON.stringify writes a non-finite number as null
    if x == 0:
        return "0"                    # -0 too
    sign = "-" if x < 0 else ""
    r = repr(abs(x))
    if "e" in r:
        mant, exp = r.split("e")
        exp = int(exp)
    else:
        mant, exp = r, 0
    if "." in mant:
        ip, fp = mant.split(".")
    else:
        ip, fp = mant, ""
    if fp == "0":
        fp = ""
    digits = (ip + fp).lstrip("0")
    # value = 0.<ip><fp> * 10^(len(ip) + exp); strip the leading zeros of "0.000ddd" forms
    point = len(ip) + exp - ((len(ip + fp)) - len((ip + fp).lstrip("0")))
    digits = digits.rstrip("0")
    k, n = len(digits), point
    if k <= n <= 21:
        out = digits + "0" * (n - k)
    elif 0 < n <= 21:
        out = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        out = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        es = ("+" if e >= 0 else "-") + str(abs(e))
        out = digits[0] + ("." + digits[1:] if k > 1 else "") + "e" + es
    return sign + out


def _string_units(s):
    """UTF-16 length of JSON.stringify(s), quotes included (ES2019 well-formed stringify)."""
    n = 2
    i, L = 0, len(s)
    while i < L:
        c = ord(s[i])
        if c < 0x20:
            n += 2 if c in (0x08, 0x09, 0x0A, 0x0C, 0x0D) else 6
        elif c == 0x22 or c == 0x5C:
            n += 2
        elif 0xD800 <= c <= 0xDBFF:
            # a high surrogate followed by a low one is a pair (two units, written as is)
            if i + 1 < L and 0xDC00 <= ord(s[i + 1]) <= 0xDFFF:
                n += 2
                i += 1
            else:
                n += 6                # lone: written as a \udxxx escape
        elif 0xDC00 <= c <= 0xDFFF:
            n += 6
        elif c > 0xFFFF:
            n += 2
        else:
            n += 1
        i += 1
    return n


def json_length(value, limit=None):
    """14.1: the JSON length of a value, the UTF-16 code units of JSON.stringify(value).

    Iterative, so any nesting depth is measured [MSG-07]. With `limit`, counting stops as soon
    as the length is known to exceed it (the result is then some number above limit)."""
    total = 0
    stack = [value]
    while stack:
        v = stack.pop()
        if v is None:
            total += 4
        elif v is True:
            total += 4
        elif v is False:
            total += 5
        elif isinstance(v, str):
            total += _string_units(v)
        elif isinstance(v, (int, float)):
            total += len(js_number(v))
        elif isinstance(v, list):
            total += 2 + max(len(v) - 1, 0)            # brackets and commas
            stack.extend(v)
        elif isinstance(v, dict):
            total += 2 + max(len(v) - 1, 0)            # braces and commas
            for k, x in v.items():
                total += _string_units(k) + 1          # "key":
                stack.append(x)
        else:
            total += 4
        if limit is not None and total > limit:
            return total
    return total
