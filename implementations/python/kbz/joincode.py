"""Join codes and their guess limiter (spec 12.5).

[CODE-01] format: two groups of three characters joined by "-", character i being
          ALPHABET[b_i mod 31]; a missing byte counts as 0 and bytes after the sixth are unused.
[CODE-02] match: trim the submission (CONV-08), nothing matches an empty one; trim each entry's
          code, an empty one never matches; case-sensitive exact comparison in constant time
          against EVERY entry; the last match wins.
[CODE-03] the per-connection limiter: a failure count and a lock-out time per key.
"""

import hashlib
import hmac

from .text import trim

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"          # 31 characters: no I, L, O, 0, 1


def format_code(data):
    """[CODE-01]"""
    b = list(data[:6]) + [0] * max(0, 6 - len(data))
    chars = [ALPHABET[x % 31] for x in b]
    return "".join(chars[:3]) + "-" + "".join(chars[3:])


def _digest(s):
    # The exact code-unit sequence (a lone surrogate stays distinct: UTF-8 would turn every one
    # into U+FFFD and make "\ud800" match "\ud801").
    return hashlib.sha256(s.encode("utf-16-be", "surrogatepass")).digest()


def match(entries, submitted):
    """[CODE-02] `entries` is a list of (name, code); returns the name of the last entry whose
    trimmed code equals the trimmed submission, or None.

    Timing: every entry is compared, without stopping at a match, and each comparison is
    hmac.compare_digest over SHA-256 digests, 32 bytes whatever the strings' lengths, so its time
    depends neither on where the strings first differ nor on how long they are."""
    code = trim(submitted)
    if code == "":
        return None
    want = _digest(code)
    found = None
    for name, entry_code in entries:
        entry = trim(entry_code)
        same = hmac.compare_digest(_digest(entry), want)
        if same and entry != "":
            found = name
    return found


class Limiter:
    """[CODE-03] per key: a failure count and a lock-out time (initially 0 and none)."""

    def __init__(self, max_attempts, lockout_ms):
        self.max_attempts = max_attempts
        self.lockout_ms = lockout_ms
        self.records = {}                   # key -> [count, locked_until or None]

    def locked_until(self, key, t):
        """The lock-out time if the key may NOT attempt at time t (strictly later), else None."""
        rec = self.records.get(key)
        if rec is not None and rec[1] is not None and rec[1] > t:
            return rec[1]
        return None

    def allowed(self, key, t):
        return self.locked_until(key, t) is None

    def fail(self, key, t):
        """A failed attempt: count + 1; at maxAttempts, locked until t + lockoutMs and the count
        restarts from 0. A failure while locked counts too (the text does not exempt it)."""
        rec = self.records.setdefault(key, [0, None])
        rec[0] += 1
        if rec[0] >= self.max_attempts:
            rec[1] = t + self.lockout_ms
            rec[0] = 0

    def clear(self, key):
        """A successful attempt, or the connection's disconnect, erases its record."""
        self.records.pop(key, None)
