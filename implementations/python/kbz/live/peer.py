"""One live Kibitz peer: the room machine of chapter 8 on a real broker and real WebRTC.

The machine (`kbz.presence.Room`) stays pure. This driver feeds it real events at real times
([ADP-31]: the timers of chapters 8 and 9 unchanged) and carries out its outputs (8.8):

| output | what the driver does |
|---|---|
| `claim {id}` | register the authority id on a new broker socket with a new token [SIG-20]; answer `claimed` won / taken / error |
| `abandon {id}` | close that socket at once [SIG-21], [PRES-46] |
| `release {id?}` | stop re-registering, then close the authority socket [SIG-25] and the coordinator's connections [PRES-01] |
| `dial` | register a presence peer under a broker-assigned id [SIG-07], [SIG-22] if none is registered, then open a data connection to the authority id [WIRE-04] |
| `send` | BinaryPack on the connection(s) (11.3, 11.6) |
| `hangup`, `gone` | close the presence connection (after what was queued); `gone` also gives up the presence peer |
| `request` | fingerprint: from the connection's live DTLS handshake [SAS-01]; verify: chapter 5 with the gate's keys, the room id as salt [BIND-02], [IDT-20] |
| `roster`, `lobby`, `knocks`, `kicked`, `reset`, `status` | kept for `peer.state` [ADP-33] |

Events go the other way: broker outcomes, connection opens and closes, frames. Every event is
queued on the event loop (`_post`) and fed one at a time, so the machine is never re-entered.

Identifiers: a coordinator's connection id for a participant is the `src` of the participant's
OFFER [SIG-10]; a participant's connection is the one it dialled.
"""

import asyncio
import math
import secrets
import traceback

from .. import hostcmd, idtoken, sas
from .. import room as roomids
from .. import wire
from ..errors import ProtocolError
from ..presence import Room, RoomConfig
from ..presence.coordinator import Coordinator
from ..presence.participant import Participant
from . import ice
from .broker import BrokerSocket, new_token, valid_id
from .cert import CallCertificate
from .clock import Clock
from .dataconn import DataConnection, new_connection_id, read_offer
from .transcript import Transcript
from .values import NotJson, to_json

MAX_CONNECTIONS = 64           # coordinator connections, negotiating or open (L-limits)
MAX_NEGOTIATING = 16           # of which not yet open
MAX_PER_SOURCE = 4             # from one participant id
NEGOTIATION_S = 30.0           # a connection offered to the coordinator that never opens
MAX_LOBBY_HISTORY = 1000       # lobby statuses kept for peer.state (L-limits)
# A coordinator re-broadcasts a member's meta two levels deeper than the voice frame carried it
# (values.py); a participant only stores rosters.
COORDINATOR_MAX_DEPTH = 62
EARLY_KEYS, EARLY_PER_KEY, EARLY_S = 32, 16, 15.0   # candidates held before their OFFER
REREGISTER_MAX_S = 5.0         # [SIG-23] retry bound (AMBIGUITIES.md L-reregister)


