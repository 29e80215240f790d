"""The coordinator (spec 8.2, 8.3): the peer that keeps the room's presence.

A pure state machine: `handle(now, event)` appends output records to `self.out` (the driver
takes them with `take()`); `wake()` says when the next timer is due. Event and output shapes are
those of 8.8. Every rule cites its requirement; where the text left a choice open, the comment
names the entry in AMBIGUITIES.md (section P).
"""

import math
from collections import OrderedDict

from .. import hostcmd
from ..agents import assertion as agent_assertion
from ..errors import ProtocolError
from ..fingerprint import canonical
from ..text import lower, trim, utf16_length
from . import frames
from .app import AppState
from .door import LOCKED_OUT, OK as DOOR_OK, Door
from .bounded import RecentSet
from .frames import MALFORMED, OK, UNKNOWN, nonempty
from ..jsonutil import is_number
from .traffic import TRAFFIC_MODES, json_equal
from .timers import IdCounter, Timers

BEAT_MS = 2500          # [PRES-22]
REAP_MS = 12000         # [PRES-23] strictly more than this is reaped
FREEZE_MS = 6000        # [PRES-24] strictly more than this between beats is a freeze
MAX_CREDENTIAL = 8192   # [PRES-10], [MSG-21], [IDT-01]: UTF-16 code units [CONV-17]
MAX_ASSERTION = 2048    # [PRES-102], [MSG-21]
MAX_CREDIT = 8192       # [PRES-102], [MSG-21]
CREDIT_GRACE_S = 90     # [PRES-108] a slot is reaped 90 s after its credit expiry

# The key of the coordinator's own slot. Connection ids are strings, so a tuple never collides.
SELF = ("self",)


class CoordinatorConfig:
    """The `coordinator` config of 8.8, already shape-checked.

    room: the room id (used as given, 10.4). host_key: the committed host public JWK or None
    (any JSON value other than None counts as committed; HCMD-08 step 3 judges it).
    gate: None (no identity gate) or {"g": gate mode or None, "require": bool,
    "bindsFingerprint": bool, and the mode's material gn, gk, gm, codes, limit} (8.9, door.py).
    traffic: "upstream" (PRES-15..PRES-21 as written), "lean" (PRES-70) or "batched" (PRES-70
    and PRES-71); 8.8's config member `traffic`.
    """

    def __init__(self, room, host_key=None, host_name=None, host_email=None, gate=None,
                 lobby=False, locked=False, grandfathered=(), traffic="upstream"):
        self.room = room
        self.host_key = host_key
        self.host_name = host_name
        self.host_email = host_email
        self.gate = gate
        self.lobby = lobby
        self.locked = locked
        self.grandfathered = list(grandfathered)
        assert traffic in TRAFFIC_MODES
        self.traffic = traffic


def _canon_name(s):
    # [PRES-33] trimmed (CONV-08) and lower-cased (CONV-09)
    return lower(trim(s))


