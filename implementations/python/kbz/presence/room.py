"""The room machine (spec 8.5, 8.6): the claim loop that makes a peer coordinator or participant.

It owns the application state (what was announced, knock name, ID token), one id counter for its
claims and its coordinators' requests [PRES-58], and at most one role at a time [PRES-01].
"""

from .. import room as roomids
from ..errors import ProtocolError
from .app import AppState
from .coordinator import Coordinator, CoordinatorConfig
from .participant import Participant
from .timers import ArmSequence, IdCounter, Timers

CLAIM_TIMEOUT_MS = 8000     # [PRES-46]
RETRY_MS = 3000             # [PRES-45] after a claim error
RECLAIM_MS = 1500           # [PRES-47] after losing a role

COORDINATOR_EVENTS = ("connect", "disconnect", "message", "result")
PARTICIPANT_EVENTS = ("open", "closed", "unavailable", "frame")
COORDINATOR_OPS = ("lobby", "lock", "gate", "reset", "admit", "deny", "kick", "declare-host")


class RoomConfig:
    """The `room` config of 8.8, already shape-checked. `room` is the room NAME (ROOM-01)."""

    def __init__(self, room, token, host_key=None, host_name=None, host_email=None, gate=None,
                 lobby_on_start=False, traffic="upstream"):
        self.room = room
        self.token = token
        self.host_key = host_key
        self.host_name = host_name
        self.host_email = host_email
        self.gate = gate
        self.lobby_on_start = lobby_on_start
        self.traffic = traffic          # 8.8 `traffic`, for every coordinator role it takes


