"""Transfers from the sender's side (spec 14.8): chunk arithmetic, routes and negotiated framing
(XFER-01, XFER-02, XFER-21), and the frames of a transfer, an offer or a resumed leg (XFER-12,
XFER-13, XFER-19, XFER-22, XFER-25).
"""

import base64
import hashlib

from ..errors import ProtocolError
from . import chunkhdr
from .content import CEILING_DISK, CEILING_MEMORY, CEILING_OFFER, CHUNK, chunk_count
from .text16 import is_int

# The four transfer tags of ~kbz.f (14.8.1): a sender without `self` advertises them all.
ALL_TAGS = ("xfer.v1", "xfer.v2", "xfer.dl", "xfer.resume")


def plan(size, kind, features, self_tags=None):
    """[XFER-21] n, the chunk size, the last chunk's size, the route of XFER-02, the framing for
    routes that send chunks, and whether both sides advertise xfer.resume."""
    if not is_int(size) or size < 0:
        raise ProtocolError("xfer.bad-size", "size is not an integer at least 0")
    if size > CEILING_OFFER:
        raise ProtocolError("xfer.too-large", "size above every ceiling (50 GiB)")
    size = int(size)
    mine = set(ALL_TAGS if self_tags is None else self_tags)
    peer = set(features)
    n = chunk_count(size)
    out = {"n": n, "chunkBytes": CHUNK, "lastChunkBytes": size - (n - 1) * CHUNK if n else 0}
    # [XFER-01] transfers only to a peer that advertises xfer.v1 (and, reading "both sides",
    # only from a sender that does: AMBIGUITIES.md D-plan-self)
    if "xfer.v1" not in peer or "xfer.v1" not in mine:
        # [XFER-01] to a peer without xfer.v1: text as a chat line, an image as an img, a file
        # not at all. The plan does not judge whether the img "fits" (it knows only the size):
        # both legacy routes are the inline route's fallback, so they end at the inline
        # limit of 50 MiB like it (decided by the property model only: D-plan-legacy).
        if size > CEILING_MEMORY or kind == "file":
            route = "skip"
        elif kind == "text":
            route = "legacy-chat"
        else:
            route = "legacy-img"
    elif size <= CEILING_MEMORY:
        route = "inline"                            # [XFER-02] at most 50 MiB
    elif kind == "text":
        route = "skip"                              # text above 50 MiB cannot be sent
    elif size <= CEILING_DISK:
        route = "stream"                            # an image or file up to 1 GiB
    elif "xfer.dl" in peer and "xfer.dl" in mine:
        # up to 50 GiB, to a peer with xfer.dl; the sender must advertise xfer.dl too
        # (decided by the property model only: AMBIGUITIES.md D-plan-self)
        route = "offer"
    else:
        route = "skip"
    out["route"] = route
    if route in ("inline", "stream", "offer"):
        # [XFER-01] binary chunk frames only to a peer that advertises xfer.v2
        out["framing"] = "binary" if "xfer.v2" in peer and "xfer.v2" in mine else "base64"
    out["resume"] = "xfer.resume" in peer and "xfer.resume" in mine
    return out


def send(tid, kind, payload, framing, mime=None, name=None, dm=False, mid=None, ts=None,
         author=None, authorName=None, offer=False, from_=None):
    """[XFER-22] Every frame XFER-13 sends: xbegin, chunks 0 to n-1 in order, xend with the
    lower-case hex SHA-256 of the whole payload [XFER-12]; only the xbegin for an offer
    [XFER-14]; for a resumed leg [XFER-19] chunks `from` to n-1 then xend, without xbegin, with
    the same hash [XFER-25]. Returns a list of {msg} and {hex}."""
    size = len(payload)
    n = chunk_count(size)
    frames = []
    if from_ is None:
        b = {"k": "xbegin", "id": tid, "kind": kind, "size": size, "n": n}
        if mime:                                    # given and not empty
            b["mime"] = mime
        if name:
            b["name"] = name
        if offer:
            b["offer"] = True
        for key, v in (("mid", mid), ("ts", ts), ("author", author),
                       ("authorName", authorName)):
            if v is not None:                       # given, "" included (D-send-given)
                b[key] = v
        if dm:
            b["dm"] = True
        frames.append({"msg": b})
        if offer:
            return frames
        first = 0
    else:
        first = int(from_)
    for i in range(first, n):
        part = payload[i * CHUNK:(i + 1) * CHUNK]
        if framing == "binary":
            # the id is judged only by the chunk header (AMBIGUITIES.md D-send-id)
            frames.append({"hex": chunkhdr.encode(tid, i, part).hex()})
        else:
            c = {"k": "xchunk", "id": tid, "i": i,
                 "data": base64.b64encode(part).decode("ascii")}   # standard, padded
            if dm:
                c["dm"] = True
            frames.append({"msg": c})
    e = {"k": "xend", "id": tid, "hash": hashlib.sha256(payload).hexdigest()}
    if dm:
        e["dm"] = True
    frames.append({"msg": e})
    return frames
