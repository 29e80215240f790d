"""Virtual-time timers and id counters for the presence machines (spec 8.8).

[8.8] "Timers fire only when a `tick` event is fed at or after their due time; a tick before any
timer is due does nothing." A timer therefore never fires by itself: the machine looks at its
timers at each tick. 8.8: "A tick that finds several timers due runs them all at the tick's
time, in the machine's fixed order": each machine names its order (participant.py, room.py; a
coordinator has one timer, the beat). AMBIGUITIES.md P-timer-order.

[PRES-56] `wake` is the earliest due time of any armed timer, or None.
[PRES-58] Request and claim ids are consecutive integers from 1 per machine; a room machine
shares one counter between its claims and its coordinator's requests, so the counter is an
object passed to the roles.
"""


class IdCounter:
    """[PRES-58] consecutive integers starting at 1."""

    def __init__(self):
        self.last = 0

    def next(self):
        self.last += 1
        return self.last


class ArmSequence:
    """Arming order shared by every timer set of one machine (a room and its current role)."""

    def __init__(self):
        self.n = 0

    def next(self):
        self.n += 1
        return self.n


class Timers:
    """Named one-shot timers. Arming a name that is armed re-arms it."""

    def __init__(self, seq=None):
        self.seq = seq if seq is not None else ArmSequence()
        self._t = {}            # name -> (due, arm order)

    def arm(self, name, due):
        self._t[name] = (due, self.seq.next())

    def cancel(self, name):
        self._t.pop(name, None)

    def clear(self):
        self._t.clear()

    def armed(self, name):
        return name in self._t

    def due(self, name):
        t = self._t.get(name)
        return None if t is None else t[0]

    def peek(self, now):
        """(due, order, name) of the first timer due at or before `now`, or None."""
        best = None
        for name, (due, order) in self._t.items():
            if due <= now and (best is None or (due, order) < best[:2]):
                best = (due, order, name)
        return best

    def pop_due(self, now):
        """Remove and return the name of the first timer due at or before `now`, or None."""
        best = self.peek(now)
        if best is None:
            return None
        del self._t[best[2]]
        return best[2]

    def wake(self):
        """[PRES-56] the earliest due time, or None."""
        return min((due for due, _ in self._t.values()), default=None)