class Room:
    role = "room"

    def __init__(self, config, now):
        self.cfg = config
        self.room_id = roomids.normalize(config.room)                     # [ROOM-01]
        try:
            self.authority = roomids.peer_id(config.room)                 # [ROOM-03]
        except ProtocolError:
            # [PRES-53], [ROOM-06] refused: never claimed, never dialed. Raised to the caller
            # (the adapter answers the op with this code: AMBIGUITIES.md P-unclaimable).
            raise
        self.now = now
        self.out = []
        self.ids = IdCounter()
        self.seq = ArmSequence()
        self.timers = Timers(self.seq)
        self.app = AppState(config.token)
        self.role_machine = None
        self.status = "connecting"                                        # [PRES-52]
        self.claim_id = None            # the claim we are waiting for [PRES-46]
        self.last_roster = None         # (member ids, lobby, locked) [PRES-48]
        self._claim()                                                     # [PRES-45]

    # ---- driver interface ------------------------------------------------------------------

    def take(self):
        out, self.out = self.out, []
        return out

    def wake(self):
        times = [self.timers.wake()]
        if self.role_machine is not None:
            times.append(self.role_machine.wake())
        times = [t for t in times if t is not None]
        return min(times) if times else None

    def handle(self, now, event):
        self.now = now
        t = event.get("type")
        if t == "claimed":
            self._claimed(event["id"], event["result"])
        elif self.status == "closed":
            return
        elif t == "displaced":
            self._displaced()
        elif t == "tick":
            self._tick()
        elif t == "local":
            self._local(event)
        elif t in COORDINATOR_EVENTS and isinstance(self.role_machine, Coordinator):
            self._role(event)
        elif t in PARTICIPANT_EVENTS and isinstance(self.role_machine, Participant):
            self._role(event)
        # Anything else does not apply to the current role: ignored (8.8).

    # ---- roles -----------------------------------------------------------------------------

    def _role(self, event):
        """Feed an event to the current role and carry its outputs out, watching for the
        participant giving up and the participant link opening."""
        m = self.role_machine
        if isinstance(m, Participant) and event["type"] == "open" and m.state == "dialing":
            # [PRES-52] connected once the participant connection has opened; reported before
            # what the participant sends on open (the vectors' order: AMBIGUITIES.md P-order).
            self._set_status("connected", False)
        m.handle(self.now, event)
        self._collect(m)
        self._after_role(m)

    def _collect(self, m):
        self.out.extend(m.take())
        if isinstance(m, Coordinator) and not m.stopped:
            self.last_roster = m.roster_state()                   # [PRES-48] "or sent"
        elif isinstance(m, Participant) and m.last_roster is not None:
            r = m.last_roster                                     # [PRES-48] "received"
            self.last_roster = ([x.get("id") for x in r["members"] if isinstance(x, dict)],
                                r["lobby"], r["locked"])

    def _after_role(self, m):
        if isinstance(m, Participant) and m.state == "gone":
            self._lose_role()                                     # [PRES-47]

    def _set_status(self, status, coordinator):
        if status != self.status:
            self.status = status
            self.out.append({"type": "status", "status": status, "coordinator": coordinator})

    def _lose_role(self):
        # [PRES-47] stop that role, report reconnecting, claim again 1500 ms later.
        m = self.role_machine
        self.role_machine = None
        if m is not None and not m.stopped:
            # [PRES-47] "stop that role (a coordinator's role outputs `release`, without an
            # id)"; a participant that gave up is already stopped.
            m.stop()
            self._collect(m)
        self._set_status("reconnecting", False)
        self.timers.arm("claim", self.now + RECLAIM_MS)

    def _become_coordinator(self):
        # AMBIGUITIES.md P-room-inherit.
        # [PRES-48] inherit the last roster's media ids (grandfathered, and seen) and its lobby
        # and locked flags; the start option "lobby on" only when no roster was ever received.
        if self.last_roster is not None:
            ids, lobby, locked = self.last_roster
            ids = [i for i in ids if isinstance(i, str) and i != ""]
        else:
            ids, lobby, locked = [], bool(self.cfg.lobby_on_start), False
        cfg = CoordinatorConfig(self.room_id, host_key=self.cfg.host_key,
                                host_name=self.cfg.host_name, host_email=self.cfg.host_email,
                                gate=self.cfg.gate, lobby=lobby, locked=locked,
                                grandfathered=ids, traffic=self.cfg.traffic)
        self._set_status("connected", True)                       # [PRES-52]
        # [PRES-49] everything else starts empty: a fresh machine.
        m = Coordinator(cfg, self.now, ids=self.ids, app=self.app, seq=self.seq)
        self.role_machine = m
        m.announce_empty()                                        # [PRES-51]
        m.apply_self()
        self._collect(m)

    def _become_participant(self):
        m = Participant(self.cfg.token, self.now, app=self.app, seq=self.seq)
        self.role_machine = m
        self._collect(m)

    # ---- the claim loop --------------------------------------------------------------------

    def _claim(self):
        cid = self.ids.next()
        self.claim_id = cid
        self.out.append({"type": "claim", "id": cid})
        self.timers.arm("claim-timeout", self.now + CLAIM_TIMEOUT_MS)   # [PRES-46]

    def _claimed(self, cid, result):
        # [PRES-46] "A `won` for any claim id other than the one awaited, never issued
        # included, is released; `taken` and `error` for it are ignored" (a claim abandoned on
        # timeout or on close included: "after close a won claim is still released").
        # AMBIGUITIES.md P-room-inherit.
        if cid != self.claim_id:
            if result == "won":
                self.out.append({"type": "release", "id": cid})
            return
        self.claim_id = None
        self.timers.cancel("claim-timeout")
        if result == "won":
            self._become_coordinator()                            # [PRES-45]
        elif result == "taken":
            self._become_participant()
        else:
            self.timers.arm("claim", self.now + RETRY_MS)         # error: again 3000 ms later

    def _displaced(self):
        # [PRES-47] as coordinator, the authority id was taken over by another peer.
        if isinstance(self.role_machine, Coordinator):
            self._lose_role()

    def _tick(self):
        """8.8: "a room machine checks its claim deadline or its reclaim delay, or passes the
        tick to its role" (AMBIGUITIES.md P-timer-order). The room's own timers exist only
        while it has no role, and at most one of them is armed."""
        m = self.role_machine
        if m is not None:
            if not m.stopped:
                self._role({"type": "tick"})
            return
        for name in ("claim-timeout", "claim"):
            due = self.timers.due(name)
            if due is None or due > self.now:
                continue
            self.timers.cancel(name)
            if name == "claim-timeout":
                # [PRES-46] no answer after 8000 ms: an error, abandoned; retry 3000 ms later.
                self.out.append({"type": "abandon", "id": self.claim_id})
                self.claim_id = None
                self.timers.arm("claim", self.now + RETRY_MS)
            else:
                self._claim()                 # [PRES-45] after an error, [PRES-47] reclaim
            return

    # ---- local ops -------------------------------------------------------------------------

    def _local(self, ev):
        op = ev.get("op")
        m = self.role_machine
        if op == "self":
            joined = self.app.announce(self.now, {k: ev[k] for k in ev if k not in ("type", "op")})
            if isinstance(m, Coordinator):
                m.apply_self()
            elif isinstance(m, Participant):
                m.apply_self(joined)
            if m is not None:
                self._collect(m)
        elif op == "knock":
            self.app.knock_name, self.app.knock_avatar = ev.get("name"), ev.get("avatar")
            if isinstance(m, Participant):
                m.send_knock()              # [PRES-35] sent at once while the link is open
                self._collect(m)
        elif op == "identity":
            self.app.jwt = ev.get("jwt")
        elif op in ("agent", "credit"):
            # [PRES-110] kept across roles; a participant presents them at once.
            if op == "agent":
                self.app.assertion = ev.get("assertion")
            else:
                self.app.credit = ev.get("credential")
            if isinstance(m, Participant):
                m.present_agent()
                self._collect(m)
        elif op == "close":
            self._close()
        elif op == "mod" and m is not None:
            self._role(ev)
        elif op in COORDINATOR_OPS and isinstance(m, Coordinator):
            self._role(ev)

    def _close(self):
        # AMBIGUITIES.md P-close-coordinator.
        # [PRES-44] a participant sends leave (if open) and hangs up; 8.8 a coordinator outputs
        # `release` and stops; [PRES-46] a claim in flight is abandoned (a later `won` for it is
        # still released). Then the status is `closed`, after the role's close outputs
        # [PRES-52].
        m = self.role_machine
        self.role_machine = None
        if isinstance(m, Participant):
            m.close()
            self._collect(m)
        elif isinstance(m, Coordinator):
            m.stop()
            self._collect(m)
        if self.claim_id is not None:
            self.out.append({"type": "abandon", "id": self.claim_id})
            self.claim_id = None
        self.timers.clear()
        self._set_status("closed", False)
