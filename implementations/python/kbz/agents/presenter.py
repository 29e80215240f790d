"""The agent's re-signing clock (spec 13.2, AGT-03, AGT-04; the op of AGT-12).

A pure machine: `handle(at, event)` returns the payloads the agent signs at that moment.

[AGT-04] sign a fresh assertion, iat the current time, when the agent adopts its key, and then
         each time 240 000 ms have passed since its previous attempt, for as long as it holds
         the key. An attempt while the room id or the fingerprint is unknown signs nothing and
         the clock runs on.
[AGT-03] an agent whose certificate is not known yet signs nothing and tries again later: a
         fingerprint (or room id) becoming known does not trigger an attempt by itself
         (AMBIGUITIES.md AG-presenter-known).
[AGT-02] an empty room id, or a fingerprint that is empty after canonicalisation, is unknown:
         the signer would refuse it.
Times are milliseconds; iat = floor(at / 1000) seconds [AGT-12], [CONV-02].
"""

import math

from ..fingerprint import canonical
from .assertion import payload

RESIGN_MS = 240000      # [AGT-04]


class Presenter:
    def __init__(self, start, room=None, fp=None):
        self.room = room
        self.fp = fp
        self.holds_key = False
        self.next_at = None         # the time of the next attempt, while the key is held
        self.closed = False
        self.now = start

    def _known(self):
        return (isinstance(self.room, str) and self.room != ""
                and isinstance(self.fp, str) and canonical(self.fp) != "")

    def _attempt(self, at):
        """One attempt at `at`: the payload signed, or None; the clock restarts from this
        attempt, signed or not ("since its previous attempt")."""
        self.next_at = at + RESIGN_MS
        if not self._known():
            return None
        return payload(self.room, self.fp, math.floor(at / 1000))

    def handle(self, at, event):
        """Feed one event at time `at` (never earlier than the previous one). Returns the list
        of payloads signed now (zero or one)."""
        self.now = at
        t = event["type"]
        if t == "close":
            # [AGT-12] "After `close` no attempt is due; a later `key` adopts a key again and
            # starts the clock anew, and `room` and `fp` still change what the agent knows"
            # (AMBIGUITIES.md AG-presenter-after-close, decided by the text).
            self.closed = True
            self.holds_key = False
            self.next_at = None
            return []
        if t == "room":
            self.room = event["room"]
            return []
        if t == "fp":
            self.fp = event["fp"]
            return []
        if t == "key":
            # Adopting the key (again) signs at once and restarts the clock
            # (AMBIGUITIES.md AG-presenter-key).
            self.holds_key = True
            p = self._attempt(at)
            return [p] if p is not None else []
        if t == "tick":
            # A timer fires at a tick at or after its due time (as in 8.8); one attempt per
            # tick, and the next one 240 000 ms after it (AMBIGUITIES.md AG-presenter-late).
            if self.holds_key and self.next_at is not None and at >= self.next_at:
                p = self._attempt(at)
                return [p] if p is not None else []
        return []
