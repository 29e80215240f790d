"""One mesh pair (spec 14.2 to 14.5): this peer and one other media peer, their sig and bulk
data connections, the heartbeat, media negotiation over sig, drop grace and roster hold.

The machine is pure: `handle(at, event)` answers the output records of MESH-28 in the order
MESH-29 gives. It never reads a clock; timers fire at the first `tick` at or after their due
time, in the order of MESH-27.
"""

from ..errors import InputInvalid
from . import control
from .text16 import is_num, utf16_less

HEARTBEAT_MS = 2000         # [MESH-12]
REDIAL_MS = 800             # [MESH-08]
WATCHDOG_MS = 8000          # [MESH-14]
MAX_WATCHDOG = 3            # [MESH-14]
RECOVER_MS = 9000           # [MESH-23]
MAX_RUNGS = 3               # [MESH-24]
GRACE_MS = 7000             # [MESH-25]
HEARD_MS = 60000            # [MESH-26]
BYE_CLOSE_MS = 250          # [MESH-11]
MAX_QUEUE = 256             # [MESH-06]
MAX_ICE = 256               # [MESH-21]
MAX_HEX = 2 * 64 * 1024 * 1024

CHANNELS = ("sig", "bulk")


class Conn:
    """A data connection: it exists from the moment it is dialled or arrives until it closes;
    it is open once its data channel is open (14.1)."""
    __slots__ = ("dialled", "open", "since", "last_recv", "queue")

    def __init__(self, dialled, at):
        self.dialled = dialled      # this side dialled it [MESH-08]
        self.open = False
        self.since = at             # dialled or arrived [MESH-14]
        self.last_recv = at         # "counting from when it was dialled or arrived"
        self.queue = []             # [MESH-05] frames written before it opened


class Media:
    """The media connection, as far as negotiation needs it (MESH-17, MESH-18)."""
    __slots__ = ("relay", "state", "carried", "making_offer", "stable", "remote_set", "ice")

    def __init__(self, relay):
        self.relay = relay
        self.state = "new"          # the last pc-state event
        self.carried = False        # has carried media [MESH-23]
        self.making_offer = False   # [MESH-18]
        self.stable = True          # a fresh connection is stable
        self.remote_set = False     # a remote description is set [MESH-21]
        self.ice = []               # candidates that arrived before it


def _hex(ev):
    v = ev.get("hex")
    if not isinstance(v, str) or len(v) % 2 or len(v) > MAX_HEX:
        raise InputInvalid("event.hex must be hexadecimal bytes")
    try:
        bytes.fromhex(v)
    except ValueError:
        raise InputInvalid("event.hex must be hexadecimal bytes")
    return v.lower()                # bytes are lower-case hex in outputs (14.9)


def _channel(ev):
    c = ev.get("channel")
    if c not in CHANNELS:
        raise InputInvalid("event.channel must be sig or bulk")
    return c


def _payload(ev, out):
    """`msg` (any JSON) or `hex`, exactly one."""
    has_msg, has_hex = "msg" in ev, ev.get("hex") is not None
    if has_msg == has_hex:
        raise InputInvalid("the event needs exactly one of msg and hex")
    if has_msg:
        out["msg"] = ev["msg"]
    else:
        out["hex"] = _hex(ev)
    return out


