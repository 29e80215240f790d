"""The `wire` profile of the adapter protocol (spec 11.10, chapter 10): input shapes and dispatch.

| op | does | module |
|---|---|---|
| `wire.encode` | BinaryPack bytes of a tagged value ([WIRE-09]..[WIRE-17], [WIRE-51]) | `wire.binarypack`, `wire.tagged` |
| `wire.decode` | the canonical tagged value of BinaryPack bytes ([WIRE-19]..[WIRE-30], [WIRE-51]) | `wire.binarypack`, `wire.tagged` |
| `wire.chunk` | the data-channel messages of one encoded message ([WIRE-36], [WIRE-37], [WIRE-52]) | `wire.chunking` |
| `wire.reassemble` | what one fresh receiving connection makes of a message sequence ([WIRE-53]) | `wire.receiver` |

Shapes (10.4, ADP-08, [WIRE-51]): checked against the op's contract before any protocol step;
a wrong shape is `input.invalid`. Hexadecimal input is an even number of hex digits, either case;
`value` must be in the tagged form of 11.4. `m?` members may be absent, and null means absent.
Members the contract does not name are ignored.

Bounds: MAX_HEX hexadecimal digits in one byte string and MAX_FRAMES messages in one
`wire.reassemble` (`input.invalid` beyond); the receiver itself holds at most 4 incomplete
messages of at most 512 slices ([WIRE-42], [WIRE-43]).
"""

import re

from .errors import InputInvalid
from .jsonutil import is_integer
from .wire import binarypack, chunking, tagged
from .wire.receiver import Receiver

PROFILE = "wire"

MAX_HEX = 2 * 64 * 1024 * 1024          # 64 MiB of bytes in one hex input
MAX_FRAMES = 1000000
_SAFE = 2 ** 53 - 1
# Hex digits, checked with a simple class (a grouped `(?:..{2})*` pattern takes seconds on the
# 16 MB of an 8 MB message); the even length is checked apart.
_HEX = re.compile(r"[0-9a-fA-F]*")


def _hex(v, what):
    """[WIRE-51] Hexadecimal in either case, an even number of digits; anything else (odd
    length, other characters, not a string) is input.invalid."""
    if not isinstance(v, str):
        raise InputInvalid("%s must be a hexadecimal string" % what)
    if len(v) > MAX_HEX:
        raise InputInvalid("%s is longer than %d hex digits" % (what, MAX_HEX))
    if len(v) % 2 or _HEX.fullmatch(v) is None:
        raise InputInvalid("%s must be hexadecimal, two digits per byte" % what)
    return bytes.fromhex(v)


def op_encode(inp):
    if "value" not in inp:
        raise InputInvalid("wire.encode needs a member value")
    value = tagged.from_tagged(inp["value"])          # input.invalid first (ADP-08)
    return {"hex": binarypack.encode(value).hex()}     # [WIRE-51] lower-case


def op_decode(inp):
    data = _hex(inp.get("hex"), "hex")
    return {"value": tagged.to_tagged(binarypack.decode(data))}


def op_chunk(inp):
    data = _hex(inp.get("hex"), "hex")
    cid = inp.get("chunkId")
    # The contract: an integer from 1 to 2^53 - 1 (a JSON number with no fraction).
    if not is_integer(cid) or not 1 <= cid <= _SAFE:
        raise InputInvalid("chunkId must be an integer from 1 to 2^53 - 1")
    return {"frames": [f.hex() for f in chunking.chunk(data, int(cid))]}


def op_reassemble(inp):
    frames = inp.get("frames")
    if not isinstance(frames, list):
        raise InputInvalid("frames must be an array")
    if len(frames) > MAX_FRAMES:
        raise InputInvalid("more than %d frames" % MAX_FRAMES)
    ser = inp.get("serialization")
    if ser is None:
        ser = "binary"                                 # the contract: binary when absent
    elif ser not in ("binary", "json"):
        raise InputInvalid("serialization must be binary or json")
    messages = []
    for i, f in enumerate(frames):
        if isinstance(f, str):
            messages.append(_hex(f, "frames[%d]" % i))
        elif isinstance(f, dict) and isinstance(f.get("text"), str):
            messages.append(f["text"])                 # a text data-channel message
        else:
            raise InputInvalid("frames[%d] must be a hex string or {text: string}" % i)
    # [WIRE-53] one fresh receiving connection, fed in order.
    rx = Receiver(ser)
    delivered, dropped = [], []
    for i, m in enumerate(messages):
        for kind, x in rx.feed(m):
            if kind == "message":
                delivered.append(tagged.to_tagged(x))
            elif kind == "drop":
                # the index of the message that carried the fault or completed the message
                dropped.append({"frame": i, "error": x})
    return {"messages": delivered, "dropped": dropped, "pending": rx.pending,
            "closed": rx.closed}


OPS = {
    "wire.encode": op_encode,
    "wire.decode": op_decode,
    "wire.chunk": op_chunk,
    "wire.reassemble": op_reassemble,
}


def run(op, inp):
    fn = OPS[op]
    if not isinstance(inp, dict):
        raise InputInvalid("input must be an object")
    return fn(inp)
