"""The participant (spec 8.4): one presence link to the coordinator.

A pure state machine like the coordinator: `handle(now, event)`, `take()`, `wake()`.

Link states: "dialing" (a dial is out), "open", "backoff" (a re-dial is scheduled), "gone" (gave
up on the coordinator), "closed" (the application closed the room).
"""

from . import frames
from .app import AppState
from .frames import MALFORMED, OK
from .timers import Timers

BEAT_MS = 2500                  # [PRES-36]
SILENCE_MS = 12000              # [PRES-36] strictly more than this: authority silent
FREEZE_MS = 6000                # [PRES-36] strictly more than this between beats: frozen
DIAL_TIMEOUT_MS = 15000         # [PRES-37]
MAX_REDIALS = 4                 # [PRES-37] 2000, 3500, 5000, 6500 ms, then give up
REANNOUNCE_MS = (600, 1800)     # [PRES-40] then every 3000 ms after joining
REANNOUNCE_EVERY_MS = 3000

SILENT, UNREACHABLE, GONE = "authority silent", "authority unreachable", "authority gone"


class Participant:
    role = "participant"

    def __init__(self, token, now, app=None, seq=None):
        self.app = app if app is not None else AppState(token)
        if app is None or self.app.token is None:
            self.app.token = token
        self.timers = Timers(seq)
        self.out = []
        self.now = now
        self.state = None
        self.redials = 0                # re-dials since the last successful open [PRES-37]
        self.last_life = None
        self.prev_beat = None
        self.waiting = False            # a `waiting` status arrived, no `admitted` yet [PRES-42]
        self.kicked = False             # [PRES-43] stop re-announcing until we announce again
        self.last_roster = None         # [PRES-39] {members, lobby, locked, host}
        self.gone_reason = None
        # [PRES-40] when we last joined: entering the call, or, when the application is already
        # in the call, the start of this participant role (after a migration the schedule
        # starts again). AMBIGUITIES.md P-reannounce.
        self.join_at = now if self.app.in_call() else None
        self._dial()                    # [PRES-35] dial when the role begins
        self._arm_reannounce()

    # ---- driver interface ------------------------------------------------------------------

    def take(self):
        out, self.out = self.out, []
        return out

    def wake(self):
        return None if self.state in ("gone", "closed") else self.timers.wake()

    @property
    def stopped(self):
        return self.state in ("gone", "closed")

    def handle(self, now, event):
        self.now = now
        if self.stopped:
            return
        t = event.get("type")
        if t == "open":
            self.opened()
        elif t == "closed":
            self.failed()
        elif t == "unavailable":
            self.give_up(GONE)                                    # [PRES-38]
        elif t == "frame":
            self.frame(event.get("msg"))
        elif t == "tick":
            self.tick()
        elif t == "local":
            self.local(event)

    def local(self, ev):
        op = ev.get("op")
        if op == "self":
            joined = self.app.announce(self.now, {k: ev[k] for k in ev if k not in ("type", "op")})
            self.apply_self(joined)
        elif op == "knock":
            self.app.knock_name, self.app.knock_avatar = ev.get("name"), ev.get("avatar")
            self.send_knock()
        elif op == "identity":
            self.app.jwt = ev.get("jwt")
        elif op == "agent":
            self.app.assertion = ev.get("assertion")
            self.present_agent()
        elif op == "credit":
            self.app.credit = ev.get("credential")
            self.present_agent()
        elif op == "mod":
            self.send_mod(ev.get("token"))
        elif op == "close":
            self.close()
        # Coordinator-only ops do not apply to a participant: nothing (8.8).

    # ---- outputs ---------------------------------------------------------------------------

    def _send(self, msg):
        # [PRES-35] nothing is sent while the connection is not open.
        if self.state == "open":
            self.out.append({"type": "send", "msg": msg})

    def _voice(self):
        """The current `voice` frame (7.4.1 VoiceMsg) from the application's announcement.

        [MSG-20] an empty name is written as Guest; [MSG-06] unset optional members are
        omitted, not null. The token and the ID token ride every voice, as in the knock
        (AMBIGUITIES.md P-voice-members)."""
        a = self.app.ann
        f = {"t": "voice", "on": a.get("on") is True, "cam": a.get("cam") is True,
             "name": a.get("name") or "Guest", "avatar": a.get("avatar") or ""}
        if self.app.voice_id() is not None:
            f["voiceId"] = self.app.voice_id()
        if frames.nonempty(self.app.token):
            f["token"] = self.app.token
        if a.get("meta") is not None:
            f["meta"] = a["meta"]
        if frames.nonempty(self.app.jwt):
            f["jwt"] = self.app.jwt
        self._agent_credentials(f)
        return f

    def _agent_credentials(self, f):
        # [PRES-110] the last assertion and credit credential the application gave ride every
        # knock and voice, as agentAssertion and agentCredit (omitted while unset, MSG-06).
        if frames.nonempty(self.app.assertion):
            f["agentAssertion"] = self.app.assertion
        if frames.nonempty(self.app.credit):
            f["agentCredit"] = self.app.credit

    def _knock(self):
        # [PRES-35] {name, avatar, token, voiceId?, jwt?}: the knock name, else the call name,
        # else Guest; the avatar likewise (else ""). An empty string counts as unset
        # (AMBIGUITIES.md P-knock-defaults).
        a = self.app.ann or {}
        f = {"t": "knock", "name": self.app.knock_name or a.get("name") or "Guest",
             "avatar": self.app.knock_avatar or a.get("avatar") or ""}
        if frames.nonempty(self.app.token):
            f["token"] = self.app.token
        if self.app.voice_id() is not None:
            f["voiceId"] = self.app.voice_id()
        if frames.nonempty(self.app.jwt):
            f["jwt"] = self.app.jwt
        self._agent_credentials(f)
        return f

    # ---- the link --------------------------------------------------------------------------

    def _dial(self):
        self.state = "dialing"
        self.out.append({"type": "dial"})
        self.timers.arm("dial-timeout", self.now + DIAL_TIMEOUT_MS)   # [PRES-37]

    def opened(self):
        # [PRES-65] `open` is the link opening whenever the link is not open, also while a
        # re-dial is scheduled (which the open cancels); ignored while the link is open
        # (AMBIGUITIES.md P-link-events). After `gone` or `close` no event reaches here.
        if self.state not in ("dialing", "backoff"):
            return
        # [PRES-37] a successful open resets n and cancels any scheduled re-dial.
        self.state = "open"
        self.redials = 0
        self.timers.cancel("dial-timeout")
        self.timers.cancel("redial")
        # [PRES-36] beats 2500 ms apart, the first 2500 ms after the open. The open is the
        # first sign of life, and the "previous beat" of the first beat
        # (AMBIGUITIES.md P-first-beat).
        self.last_life = self.now
        self.prev_beat = self.now
        self.timers.arm("beat", self.now + BEAT_MS)
        self.waiting = False
        # [PRES-35] knock, then the current voice if we announced anything.
        self._send(self._knock())
        if self.app.ann is not None:
            self._send(self._voice())
        # [PRES-40] the re-announce schedule runs from the join, not from the open: it is
        # already armed when we are in the call.

    def failed(self):
        """[PRES-37] a dial that did not open in time, or an open link that closed or failed."""
        if self.state not in ("dialing", "open"):
            return              # a failure while a re-dial is scheduled changes nothing
        self.timers.cancel("dial-timeout")
        self.timers.cancel("beat")
        if self.redials >= MAX_REDIALS:
            self.give_up(UNREACHABLE)
            return
        self.state = "backoff"
        self.timers.arm("redial", self.now + 2000 + 1500 * self.redials)

    def give_up(self, reason):
        """[PRES-36], [PRES-37], [PRES-38] give up on the coordinator; the role ends. `gone`
        alone tells the transport to drop the link: no `hangup` (AMBIGUITIES.md P-hangup)."""
        self.state = "gone"
        self.gone_reason = reason
        self.timers.clear()
        self.out.append({"type": "gone", "reason": reason})

    def close(self):
        # [PRES-44] leave if open, then close the connection.
        was = self.state
        self._send(dict(frames.LEAVE))
        self.state = "closed"
        self.timers.clear()
        if was in ("open", "dialing"):
            self.out.append({"type": "hangup"})

    def stop(self):
        """The room ends this role [PRES-01], [PRES-47]: stop acting, close the link."""
        if self.state in ("open", "dialing"):
            self.out.append({"type": "hangup"})
        self.state = "closed"
        self.timers.clear()

    # ---- frames ----------------------------------------------------------------------------

    def frame(self, msg):
        if self.state != "open":
            return              # no connection: nothing can arrive (AMBIGUITIES.md P-link-events)
        self.last_life = self.now   # [PRES-36] every frame, of any kind, is a sign of life
        status, kind, f = frames.read(msg, frames.COORDINATOR_KINDS)
        if status == MALFORMED:
            # [PRES-64] dropped (a `lobby` status outside the five of MSG-27 included); it still
            # counted for liveness. The participant's `drop` has no `conn` (8.8 Outputs;
            # AMBIGUITIES.md P-drop-conn, P-lobby-status).
            self.out.append({"type": "drop", "code": "presence.malformed"})
            return
        if status != OK:
            return              # [PRES-64] any other kind is ignored (voice, knock, ...)
        if kind == "roster":
            self._roster(f)
        elif kind == "lobby":
            self._lobby(f["status"])
        elif kind == "kick":
            self.kicked = True                                    # [PRES-43]
            self.out.append({"type": "kicked"})
        elif kind == "reset":
            self.out.append({"type": "reset"})

    @staticmethod
    def _report_member(m):
        """[PRES-39] "It delivers each member as `{id, name, cam}` plus `avatar` and `meta` when
        they are present and not null; other members of a `CallMember` are not delivered"
        (AMBIGUITIES.md P-roster-report)."""
        out = {"id": m["id"], "name": m["name"], "cam": m["cam"]}
        for k in ("avatar", "meta"):
            if m.get(k) is not None:
                out[k] = m[k]
        return out

    def _roster(self, f):
        # [PRES-39], [MSG-25] absent (or null) lobby/locked read as false, host as "".
        r = {"members": [self._report_member(m) for m in f["members"]],
             "lobby": f.get("lobby") is True,
             "locked": f.get("locked") is True, "host": f.get("host") or ""}
        self.last_roster = r
        self.out.append(dict({"type": "roster"}, **r))
        own = self.app.voice_id()
        listed = own is not None and any(m.get("id") == own for m in f["members"])
        if self.app.in_call():
            if not listed and not self.kicked:
                self._send(self._voice())                         # [PRES-40] self-heal
        elif listed and not self.kicked:
            self._send(self._voice())                             # [PRES-41] (on: false)

    def _lobby(self, status):
        # A status outside the five is malformed (frames.read), and so ignored [MSG-27].
        self.out.append({"type": "lobby", "status": status})     # [PRES-42]
        if status == "waiting":
            self.waiting = True
        elif status == "admitted" and self.waiting:
            self.waiting = False
            if self.app.ann is not None:
                self._send(self._voice())

    # ---- the application -------------------------------------------------------------------

    def apply_self(self, joined):
        """A `self` op: [PRES-40] a join (entering the call) starts the re-announce schedule, a
        `self` that changes the announcement while in the call keeps it; [PRES-43] announcing
        again ends the silence after a kick; the new voice goes out at once if open."""
        self.kicked = False
        self._send(self._voice())
        if joined:
            self.join_at = self.now
            self._arm_reannounce()
        elif not self.app.in_call():
            self.join_at = None
            self.timers.cancel("reannounce")

    def send_knock(self):
        """[PRES-35] "The local op `knock` sets the knock name and avatar and, while the
        connection is open, sends the `knock` at once (with the members above); it sends no
        `voice`" (nothing while the link is not open: _send)."""
        self._send(self._knock())

    def present_agent(self):
        """[PRES-110] on each `agent` or `credit` op: the knock at once, then the voice if we
        have announced (nothing while the connection is not open, PRES-35)."""
        self._send(self._knock())
        if self.app.ann is not None:
            self._send(self._voice())

    def send_mod(self, tok):
        self._send({"t": "mod", "token": tok})

    # ---- timers ----------------------------------------------------------------------------

    def _arm_reannounce(self):
        """[PRES-40] the schedule from the join: 600 ms and 1800 ms after joining, the first
        periodic re-send 3000 ms after joining (the next of those instants after now; a link
        that opens late keeps the schedule of the join). AMBIGUITIES.md P-reannounce."""
        if not self.app.in_call() or self.join_at is None:
            self.timers.cancel("reannounce")
            return
        j = self.join_at
        for d in REANNOUNCE_MS + (REANNOUNCE_EVERY_MS,):
            if j + d > self.now:
                self.timers.arm("reannounce", j + d)
                return
        if not self.timers.armed("reannounce"):
            self.timers.arm("reannounce", self.now + REANNOUNCE_EVERY_MS)

    def _rearm_after_resend(self):
        """[PRES-40] after a re-send at this tick: the next of join + 600 and join + 1800 still
        ahead, then the first periodic one at join + 3000; once that has run, each periodic
        re-send is due 3000 ms after the tick at which the previous one ran. A tick past several
        due times re-sends once (AMBIGUITIES.md AG-reannounce-late, P-reannounce)."""
        if not self.app.in_call() or self.join_at is None:
            self.timers.cancel("reannounce")
            return
        j = self.join_at
        for d in REANNOUNCE_MS + (REANNOUNCE_EVERY_MS,):
            if j + d > self.now:
                self.timers.arm("reannounce", j + d)
                return
        self.timers.arm("reannounce", self.now + REANNOUNCE_EVERY_MS)

    def tick(self):
        # 8.8: "A tick that finds several timers due runs them all at the tick's time, in the
        # machine's fixed order: a participant checks its dial deadline, then a scheduled
        # re-dial, then its beat (`ping` and the silence check), then its re-announce."
        for name in ("dial-timeout", "redial", "beat", "reannounce"):
            if self.stopped:
                return
            due = self.timers.due(name)
            if due is None or due > self.now:
                continue
            self.timers.cancel(name)
            if name == "dial-timeout":
                self.failed()                                     # [PRES-37]
            elif name == "redial":
                self.redials += 1
                self._dial()
            elif name == "beat":
                self._beat()
            elif name == "reannounce":
                if self.app.in_call() and not self.kicked:
                    self._send(self._voice())
                self._rearm_after_resend()

    def _beat(self):
        # [PRES-36] ping; then a freeze (more than 6000 ms since the previous beat) counts as
        # life, otherwise more than 12000 ms without life gives up (authority silent).
        self._send(dict(frames.PING))
        if self.now - self.prev_beat > FREEZE_MS:
            self.last_life = self.now
        elif self.now - self.last_life > SILENCE_MS:
            self.give_up(SILENT)
            return
        self.prev_beat = self.now
        self.timers.arm("beat", self.now + BEAT_MS)
