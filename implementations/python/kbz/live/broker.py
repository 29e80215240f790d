"""The PeerJS broker client (spec chapter 9, 7.3) over WebSocket (python3-websockets 10.4).

    broker = Broker("ws://127.0.0.1:9000/")
    pid = await broker.fetch_id()                        # [SIG-07]
    sock = BrokerSocket(broker, pid, new_token(), on_frame, on_closed)
    outcome, code = await sock.register()                # "open" | "taken" | "error"
    sock.send({"type": "OFFER", "dst": ..., "payload": ...})

A broker is named by host, port, path and whether it is secure (9.1); the peer-mode join input
gives it as one URL `ws://HOST:PORT/PATH` (or `wss://`), [ADP-32].

Bounds: a broker frame is at most 1 MiB (SDP and candidates are a few kilobytes; a larger frame
closes the socket, AMBIGUITIES.md L-broker-frame-size); at most 256 frames wait to be written.
"""

import asyncio
import json
import re
import secrets
import time
import urllib.parse
import urllib.request

from ..jsonutil import parse_text

try:
    import websockets
    from websockets.exceptions import ConnectionClosed
except ImportError:  # pragma: no cover - reported by the peer program
    websockets = None
    ConnectionClosed = Exception

KEY = "peerjs"                     # 9.1: the API key of every Kibitz broker
HEARTBEAT_S = 5.0                  # [SIG-15]
REGISTER_TIMEOUT_S = 8.0           # [SIG-20], [SIG-28]
ID_TIMEOUT_S = 8.0                 # [SIG-07] no bound given; the claim's (L-broker-id)
MAX_FRAME = 1 << 20
MAX_QUEUE = 256
MAX_ID_BODY = 4096

# [SIG-03] the broker id syntax; fullmatch (Python's `$` also matches before a final "\n").
PEER_ID = re.compile(r"[A-Za-z0-9]+(?:[ _-][A-Za-z0-9]+)*")


def valid_id(pid):
    """[SIG-03] A peer id a peer may register or address."""
    return isinstance(pid, str) and PEER_ID.fullmatch(pid) is not None


def new_token():
    """[SIG-01] a random token chosen once per registration; [MSG-11] (SHOULD, implemented) at
    least 64 bits from a CSPRNG: 96 bits as 24 lower-case hex characters (URL-safe as is)."""
    return secrets.token_hex(12)


class BadBrokerUrl(ValueError):
    pass


class Broker:
    """A broker as the four PeerJS values host, port, path, secure (9.1)."""

    def __init__(self, url):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("ws", "wss"):
            raise BadBrokerUrl("the broker must be a ws:// or wss:// URL")
        if not parts.hostname:
            raise BadBrokerUrl("the broker URL has no host")
        self.secure = parts.scheme == "wss"
        try:
            port = parts.port
        except ValueError:
            raise BadBrokerUrl("the broker URL has a bad port")
        # PeerJS is always configured with a port; a URL without one means the scheme's default
        # (AMBIGUITIES.md L-broker-url).
        self.port = port if port is not None else (443 if self.secure else 80)
        self.host = parts.hostname
        # [SIG-01] <path> begins and ends with '/' (a configured path that lacks either gets it).
        path = parts.path or "/"
        if not path.startswith("/"):
            path = "/" + path
        if not path.endswith("/"):
            path += "/"
        self.path = path
        h = "[%s]" % self.host if ":" in self.host else self.host
        self.hostport = "%s:%d" % (h, self.port)

    def socket_url(self, peer_id, token):
        """[SIG-01] <scheme>://<host>:<port><path>peerjs?key=<key>&id=<id>&token=<token>. The id
        and the token go in as they are, as PeerJS puts them (7.3.2); ids Kibitz registers and
        tokens this module draws need no escaping."""
        return "%s://%s%speerjs?key=%s&id=%s&token=%s" % (
            "wss" if self.secure else "ws", self.hostport, self.path, KEY, peer_id, token)

    def id_url(self):
        """[SIG-07] GET <http-scheme>://<host>:<port><path><key>/id, with a query string as
        PeerJS fills it (`ts`)."""
        return "%s://%s%s%s/id?ts=%d%s" % ("https" if self.secure else "http", self.hostport,
                                           self.path, KEY, int(time.time() * 1000),
                                           secrets.token_hex(4))

    async def fetch_id(self):
        """[SIG-07] A broker-assigned peer id. Raises OSError (or ValueError) when the broker does
        not answer 200 with a body that is a valid id [SIG-03]."""
        url = self.id_url()

        def get():
            req = urllib.request.Request(url, headers={"User-Agent": "kibitz-py"})
            with urllib.request.urlopen(req, timeout=ID_TIMEOUT_S) as resp:
                if resp.status != 200:
                    raise OSError("broker answered %d to the id request" % resp.status)
                return resp.read(MAX_ID_BODY + 1)

        body = await asyncio.wait_for(asyncio.get_running_loop().run_in_executor(None, get),
                                      ID_TIMEOUT_S + 1)
        if len(body) > MAX_ID_BODY:
            raise ValueError("the id body is too long")
        pid = body.decode("utf-8", "replace").strip()
        if not valid_id(pid):
            # [SIG-03] a peer never registers an id that does not match.
            raise ValueError("signaling.invalid-id: the broker assigned %r" % pid[:80])
        return pid


