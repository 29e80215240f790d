"""The clock a live peer feeds its machines (spec 8.8, ADP-31).

The machines of chapter 8 take every event "at a time `at` in milliseconds"; a live peer uses
its real clock, "with the timers of chapters 8 and 9 unchanged" [ADP-31]. Host commands and ID
tokens are checked at `floor(at / 1000)` seconds against `iat` values other peers signed with
their wall clocks (HCMD-11, IDT-10..IDT-13), so the time base is the Unix epoch, as in the
scenario vectors. A machine refuses time that runs backwards (`presence.time-backwards` in the
adapter), so a wall clock stepped back is held at its last value until it catches up.
"""

import time


class Clock:
    def __init__(self):
        self.last = 0

    def now(self):
        """Unix epoch milliseconds, an integer, never smaller than the previous reading."""
        t = int(time.time() * 1000)
        if t < self.last:
            t = self.last
        self.last = t
        return t


def monotonic_ms():
    """The program's monotonic clock in milliseconds (transcripts, [ADP-40])."""
    return time.monotonic() * 1000.0
