"""Bounded sets for coordinator state that survives disconnects (spec 8.2, PRES-63).

[PRES-63] (SHOULD, implemented) "A coordinator SHOULD keep at most 256 seen tokens and at most
256 seen media ids, each set forgetting its least recently added entry first, where adding an
entry that is already there makes it the most recent; the grandfathered ids count as added in
roster order."

Only *adding* refreshes an entry: a lookup (the lock test of PRES-08) does not (the text says
"least recently added"; AMBIGUITIES.md, 0.2 entry Q-seen-refresh).
"""

from collections import OrderedDict

SEEN_LIMIT = 256        # [PRES-63]


class RecentSet:
    """A set of at most `limit` strings that forgets its least recently added entry first."""

    def __init__(self, items=(), limit=SEEN_LIMIT):
        self.limit = limit
        self._items = OrderedDict()
        for x in items:                 # in order: the last ones are the most recent
            self.add(x)

    def add(self, item):
        # Adding an entry that is already there makes it the most recent.
        self._items.pop(item, None)
        self._items[item] = True
        while len(self._items) > self.limit:
            self._items.popitem(last=False)

    def __contains__(self, item):
        return item in self._items

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(self._items)
