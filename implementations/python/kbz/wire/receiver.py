"""The receiving side of a data connection, sans-IO (spec 11.1, 11.6, 11.7).

    r = Receiver("binary")            # or "json"
    events = r.feed(message)          # message: bytes (binary) or str (a text message)

`feed` returns the events one data-channel message causes, in order:

    ("message", value)     a message delivered to the application (plain: maps are dicts)
    ("drop", code)         a message dropped, with its `wire.*` code
    ("close", None)        a close frame arrived: the connection is closed

After a close nothing is processed: `feed` returns []. `pending` is the number of incomplete
chunked messages held. Bounds ([WIRE-41]..[WIRE-43]): at most 4 incomplete messages of at most
512 slices of at most 16300 bytes, 33,382,400 bytes in all.

The order of checks for each message is the one 11.6 gives: a text message ([WIRE-07]);
decoding (11.3); map keys ([WIRE-31]); then, for a chunk, `__peerData`, `total`, the limit of
[WIRE-42], `n`, `data` ([WIRE-39]); the conflicts of [WIRE-40]; the limit of [WIRE-43]. A
completed message is decoded and checked the same way, with [WIRE-44] in place of the chunk
checks.
"""

from ..errors import ProtocolError
from . import binarypack
from .jsonser import parse_json_message
from .chunking import CHUNKED_MTU, MAX_CHUNKS, RESERVED
from .values import Map, has_plain_keys, is_integral, to_plain, truthy

MAX_PENDING = 4                      # [WIRE-43]
_MAX_ID = 2 ** 53 - 1                # [WIRE-39]

SERIALIZATIONS = ("binary", "json")


class _Pending:
    __slots__ = ("total", "slices")

    def __init__(self, total):
        self.total = total
        self.slices = {}


