"""Data connections and encoding (spec chapter 11): the bytes of every Kibitz frame.

Written from `spec/11-data-connections.md` alone (never from PeerJS or peerjs-js-binarypack
source). Pure and sans-IO, so that kibitz-py's live peer (a PeerJS broker client over websockets
and WebRTC data connections over aiortc) can use it as it is:

- `values`      the value model: None, UNDEFINED, bool, int, float, str, bytes, list, Map/dict.
- `binarypack`  BinaryPack encode/decode (11.3, WIRE-09..WIRE-30).
- `chunking`    PeerJS chunking on send and a connection's Sender (11.6, WIRE-34, 36, 37, 42).
- `receiver`    a connection's Receiver: text messages, decoding, keys, chunks, close frames,
                JSON connections (WIRE-07, WIRE-31, WIRE-33..WIRE-46).
- `jsonser`     the `json` serialization (11.7, WIRE-45, WIRE-46).
- `tagged`      the tagged JSON form of the adapter ops and vectors (11.4, WIRE-32).

The transfer chunk header of 11.8 (WIRE-48..WIRE-50) has one codec in kibitz-py, written for the
data plane: `kbz.dataplane.chunkhdr`. `encode_transfer_chunk` and `parse_transfer_chunk` below
are that codec, so a live BinaryPack connection that receives bytes ([WIRE-47]) hands them on to
it without a second implementation.

Typical use on one BinaryPack data connection:

    from kbz import wire
    tx, rx = wire.Sender(), wire.Receiver("binary")
    for frame in tx.frames({"t": "ping"}):       # bytes, each one binary data-channel message
        channel.send(frame)
    for kind, value in rx.feed(received):         # ("message", v) | ("drop", code) | ("close", None)
        ...
"""

from .binarypack import MAX_DEPTH, decode, encode
from .chunking import CHUNKED_MTU, MAX_CHUNKS, MAX_MESSAGE, Sender, chunk
from .jsonser import encode_json, parse_json_message
from .receiver import MAX_PENDING, Receiver
from .tagged import from_tagged, to_tagged
from .values import UNDEFINED, Map, has_plain_keys, to_plain, truthy


def encode_transfer_chunk(transfer_id, index, payload):
    """[WIRE-48] The xfer.v2 transfer chunk frame: kbz.dataplane.chunkhdr.encode."""
    from ..dataplane import chunkhdr
    return chunkhdr.encode(transfer_id, index, payload)


def parse_transfer_chunk(frame):
    """[WIRE-49], [WIRE-50] (id, index, payload) of a transfer chunk frame:
    kbz.dataplane.chunkhdr.parse."""
    from ..dataplane import chunkhdr
    return chunkhdr.parse(frame)


__all__ = [
    "CHUNKED_MTU", "MAX_CHUNKS", "MAX_DEPTH", "MAX_MESSAGE", "MAX_PENDING", "UNDEFINED", "Map",
    "Receiver", "Sender", "chunk", "decode", "encode", "encode_json", "from_tagged",
    "has_plain_keys", "parse_json_message", "parse_transfer_chunk", "encode_transfer_chunk",
    "to_plain", "to_tagged", "truthy",
]
