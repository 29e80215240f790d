"""The transfer chunk header of an xfer.v2 binary chunk frame (spec 11.8, WIRE-48..WIRE-50).

    +-------+-------------+-------------------------+-----------+
    | idLen | id (UTF-8)  | i (u32, little-endian)  | payload   |
    +-------+-------------+-------------------------+-----------+

Written here for the data plane (XFER-10, XFER-23). kibitz-py's `wire` profile (chapter 11,
BinaryPack and chunking) is written separately; this codec is the one place the two meet: a
binary value that BinaryPack delivers on a data connection is handed to `parse` (XFER-10).
"""

import struct

from ..errors import ProtocolError
from ..text import utf8
from .text16 import is_int

MAX_ID_BYTES = 64
MAX_INDEX = 2 ** 32 - 1


def encode(tid, i, payload):
    """[WIRE-48] idLen, the UTF-8 of the id (1 to 64 bytes, `wire.header-id-length`), i as an
    unsigned 32-bit little-endian integer (an integer from 0 to 2^32 - 1, `wire.header-index`),
    then the payload. The checks run in that order (the op table's step order). The id is
    encoded as [CONV-01] says (a lone surrogate as U+FFFD); it is never cut, unlike upstream,
    which cuts at 64 bytes and can split a character."""
    idb = utf8(tid)
    if not 1 <= len(idb) <= MAX_ID_BYTES:
        raise ProtocolError("wire.header-id-length",
                            "transfer id is %d UTF-8 bytes, not 1 to 64" % len(idb))
    if not is_int(i) or not 0 <= i <= MAX_INDEX:
        raise ProtocolError("wire.header-index", "chunk index is not an integer from 0 to 2^32-1")
    return bytes([len(idb)]) + idb + struct.pack("<I", int(i)) + bytes(payload)


def parse(frame):
    """[WIRE-49] Reject, in this order: shorter than 5 bytes (`wire.header-truncated`); idLen 0
    or above 64 (`wire.header-id-length`); shorter than 5 + idLen (`wire.header-truncated`).
    [WIRE-50] (SHOULD, implemented) id bytes that are not valid UTF-8: `wire.header-id-utf8`.
    Returns (id, i, payload); the payload is every byte after i (may be empty)."""
    frame = bytes(frame)
    if len(frame) < 5:
        raise ProtocolError("wire.header-truncated", "frame shorter than 5 bytes")
    n = frame[0]
    if n == 0 or n > MAX_ID_BYTES:
        raise ProtocolError("wire.header-id-length", "idLen %d is not 1 to 64" % n)
    if len(frame) < 5 + n:
        raise ProtocolError("wire.header-truncated", "frame shorter than its header")
    try:
        tid = frame[1:1 + n].decode("utf-8", "strict")
    except UnicodeDecodeError:
        raise ProtocolError("wire.header-id-utf8", "transfer id is not valid UTF-8")
    (i,) = struct.unpack("<I", frame[1 + n:5 + n])
    return tid, i, frame[5 + n:]
