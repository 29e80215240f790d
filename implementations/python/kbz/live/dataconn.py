"""One PeerJS data connection over aiortc (spec 11.1, 11.2, 11.6, 7.3.3).

The offerer (`start_offer`) and the answerer (`accept`) each run one RTCPeerConnection with one
data channel [WIRE-03]; negotiation travels through the broker as OFFER, ANSWER and CANDIDATE
frames whose payloads are those of 11.1 and 7.3.3. What crosses the channel is BinaryPack
([WIRE-06], 11.3) with PeerJS chunking (11.6), or JSON text on a connection whose OFFER named
`json` ([WIRE-08], 11.7), through the sans-IO `kbz.wire` codec.

aiortc gathers every local candidate while it sets the local description and writes them into
the SDP (with `a=end-of-candidates`), so this end never trickles CANDIDATE frames; it accepts the
other end's, before or after the description they belong to (AMBIGUITIES.md L-no-trickle).

Bounds ([MSG-07], chapter 11's limits): the receiver holds at most 4 incomplete chunked messages
of 512 slices ([WIRE-42], [WIRE-43]); at most 64 remote candidates are taken per connection, and
wait for a remote description; a connection whose outgoing buffer passes 16 MiB (a remote that
stopped reading) is closed, and so is one whose remote sends more than 8 MiB of SCTP data that
does not complete a message (aiortc reassembles SCTP messages without a bound of its own; an
honest sender stays within the 1 MiB window aiortc advertises, and PeerJS never sends a message
over 16331 bytes); every message is recorded in the peer's bounded transcript ([ADP-40]).
"""

import asyncio
import secrets
import string

from .. import wire
from ..errors import ProtocolError
from ..wire.chunking import RESERVED, chunk
from . import cert as certs
from . import ice

try:
    from aiortc import RTCPeerConnection, RTCSessionDescription
    from aiortc.sdp import candidate_from_sdp
except ImportError:  # pragma: no cover - reported by the peer program
    RTCPeerConnection = RTCSessionDescription = candidate_from_sdp = None

# [MSG-16] the serializations an OFFER may name; [WIRE-08] those this end can speak. `raw`
# carries no value a presence machine can read (AMBIGUITIES.md L-raw-offer).
OFFER_SERIALIZATIONS = ("raw", "json", "binary", "binary-utf8", "default")
SPOKEN = {"binary": "binary", "binary-utf8": "binary", "default": "binary", "json": "json"}

MAX_PENDING_CANDIDATES = 64
MAX_CANDIDATES = 64                    # remote candidates taken per connection, in all
MAX_SCTP_BACKLOG = 8 * 1024 * 1024     # received SCTP data not yet reassembled
MAX_BUFFERED = 16 * 1024 * 1024
CANDIDATE_TIMEOUT_S = 5.0
CLOSE_FLUSH_S = 1.0
_B36 = string.digits + string.ascii_lowercase


def new_connection_id():
    """[WIRE-02] 11.1: "dc_" + a random base-36 string, as PeerJS writes it; drawn from a CSPRNG
    (64 bits), so no two connections of one peer share it."""
    n = secrets.randbits(64)
    s = ""
    while n:
        n, r = divmod(n, 36)
        s = _B36[r] + s
    return "dc_" + (s or "0")


def read_offer(payload):
    """An OFFER payload this end can answer, as (connectionId, label, serialization, sdp), or
    None to ignore it: not a data connection (`media` is a PeerJS call, unused by Kibitz), no
    non-empty connection id, no offer description, or a serialization [MSG-16] refuses or this
    end cannot speak."""
    if not isinstance(payload, dict) or payload.get("type") != "data":
        return None
    cid = payload.get("connectionId")
    if not isinstance(cid, str) or cid == "":
        return None
    sdp = payload.get("sdp")
    if not (isinstance(sdp, dict) and sdp.get("type") == "offer"
            and isinstance(sdp.get("sdp"), str)):
        return None
    ser = payload.get("serialization")
    if ser not in OFFER_SERIALIZATIONS or ser not in SPOKEN:
        return None                                                      # [MSG-16], [WIRE-08]
    label = payload.get("label")
    if not isinstance(label, str):
        label = cid                          # 11.1: an unlabelled connection's label is its id
    return cid, label, ser, sdp["sdp"]


