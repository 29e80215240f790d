"""PeerJS chunking on a BinaryPack connection, the sending side (spec 11.5, 11.6).

    chunk(encoded, chunk_id) -> [bytes, ...]     [WIRE-36], [WIRE-37], [WIRE-42]
    Sender                                        one connection's send path: [WIRE-34], the
                                                  chunk counter, encode then chunk

A chunk frame is the encoded map {"__peerData": id, "n": n, "data": <slice>, "total": total},
members in that order.
"""

from ..errors import ProtocolError
from . import binarypack
from .values import Map

CHUNKED_MTU = 16300                  # 11.5: PeerJS's chunkedMTU (Firefox to Chrome cut at 16384)
MAX_CHUNKS = 512                     # 11.5: hardening, just under PeerJS's 8 MiB send buffer
MAX_MESSAGE = MAX_CHUNKS * CHUNKED_MTU           # 8,345,600 encoded bytes ([WIRE-42])
RESERVED = "__peerData"              # [WIRE-33]/[WIRE-34] PeerJS's own member


def chunk(encoded, chunk_id):
    """The data-channel messages a sender emits for one encoded message when the connection's
    chunk counter stands at `chunk_id` ([WIRE-52]).

    [WIRE-37] at most 16300 bytes: the message itself, whole. [WIRE-36] more: total =
    ceil(length / 16300) slices of 16300 bytes except the last, slice n sent as its chunk frame,
    consecutively and in order. [WIRE-42] more than 512 slices (8,345,600 bytes) is not sent:
    `wire.message-too-large`."""
    encoded = bytes(encoded)
    size = len(encoded)
    if size <= CHUNKED_MTU:
        return [encoded]
    total = -(-size // CHUNKED_MTU)
    if total > MAX_CHUNKS:
        raise ProtocolError("wire.message-too-large",
                            "%d bytes need %d chunks; at most %d are sent"
                            % (size, total, MAX_CHUNKS))
    frames = []
    for n in range(total):
        piece = encoded[n * CHUNKED_MTU:(n + 1) * CHUNKED_MTU]
        frames.append(binarypack.encode(
            {RESERVED: chunk_id, "n": n, "data": piece, "total": total}))
    return frames


class Sender:
    """What one BinaryPack connection does with an application message before the data channel
    sends it: refuse the reserved member, encode, chunk. Its chunk counter starts at 1 and
    moves on only for a message that was chunked ([WIRE-36]). Every frame it returns is sent as
    a binary data-channel message ([WIRE-06])."""

    def __init__(self):
        self.next_chunk_id = 1

    def frames(self, message):
        # [WIRE-34] an application message that is a map with a member `__peerData` would be
        # read as a PeerJS control frame by every receiver.
        if (isinstance(message, dict) and RESERVED in message) or \
                (isinstance(message, Map) and RESERVED in message):
            raise ProtocolError("wire.reserved-member",
                                "an application message may not have a member __peerData")
        # [WIRE-13] an unencodable message raises here, before anything is sent.
        encoded = binarypack.encode(message)
        out = chunk(encoded, self.next_chunk_id)
        if len(out) > 1:
            self.next_chunk_id += 1
        return out