class LivePeer:
    """A peer created by `peer.join` [ADP-32]. `opts` is the shape-checked join input (see
    control.py); `broker` a `broker.Broker`."""

    def __init__(self, handle, opts, broker, log):
        self.handle = handle
        self.opts = opts
        self.broker = broker
        self.log = lambda m: log("[%s] %s" % (handle, m))
        self.loop = asyncio.get_running_loop()
        self.clock = Clock()
        self.cert = CallCertificate()                               # [SAS-18], [BIND-04]
        self.transcript = Transcript()
        self.room_id = roomids.normalize(opts["room"])                # [ROOM-01]
        self.authority = roomids.peer_id(opts["room"])                # [ROOM-03], [ROOM-06]
        self.ice_addresses = ice.loopback_addresses(broker.host)      # [ADP-43]
        self.gate = opts.get("gate")
        self.finished = False
        self.tasks = set()
        self.tick_handle = None
        # the election and the coordinator role
        self.claims = {}                # claim id -> BrokerSocket
        self.authority_sock = None
        self.keeping = None             # the re-registration task [SIG-23]
        self.accepting = {}             # (src, connectionId) -> DataConnection
        self.conns = {}                 # src -> open DataConnection, fed as `connect`
        self.early = {}                 # (src, connectionId) -> (deadline, [candidate payloads])
        # the participant role
        self.pp_sock = None             # the presence peer's registration [SIG-22]
        self.pp_lock = asyncio.Lock()
        self.pconn = None
        self.dial_gen = 0
        # what the application saw [ADP-33]
        self.roster = None
        self.lobby = []
        self.kicked = 0
        self.resets = 0
        self.knocks = []
        # the application's announcement [ADP-34]
        self.ann = {"on": opts["inCall"], "cam": opts["cam"], "name": opts["name"],
                    "avatar": opts["avatar"], "voiceId": opts["voiceId"]}
        if opts.get("meta") is not None:
            self.ann["meta"] = opts["meta"]

    # ---- life cycle ---------------------------------------------------------------------------

    def start(self):
        """[ADP-32] Enter the room as a room machine does: claim first [PRES-45]. Answers at once
        [ADP-31]; the network follows."""
        gate = None
        if self.gate is not None:
            # [PRES-09] an identity gate switched on from the start; the verifier binds the
            # certificate (chapter 5); the plain gate of PRES-09, no gate mode.
            gate = {"g": None, "gn": None, "gk": None, "gm": None, "codes": None,
                    "limit": None, "credits": False, "require": True,
                    "bindsFingerprint": True}
        host_key = self.opts.get("hostKey")
        cfg = RoomConfig(self.opts["room"], self.opts["identity"], host_key=host_key,
                         host_name=self.opts.get("hostName"), gate=gate,
                         lobby_on_start=self.opts["lobby"])
        now = self.clock.now()
        self.room = Room(cfg, now)
        # The application's state before the first role: its ID token [PRES-35] and its
        # announcement. [ADP-32] "with `false` the peer announces nothing until `peer.announce`,
        # so its knock names the knock name of `peer.knock`, else `Guest`" (AMBIGUITIES.md
        # L-incall, decided by ADP-32): the join's members wait in self.ann for peer.announce.
        if self.opts.get("jwt") is not None:
            self.room.handle(now, {"type": "local", "op": "identity", "jwt": self.opts["jwt"]})
        if self.opts["inCall"]:
            self.room.handle(now, self._self_op())
        self._drain()

    def _self_op(self):
        ev = {"type": "local", "op": "self"}
        ev.update(self.ann)
        return ev

    def leave(self):
        """[ADP-39] Close the room as the application would ([PRES-44]: leave on an open presence
        connection, then the connections close) and release every broker registration
        [SIG-25]. Returns at once; the connections finish closing in the background."""
        if self.finished:
            return
        self._feed({"type": "local", "op": "close"})
        self.finished = True
        if self.tick_handle is not None:
            self.tick_handle.cancel()
        if self.keeping is not None:
            self.keeping.cancel()                                   # [SIG-25] first
        socks = list(self.claims.values()) + [self.authority_sock, self.pp_sock]
        self.claims.clear()
        self.authority_sock = self.pp_sock = None
        for s in socks:
            if s is not None:
                self._spawn(s.close(), keep=True)
        self._close_coordinator_conns(flush=True)
        if self.pconn is not None:
            c, self.pconn = self.pconn, None
            c.close(flush=True)
        for t in list(self.tasks):
            if t not in _CLOSERS:
                t.cancel()

    # ---- feeding the machine ------------------------------------------------------------------

    def _spawn(self, coro, keep=False):
        t = self.loop.create_task(self._guard(coro))
        if keep:
            _CLOSERS.add(t)
            t.add_done_callback(_CLOSERS.discard)
        else:
            self.tasks.add(t)
            t.add_done_callback(self.tasks.discard)
        return t

    async def _guard(self, coro):
        try:
            await coro
        except asyncio.CancelledError:
            pass
        except Exception:  # noqa: BLE001 - a task never takes the program down [MSG-07]
            self.log("task failed:\n" + traceback.format_exc())

    def _post(self, event, check=None):
        """Queue an event; `check()` is asked again when it is fed (a connection may have
        stopped being current in between)."""
        def run():
            if check is None or check():
                self._feed(event)
        self.loop.call_soon(run)

    def _feed(self, event):
        if self.finished:
            return
        try:
            self.room.handle(self.clock.now(), event)
        except Exception:  # noqa: BLE001 - [ADP-09] report, never crash
            self.log("machine failed on %s:\n%s" % (event.get("type"), traceback.format_exc()))
        self._drain()

    def _drain(self):
        for out in self.room.take():
            try:
                self._output(out)
            except Exception:  # noqa: BLE001
                self.log("output %s failed:\n%s" % (out.get("type"), traceback.format_exc()))
        self._sync_link()
        self._schedule()

    def _schedule(self):
        if self.tick_handle is not None:
            self.tick_handle.cancel()
            self.tick_handle = None
        if self.finished:
            return
        wake = self.room.wake()                                     # [PRES-56]
        if wake is None:
            return
        delay = max(0.0, (wake - self.clock.now()) / 1000.0)
        self.tick_handle = self.loop.call_later(delay, self._tick)

    def _tick(self):
        self.tick_handle = None
        self._feed({"type": "tick"})

    # ---- outputs ------------------------------------------------------------------------------

    def _output(self, o):
        t = o.get("type")
        if t == "send":
            if "to" in o:
                self._coordinator_send(o["to"], o["msg"])
            elif self.pconn is not None:
                self.pconn.send(o["msg"])
        elif t == "claim":
            self._claim(o["id"])
        elif t == "abandon":
            sock = self.claims.pop(o["id"], None)
            if sock is not None:
                self._spawn(sock.close(), keep=True)               # [SIG-21]
        elif t == "release":
            self._release(o.get("id"))
        elif t == "request":
            self._request(o)
        elif t == "roster":
            self.roster = _roster_view(o)
        elif t == "knocks":
            self.knocks = [{"conn": k.get("conn"), "name": k.get("name"),
                            "avatar": k.get("avatar") or ""} for k in o.get("list", [])]
        elif t == "lobby":
            self.lobby.append(o["status"])                          # [PRES-42]
            del self.lobby[:-MAX_LOBBY_HISTORY]
        elif t == "kicked":
            self.kicked += 1                                        # [PRES-43]
        elif t == "reset":
            self.resets += 1                                        # [PRES-27]
        elif t == "dial":
            self._dial()
        elif t == "hangup":
            self._hangup()
        elif t == "gone":
            self.log("gave up on the coordinator: %s" % o.get("reason"))
            self._hangup()
            self._drop_presence_peer()
        elif t == "drop":
            self.log("dropped (%s) from %s" % (o.get("code"), o.get("conn")))
        # `status` is read from the machine; `agent` does not occur without credits.

    def _sync_link(self):
        """A participant whose dial failed or timed out (backoff) keeps no half-open attempt:
        the next dial starts afresh [PRES-37]."""
        m = self.room.role_machine
        if isinstance(m, Participant) and m.state not in ("dialing", "open") \
                and self.pconn is not None:
            c, self.pconn = self.pconn, None
            c.close()

    # ---- the election (9.6) -------------------------------------------------------------------

    def _claim(self, cid):
        # [SIG-20] register the authority id on a new broker socket with a new token.
        sock = BrokerSocket(self.broker, self.authority, new_token(),
                            on_frame=self._authority_frame, on_closed=self._authority_closed,
                            log=self.log)
        self.claims[cid] = sock
        self._spawn(self._claim_task(cid, sock))

    async def _claim_task(self, cid, sock):
        outcome, code = await sock.register()
        if self.finished or self.claims.get(cid) is not sock:
            # Abandoned [PRES-46] or left: a late OPEN must not leave us holding the id [SIG-21].
            await sock.close()
            return
        if outcome == "open":
            self.authority_sock = sock
            result = "won"
        else:
            self.claims.pop(cid, None)                              # closed already [SIG-21]
            result = "taken" if outcome == "taken" else "error"
            if outcome != "taken":
                self.log("claim %d: %s" % (cid, code))
        self._feed({"type": "claimed", "id": cid, "result": result})   # [PRES-45]

    def _release(self, cid):
        if cid is not None:
            # [PRES-46] a claim won after the machine stopped waiting for it.
            sock = self.claims.pop(cid, None)
            if sock is not None:
                if sock is self.authority_sock:
                    self.authority_sock = None
                self._spawn(sock.close(), keep=True)
            return
        # The coordinator stands down [PRES-01], [PRES-47]: stop re-registering first [SIG-25],
        # give back the authority id, close its connections.
        if self.keeping is not None:
            self.keeping.cancel()
            self.keeping = None
        sock, self.authority_sock = self.authority_sock, None
        for k, s in list(self.claims.items()):
            if s is sock:
                del self.claims[k]
        if sock is not None:
            self._spawn(sock.close(), keep=True)
        self._close_coordinator_conns(flush=True)

    def _authority_closed(self, sock):
        if sock is not self.authority_sock or self.finished:
            return
        # [SIG-23] (SHOULD, implemented) re-register the authority id with the same token.
        self.authority_sock = None
        self.log("authority socket closed: re-registering")
        self.keeping = self._spawn(self._keep_authority(sock.token))

    async def _keep_authority(self, token):
        delay = 0.25
        while not self.finished and isinstance(self.room.role_machine, Coordinator):
            sock = BrokerSocket(self.broker, self.authority, token,
                                on_frame=self._authority_frame,
                                on_closed=self._authority_closed, log=self.log)
            try:
                outcome, code = await sock.register()
            except asyncio.CancelledError:
                await sock.close()
                raise
            if self.finished or not isinstance(self.room.role_machine, Coordinator):
                await sock.close()
                return
            if outcome == "open":
                self.authority_sock = sock
                self.keeping = None
                return
            if outcome == "taken":
                # [SIG-24] another peer holds the id: give up the role.
                self.keeping = None
                self.log("signaling.authority-reclaimed")
                self._feed({"type": "displaced"})                   # [PRES-47]
                return
            await asyncio.sleep(delay)
            delay = min(delay * 2, REREGISTER_MAX_S)
        self.keeping = None

    # ---- the coordinator's connections --------------------------------------------------------

    def _authority_frame(self, sock, frame):
        if sock is not self.authority_sock or self.finished:
            return
        t, src, payload = frame["type"], frame.get("src"), frame.get("payload")
        if t == "LEAVE":
            # [SIG-14] close every connection negotiated with src.
            for key, c in list(self.accepting.items()):
                if key[0] == src:
                    c.close()
            return
        if not valid_id(src) or not isinstance(payload, dict):
            return                         # [SIG-10] the remote end is src, and only src
        if t == "OFFER":
            self._offered(src, payload)
        elif t == "CANDIDATE":
            key = (src, payload.get("connectionId"))
            c = self.accepting.get(key)
            if c is not None:
                c.signal_in("CANDIDATE", payload)
            else:
                self._hold(key, payload)
        # ANSWER: the coordinator never dials [WIRE-04]; EXPIRE likewise concerns no dial.

    def _hold(self, key, payload):
        """7.3.3 CandidatePayload: "a candidate for an unknown connection is held until its
        offer arrives". Held for 15 s (the longest a broker takes to answer EXPIRE, SIG-11), at
        most 16 candidates for each of at most 32 connections (AMBIGUITIES.md L-early-candidate)."""
        if not isinstance(key[1], str):
            return
        now = self.loop.time()
        for k in [k for k, (d, _) in self.early.items() if d < now]:
            del self.early[k]
        if key not in self.early:
            if len(self.early) >= EARLY_KEYS:
                return
            self.early[key] = (now + EARLY_S, [])
        held = self.early[key][1]
        if len(held) < EARLY_PER_KEY:
            held.append(payload)

    def _offered(self, src, payload):
        offer = read_offer(payload)                                 # [MSG-16], [WIRE-08]
        if offer is None or not isinstance(self.room.role_machine, Coordinator):
            return
        cid, label, ser, sdp = offer
        old = self.accepting.pop((src, cid), None)
        if old is not None:
            old.close()            # [WIRE-02] an OFFER reusing a connection id replaces it
        # Every offer costs an RTCPeerConnection (sockets, a DTLS handshake): bounded in all,
        # while negotiating, and per participant id (AMBIGUITIES.md L-limits).
        negotiating = sum(1 for c in self.accepting.values() if c.state == "connecting")
        same = sum(1 for k in self.accepting if k[0] == src)
        if len(self.accepting) >= MAX_CONNECTIONS or negotiating >= MAX_NEGOTIATING \
                or same >= MAX_PER_SOURCE:
            self.log("offer from %s ignored: too many connections" % src)
            return
        def signal(kind, p):
            # Through the authority registration of the moment (SIG-23 may have replaced it).
            sock = self.authority_sock
            if sock is not None and sock.registered:
                sock.send({"type": kind, "dst": src, "payload": p})

        conn = DataConnection(
            local_id=self.authority, remote_id=src, connection_id=cid, label=label,
            serialization=ser, offerer=False, certificate=self.cert,
            ice_addresses=self.ice_addresses, signal=signal, transcript=self.transcript,
            on_open=self._c_open, on_message=self._c_message, on_close=self._c_close,
            log=self.log)
        self.accepting[(src, cid)] = conn
        for cand in self.early.pop((src, cid), (0, []))[1]:
            conn.signal_in("CANDIDATE", cand)           # held until the description is set
        self._spawn(conn.accept(sdp))
        self.loop.call_later(NEGOTIATION_S, lambda: conn.state == "connecting" and conn.close())

    def _c_open(self, conn):
        key = (conn.remote_id, conn.connection_id)
        if self.accepting.get(key) is not conn:
            conn.close()
            return
        src = conn.remote_id
        old = self.conns.get(src)
        if old is not None and old is not conn:
            # A newer connection from the same participant replaces the older one
            # (AMBIGUITIES.md L-second-connection): the old one disconnects first.
            del self.conns[src]
            self.accepting.pop((src, old.connection_id), None)
            old.close()
            self._post({"type": "disconnect", "conn": src})
        self.conns[src] = conn
        self._post({"type": "connect", "conn": src})                # [PRES-20]

    def _c_close(self, conn):
        key = (conn.remote_id, conn.connection_id)
        if self.accepting.get(key) is conn:
            del self.accepting[key]
        if self.conns.get(conn.remote_id) is conn:
            del self.conns[conn.remote_id]
            self._post({"type": "disconnect", "conn": conn.remote_id})     # [PRES-21]

    def _c_message(self, conn, value):
        try:
            msg = to_json(value, COORDINATOR_MAX_DEPTH)
        except NotJson as e:
            self.log("frame from %s dropped: %s" % (conn.remote_id, e.code))
            return
        src = conn.remote_id
        self._post({"type": "message", "conn": src, "msg": msg},
                   check=lambda: self.conns.get(src) is conn)

    def _close_coordinator_conns(self, flush):
        conns = list(self.accepting.values())
        self.accepting.clear()
        self.conns.clear()
        for c in conns:
            c.close(flush=flush and c.state == "open")

    def _coordinator_send(self, to, msg):
        try:
            encoded = wire.encode(msg)                              # once for every connection
        except ProtocolError as e:
            self.log("frame not encodable (%s): not sent" % e.code)
            return
        for cid in to:
            c = self.conns.get(cid)
            if c is not None:
                c.send(msg, encoded=encoded if c.serialization == "binary" else None)

    def _request(self, o):
        kind, rid = o.get("kind"), o.get("id")
        conn = self.conns.get(o.get("conn"))
        if kind == "fingerprint":
            # [SAS-01] from the live handshake of the connection the frame came on; None when
            # unreadable (the machine holds or refuses, PRES-10).
            value = conn.remote_fingerprint() if conn is not None else None
        elif kind == "verify":
            value = self._verify(o.get("jwt"), o.get("fp"))
        else:
            value = "fail"         # no credit verifier: peer mode configures no credits
        self._post({"type": "result", "id": rid, "value": value})

    def _verify(self, jwt, fp):
        """The identity gate's verifier: chapter 5 with the gate's key set, issuers and
        audience, leeway 30 s and maximum age 3600 s unless given [IDT-20], the room id as salt
        [BIND-02], the fingerprint the coordinator read from the live handshake [BIND-05]."""
        g = self.gate
        if g is None:
            return "fail"
        try:
            idtoken.verify(jwt, g["jwks"], g["issuers"], g["audience"],
                           math.floor(self.clock.now() / 1000), fp, self.room_id,
                           leeway=g["leeway"], max_age=g["maxAge"])
            return "ok"
        except ProtocolError as e:
            self.log("ID token refused: %s" % e.code)
            return "fail"
        except Exception as e:  # noqa: BLE001 - [IDT-19] fail closed
            self.log("ID token verification failed: %r" % (e,))
            return "fail"

    # ---- the participant's connection ---------------------------------------------------------

    def _dial(self):
        # A new dial replaces any earlier attempt [PRES-37].
        if self.pconn is not None:
            c, self.pconn = self.pconn, None
            c.close()
        self.dial_gen += 1
        self._spawn(self._dial_task(self.dial_gen))

    async def _dial_task(self, gen):
        ok = await self._presence_peer()
        if gen != self.dial_gen or self.finished:
            return
        if not ok:
            self._feed({"type": "closed"})           # the dial failed [PRES-37]
            return
        sock, cid = self.pp_sock, new_connection_id()

        def signal(kind, p):
            if sock.registered:
                sock.send({"type": kind, "dst": self.authority, "payload": p})

        # [WIRE-04] the presence peer dials the authority id; [WIRE-01] reliable, binary;
        # [MSG-17] unlabelled, so the label is the connection id.
        conn = DataConnection(
            local_id=sock.id, remote_id=self.authority, connection_id=cid, label=cid,
            serialization="binary", offerer=True, certificate=self.cert,
            ice_addresses=self.ice_addresses, signal=signal, transcript=self.transcript,
            on_open=self._p_open, on_message=self._p_message, on_close=self._p_close,
            log=self.log)
        self.pconn = conn
        await conn.start_offer()

    async def _presence_peer(self):
        """[SIG-22] a presence peer under a broker-assigned id [SIG-07], registered once per
        participant role and re-registered (under a new id) when its socket was lost."""
        async with self.pp_lock:
            if self.pp_sock is not None and self.pp_sock.registered:
                return True
            try:
                pid = await self.broker.fetch_id()
            except Exception as e:  # noqa: BLE001
                self.log("no broker-assigned id: %s" % (e,))
                return False
            if self.finished:
                return False
            sock = BrokerSocket(self.broker, pid, new_token(), on_frame=self._pp_frame,
                                on_closed=lambda s: None, log=self.log)
            outcome, code = await sock.register()
            if outcome != "open":
                self.log("presence peer %s not registered: %s" % (pid, code))
                return False
            if self.finished:
                await sock.close()
                return False
            old, self.pp_sock = self.pp_sock, sock
            if old is not None:
                self._spawn(old.close(), keep=True)
            return True

    def _drop_presence_peer(self):
        sock, self.pp_sock = self.pp_sock, None
        if sock is not None:
            self._spawn(sock.close(), keep=True)

    def _pp_frame(self, sock, frame):
        if sock is not self.pp_sock or self.finished:
            return
        t, src, payload = frame["type"], frame.get("src"), frame.get("payload")
        if src != self.authority:
            return            # [SIG-10]; nobody dials a presence peer (L-presence-offer)
        c = self.pconn
        if t == "EXPIRE":
            # [SIG-13] nobody holds the authority id: a participant that was dialling it treats
            # the coordinator as gone [PRES-38].
            m = self.room.role_machine
            if isinstance(m, Participant) and m.state == "dialing":
                self._post({"type": "unavailable"})
        elif t == "LEAVE":
            if c is not None:
                c.close()                                           # [SIG-14]
        elif t in ("ANSWER", "CANDIDATE") and isinstance(payload, dict) and c is not None \
                and payload.get("connectionId") == c.connection_id:
            c.signal_in(t, payload)                                 # [WIRE-02]

    def _p_open(self, conn):
        self._post({"type": "open"}, check=lambda: self.pconn is conn)

    def _p_close(self, conn):
        if self.pconn is conn:
            self.pconn = None
            self._post({"type": "closed"})                          # [PRES-37]

    def _p_message(self, conn, value):
        try:
            msg = to_json(value)
        except NotJson as e:
            self.log("frame from the coordinator dropped: %s" % e.code)
            return
        self._post({"type": "frame", "msg": msg}, check=lambda: self.pconn is conn)

    def _hangup(self):
        # [PRES-44] leave was queued just before: the close waits for the channel to drain.
        if self.pconn is not None:
            c, self.pconn = self.pconn, None
            c.close(flush=True)

    # ---- the application ----------------------------------------------------------------------

    def announce(self, changes):
        """[ADP-34] the local op `self`, members left out keeping their values; meta None
        removes the metadata."""
        for k in ("on", "cam", "name", "avatar"):
            if k in changes:
                self.ann[k] = changes[k]
        if "meta" in changes:
            if changes["meta"] is None:
                self.ann.pop("meta", None)
            else:
                self.ann["meta"] = changes["meta"]
        self._feed(self._self_op())

    def knock(self, name, avatar):
        """[ADP-35] the local op `knock`: [PRES-35] "sets the knock name and avatar and, while
        the connection is open, sends the `knock` at once" (the machine's `send` output; no
        voice). AMBIGUITIES.md L-knock-op, Ra-knock-op."""
        self._feed({"type": "local", "op": "knock", "name": name, "avatar": avatar})

    def identity(self, jwt):
        self._feed({"type": "local", "op": "identity", "jwt": jwt})    # [ADP-38]

    def moderate(self, op, target):
        """[ADP-36] the coordinator's own control; nothing on a participant (8.8)."""
        ev = {"type": "local"}
        if op in ("lobbyon", "lobbyoff"):
            ev.update(op="lobby", on=op == "lobbyon")
        elif op in ("lock", "unlock"):
            ev.update(op="lock", on=op == "lock")
        elif op == "reset":
            ev.update(op="reset")
        elif op in ("admit", "deny"):
            ev.update(op=op, conn=target)
        elif op == "kick":
            ev.update(op="kick", id=target)
        if target is None and op in ("admit", "deny", "kick"):
            return                 # nothing to act on (PRES-31: without a target, nothing)
        self._feed(ev)

    def host_command(self, private_key, op, target):
        """[ADP-37] sign for the room id, this peer's own fingerprint [HCMD-07], its clock and a
        fresh jti [HCMD-06], then send it as the local op `mod`."""
        iat = math.floor(self.clock.now() / 1000)
        tok = hostcmd.sign(private_key, self.room_id, self.cert.fingerprint, op, target, iat)
        self.send_mod(tok)
        return tok

    def send_mod(self, tok):
        # A participant sends it in a `mod` frame; the coordinator verifies and enacts it as a
        # self-issued command [HCMD-10].
        self._feed({"type": "local", "op": "mod", "token": tok})

    # ---- peer.state ---------------------------------------------------------------------------

    def state(self):
        m = self.room.role_machine
        coordinator = isinstance(m, Coordinator)
        presence_id = None
        if isinstance(m, Participant) and self.pp_sock is not None and self.pp_sock.registered:
            presence_id = self.pp_sock.id
        safety = []
        if coordinator:
            links = [(src, c) for src, c in self.conns.items()]
        elif isinstance(m, Participant) and self.pconn is not None:
            links = [(self.authority, self.pconn)]
        else:
            links = []
        local = self.cert.fingerprint                               # [SAS-03]
        for remote, c in links:
            fp = c.remote_fingerprint()                             # [SAS-01]
            if fp is None:
                continue                                            # [SAS-10] no code
            code, indices = sas.code(local, fp)                     # [SAS-04]..[SAS-09]
            safety.append({"remote": remote, "code": code, "indices": indices,
                           "localFp": local, "remoteFp": fp})
        return {"status": self.room.status, "coordinator": coordinator,
                "presenceId": presence_id, "roster": self.roster, "lobby": list(self.lobby),
                "kicked": self.kicked, "resets": self.resets,
                "knocks": list(self.knocks) if coordinator else [], "safety": safety}


# Closing work that outlives a peer (sockets, connections being flushed); the program waits
# for it on stop [ADP-44].
_CLOSERS = set()


async def wait_closers(timeout_s):
    if _CLOSERS:
        await asyncio.wait(list(_CLOSERS), timeout=timeout_s)


def _roster_view(o):
    """[ADP-33] {members, lobby, locked, host}, members in roster order, each {id, name, cam,
    avatar?, meta?} as the frame carried them; absent or null flags read as PRES-39 says (the
    machines did). Members the schema of the view cannot hold (a null avatar, unknown members)
    are written with what it can."""
    members = []
    for m in o.get("members", []):
        if not isinstance(m, dict):
            continue
        v = {"id": m.get("id"), "name": m.get("name"), "cam": m.get("cam")}
        if isinstance(m.get("avatar"), str):
            v["avatar"] = m["avatar"]
        if isinstance(m.get("meta"), dict):
            v["meta"] = m["meta"]
        members.append(v)
    return {"members": members, "lobby": o.get("lobby") is True,
            "locked": o.get("locked") is True,
            "host": o.get("host") if isinstance(o.get("host"), str) else ""}
