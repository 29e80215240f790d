"""The cert-binding nonce (spec 5.1).

    input = canonical(fp) || ("|" || salt   if salt is non-empty)
    nonce = B64U(SHA-256(UTF-8(input)))
"""

import hashlib
import hmac

from . import b64u
from .fingerprint import canonical
from .text import utf8


def nonce(fp, salt=None):
    """[BIND-01] the nonce; [BIND-03] an empty or null salt is the same as no salt (no "|").

    The salt is appended as given, without escaping or canonicalisation: it is already a room id
    [BIND-02]/[ROOM-05] and the spec applies canonicalisation to the fingerprint only.
    """
    s = canonical(fp)
    if salt:
        s = s + "|" + salt
    return b64u.encode(hashlib.sha256(utf8(s)).digest())


def binds(claim, remote_fp, salt):
    """[BIND-05]/[BIND-06] Does a token's `nonce` claim bind to this connection and room?

    An absent, empty or non-string claim is a mismatch, and so is an unreadable remote
    fingerprint: absent, null, or empty after canonicalisation (BIND-05), so "  " is unreadable.
    A non-empty salt is always used; there is no fallback to the unsalted nonce [BIND-06].
    The comparison is constant-time with respect to where the strings differ.
    """
    if not isinstance(claim, str) or claim == "":
        return False
    if not isinstance(remote_fp, str) or canonical(remote_fp) == "":
        return False
    expected = nonce(remote_fp, salt)
    return hmac.compare_digest(utf8(expected), utf8(claim))
