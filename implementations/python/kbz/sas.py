"""The emoji safety code and the changed-key alarm (spec chapter 6).

    pair   = min(a, b) || "|" || max(a, b)      (UTF-16 code-unit order)
    digest = SHA-256(UTF-8(pair))
    index_i = digest[i] AND 0x1F
"""

import hashlib
from collections import OrderedDict

from .errors import ProtocolError
from .fingerprint import canonical
from .text import lower, trim, utf16_key, utf8

# [SAS-07] The normative table (spec 6.2 / data/sas-alphabet.json), code points in index order.
ALPHABET_CODE_POINTS = (
    0x1F98A, 0x1F422, 0x1F419, 0x1F989, 0x1F98B, 0x1F41D, 0x1F42C, 0x1F984,
    0x1F30A, 0x1F319, 0x1F308, 0x1F525, 0x1F335, 0x1F344, 0x1F340, 0x1F33B,
    0x1F34B, 0x1F349, 0x1F353, 0x1F511, 0x1F388, 0x1F680, 0x1F48E, 0x1F3AF,
    0x1F3B8, 0x1F9ED, 0x1F9E9, 0x1FA81, 0x1F3BA, 0x1F433, 0x1F352, 0x1F421,
)
ALPHABET = tuple(chr(cp) for cp in ALPHABET_CODE_POINTS)
# [SAS-07] Integrity check of the table against the digest the spec publishes.
ALPHABET_SHA256 = "c7df421a52f2f428dd6b9c22c6ac55030cba32b4d05156b9256f83c47070156b"
assert len(ALPHABET) == 32
assert hashlib.sha256("".join(ALPHABET).encode("utf-8")).hexdigest() == ALPHABET_SHA256

DEFAULT_SYMBOLS = 4      # [SAS-08] a displayed code has 4 symbols
MAX_VERIFIED = 100       # [SAS-19] (split from SAS-14 in 0.2.0)
MAX_PINS = 200           # [SAS-16]
# 6.4: the state of a remote peer before any reading.
INITIAL_STATE = {"code": None, "remoteFp": None, "verified": False, "changed": False}


def code(fp_a, fp_b, symbols=DEFAULT_SYMBOLS):
    """[SAS-04]..[SAS-09] The code and its indices for two fingerprints."""
    # [SAS-08] defined for 1..32 symbols only (the digest has 32 bytes); the caller turns a
    # non-integer count into the same error.
    if not 1 <= symbols <= 32:
        raise ProtocolError("sas.bad-symbol-count", "symbol count must be 1 to 32")
    a, b = canonical(fp_a), canonical(fp_b)                    # [SAS-04]
    lo, hi = sorted((a, b), key=utf16_key)                     # [SAS-05] code-unit order
    digest = hashlib.sha256(utf8(lo + "|" + hi)).digest()      # [SAS-06] no salt or context
    indices = [digest[i] & 0x1F for i in range(symbols)]       # [SAS-07] low five bits
    return " ".join(ALPHABET[i] for i in indices), indices     # [SAS-09] single spaces


def alphabet_code_points():
    """[SAS-07] The table as "U+XXXX" strings in index order."""
    return ["U+%04X" % cp for cp in ALPHABET_CODE_POINTS]


def pin_key(name):
    """[SAS-15] Pins are keyed by the display name trimmed (CONV-08) then lower-cased (CONV-09)."""
    return lower(trim(name))


def pin_status(pins, name, fp):
    """[SAS-15] unpinned / match (exact string equality) / mismatch."""
    key = pin_key(name)
    if key == "" or key not in pins:   # an empty key is never pinned
        return "unpinned"
    return "match" if pins[key] == fp else "mismatch"


def next_state(prev, reading, verified_fps, pin="unpinned"):
    """[SAS-12]/[SAS-13] The per-peer state after one periodic reading.

    prev and the result are dicts {code, remoteFp, verified, changed}; prev None means the
    initial state of 6.4. Fingerprints here are ones the peer computed itself (CONV-10), so
    they are compared as exact strings, without CONV-11 canonicalisation (6.4).
    """
    if prev is None:
        prev = INITIAL_STATE
    if reading is None:
        # [SAS-12] an unavailable reading is a blip: the previous state stays as it was.
        return prev
    remote_fp = reading["remoteFp"]
    verified = remote_fp in verified_fps                       # exact membership in V
    prev_fp = prev["remoteFp"]
    # [SAS-13] "prev.remoteFp is not null": an empty string counts as set.
    changed = ((prev_fp is not None and prev_fp != remote_fp and not verified)
               or (pin == "mismatch" and not verified))
    return {"code": reading["code"], "remoteFp": remote_fp, "verified": verified,
            "changed": changed}


class TrustStore:
    """[SAS-14]..[SAS-16] The verified set V and the TOFU pins, starting empty."""

    def __init__(self):
        self.verified = OrderedDict()   # fp -> None, oldest first
        self.pins = OrderedDict()       # key -> fp, least recently written first

    def verify(self, name, fp):
        # [SAS-14] add as the MOST RECENT entry (moving it there if already in V); [SAS-19]
        # keep the 100 most recent, dropping the oldest first. Exact strings, no
        # canonicalisation (6.4).
        self.verified.pop(fp, None)
        self.verified[fp] = None
        while len(self.verified) > MAX_VERIFIED:
            self.verified.popitem(last=False)
        # [SAS-15] pin only on verify, never under an empty key; [SAS-16] a re-pin is a new
        # write, so it moves to the most-recent end; keep 200.
        key = pin_key(name)
        if key != "":
            self.pins.pop(key, None)
            self.pins[key] = fp
            while len(self.pins) > MAX_PINS:
                self.pins.popitem(last=False)

    def connect(self, name, fp):
        """[SAS-15] "connecting to a peer, however often, MUST NOT write or change a pin or
        `V`" (pins are written only when the user verifies): a connect leaves the store as it
        is. It is a method so that the rule has one place."""
        return None

    def unverify(self, name, fp):
        # [SAS-14] withdraw: remove the fingerprint from V; [SAS-15] remove the pin stored
        # under the name's key, whatever fingerprint it holds.
        self.verified.pop(fp, None)
        key = pin_key(name)
        if key != "":
            self.pins.pop(key, None)
