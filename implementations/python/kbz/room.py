"""Room identifiers (spec chapter 2).

[ROOM-01] room id = lower-case, collapse runs of non-[a-z0-9] to `-`, strip `-` at both ends,
          keep the first 40 characters, in exactly that order.
[ROOM-02] The cut is applied last and a trailing `-` it leaves is kept.
[ROOM-03]/[ROOM-04] authority peer id = "kbz-v1-" + room id.
[ROOM-06] An id that fails the broker pattern is unusable: room.unclaimable-id.
"""

import re

from .errors import ProtocolError
from .text import lower

PEER_ID_PREFIX = "kbz-v1-"  # [ROOM-04] frozen for protocol version 1
_NON_ALNUM_RUN = re.compile(r"[^a-z0-9]+")
# [ROOM-06] The PeerJS broker's id pattern, quoted in spec 2.4. Pattern is ASCII-only by intent,
# so re.ASCII is not needed: the character classes are explicit ranges.
_BROKER_ID = re.compile(r"[A-Za-z0-9]+(?:[ _-][A-Za-z0-9]+)*")


def normalize(name):
    """[ROOM-01]/[ROOM-02] Room id of a room name. None (null/absent) is the empty string."""
    if name is None:
        name = ""
    s = lower(name)                        # step 1 (CONV-09, full Unicode)
    s = _NON_ALNUM_RUN.sub("-", s)         # step 2: every maximal run -> one "-"
    s = s.strip("-")                       # step 3: only "-" is stripped here, nothing else
    return s[:40]                          # step 4, after step 3 [ROOM-02]; ASCII by now


def peer_id(name):
    """[ROOM-03] "kbz-v1-" + room id; [ROOM-06] refuse ids the broker can never register."""
    pid = PEER_ID_PREFIX + normalize(name)
    # fullmatch, because Python's `$` would also match before a final "\n".
    if not _BROKER_ID.fullmatch(pid):
        raise ProtocolError("room.unclaimable-id",
                            "authority peer id %r fails the broker id pattern" % pid)
    return pid