class BrokerSocket:
    """One registration of one id on one WebSocket (9.2, 9.4, 9.5).

    `on_frame(sock, frame)` gets every frame after OPEN that is a JSON object with a string
    `type` (others are ignored, as a broker ignores them, SIG-18); `on_closed(sock)` is called
    once when a registered socket ends without `close()` having been asked for."""

    def __init__(self, broker, peer_id, token, on_frame=None, on_closed=None, log=None):
        self.broker = broker
        self.id = peer_id
        self.token = token
        self.on_frame = on_frame
        self.on_closed = on_closed
        self.log = log or (lambda m: None)
        self.ws = None
        self.registered = False
        self.closing = False
        self._tasks = []
        self._queue = None

    # ---- registration -----------------------------------------------------------------------

    async def register(self, timeout_s=REGISTER_TIMEOUT_S):
        """[SIG-20] The outcome of registering: ("open", None) when OPEN arrives (SIG-04);
        ("taken", "signaling.id-taken") on ID-TAKEN (SIG-05); ("error", code) for ERROR or
        INVALID-KEY, a socket that fails or closes first (signaling.broker-error) and no outcome
        within `timeout_s` of opening the socket (signaling.claim-timeout). Anything but "open"
        leaves the socket closed [SIG-21]."""
        if not valid_id(self.id):
            return "error", "signaling.invalid-id"                        # [SIG-03]
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout_s
        try:
            self.ws = await asyncio.wait_for(
                websockets.connect(self.broker.socket_url(self.id, self.token),
                                   max_size=MAX_FRAME, ping_interval=None, close_timeout=1,
                                   compression=None, open_timeout=None),
                max(0.01, deadline - loop.time()))
        except asyncio.TimeoutError:
            return "error", "signaling.claim-timeout"
        except asyncio.CancelledError:
            raise
        except Exception as e:  # noqa: BLE001 - refused, unreachable, bad handshake
            self.log("broker socket for %s failed: %s" % (self.id, e))
            return "error", "signaling.broker-error"
        try:
            while True:
                if self.closing:
                    await self._drop()
                    return "error", "signaling.broker-error"
                raw = await asyncio.wait_for(self.ws.recv(), max(0.01, deadline - loop.time()))
                frame = _parse(raw)
                if frame is None:
                    continue                    # not a JSON object with a string type: ignored
                t = frame["type"]
                if t == "OPEN":
                    if self.closing:
                        await self._drop()
                        return "error", "signaling.broker-error"
                    self._started()
                    return "open", None
                if t == "ID-TAKEN":
                    await self._drop()
                    return "taken", "signaling.id-taken"
                if t in ("ERROR", "INVALID-KEY"):
                    await self._drop()
                    return "error", "signaling.broker-error"
                # Anything else before the outcome is not addressed to an unregistered socket.
        except asyncio.TimeoutError:
            await self._drop()
            return "error", "signaling.claim-timeout"
        except asyncio.CancelledError:
            await self._drop()
            raise
        except Exception:  # noqa: BLE001 - ConnectionClosed and the like
            await self._drop()
            return "error", "signaling.broker-error"

    def _started(self):
        self.registered = True
        self._queue = asyncio.Queue()
        loop = asyncio.get_running_loop()
        self._tasks = [loop.create_task(self._reader()), loop.create_task(self._writer()),
                       loop.create_task(self._heartbeat())]

    # ---- after OPEN ---------------------------------------------------------------------------

    def send(self, frame):
        """Queue one frame (a dict) for the broker; False when the socket is not registered or
        the queue is full."""
        if not self.registered or self.closing:
            return False
        if self._queue.qsize() >= MAX_QUEUE:
            self.log("broker socket %s: send queue full, frame dropped" % self.id)
            return False
        self._queue.put_nowait(json.dumps(frame, separators=(",", ":"), ensure_ascii=False))
        return True

    async def _writer(self):
        try:
            while True:
                text = await self._queue.get()
                await self.ws.send(text)
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - the socket closed; the reader reports it
            pass

    async def _heartbeat(self):
        # [SIG-15] every 5000 ms while the socket is open.
        try:
            while True:
                await asyncio.sleep(HEARTBEAT_S)
                self.send({"type": "HEARTBEAT"})
        except asyncio.CancelledError:
            raise

    async def _reader(self):
        try:
            async for raw in self.ws:
                frame = _parse(raw)
                if frame is None or self.closing:
                    continue
                if self.on_frame is not None:
                    try:
                        self.on_frame(self, frame)
                    except Exception as e:  # noqa: BLE001 - [MSG-07] never fail on a frame
                        self.log("broker frame handler failed: %r" % (e,))
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - ConnectionClosed: handled below
            pass
        self.registered = False
        if not self.closing:
            self.closing = True
            for t in self._tasks:
                if t is not asyncio.current_task():
                    t.cancel()
            if self.on_closed is not None:
                try:
                    self.on_closed(self)
                except Exception as e:  # noqa: BLE001
                    self.log("broker close handler failed: %r" % (e,))

    # ---- closing ------------------------------------------------------------------------------

    async def _drop(self):
        ws, self.ws = self.ws, None
        if ws is not None:
            try:
                await asyncio.wait_for(ws.close(), 1.0)
            except Exception:  # noqa: BLE001
                pass

    async def close(self):
        """Close the socket on purpose: the broker releases the id [SIG-17]; no `on_closed`."""
        self.closing = True
        self.registered = False
        for t in self._tasks:
            if t is not asyncio.current_task():
                t.cancel()
        await self._drop()


def _parse(raw):
    """A broker frame: one text message holding a JSON object with a string `type` (9.1);
    anything else is ignored."""
    if not isinstance(raw, str):
        return None
    try:
        frame = parse_text(raw)
    except (ValueError, RecursionError):
        return None
    if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
        return None
    return frame
