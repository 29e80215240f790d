"""The presence plane of spec chapter 8 as pure state machines.

Nothing in this package does I/O or reads a clock. A machine is created at a time, fed events
with the time at which each happens, and answers with output records (dicts with a `type`)
that a driver (the conformance adapter, or a live peer over PeerJS/WebRTC) carries out:

- `coordinator.Coordinator`: keeps the room's presence (8.2, 8.3).
- `participant.Participant`: one presence link to the coordinator (8.4).
- `room.Room`: the claim loop that switches between the two (8.5, 8.6).

Shared pieces: `frames` (chapter 7 frame shapes as the coordinator and participant read them),
`timers` (virtual-time timers), `app` (what the application announced, kept across roles).
"""

from .app import AppState                      # noqa: F401
from .coordinator import Coordinator, CoordinatorConfig   # noqa: F401
from .participant import Participant           # noqa: F401
from .room import Room, RoomConfig             # noqa: F401
from .timers import IdCounter, Timers          # noqa: F401
