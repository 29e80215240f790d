"""Identities and the member hash (spec 12.3, MAN-04 and MAN-05).

[MAN-04] canonical(identity) = lower-case(trim(NFKC(identity))), in exactly this order: NFKC
         first (U+00A8 becomes " " U+0308, whose leading space the trim then removes; U+1D400
         becomes "A", which lower-casing then makes "a"), then the ECMAScript trim set
         (CONV-08), then the full Unicode lower-case mapping (CONV-09).
[MAN-05] member hash = B64U(SHA-256(UTF-8(canonical(identity) || "|" || room))).

NFKC is CPython's `unicodedata` (Unicode 14.0 on 3.11); the reference platform's ICU may be
newer. The text does not pin a Unicode version for NFKC the way 1.6 scopes CONV-09
(AMBIGUITIES.md, ADM-unicode-version).
"""

import hashlib
import unicodedata

from . import b64u
from .text import lower, trim, utf8


def nfkc(s):
    """Unicode normalisation form NFKC. A lone surrogate (possible in JSON input) has no
    decomposition and is left as it is, as ECMAScript's String.prototype.normalize leaves it."""
    return unicodedata.normalize("NFKC", s)


def canonical(identity):
    """[MAN-04] NFKC, then trim (CONV-08), then lower-case (CONV-09)."""
    return lower(trim(nfkc(identity)))


def member_hash(identity, room):
    """[MAN-05] B64U(SHA-256(UTF-8(canonical(identity) "|" room))); `room` is the room id as
    given (the manifest's own `room`, ROOM-05), not canonicalised. UTF-8 per CONV-01."""
    return b64u.encode(hashlib.sha256(utf8(canonical(identity) + "|" + room)).digest())