class Coordinator:
    role = "coordinator"

    def __init__(self, config, now, ids=None, app=None, seq=None):
        self.cfg = config
        self.ids = ids if ids is not None else IdCounter()     # [PRES-58]
        self.app = app if app is not None else AppState()
        self.timers = Timers(seq)
        self.out = []
        self.now = now
        self.stopped = False
        # [PRES-02] per-connection state keyed by connection id.
        self.open = OrderedDict()         # open connections, in the order they connected
        # [PRES-05] conn -> time; removed by a reap [PRES-23]. A connection is *live* while it
        # is open and has a record [PRES-11].
        self.last_seen = {}
        self.slots = OrderedDict()        # key -> {"member", "token"}, in creation order
        self.lobby = bool(config.lobby)   # [PRES-48] from start options or inherited
        self.locked = bool(config.locked)
        self.admitted = set()
        self.pending = OrderedDict()      # conn -> knocker record, in arrival order
        self.admitted_tokens = set()
        self.kicked_tokens = set()
        self.kicked_ids = set()
        self.kicked_conns = set()
        self.host_id = ""                 # [PRES-32] the host slot starts empty
        self.host_conn = None
        self.grandfathered = set(config.grandfathered)        # [PRES-48], [PRES-50]
        # [PRES-63] (SHOULD, implemented) at most 256 each, least recently added forgotten
        # first; the grandfathered ids count as added in roster order [PRES-48]. A
        # grandfathered id forgotten here no longer passes the lock (AMBIGUITIES.md, 0.2 entry
        # Q-seen-grandfathered).
        self.seen_tokens = RecentSet()
        self.seen_ids = RecentSet(config.grandfathered)
        # [PRES-70], [PRES-71]: how announcements are answered (8.8 `traffic`). `cause` is the
        # connection whose frame is being handled ("a request answer counts as its
        # connection's"); None for local ops, disconnects and timers.
        self.traffic = config.traffic
        self.cause = None
        gate = config.gate
        self.gate_on = bool(gate is not None and gate.get("require") is True)
        # [PRES-75] the verifier the gate mode gives the door, its link material judged once,
        # now that the role begins [PRES-80] (door.py).
        self.door = Door(gate, config.room, now) if gate is not None else None
        self.verified = set()
        self.verifying = {}               # conn -> id of the request that started its check
        # 8.10: conn -> the credit expiry recorded when its credit verified [PRES-105]
        # (forgotten on disconnect [PRES-109] and by the credit reap [PRES-108]); the
        # connections admitted by agent key, rostered with meta.role "agent" [PRES-113].
        self.credit_exp = {}
        self.agent_conns = set()
        self.requests = {}                # request id -> what the answer is for
        # [HCMD-12], [HCMD-13] the command pipeline and its replay window (chapter 4's code).
        self.cmds = hostcmd.Coordinator(config.host_key, config.room)
        # [PRES-22] first beat 2500 ms after the role began. The "previous beat" of the first
        # beat, for the freeze guard, is the start of the role (AMBIGUITIES.md P-first-beat).
        self.prev_beat = now
        self.timers.arm("beat", now + BEAT_MS)

    # ---- driver interface ------------------------------------------------------------------

    def take(self):
        out, self.out = self.out, []
        return out

    def wake(self):
        return None if self.stopped else self.timers.wake()

    def handle(self, now, event):
        """Feed one event (8.8) at time `now`. Events for other roles are ignored."""
        self.now = now
        if self.stopped:
            return
        self.cause = None
        t = event.get("type")
        if t == "connect":
            self.connect(event["conn"])
        elif t == "disconnect":
            self.disconnect(event["conn"])
        elif t == "message":
            self.message(event["conn"], event.get("msg"))
        elif t == "result":
            self.result(event["id"], event.get("value"))
        elif t == "tick":
            self.tick()
        elif t == "local":
            self.local(event)

    def local(self, ev):
        op = ev.get("op")
        if op == "self":
            self.app.announce(self.now, {k: ev[k] for k in ev if k not in ("type", "op")})
            self.apply_self()
        elif op == "mod":
            self.self_issued(ev.get("token"))
        elif op == "close":
            self.stop()
        elif op == "lobby":
            self.set_lobby(ev["on"])
        elif op == "lock":
            self.set_locked(ev["on"])
        elif op == "gate":
            self.set_gate(ev["on"])
        elif op == "reset":
            self.reset()
        elif op == "admit":
            self.admit(ev["conn"])
        elif op == "deny":
            self.deny(ev["conn"])
        elif op == "kick":
            self.kick(ev["id"])
        elif op == "declare-host":
            self.declare_host(ev["id"])
        # `knock` and `identity` do not apply to a coordinator: nothing (8.8).

    def stop(self):
        """[PRES-01] stop acting in the role: no more beats, replies or answers, and give back
        the authority id. 8.8: "`close` on a coordinator outputs `release` (no id) and stops it:
        every later event is ignored"; [PRES-47] a coordinator's role that stops outputs
        `release`, without an id (AMBIGUITIES.md P-close-coordinator, P-release)."""
        if self.stopped:
            return
        self.stopped = True
        self.timers.clear()
        self.requests.clear()
        self.out.append({"type": "release"})

    def roster_state(self):
        """The roster as last sent: (member ids, lobby, locked), for a successor [PRES-48]."""
        return [s["member"]["id"] for s in self.slots.values()], self.lobby, self.locked

    # ---- outputs ---------------------------------------------------------------------------

    def _send(self, to, msg):
        # 8.8: `to` lists open connections in the order they connected and is never empty.
        want = set(to)
        to = [c for c in self.open if c in want]
        if to:
            self.out.append({"type": "send", "to": to, "msg": msg})

    def _drop(self, conn, code):
        self.out.append({"type": "drop", "conn": None if conn is SELF else conn, "code": code})

    def _members(self):
        return [dict(s["member"]) for s in self.slots.values()]

    def _roster_frame(self):
        return frames.roster_frame(self._members(), self.lobby, self.host_id, self.locked)

    def _report(self):
        self.out.append({"type": "roster", "members": self._members(), "lobby": self.lobby,
                         "locked": self.locked, "host": self.host_id})

    def _fanout(self):
        # [PRES-19] every open connection while the lobby is off, the admitted ones while on.
        return [c for c in self.open if not self.lobby or c in self.admitted]

    def _broadcast(self):
        """[PRES-19] roster frame to the fan-out set, then the roster to the application.

        [PRES-71] (MAY, traffic "batched"): "wherever this chapter says to broadcast (the beat
        itself aside)", the roster frame goes only on the connection whose frame caused the
        change, if it is in the fan-out set, and the roster is reported. The frame is sent
        before the report, as in PRES-19 (the text lists the report first; the vectors put it
        second: AMBIGUITIES.md, 0.2 entry Q-batched-order)."""
        if self.traffic == "batched":
            c = self.cause
            if c is not None and c is not SELF and c in self._fanout():
                self._send([c], self._roster_frame())
        else:
            self._send(self._fanout(), self._roster_frame())
        self._report()

    def _voice_broadcast(self, conn, before):
        """The broadcast that ends a `voice` ([PRES-15], [PRES-16]). [PRES-70] (SHOULD, traffic
        "lean" and "batched"): when the roster frame is equal as JSON (object member order
        ignored, array order kept) to the one before the voice, send it on that connection
        alone if the connection is in the fan-out set, and report nothing. The coordinator's
        own announcement is not a `voice` frame and is broadcast as usual (AMBIGUITIES.md, 0.2
        entry Q-lean-self)."""
        if (self.traffic != "upstream" and conn is not SELF
                and json_equal(before, self._roster_frame())):
            if conn in self._fanout():
                self._send([conn], self._roster_frame())
            return
        self._broadcast()

    def _knocks(self):
        self.out.append({"type": "knocks", "list": [
            {"conn": c, "name": r["name"], "avatar": r["avatar"]}
            for c, r in self.pending.items()]})

    # ---- connections -----------------------------------------------------------------------

    def connect(self, conn):
        if conn in self.open:
            self._drop(conn, "presence.duplicate-conn")           # [PRES-02]
            return
        # [PRES-20] open and live; the current roster at once while the lobby is off.
        self.open[conn] = True
        self.last_seen[conn] = self.now
        if not self.lobby:
            self._send([conn], self._roster_frame())

    def _live(self, conn):
        """[PRES-11] live: open, and not reaped (or made live again by a later frame, PRES-23:
        a frame sets the record again, PRES-05). Judged when an answer arrives."""
        return conn in self.open and conn in self.last_seen

    def disconnect(self, conn):
        if conn not in self.open:
            self._drop(conn, "presence.unknown-conn")             # [PRES-02]
            return
        # [PRES-21] forget liveness, admission, the kicked-connection mark, verified and
        # verifying; empty the host slot if it is this connection's; remove a pending knocker
        # (emitting the knock list); remove the slot; broadcast if a slot was removed or the
        # host slot was emptied. Kicked and seen identities and admitted tokens are kept.
        del self.open[conn]
        self.last_seen.pop(conn, None)
        self.admitted.discard(conn)
        self.kicked_conns.discard(conn)
        self.verified.discard(conn)
        self.verifying.pop(conn, None)
        self.credit_exp.pop(conn, None)     # [PRES-109]
        self.agent_conns.discard(conn)
        if self.door is not None:
            self.door.forget(conn)          # [PRES-82] the guess limiter's record goes too
        host_emptied = False
        if self.host_conn == conn:
            # The slot "belongs to this connection" whether or not its media id is empty
            # (a claim before announcing, PRES-31): AMBIGUITIES.md P-host-emptied.
            self.host_id, self.host_conn, host_emptied = "", None, True
        if conn in self.pending:
            del self.pending[conn]
            self._knocks()
        had_slot = self.slots.pop(conn, None) is not None
        if had_slot or host_emptied:
            self._broadcast()

    # ---- frames: the processing order of PRES-04 --------------------------------------------

    def message(self, conn, msg):
        if conn not in self.open:
            self._drop(conn, "presence.unknown-conn")             # [PRES-02]
            return
        self.cause = conn                                         # [PRES-71]
        self._process(conn, msg)

    def _process(self, conn, msg):
        # Stage 1, liveness [PRES-05]: every frame, before anything else, malformed included.
        self.last_seen[conn] = self.now
        status, kind, f = frames.read(msg, frames.CLIENT_KINDS)
        # Stage 1a, shape [PRES-03], [PRES-04]: a malformed frame of a kind a participant sends
        # is dropped (after liveness, before stage 2: a kicked connection's malformed frame is
        # dropped, not answered with kick). [MSG-22]/[MSG-23] (SHOULD, implemented) a frame over
        # the caps is dropped here too, with the same code; lengths in code points, `meta` as
        # the text CONV-15 writes (AMBIGUITIES.md P-malformed-order, P-caps).
        if status == MALFORMED or (status == OK and kind in ("voice", "knock")
                                   and frames.over_caps(f)):
            self._drop(conn, "presence.malformed")
            return
        vk = status == OK and kind in ("voice", "knock")
        token = f.get("token") if vk else None
        vid = f.get("voiceId") if vk else None
        # Stage 2, kicked [PRES-06]: every kind of frame, unknown kinds included.
        if conn in self.kicked_conns or (vk and (
                (nonempty(token) and token in self.kicked_tokens)
                or (nonempty(vid) and vid in self.kicked_ids))):
            self.kicked_conns.add(conn)
            self._send([conn], dict(frames.KICK))
            return
        if status == UNKNOWN:
            # [PRES-03] another kind (roster, lobby, kick and reset included) is ignored; it
            # counted for liveness, and a kicked connection was answered above (stage 8).
            return
        # Stage 3, mod [PRES-07]: the token is judged there, whatever its type (absent, not a
        # string or empty: hostcmd.missing; AMBIGUITIES.md P-mod-token-type).
        if kind == "mod":
            self._mod(conn, f.get("token"))
            return
        # "Entering" frames of stages 4, 5 and 7: a knock, or any voice with on: true, with or
        # without a non-empty voiceId [PRES-04], [MSG-19]; only stage 8 reads a missing voiceId
        # as leaving (AMBIGUITIES.md P-voice-no-id).
        entering = kind == "knock" or (kind == "voice" and f["on"] is True)
        # Stage 4, locked [PRES-08]: unless the identity is a seen token or seen media id.
        if entering and self.locked and not (
                (nonempty(token) and token in self.seen_tokens)
                or (nonempty(vid) and vid in self.seen_ids)):
            self._send([conn], frames.lobby_frame("locked"))
            return
        # Stage 5, identity gate [PRES-09], [PRES-10].
        if entering and self._gate_applies(conn, kind, vid, f):
            self._gate(conn, msg, f)
            return
        # Stage 6, knock [PRES-12]: ignored while the lobby is off, else gate entry.
        if kind == "knock":
            if self.lobby:
                self._gate_entry(conn, self._knocker(f))
            return
        # Stage 7, lobby [PRES-14]: a join from a connection that is not admitted is a knock;
        # a silently admitted one goes on to stage 8. Exception: the soft-name host [PRES-33].
        if (kind == "voice" and entering and self.lobby and conn not in self.admitted
                and not self._soft_host_applies(f["name"])):
            self._gate_entry(conn, self._knocker(f))
            if conn not in self.admitted:
                return
        # Stage 8, membership.
        if kind == "voice":
            if entering and nonempty(vid):
                self._join(conn, f)                               # [PRES-15]
            else:
                self._unjoin(conn)                                # [PRES-16], [MSG-19]
        elif kind == "leave":
            self._leave(conn)                                     # [PRES-17]
        # ping: liveness only. roster, lobby, kick, reset: kinds a coordinator does not act on.

    @staticmethod
    def _knocker(f):
        # [PRES-13] name defaulting to Guest [MSG-20], avatar to ''.
        return {"name": f.get("name") or "Guest", "avatar": f.get("avatar") or "",
                "token": f.get("token") or "", "voiceId": f.get("voiceId") or ""}

    # ---- identity gate ---------------------------------------------------------------------

    def _gate_applies(self, conn, kind, vid, f):
        # [PRES-09] a gate configured and switched on, a connection not yet verified, and not a
        # voice whose voiceId is grandfathered [PRES-50]. (A knock carrying a grandfathered
        # voiceId is gated: the exception names only voice.)
        # [PRES-100] with a gate configured, also while it is switched off for a frame that
        # carries a non-empty agentAssertion, or a non-empty agentCredit in a room that
        # requires credits. Without a gate configured both members are ignored.
        if self.cfg.gate is None or conn in self.verified:
            return False
        if kind == "voice" and nonempty(vid) and vid in self.grandfathered:
            return False
        if self.gate_on:
            return True
        return (nonempty(f.get("agentAssertion"))
                or (self.door.credits and nonempty(f.get("agentCredit"))))

    def set_gate(self, on):
        # [PRES-09] off -> on forgets every verified connection. Without a configured gate the
        # switch has nothing to act on (AMBIGUITIES.md P-gate-unconfigured).
        if self.cfg.gate is None:
            return
        if on and not self.gate_on:
            self.verified.clear()
        self.gate_on = bool(on)

    def _gate(self, conn, msg, f):
        # [PRES-10]
        if conn in self.verifying:
            self._drop(conn, "presence.gate-busy")
            return
        jwt, asr, crd = f.get("jwt"), f.get("agentAssertion"), f.get("agentCredit")
        # [PRES-101] a frame presents a credential when its jwt, agentAssertion or agentCredit
        # is a non-empty string, in a room without credits too (AMBIGUITIES.md
        # AG-credential-any-room); only a frame that presents none is held (or, in a room open
        # to humans, admitted directly).
        if not (nonempty(jwt) or nonempty(asr) or nonempty(crd)):
            if self.door.open_to_humans():
                # [PRES-81] a room open to humans: verified without a credential, and the same
                # frame processed again, instead of holding it.
                self.verified.add(conn)
                self._process(conn, msg)
                return
            self._drop(conn, "presence.no-credential")            # hold quietly
            return
        # [PRES-102] before the fingerprint is requested: a jwt over 8192, an agentAssertion over
        # 2048 or an agentCredit over 8192 characters (UTF-16 units, AMBIGUITIES.md
        # P-jwt-length) has failed, without asking a verifier [MSG-21].
        if ((nonempty(jwt) and utf16_length(jwt) > MAX_CREDENTIAL)
                or (nonempty(asr) and utf16_length(asr) > MAX_ASSERTION)
                or (nonempty(crd) and utf16_length(crd) > MAX_CREDIT)):
            self._send([conn], frames.lobby_frame("unverified"))
            return
        # The verification runs from this request to its verdict (AMBIGUITIES.md P-gate-busy).
        rid = self.ids.next()
        self.verifying[conn] = rid
        self.requests[rid] = {"for": "gate-fp", "conn": conn,
                              "msg": msg, "jwt": jwt, "assertion": asr, "credit": crd,
                              "chain": rid}
        self.out.append({"type": "request", "id": rid, "kind": "fingerprint", "conn": conn})

    def _gate_fp(self, req, value):
        conn = req["conn"]
        # [PRES-77] names, code and invite never bind, whatever the config says; google, email
        # and the plain gate (as its config says) do (8.9, door.py).
        # [PRES-103] an agentAssertion always binds the certificate, whatever the mode.
        binds = self.door.binds or nonempty(req["assertion"])
        # [PRES-10] unreadable is anything but a non-empty string (null, "", another JSON type);
        # a fingerprint of only spaces is readable here, and goes to the verifier as received
        # (which refuses it, BIND-05). AMBIGUITIES.md P-unreadable.
        if binds and not nonempty(value):
            self.verifying.pop(conn, None)
            self._drop(conn, "presence.no-remote-fp")             # hold quietly
            return
        if nonempty(req["assertion"]):
            self._agent_branch(req, value)                        # [PRES-104], [PRES-114]
            return
        if self.door.credits and nonempty(req["credit"]):
            # [PRES-105] the credit path: credits required, an agentCredit, no assertion.
            if self.door.allow_list_nonempty():
                # [PRES-112] (SHOULD, implemented) a room that allow-lists keys does not admit
                # a paying agent without a key.
                self.verifying.pop(conn, None)
                self._send([conn], frames.lobby_frame("unverified"))
                return
            self._credit_request(req, agent=False)
            return
        # [PRES-111] the human path, with the frame's jwt: PRES-10, or PRES-78 in the names,
        # code and invite modes. Without a non-empty jwt it fails.
        if not nonempty(req["jwt"]):
            self.verifying.pop(conn, None)
            self._send([conn], frames.lobby_frame("unverified"))
            return
        if self.door.local:
            # [PRES-78] names, code, invite: decided here, at this answer's time, instead of a
            # verify request; on success exactly as PRES-10's `ok`, on failure `unverified`.
            self.verifying.pop(conn, None)
            verdict = self.door.decide(conn, req["jwt"], self.now)
            if verdict == DOOR_OK:
                self.verified.add(conn)
                self._process(conn, req["msg"])
            elif verdict == LOCKED_OUT:
                self._drop(conn, "presence.gate-locked-out")      # [PRES-82] no answer
            else:
                self._send([conn], frames.lobby_frame("unverified"))
            return
        rid = self.ids.next()
        self.requests[rid] = dict(req, **{"for": "gate-verify"})
        self.out.append({"type": "request", "id": rid, "kind": "verify", "conn": conn,
                         "jwt": req["jwt"], "fp": value})

    def _agent_branch(self, req, fp):
        """[PRES-104] the agent branch, at the fingerprint answer, at floor(at / 1000) seconds:
        AGT-06 against the door's allow-list, the room id and the answered fingerprint."""
        conn = req["conn"]
        try:
            res = agent_assertion.verify(req["assertion"], self.door.allow_list, self.cfg.room,
                                         fp, math.floor(self.now / 1000))
        except ProtocolError:
            # A failed assertion is refused, never admitted as a credential-less human, even in
            # a room open to humans [PRES-114].
            self.verifying.pop(conn, None)
            self._send([conn], frames.lobby_frame("unverified"))
            return
        # The `agent` output: the canonical fingerprint, the key's thumbprint, and the matched
        # entry's caps and label (AGT-08); the application records the caps [CAPS-05].
        out = {"type": "agent", "conn": conn, "fp": canonical(fp), "keyId": res["keyId"]}
        for m in ("caps", "label"):
            if m in res:
                out[m] = res[m]
        self.out.append(out)
        if not self.door.credits:
            self._admit_gated(req, agent=True)                    # [PRES-106]
            return
        if not nonempty(req["credit"]):
            # credit.missing: an allow-listed key does not exempt an agent from paying. Sent
            # without a `drop` (AMBIGUITIES.md AG-credit-missing).
            self.verifying.pop(conn, None)
            self._send([conn], frames.lobby_frame("unverified"))
            return
        self._credit_request(req, agent=True)                     # [PRES-105]

    def _credit_request(self, req, agent):
        """[PRES-105] request the `credit` verification of the frame's agentCredit (CRED-02 with
        CRED-03). The verification keeps running until its answer [PRES-10] gate-busy."""
        rid = self.ids.next()
        self.requests[rid] = dict(req, **{"for": "gate-credit", "agent": agent})
        self.out.append({"type": "request", "id": rid, "kind": "credit", "conn": req["conn"],
                         "credential": req["credit"]})

    def _credit_verdict(self, req, value):
        # [PRES-105] a number admits and is recorded as the credit expiry; "fail" refuses;
        # any other value holds quietly.
        conn = req["conn"]
        if is_number(value):
            self.credit_exp[conn] = value
            self._admit_gated(req, agent=req["agent"])
        elif value == "fail":
            self.verifying.pop(conn, None)
            self._send([conn], frames.lobby_frame("unverified"))
        else:
            self.verifying.pop(conn, None)
            self._drop(conn, "presence.gate-hold")

    def _admit_gated(self, req, agent):
        """[PRES-106] mark the connection verified and process the same frame again from stage
        1, as PRES-10 does on `ok`; in a room that requires credits, forget the mark right after
        that processing when the frame carried an agentAssertion or an agentCredit, so that the
        agent's next entering frame is verified again and its credit expiry renewed.
        [PRES-113] (SHOULD, implemented) a connection admitted by agent key is rostered as an
        agent "from that admission until the connection disconnects (a later admission of the
        same connection by the human path does not lift it)" (AMBIGUITIES.md AG-agent-mark)."""
        conn = req["conn"]
        self.verifying.pop(conn, None)
        if agent:
            self.agent_conns.add(conn)
        self.verified.add(conn)
        self._process(conn, req["msg"])
        if self.door.credits and (nonempty(req["assertion"]) or nonempty(req["credit"])):
            self.verified.discard(conn)

    def _gate_verdict(self, req, value):
        conn = req["conn"]
        self.verifying.pop(conn, None)
        if value == "ok":
            # Mark verified and process the same frame again from stage 1. The agent mark of
            # PRES-113 stays (only a disconnect lifts it).
            self.verified.add(conn)
            self._process(conn, req["msg"])
        elif value == "fail":
            self._send([conn], frames.lobby_frame("unverified"))
        else:
            # [PRES-10] "on any other answer, `hold` included, do nothing (presence.gate-hold)";
            # the answer may be any JSON (8.8 Events). AMBIGUITIES.md P-result-values.
            self._drop(conn, "presence.gate-hold")

    # ---- request answers -------------------------------------------------------------------

    def result(self, rid, value):
        req = self.requests.pop(rid, None) if type(rid) is int else None
        if req is None:
            self._drop(None, "presence.stale-result")             # unknown request [PRES-11]
            return
        conn = req["conn"]
        # [PRES-71] "a request answer counts as its connection's".
        self.cause = conn
        if not self._live(conn):
            # [PRES-11] its connection is not live when the answer arrives (disconnected, or
            # reaped and not made live again by a later frame): discarded, no member added, no
            # host change, no command enacted. Liveness is judged now, as upstream does: a
            # connection reaped and live again, or a new connection under the same id, takes
            # the answer (AMBIGUITIES.md P-stale). [PRES-10] a discarded answer ends the
            # verification: the connection may try again (AMBIGUITIES.md P-gate-busy).
            if "chain" in req and self.verifying.get(conn) == req["chain"]:
                del self.verifying[conn]
            self._drop(conn, "presence.stale-result")
            return
        if req["for"] == "mod-fp":
            self._verify_and_enact(conn, req["token"], value if isinstance(value, str) else None)
        elif req["for"] == "gate-fp":
            self._gate_fp(req, value)
        elif req["for"] == "gate-verify":
            self._gate_verdict(req, value)
        elif req["for"] == "gate-credit":
            self._credit_verdict(req, value)

    # ---- host commands ---------------------------------------------------------------------

    def _mod(self, conn, tok):
        # [PRES-07] missing, oversize and no-host-key are dropped without asking for the
        # fingerprint; otherwise ask, verify when the answer comes, enact only if accepted.
        if not nonempty(tok):
            self._drop(conn, "hostcmd.missing")
            return
        if utf16_length(tok) > hostcmd.MAX_TOKEN_CHARS:
            self._drop(conn, "hostcmd.oversize")                  # [HCMD-12]
            return
        if self.cfg.host_key is None:
            self._drop(conn, "hostcmd.no-host-key")               # [HCMD-01]
            return
        rid = self.ids.next()
        self.requests[rid] = {"for": "mod-fp", "conn": conn,
                              "token": tok}
        self.out.append({"type": "request", "id": rid, "kind": "fingerprint", "conn": conn})

    def self_issued(self, tok):
        """A command the coordinator issues to itself: verified locally, not cert-bound
        [HCMD-10], through the same pipeline as a `mod` frame [HCMD-21]; the `drop` of a
        rejection carries conn null (8.8). AMBIGUITIES.md P-self-issued."""
        self._verify_and_enact(SELF, tok, hostcmd._NO_CONNECTION)

    def _verify_and_enact(self, sender, tok, remote_fp):
        try:
            # [HCMD-08], [HCMD-12], [HCMD-13]; checked at floor(at / 1000) seconds (8.8).
            res = self.cmds.process(tok, math.floor(self.now / 1000), remote_fp)
        except ProtocolError as e:
            self._drop(sender, e.code)                            # [HCMD-15] nothing changes
            return
        self._enact(sender, res)                                  # [HCMD-16] exactly once

    def _enact(self, sender, res):
        # [PRES-31]
        op, target = res["op"], res.get("target")
        if op == "claim":
            slot = self.slots.get(sender)
            self.host_id = slot["member"]["id"] if slot is not None else ""
            self.host_conn = sender
            self._broadcast()
        elif op in ("lobbyon", "lobbyoff"):
            self.set_lobby(op == "lobbyon")
        elif op in ("lock", "unlock"):
            self.set_locked(op == "lock")
        elif op == "reset":
            self.reset()
        elif not nonempty(target):
            return              # kick, admit and deny without a non-empty target do nothing
        elif op == "kick":
            self.kick(target)
        elif op == "admit":
            self.admit(target)
        elif op == "deny":
            self.deny(target)

    # ---- membership ------------------------------------------------------------------------

    def _join(self, key, f):
        # [PRES-15] in this order: evict other connections' slots holding the same non-empty
        # token; create or update this slot (keeping its place); remember the identity; apply
        # PRES-33; broadcast. [PRES-15], [PRES-51] "the coordinator's own slot holds no token"
        # (the room's token is a participant's): it is never evicted by a frame, and applying
        # it evicts no connection's slot and adds no seen token (AMBIGUITIES.md P-self-token).
        token = f.get("token") if key is not SELF else None
        before = self._roster_frame()               # [PRES-70] the roster before the voice
        vid = f["voiceId"]
        if nonempty(token):
            for other in [k for k, s in self.slots.items()
                          if k != key and k is not SELF and s["token"] == token]:
                del self.slots[other]
        meta = f.get("meta")
        if key in self.agent_conns:
            # [PRES-113] (SHOULD, implemented) admitted by agent key: meta.role "agent", as
            # {"role":"agent"} when the voice's meta is absent or not an object, otherwise that
            # object with role set.
            meta = dict(meta, role="agent") if isinstance(meta, dict) else {"role": "agent"}
        self.slots[key] = {"member": frames.member(vid, f.get("name"), f.get("cam"),
                                                   f.get("avatar"), meta),
                           "token": token if nonempty(token) else "",
                           # [PRES-107] the connection's recorded credit expiry, if any.
                           "credit": self.credit_exp.get(key)}
        # [PRES-63] adding an entry that is already there makes it the most recent.
        if nonempty(token):
            self.seen_tokens.add(token)
        self.seen_ids.add(vid)
        if self._soft_host_applies(f.get("name")):
            # [PRES-33] the soft-name tier: host, and admitted.
            self.host_id, self.host_conn = vid, key
            if key is not SELF:
                self.admitted.add(key)
        self._voice_broadcast(key, before)

    def _soft_host_applies(self, name):
        # [PRES-33] a committed host display name and no host key, an empty host slot, and the
        # announced name equal to it after trim and lower-case. A name that is empty after
        # trimming commits nothing (AMBIGUITIES.md P-soft-name).
        hn = self.cfg.host_name
        if self.cfg.host_key is not None or not isinstance(hn, str) or _canon_name(hn) == "":
            return False
        return self.host_id == "" and isinstance(name, str) and _canon_name(name) == _canon_name(hn)

    def _unjoin(self, key):
        # [PRES-16] remove the slot if any; broadcast also when nothing was removed (PRES-70
        # answers an unchanged roster on the connection alone).
        before = self._roster_frame()
        self.slots.pop(key, None)
        self._voice_broadcast(key, before)

    def _leave(self, conn):
        # [PRES-17] admitted, pending (knock list if it was pending), slot (broadcast if any).
        self.admitted.discard(conn)
        if conn in self.pending:
            del self.pending[conn]
            self._knocks()
        if self.slots.pop(conn, None) is not None:
            self._broadcast()

    def apply_self(self):
        """The coordinator's own announcement, as its own slot ([PRES-51], 8.8 `self`)."""
        self.cause = None           # [PRES-71] no connection caused this (a room calls it)
        ann = self.app.ann
        if ann is None:
            return
        if ann.get("on") is True and nonempty(ann.get("voiceId")):
            self._join(SELF, ann)
        else:
            self._unjoin(SELF)

    def announce_empty(self):
        """[PRES-51] a new coordinator broadcasts its (empty) roster when it takes the role."""
        self.cause = None
        self._broadcast()

    # ---- lobby -----------------------------------------------------------------------------

    def _gate_entry(self, conn, rec):
        # [PRES-13]
        if ((nonempty(rec["token"]) and rec["token"] in self.admitted_tokens)
                or (nonempty(rec["voiceId"]) and rec["voiceId"] in self.grandfathered)):
            self._admit_now(conn, rec)
            return
        was = self.pending.get(conn)
        self.pending[conn] = rec            # an existing entry keeps its place
        if was is None:
            self._send([conn], frames.lobby_frame("waiting"))
        if was is None or was["name"] != rec["name"] or was["avatar"] != rec["avatar"]:
            self._knocks()

    def admit(self, conn):
        # [PRES-28] nothing unless pending.
        if conn in self.pending:
            self._admit_now(conn, self.pending[conn])

    def _admit_now(self, conn, rec):
        # [PRES-28] effects, also for the silent admission of PRES-13: out of pending,
        # admitted, token remembered, `admitted` then the roster on the connection, and the
        # knock list only when the connection was pending (a silent admission of a connection
        # that never waited changes no list: AMBIGUITIES.md P-silent-admit).
        was_pending = self.pending.pop(conn, None) is not None
        self.admitted.add(conn)
        if nonempty(rec["token"]):
            self.admitted_tokens.add(rec["token"])
        self._send([conn], frames.lobby_frame("admitted"))
        self._send([conn], self._roster_frame())
        if was_pending:
            self._knocks()

    def deny(self, conn):
        # [PRES-29] out of pending (knock list if it was there); `denied` if open, pending or
        # not. Not remembered.
        if conn in self.pending:
            del self.pending[conn]
            self._knocks()
        if conn in self.open:
            self._send([conn], frames.lobby_frame("denied"))

    def set_lobby(self, on):
        # [PRES-25] on: admitted := the connections with a slot (own slot aside). off: admit
        # every pending knocker in pending order as in PRES-28. Then broadcast. The flag is set
        # first, so the rosters sent to those admitted carry the new value
        # (AMBIGUITIES.md P-lobby-order). Applied also when the flag does not change.
        if on:
            self.lobby = True
            self.admitted = {k for k in self.slots if k is not SELF}
        else:
            self.lobby = False
            for conn in list(self.pending):
                self.admit(conn)
        self._broadcast()

    def set_locked(self, on):
        # [PRES-26] set the flag and broadcast; a lock never removes anyone.
        self.locked = bool(on)
        self._broadcast()

    def reset(self):
        # [PRES-27] {"t":"reset"} to the fan-out set, and to our own application.
        self._send(self._fanout(), dict(frames.RESET))
        self.out.append({"type": "reset"})

    def kick(self, vid):
        # [PRES-30]
        if not nonempty(vid) or vid == self.app.voice_id():
            return
        self.kicked_ids.add(vid)
        for key, slot in self.slots.items():
            if key is not SELF and slot["member"]["id"] == vid:
                if nonempty(slot["token"]):
                    self.kicked_tokens.add(slot["token"])
                self.kicked_conns.add(key)
                self._send([key], dict(frames.KICK))
                del self.slots[key]
                self.admitted.discard(key)
                # The pending record goes too, emitting the knock list if it was pending; the
                # host slot is not changed (it empties when that connection closes, PRES-32).
                # AMBIGUITIES.md P-kick-pending.
                if self.pending.pop(key, None) is not None:
                    self._knocks()
                break
        self._broadcast()

    def declare_host(self, vid):
        # [PRES-34] only with a committed host e-mail and no host key; nothing when the host
        # slot is taken or no slot holds the media id. The new host is broadcast, as every
        # other change of the host slot is (AMBIGUITIES.md P-declare).
        he = self.cfg.host_email
        if self.cfg.host_key is not None or not nonempty(he) or self.host_id != "":
            return
        for key, slot in self.slots.items():
            if slot["member"]["id"] == vid:
                self.host_id, self.host_conn = vid, key
                self._broadcast()
                return

    # ---- timers ----------------------------------------------------------------------------

    def tick(self):
        for _ in range(16):
            name = self.timers.pop_due(self.now)
            if name is None:
                return
            if name == "beat":
                self._beat()

    def _credit_reap(self):
        """[PRES-108] in a room that requires credits, at a beat that reaps, after the reap:
        every slot but our own whose credit expiry e has floor(now / 1000) >= e + 90 is
        removed, with its connection's last-seen record and recorded expiry, and the connection
        is sent `kick` (not added to the kicked connections). Returns whether a slot went."""
        now_s = math.floor(self.now / 1000)
        removed = False
        for key, slot in list(self.slots.items()):
            e = slot.get("credit")
            if key is SELF or e is None or not now_s >= e + CREDIT_GRACE_S:
                continue
            del self.slots[key]
            # No longer live (no last-seen record): an answer that arrives before a later frame
            # is stale [PRES-11] (AMBIGUITIES.md AG-credit-reap-live).
            self.last_seen.pop(key, None)
            self.credit_exp.pop(key, None)
            self._send([key], dict(frames.KICK))
            removed = True
        return removed

    def _beat(self):
        # [PRES-22] ping every open connection; freeze guard or reap; roster to the fan-out set
        # whatever changed; report the roster only if the reap removed a member.
        self._send(list(self.open), dict(frames.PING))
        removed = False
        if self.now - self.prev_beat > FREEZE_MS:
            for c in self.last_seen:            # [PRES-24] existing records only
                self.last_seen[c] = self.now
        else:
            # [PRES-23] only the record and the slot go (AMBIGUITIES.md P-reap-details).
            for c in list(self.open):
                seen = self.last_seen.get(c)
                if seen is not None and self.now - seen > REAP_MS:
                    del self.last_seen[c]
                    if self.slots.pop(c, None) is not None:
                        removed = True
            if self.door is not None and self.door.credits:
                removed = self._credit_reap() or removed
        self.prev_beat = self.now
        self._send(self._fanout(), self._roster_frame())
        if removed:
            self._report()
        self.timers.arm("beat", self.now + BEAT_MS)