class Receiver:
    """One fresh receiving connection. `serialization` is the one the OFFER named ([WIRE-08]):
    `binary` (also `binary-utf8` and `default`, which PeerJS builds the same way) or `json`."""

    def __init__(self, serialization="binary"):
        if serialization in ("binary-utf8", "default"):
            serialization = "binary"
        if serialization not in SERIALIZATIONS:
            raise ValueError("no receiver for serialization %r" % (serialization,))
        self.serialization = serialization
        self.closed = False
        self._pending = {}

    @property
    def pending(self):
        return len(self._pending)

    def close(self):
        """[WIRE-38] The connection closed: every incomplete message is discarded."""
        self.closed = True
        self._pending.clear()

    def feed(self, message):
        if self.closed:
            return []           # [WIRE-35] nothing that follows a close frame is processed
        if isinstance(message, str):
            # [WIRE-07] (SHOULD, implemented) every message on these serializations is binary
            # [WIRE-06]; a text message is dropped rather than read as zero bytes.
            return [("drop", "wire.text-message")]
        if self.serialization == "json":
            return self._feed_json(bytes(message))
        return self._feed_binary(bytes(message))

    # ---- binary (BinaryPack) ---------------------------------------------------------------

    def _feed_binary(self, data):
        try:
            value = binarypack.decode(data)             # 11.3, first fault ([WIRE-30])
        except ProtocolError as e:
            return [("drop", e.code)]
        if not has_plain_keys(value):
            return [("drop", "wire.bad-key")]          # [WIRE-31] (SHOULD, implemented)
        peer_data = _control(value)
        if peer_data is None:
            return [("message", to_plain(value))]      # [WIRE-33] delivered
        if _is_close(peer_data):
            # [WIRE-35] every earlier message was delivered already (feed is in order).
            self.close()
            return [("close", None)]
        return self._chunk(value, peer_data)

    def _chunk(self, frame, peer_data):
        # [WIRE-39] (SHOULD, implemented) fields in the order __peerData, total, [WIRE-42], n,
        # data. An integer is a number with an integral value, whichever tag carried it
        # (AMBIGUITIES.md W-chunk-integers).
        if not (is_integral(peer_data) and 1 <= peer_data <= _MAX_ID):
            return [("drop", "wire.bad-chunk")]
        total = frame.get("total")
        if not (is_integral(total) and total >= 1):
            return [("drop", "wire.bad-chunk")]
        if total > MAX_CHUNKS:
            return [("drop", "wire.message-too-large")]     # [WIRE-42] (SHOULD, implemented)
        n = frame.get("n")
        if not (is_integral(n) and 0 <= n <= total - 1):
            return [("drop", "wire.bad-chunk")]
        data = frame.get("data")
        if not (isinstance(data, bytes) and len(data) <= CHUNKED_MTU):
            return [("drop", "wire.bad-chunk")]
        cid, total, n = int(peer_data), int(total), int(n)
        p = self._pending.get(cid)
        if p is not None:
            # [WIRE-40] (SHOULD, implemented) a repeated index, or a total that differs from the
            # first chunk's, would complete the message early or from the wrong slices.
            if n in p.slices or total != p.total:
                return [("drop", "wire.chunk-conflict")]
        elif len(self._pending) >= MAX_PENDING:
            # [WIRE-43] (SHOULD, implemented) "drop every chunk of a new id while it holds 4
            # (`wire.too-many-pending`), a chunk of `total` 1, which would complete at once,
            # included" (AMBIGUITIES.md W-pending-total-1, decided by the spec).
            return [("drop", "wire.too-many-pending")]
        else:
            p = _Pending(total)
            self._pending[cid] = p
        p.slices[n] = data
        if len(p.slices) < p.total:
            return []
        # [WIRE-38] all of 0 .. total-1 held: their concatenation, in index order, is one
        # message; the id is forgotten.
        del self._pending[cid]
        return self._complete(b"".join(p.slices[i] for i in range(p.total)))

    def _complete(self, data):
        try:
            value = binarypack.decode(data)
        except ProtocolError as e:
            return [("drop", e.code)]
        if not has_plain_keys(value):
            return [("drop", "wire.bad-key")]
        if _control(value) is not None:
            # [WIRE-44] (SHOULD, implemented) a reassembled control frame, a close frame
            # included, is dropped: chunks never nest.
            return [("drop", "wire.bad-chunk")]
        return [("message", to_plain(value))]

    # ---- json -------------------------------------------------------------------------------

    def _feed_json(self, data):
        # [WIRE-46] decode as UTF-8 (invalid sequences replaced with U+FFFD, as upstream does;
        # a leading byte-order mark removed, as the WHATWG decoder does: AMBIGUITIES.md
        # W-json-decode), then parse as JSON (CONV-16).
        text = data.decode("utf-8", "replace")
        if text.startswith("\ufeff"):
            text = text[1:]
        try:
            value = parse_json_message(text)
        except (ValueError, RecursionError):
            return [("drop", "wire.bad-json")]
        # A close frame: a map whose truthy __peerData is a map with type "close". Every other
        # message, another __peerData included, is delivered: PeerJS does not chunk JSON.
        if isinstance(value, dict):
            pd = value.get(RESERVED)
            if truthy(pd) and isinstance(pd, dict) and pd.get("type") == "close":
                self.close()
                return [("close", None)]
        return [("message", value)]


def _control(value):
    """[WIRE-33] The truthy `__peerData` of a PeerJS control frame (a map with that string key),
    or None for a message that is delivered."""
    if isinstance(value, Map):
        pd = value.get(RESERVED) if RESERVED in value else None
    elif isinstance(value, dict):
        pd = value.get(RESERVED)
    else:
        return None
    return pd if truthy(pd) else None


def _is_close(peer_data):
    """[WIRE-33] A close frame: `__peerData` is a map whose member `type` is the string close."""
    if isinstance(peer_data, Map):
        t = peer_data.get("type")
    elif isinstance(peer_data, dict):
        t = peer_data.get("type")
    else:
        return False
    return isinstance(t, str) and t == "close"
