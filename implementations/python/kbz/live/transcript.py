"""The record of data-channel messages a peer sent and received ([ADP-40], `peer.transcript`).

[ADP-40] "the data-channel messages sent and received on the connections where the peer
presents its certificate, below the serialization, oldest first, at least the last 1000 of
them, each {at, dir, local, remote, label, serialization, hex?, text?}".

Bounds: the last 1000 messages are kept (raw bytes, converted to hex only when asked). A
response line may not exceed 16 MiB ([ADP-13]) and 1000 chunk frames of 16331 bytes are 32 MB
of hex, so the answer leaves out the oldest messages until it fits (AMBIGUITIES.md
L-transcript-size).
"""

from collections import deque

from .clock import monotonic_ms

KEEP = 1000
MAX_ANSWER_CHARS = 15 * 1024 * 1024      # under ADP-13's 16 MiB, with room for the envelope


class Transcript:
    def __init__(self):
        self._msgs = deque(maxlen=KEEP)

    def record(self, direction, local, remote, label, serialization, data):
        """`data`: bytes (a binary message) or str (a text message)."""
        self._msgs.append((monotonic_ms(), direction, local, remote, label, serialization,
                           data if isinstance(data, str) else bytes(data)))

    def messages(self):
        out, size = [], 0
        for at, d, local, remote, label, ser, data in reversed(self._msgs):
            m = {"at": at, "dir": d, "local": local, "remote": remote, "label": label,
                 "serialization": ser}
            if isinstance(data, str):
                m["text"] = data
                size += len(data) * 6 + 200          # worst case of JSON escaping
            else:
                m["hex"] = data.hex()
                size += 2 * len(data) + 200
            if size > MAX_ANSWER_CHARS:
                break
            out.append(m)
        out.reverse()
        return out