class DataConnection:
    """One data connection. Callbacks: on_open(conn), on_message(conn, value) with the value in
    `kbz.wire.to_plain` form, on_close(conn) once, on_drop(conn, code) for a dropped message."""

    def __init__(self, *, local_id, remote_id, connection_id, label, serialization, offerer,
                 certificate, ice_addresses, signal, transcript, on_open, on_message, on_close,
                 on_drop=None, log=None):
        self.local_id = local_id
        self.remote_id = remote_id
        self.connection_id = connection_id
        self.label = label
        self.offered = serialization                  # the name the OFFER carried
        self.serialization = SPOKEN.get(serialization, "binary")
        self.offerer = offerer
        self.certificate = certificate
        self.ice_addresses = ice_addresses
        self.signal = signal                          # signal(type, payload): to the broker
        self.transcript = transcript
        self.on_open = on_open
        self.on_message = on_message
        self.on_close = on_close
        self.on_drop = on_drop or (lambda c, code: None)
        self.log = log or (lambda m: None)
        self.state = "connecting"
        self.pc = None
        self.channel = None
        self.sender = wire.Sender()
        self.receiver = wire.Receiver(self.serialization)
        self._remote_set = False
        self._answered = False
        self._candidates = []
        self._candidate_count = 0
        self._tasks = set()

    # ---- negotiation ----------------------------------------------------------------------

    def _spawn(self, coro):
        t = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(t)
        t.add_done_callback(self._tasks.discard)
        return t

    def _new_pc(self):
        ice.gathering_on(self.ice_addresses)                             # [ADP-43]
        pc = RTCPeerConnection(ice.configuration())
        self.certificate.install(pc)                                     # [BIND-04]
        self.pc = pc

        @pc.on("connectionstatechange")
        def _state():
            if pc.connectionState in ("failed", "closed"):
                self._closed("peer connection %s" % pc.connectionState)
        return pc

    async def start_offer(self):
        """The offerer's side: one in-band channel with the connection's label, ordered, with
        neither maxRetransmits nor maxPacketLifeTime [WIRE-03]; the OFFER payload of 11.1 with
        reliable true and serialization binary [WIRE-01], [MSG-16]; unlabelled connections
        carry their connection id as label [MSG-17]."""
        try:
            pc = self._new_pc()
            self._bind(pc.createDataChannel(self.label, ordered=True))
            self._guard_sctp()
            await pc.setLocalDescription(await pc.createOffer())
            if self.state == "closed":
                return
            self.signal("OFFER", {
                "sdp": {"type": "offer", "sdp": pc.localDescription.sdp},
                "type": "data",
                "connectionId": self.connection_id,
                "label": self.label,
                "reliable": True,
                "serialization": "binary",
            })
        except Exception as e:  # noqa: BLE001
            self.log("offer to %s failed: %r" % (self.remote_id, e))
            self._closed("offer failed")

    async def accept(self, sdp):
        """The answerer's side: the offer's description, then the ANSWER payload {sdp, type,
        connectionId} (11.1). The offerer's channel is used; no other is opened [WIRE-03]."""
        try:
            pc = self._new_pc()

            @pc.on("datachannel")
            def _channel(ch):
                if self.channel is None:
                    self._bind(ch)
                # [WIRE-03] one channel per connection: a second one is not used.

            await pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type="offer"))
            self._guard_sctp()
            self._remote_set = True
            self._flush_candidates()
            await pc.setLocalDescription(await pc.createAnswer())
            if self.state == "closed":
                return
            self.signal("ANSWER", {
                "sdp": {"type": "answer", "sdp": pc.localDescription.sdp},
                "type": "data",
                "connectionId": self.connection_id,
            })
        except Exception as e:  # noqa: BLE001 - a bad offer SDP, a torn-down transport
            self.log("answer to %s failed: %r" % (self.remote_id, e))
            self._closed("answer failed")

    def signal_in(self, kind, payload):
        """An ANSWER or CANDIDATE frame relayed from this connection's remote (the caller has
        matched `src` [SIG-10] and `connectionId` [WIRE-02])."""
        if self.state == "closed" or self.pc is None and kind == "ANSWER":
            return
        if kind == "ANSWER":
            sdp = payload.get("sdp")
            if not (self.offerer and not self._answered and isinstance(sdp, dict)
                    and sdp.get("type") == "answer" and isinstance(sdp.get("sdp"), str)):
                return
            self._answered = True
            self._spawn(self._set_answer(sdp["sdp"]))
        elif kind == "CANDIDATE":
            c = payload.get("candidate")
            if not isinstance(c, dict) or not isinstance(c.get("candidate"), str):
                return
            if c["candidate"] == "":
                return            # end of candidates: aioice checks until a pair succeeds
            if self._candidate_count >= MAX_CANDIDATES:
                return            # every candidate is a pair aioice checks: bounded
            self._candidate_count += 1
            if not self._remote_set:
                # 7.3.3: a candidate for a connection not yet described is held until its
                # description arrives; at most 64.
                if len(self._candidates) < MAX_PENDING_CANDIDATES:
                    self._candidates.append(c)
                return
            self._spawn(self._add_candidate(c))

    async def _set_answer(self, sdp):
        try:
            await self.pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type="answer"))
            self._remote_set = True
            self._flush_candidates()
        except Exception as e:  # noqa: BLE001
            self.log("answer from %s refused: %r" % (self.remote_id, e))
            self._closed("bad answer")

    def _flush_candidates(self):
        held, self._candidates = self._candidates, []
        for c in held:
            self._spawn(self._add_candidate(c))

    async def _add_candidate(self, c):
        try:
            line = c["candidate"]
            if line.startswith("candidate:"):
                line = line[len("candidate:"):]
            cand = candidate_from_sdp(line)
            if cand.protocol.lower() != "udp":
                return                       # aioice speaks UDP only
            mid = c.get("sdpMid")
            cand.sdpMid = mid if isinstance(mid, str) else None
            idx = c.get("sdpMLineIndex")
            cand.sdpMLineIndex = idx if isinstance(idx, int) and not isinstance(idx, bool) \
                else None
            # One m-line, bundled: the candidate belongs to the data transport's ICE transport,
            # whatever its sdpMid says (PeerJS browsers send sdpMid, others the index only).
            ice_transport = self.pc.sctp.transport.transport
            await asyncio.wait_for(ice_transport.addRemoteCandidate(cand), CANDIDATE_TIMEOUT_S)
        except asyncio.CancelledError:
            raise
        except Exception as e:  # noqa: BLE001 - a candidate this end cannot use: ignored
            self.log("candidate from %s ignored: %r" % (self.remote_id, e))

    def _guard_sctp(self):
        """Close the connection when the remote's SCTP data awaiting reassembly passes
        MAX_SCTP_BACKLOG ([MSG-07]: no exhausting memory)."""
        sctp = self.pc.sctp if self.pc is not None else None
        if sctp is None or getattr(sctp, "_kbz_guarded", False):
            return
        receive = sctp._receive_data_chunk
        window = sctp._advertised_rwnd          # what aiortc advertises with nothing held

        async def guarded(chunk):
            if window - sctp._advertised_rwnd > MAX_SCTP_BACKLOG:
                if self.state != "closed":
                    self.log("%s sends more than the SCTP window: closed" % self.remote_id)
                    self._closed("SCTP backlog")
                return
            await receive(chunk)

        sctp._receive_data_chunk = guarded
        sctp._kbz_guarded = True

    # ---- the channel ------------------------------------------------------------------------

    def _bind(self, ch):
        self.channel = ch
        ch.on("open", self._opened)
        ch.on("message", self._received)
        ch.on("close", lambda: self._closed("channel closed"))
        if ch.readyState == "open":
            self._opened()

    def _opened(self):
        if self.state != "connecting":
            return
        self.state = "open"
        try:
            self.on_open(self)
        except Exception as e:  # noqa: BLE001
            self.log("open handler failed: %r" % (e,))

    def _received(self, data):
        if self.state != "open":
            return
        self.transcript.record("in", self.local_id, self.remote_id, self.label, self.offered,
                               data)
        try:
            events = self.receiver.feed(data)
        except Exception as e:  # noqa: BLE001 - [MSG-07] never fail on a received message
            self.log("receiver failed on a message from %s: %r" % (self.remote_id, e))
            return
        for kind, value in events:
            if kind == "message":
                try:
                    self.on_message(self, value)
                except Exception as e:  # noqa: BLE001 - [MSG-07]
                    self.log("message handler failed: %r" % (e,))
            elif kind == "drop":
                self.on_drop(self, value)
            elif kind == "close":
                # [WIRE-35] a close frame closes the connection; nothing after it is processed.
                self.close()
                return

    def send(self, value, encoded=None):
        """Send one application message; False when it was not sent (not open, or a value this
        serialization refuses: wire.unencodable, wire.message-too-large, wire.json-too-large).
        `encoded`: the value's BinaryPack bytes when the caller encoded it once for several
        connections."""
        if self.state != "open":
            return False
        try:
            if self.serialization == "json":
                frames = [wire.encode_json(value)]                       # [WIRE-45]
            elif encoded is None:
                frames = self.sender.frames(value)                       # [WIRE-34], 11.6
            else:
                frames = chunk(encoded, self.sender.next_chunk_id)       # [WIRE-36], [WIRE-37]
                if len(frames) > 1:
                    self.sender.next_chunk_id += 1
        except ProtocolError as e:
            self.log("not sent to %s: %s" % (self.remote_id, e.code))
            return False
        return self._write(frames)

    def _write(self, frames):
        ch = self.channel
        try:
            if ch.bufferedAmount > MAX_BUFFERED:
                self.log("connection to %s does not drain: closed" % self.remote_id)
                self.close()
                return False
            for f in frames:
                # [WIRE-06] every message a binary data-channel message.
                self.transcript.record("out", self.local_id, self.remote_id, self.label,
                                       self.offered, f)
                ch.send(bytes(f))
        except Exception as e:  # noqa: BLE001 - the channel closed under us
            self.log("send to %s failed: %r" % (self.remote_id, e))
            self._closed("send failed")
            return False
        return True

    # ---- certificates -----------------------------------------------------------------------

    def remote_fingerprint(self):
        """[SAS-01], [SAS-02] from the live handshake, or None."""
        if self.pc is None or self.state != "open":
            return None
        return certs.remote_fingerprint(self.pc)

    # ---- closing ----------------------------------------------------------------------------

    def _closed(self, reason):
        if self.state == "closed":
            return
        was_open = self.state == "open"
        self.state = "closed"
        self.receiver.close()                 # [WIRE-38] incomplete messages are discarded
        self._candidates.clear()
        try:
            self.on_close(self)
        except Exception as e:  # noqa: BLE001
            self.log("close handler failed: %r" % (e,))
        if self.pc is not None:
            self._spawn_detached(self._shutdown(flush=False))
        if was_open:
            self.log("connection %s <-> %s closed (%s)" % (self.local_id, self.remote_id, reason))

    def close(self, flush=False):
        """Close the connection. With `flush`, a close frame goes after what was queued
        (PeerJS close({flush: true}), [WIRE-35]) and the transport is torn down once the channel
        has drained (at most 1 s later), so that a `leave` sent just before arrives."""
        if self.state == "closed":
            return None
        if flush and self.state == "open" and self.serialization == "binary":
            try:
                f = wire.encode({RESERVED: {"type": "close"}})
                self.transcript.record("out", self.local_id, self.remote_id, self.label,
                                       self.offered, f)
                self.channel.send(f)
            except Exception:  # noqa: BLE001
                flush = False
        self.state = "closed"
        self.receiver.close()
        try:
            self.on_close(self)
        except Exception as e:  # noqa: BLE001
            self.log("close handler failed: %r" % (e,))
        return self._spawn_detached(self._shutdown(flush=flush))

    def _spawn_detached(self, coro):
        t = asyncio.get_running_loop().create_task(coro)
        _CLOSING.add(t)
        t.add_done_callback(_CLOSING.discard)
        return t

    async def _shutdown(self, flush):
        for t in list(self._tasks):
            t.cancel()
        pc = self.pc
        if pc is None:
            return
        if flush and self.channel is not None:
            loop = asyncio.get_running_loop()
            end = loop.time() + CLOSE_FLUSH_S
            try:
                while self.channel.bufferedAmount > 0 and loop.time() < end:
                    await asyncio.sleep(0.02)
                await asyncio.sleep(0.05)
            except Exception:  # noqa: BLE001
                pass
        try:
            await asyncio.wait_for(pc.close(), 2.0)
        except Exception:  # noqa: BLE001
            pass


# Connections being torn down, kept referenced until they are (the program waits for them on
# stop, ADP-44).
_CLOSING = set()


async def wait_closed(timeout_s):
    if _CLOSING:
        await asyncio.wait(list(_CLOSING), timeout=timeout_s)
