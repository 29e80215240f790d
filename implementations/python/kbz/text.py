"""Text canonicalisation (spec 1.3, 1.6) and UTF-16 ordering (spec 6.2).

These are the functions where non-JavaScript implementations most often diverge, so each is
written out explicitly rather than left to a library default.
"""

# [CONV-08] The exact trim set (the ECMAScript WhiteSpace + LineTerminator set). Python's
# str.strip() differs: it also strips U+001C..U+001F and U+0085 (which must stay) and does NOT
# strip U+FEFF (which must go), so it is not used anywhere in this implementation.
TRIM_SET = frozenset(
    [0x0009, 0x000A, 0x000B, 0x000C, 0x000D, 0x0020, 0x00A0, 0x1680]
    + list(range(0x2000, 0x200A + 1))
    + [0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF]
)


def trim(s):
    """[CONV-08] Remove leading and trailing code points in TRIM_SET, and no others."""
    start, end = 0, len(s)
    while start < end and ord(s[start]) in TRIM_SET:
        start += 1
    while end > start and ord(s[end - 1]) in TRIM_SET:
        end -= 1
    return s[start:end]


def lower(s):
    """[CONV-09] Unicode default full lower-case mapping, no locale tailoring.

    CPython's str.lower() applies the full mappings (UnicodeData simple mappings plus the
    unconditional SpecialCasing entries, e.g. U+0130 -> "i" U+0307) and the Final_Sigma rule,
    without locale tailoring; U+212A KELVIN SIGN -> "k". The Unicode version is the one CPython
    was built with (14.0.0 for 3.11). Spec 1.6 puts characters whose case mapping was added or
    changed after Unicode 14.0 outside the interoperability guarantee of CONV-09.
    """
    return s.lower()


def utf8(s):
    """[CONV-01] UTF-8 bytes of a string, no byte-order mark.

    A Python str that came from JSON may hold lone surrogates ("\\ud800"), which have no UTF-8
    encoding. [CONV-01] encodes each one as U+FFFD (EF BF BD), as the WHATWG TextEncoder does.
    Well-formed text is unaffected.
    """
    try:
        return s.encode("utf-8")
    except UnicodeEncodeError:
        fixed = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in s)
        return fixed.encode("utf-8")


def utf16_key(s):
    """[SAS-05] Sort key comparing strings by UTF-16 code units (ECMAScript's default order).

    Big-endian UTF-16 bytes compare lexicographically exactly as the code-unit sequence does
    (each unit is two bytes, most significant first, and a proper prefix sorts first). Python's
    own str comparison is by code point, which orders U+E000..U+FFFF after astral characters,
    the opposite of code-unit order. 'surrogatepass' keeps lone surrogates as their own unit.
    """
    return s.encode("utf-16-be", "surrogatepass")


def utf16_length(s):
    """[CONV-17] Length in UTF-16 code units (the `length` of an ECMAScript string): how every
    limit "in characters" (IDT-01, HCMD-12) is counted."""
    return len(s.encode("utf-16-le", "surrogatepass")) // 2