class MeshPair:
    def __init__(self, me, peer, start, media=False, roster_hold=True):
        self.me, self.peer = me, peer
        # [WIRE-04] the initiator's id sorts first by UTF-16 code units
        self.initiator = utf16_less(me, peer)
        self.media_on = media
        self.roster_hold = roster_hold
        self.start = start
        self.now = start
        self.present = False
        self.conns = {"sig": None, "bulk": None}
        self.dialled = {"sig": False, "bulk": False}    # since the pair began or was torn down
        self.peer_cap = False
        self.bye = False            # the peer said bye [MESH-10]
        self.leaving = False        # this side is leaving [MESH-11]
        self.media = None
        self.latch = False          # [MESH-20] the relay latch
        self.flowed = False         # media from the peer once flowed [MESH-26]
        self.rungs = 0              # [MESH-24] the recovery count
        self.watchdog = 0           # [MESH-14]
        self.clock = start          # [MESH-23] the recovery clock
        self.heard = None           # [MESH-16]
        self.peer_in = None
        self.peer_out = None
        self.timers = {}            # name -> due time
        self.grace_admits = False   # the running grace began when the peer left the roster
        self.next_beat = start + HEARTBEAT_MS
        self.out = []

    # ---- event shapes ----------------------------------------------------------------------

    @staticmethod
    def check_event(ev):
        t = ev.get("type")
        if t == "roster":
            if not isinstance(ev.get("present"), bool):
                raise InputInvalid("event.present must be a boolean")
            return {"type": t, "present": ev["present"]}
        if t == "incoming":
            if not isinstance(ev.get("label"), str):
                raise InputInvalid("event.label must be a string")
            return {"type": t, "label": ev["label"]}
        if t in ("open", "closed"):
            return {"type": t, "channel": _channel(ev)}
        if t == "frame":
            return _payload(ev, {"type": t, "channel": _channel(ev)})
        if t == "tick":
            return {"type": t}
        if t == "local":
            op = ev.get("op")
            if op == "send":
                return _payload(ev, {"type": t, "op": op})
            if op == "close":
                return {"type": t, "op": op}
            raise InputInvalid("event.op must be send or close")
        if t == "description":
            if "d" not in ev:
                raise InputInvalid("event.d is missing")
            return {"type": t, "d": ev["d"]}
        if t == "pc-state":
            if not isinstance(ev.get("state"), str):
                raise InputInvalid("event.state must be a string")
            return {"type": t, "state": ev["state"]}
        if t == "stats":
            out = {"type": t}
            for k in ("v", "a", "ov", "oa"):
                if not is_num(ev.get(k)):
                    raise InputInvalid("event.%s must be a number" % k)
                out[k] = ev[k]
            return out
        raise InputInvalid("unknown event type %r" % (t,))

    # ---- driving -----------------------------------------------------------------------------

    def handle(self, at, ev):
        self.now = at
        self.out = []
        t = ev["type"]
        if self.leaving:
            # [MESH-11] after leaving: only the closing timer, and any connection that still
            # arrives is closed
            if t == "tick":
                self._timers_bye_only()
            elif t == "incoming":
                self._emit(type="close", channel=self._label_channel(ev["label"]))
            return self.out
        getattr(self, "_ev_" + t.replace("-", "_"))(ev)
        return self.out

    def _emit(self, **o):
        self.out.append(o)

    def _media_out(self, op, **extra):
        self.out.append(dict({"type": "media", "op": op}, **extra))

    # ---- admission [MESH-09] -------------------------------------------------------------------

    def admitted(self):
        """Present, or left the roster while its drop grace (or hold) runs (14.1). The grace
        MESH-09 starts for a connection from a peer that is not admitted does not admit it
        (decided by a vector only: AMBIGUITIES.md D-not-admitted-grace)."""
        return self.present or ("grace" in self.timers and self.grace_admits)

    # ---- data connections [MESH-01..MESH-08] ---------------------------------------------------

    @staticmethod
    def _label_channel(label):
        # [MSG-17] exactly `bulk` is bulk, anything else is sig
        return "bulk" if label == "bulk" else "sig"

    def _dial(self, ch):
        """Dialling replaces a connection of the same channel that still exists: the old one
        is closed first [MESH-01]."""
        if self.conns[ch] is not None:
            self._emit(type="close", channel=ch)
        self.conns[ch] = Conn(True, self.now)
        self.dialled[ch] = True
        self._emit(type="dial", channel=ch)

    def _close_conn(self, ch):
        if self.conns[ch] is not None:
            self.conns[ch] = None
            self._emit(type="close", channel=ch)

    def _write(self, ch, payload):
        """Write a frame to a connection that exists: at once when open, else queued [MESH-05]
        up to 256 frames [MESH-06] (SHOULD, implemented)."""
        c = self.conns[ch]
        if c is None:
            self._emit(type="drop", code="mesh.no-link")
            return
        if c.open:
            self.out.append(dict({"type": "send", "channel": ch}, **payload))
        elif len(c.queue) >= MAX_QUEUE:
            self._emit(type="drop", code="mesh.buffer-full")
        else:
            c.queue.append(payload)

    def _sig(self, msg):
        self._write("sig", {"msg": msg})

    def _ev_roster(self, ev):
        if ev["present"]:
            if self.present:
                return
            self.present = True
            self.timers.pop("grace", None)          # present again: no teardown [MESH-25]
            # [MESH-01] the initiator dials sig when the peer becomes present
            if self.initiator and not self.dialled["sig"]:
                self._dial("sig")
            self._start_media()                     # [MESH-13] "when the peer becomes present"
        else:
            if not self.present:
                return
            self.present = False
            # [MESH-25] the drop grace, when something of the pair exists
            if self.media is not None or any(self.conns.values()) or self.dialled["sig"]:
                self.timers["grace"] = self.now + GRACE_MS
                self.grace_admits = True

    def _ev_incoming(self, ev):
        ch = self._label_channel(ev["label"])
        # A connection that arrives replaces one of that channel that still exists
        # (AMBIGUITIES.md D-mesh-incoming).
        self.conns[ch] = Conn(False, self.now)
        # [MESH-09] (SHOULD, implemented) from a peer that is not admitted: the drop grace
        if not self.admitted():
            self.timers["grace"] = self.now + GRACE_MS
            self.grace_admits = False

    def _ev_open(self, ev):
        ch = ev["channel"]
        c = self.conns[ch]
        if c is None or c.open:
            return                                  # [MESH-28] ignored
        c.open = True
        # [MESH-02] the queued frames first [MESH-05]
        queue, c.queue = c.queue, []
        for payload in queue:
            self.out.append(dict({"type": "send", "channel": ch}, **payload))
        if ch == "sig":
            if self.initiator:
                self._start_media()                 # [MESH-13] "when sig opens"
            self._sig({"t": "cap", "bulk": 1})
        else:
            # after the queued frames (AMBIGUITIES.md D-bulk-open)
            self._emit(type="link-open", channel="bulk")

    def _ev_closed(self, ev):
        ch = ev["channel"]
        c = self.conns[ch]
        if c is None:
            return                                  # [MESH-28] ignored
        self.conns[ch] = None                       # its queue is lost [MESH-05]
        # [MESH-08] re-dial 800 ms later a connection this side dialled, while the pair still
        # wants it
        if c.dialled and not self.bye:
            self.timers["redial-" + ch] = self.now + REDIAL_MS

    def _ev_frame(self, ev):
        ch = ev["channel"]
        c = self.conns[ch]
        if c is None:
            return                                  # [MESH-28] ignored
        c.last_recv = self.now                      # [MESH-14] it received something
        # [MESH-09] (SHOULD, implemented) every frame from a peer that is not admitted
        if not self.admitted():
            self._emit(type="drop", code="mesh.not-rostered")
            return
        msg = ev.get("msg")
        if "msg" in ev and control.is_control(msg):
            if ch == "bulk":
                return                              # [MESH-07] ignored on bulk
            fault = control.check(msg)
            if fault is not None:
                self._emit(type="drop", code=fault[0])    # [MESH-07], [MSG-35], [MSG-39]
                return
            getattr(self, "_c_" + msg["t"].replace("-", "_"))(msg)
            return
        # [MESH-07] every other frame, JSON or binary, is delivered
        if "msg" in ev:
            self._emit(type="deliver", msg=msg)
        else:
            self._emit(type="deliver", hex=ev["hex"])

    def _ev_local(self, ev):
        if ev["op"] == "close":
            self._leave()
            return
        payload = {"msg": ev["msg"]} if "msg" in ev else {"hex": ev["hex"]}
        # [MESH-04] on bulk when a bulk connection exists, open or not, else on sig
        if self.conns["bulk"] is not None:
            self._write("bulk", payload)
        elif self.conns["sig"] is not None:
            self._write("sig", payload)
        else:
            self._emit(type="drop", code="mesh.no-link")

    def _leave(self):
        """[MESH-11] bye on the open sig connection, media closed, the data connections closed
        250 ms later."""
        c = self.conns["sig"]
        if c is not None and c.open:
            self.out.append({"type": "send", "channel": "sig", "msg": {"t": "bye"}})
        self._close_media()
        self.leaving = True
        self.timers = {"bye-close": self.now + BYE_CLOSE_MS}

    # ---- control frames on sig [MESH-07] -------------------------------------------------------

    def _c_cap(self, msg):
        self.peer_cap = True
        # [MESH-03] the initiator dials bulk once, after cap, if it dialled sig
        sig = self.conns["sig"]
        if self.initiator and sig is not None and sig.dialled and self.conns["bulk"] is None \
                and not self.dialled["bulk"]:
            self._dial("bulk")

    def _c_mh(self, msg):
        # [MESH-16] the peer was heard; its inbound and outbound rates
        self.heard = self.now
        self.peer_in = msg["v"] + msg["a"]
        self.peer_out = msg["ov"] + msg["oa"]

    def _c_bye(self, msg):
        # [MESH-10] the peer left: report it, close sig, never re-dial it, never hold it.
        # Bulk stays until the teardown, which the roster's drop starts (AMBIGUITIES.md D-bye).
        self.bye = True
        self._emit(type="left")
        self.timers.pop("redial-sig", None)
        self._close_conn("sig")

    def _c_m_dial(self, msg):
        if not self.media_on:
            return                                  # [MESH-17] a peer without media ignores it
        if self.initiator:
            self._start_media()                     # [MESH-13] "when m-dial arrives"

    def _c_mh_dead(self, msg):
        if not self.media_on:
            return
        if self.initiator:
            self._rung()                            # [MESH-24]

    def _c_m_recreate(self, msg):
        if not self.media_on:
            return
        if msg.get("relay") is True:
            self.latch = True                       # [MESH-20]
        self._close_media()                         # [MESH-22]

    def _c_m_ice(self, msg):
        if not self.media_on or self.media is None:
            return                                  # [MESH-21] no media connection: ignored
        m = self.media
        if m.remote_set:
            self._media_out("add-ice", c=msg["c"])
        elif len(m.ice) < MAX_ICE:                  # (SHOULD, implemented)
            m.ice.append(msg["c"])

    def _c_m_sdp(self, msg):
        if not self.media_on:
            return
        if msg.get("relay") is True:
            self.latch = True                       # [MESH-20]
        d = msg["d"]
        if d["type"] == "answer":
            if self.media is None:
                return                              # [MESH-17] ignored
            # applied whatever the negotiation state (AMBIGUITIES.md D-unexpected-answer)
            self._apply_remote(d)
            return
        # an offer
        m = self.media
        if m is not None and m.state in ("failed", "closed"):
            # [MESH-22] an offer while the media connection has failed or closed replaces it
            self._create_media(offer=False)
            m = self.media
        elif m is None:
            self._create_media(offer=False)         # [MESH-17] created without an offer
            m = self.media
        if m.making_offer or not m.stable:
            # [MESH-18] a colliding offer
            if self.initiator:
                return                              # the impolite side ignores it
            self._media_out("rollback")             # the polite side rolls back
            m.making_offer = False
            m.stable = True
        self._apply_remote(d)

    def _apply_remote(self, d):
        """[MESH-18] set-remote, then the buffered candidates in order, then (offer) an
        answer."""
        m = self.media
        self._media_out("set-remote", d=d)
        m.remote_set = True
        ice, m.ice = m.ice, []
        for c in ice:
            self._media_out("add-ice", c=c)
        if d["type"] == "offer":
            m.stable = False                        # until its own answer is ready
            self._media_out("create-answer")
        else:
            m.stable = True

    # ---- media [MESH-13], [MESH-17]..[MESH-24] --------------------------------------------------

    def _start_media(self):
        """[MESH-13] The initiator creates a media connection with a present peer whenever sig
        is open and none exists (when it takes part in media)."""
        sig = self.conns["sig"]
        if self.media_on and self.initiator and self.present and sig is not None and sig.open \
                and self.media is None:
            self._create_media(offer=True)

    def _create_media(self, offer, relay=None):
        """A media connection: `create` with the relay latch, then (initiator) `create-offer`;
        a replaced one is closed first [MESH-29]. Creating a relay-only connection sets the
        latch [MESH-20]; the recovery clock restarts [MESH-23]."""
        if relay:
            self.latch = True
        self._close_media()
        self.media = Media(self.latch)
        self._media_out("create", relay=self.latch)
        self.clock = self.now
        if offer:
            self.media.making_offer = True
            self._media_out("create-offer")

    def _close_media(self):
        if self.media is not None:
            self.media = None
            self._media_out("close")

    def _ev_description(self, ev):
        """A local description is ready: sent as m-sdp with the relay latch [MESH-19]."""
        m = self.media
        if m is None:
            return
        d = ev["d"]
        kind = d.get("type") if isinstance(d, dict) else None
        if kind == "offer":
            m.making_offer = False
            m.stable = False                        # until the answer is applied [MESH-18]
        elif kind == "answer":
            m.stable = True
        self._sig({"t": "m-sdp", "d": d, "relay": self.latch})

    def _ev_pc_state(self, ev):
        m = self.media
        if m is None:
            return
        m.state = ev["state"]
        # [MESH-23] a media connection that fails recovers at once, if the peer is present
        if m.state == "failed" and self.present:
            self._recover()

    def _ev_stats(self, ev):
        """A measurement [MESH-15]: sent as mh, then the inbound flow is judged [MESH-23]."""
        if self.media is None:
            return
        self._sig({"t": "mh", "v": ev["v"], "a": ev["a"], "ov": ev["ov"], "oa": ev["oa"]})
        m = self.media
        if ev["v"] + ev["a"] >= 1:
            # flow
            self.clock = self.now
            m.carried = True
            self.flowed = True
            self.watchdog = 0
            if self.peer_in is not None and self.peer_in >= 1:
                self.rungs = 0
            return
        if self.now - self.clock > RECOVER_MS and (
                (self.peer_out is not None and self.peer_out >= 1)
                or (m.state == "connected" and not m.carried)):
            self._recover()
        elif self.peer_out is not None and self.peer_out < 1:
            self.clock = self.now                   # the peer is quiet, not cut off

    def _recover(self):
        """[MESH-23] restart the clock; the initiator runs the next rung, the answerer sends
        mh-dead."""
        self.clock = self.now
        if self.initiator:
            self._rung()
        else:
            self._sig({"t": "mh-dead"})

    def _rung(self):
        """[MESH-24] The next rung of the recovery ladder."""
        sig = self.conns["sig"]
        if sig is None or not sig.open or not self.media_on:
            return
        if self.rungs >= MAX_RUNGS:
            return
        n = self.rungs
        m = self.media
        dead = m is not None and m.state == "connected" and not m.carried
        self.clock = self.now
        self.rungs += 1
        if n == 0 and not dead and m is not None and m.state != "closed" and m.stable:
            # [MESH-24] n = 0, not dead, a connection not closed and stable: restart ICE and make
            # a new offer (none while one is already being made).
            if not m.making_offer:
                self._media_out("restart-ice")
                m.making_offer = True
                self._media_out("create-offer")
            return
        # [MESH-24] "For n = 0 with a connection that is not dead but is closed, absent or not
        # stable, the rung sends `m-recreate` and creates a fresh media connection as for n = 1
        # (r false)" (AMBIGUITIES.md D-rung-zero, decided by the text).
        r = n >= 2 or dead
        self._sig({"t": "m-recreate", "relay": r})
        self._create_media(offer=True, relay=r)

    # ---- timers [MESH-27] ------------------------------------------------------------------------

    def _due(self, name):
        due = self.timers.get(name)
        if due is not None and due <= self.now:
            del self.timers[name]
            return True
        return False

    def _timers_bye_only(self):
        if self._due("bye-close"):
            self._close_conn("sig")
            self._close_conn("bulk")

    def _ev_tick(self, ev):
        # 1. the close after bye (only while leaving, handled above)
        # 2. the drop grace [MESH-25], [MESH-26]
        if self._due("grace"):
            self._grace_ends()
        # 3., 4. the re-dials [MESH-08]
        for ch in CHANNELS:
            if self._due("redial-" + ch):
                if self.conns[ch] is None and not self.bye:
                    self._dial(ch)
        # 5. the heartbeat [MESH-12]: one, however many are due
        if self.next_beat <= self.now:
            k = (self.now - self.start) // HEARTBEAT_MS + 1
            self.next_beat = self.start + HEARTBEAT_MS * k
            self._heartbeat()

    def _grace_ends(self):
        if self.present:
            return
        sig = self.conns["sig"]
        # [MESH-26] roster hold: another drop grace instead of a teardown
        if self.roster_hold and not self.bye and sig is not None and sig.open \
                and self.heard is not None and self.now - self.heard < HEARD_MS and self.flowed:
            self.timers["grace"] = self.now + GRACE_MS
            return
        self._teardown()

    def _teardown(self):
        """[MESH-25] teardown, then media close, then close of sig and of bulk [MESH-29]; the
        pair forgets what it knew."""
        self._emit(type="teardown")
        self._close_media()
        self._close_conn("sig")
        self._close_conn("bulk")
        self.dialled = {"sig": False, "bulk": False}
        self.peer_cap = False
        self.latch = False
        self.rungs = 0
        self.flowed = False
        self.watchdog = 0
        self.timers.pop("redial-sig", None)
        self.timers.pop("redial-bulk", None)

    def _heartbeat(self):
        """[MESH-12] start media or ask for it, the watchdog, the keepalive, the measurement."""
        sig = self.conns["sig"]
        sig_open = sig is not None and sig.open
        # [MESH-13]
        if self.media_on and self.present and sig_open and self.media is None:
            if self.initiator:
                self._create_media(offer=True)
            else:
                self._sig({"t": "m-dial"})
        # [MESH-14] the watchdog; "Both clauses are strict": a sig not open more than 8000 ms
        # after it was dialled or arrived, or silent for more than 8000 ms; at most 3 actions
        # until flow or teardown (AMBIGUITIES.md D-watchdog, decided by the text).
        if self.present:
            sig_broken = sig is not None and (
                (not sig.open and self.now - sig.since > WATCHDOG_MS)
                or (sig.open and self.now - sig.last_recv > WATCHDOG_MS))
            m = self.media
            media_broken = m is not None and not m.carried and m.state != "connected" \
                and self.now - self.clock > WATCHDOG_MS
            if (sig_broken or media_broken) and self.watchdog < MAX_WATCHDOG:
                self.watchdog += 1
                self._close_media()
                if sig_broken and sig.dialled:
                    self._dial("sig")
        # [MESH-15] the keepalive, or the measurement
        sig = self.conns["sig"]
        if self.media is None:
            if sig is not None and sig.open:
                self._sig({"t": "mh", "v": 0, "a": 0, "ov": 0, "oa": 0})
        else:
            self._emit(type="measure")
