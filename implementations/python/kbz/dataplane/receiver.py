"""The transfer receiver of `xfer.receive` (spec 14.8, XFER-03..XFER-20, XFER-24..XFER-26).

One receiver, created with a `Receiver` (the content state of CONT-32) and two flags: `resume`
(both sides advertise xfer.resume) and `download` (this receiver advertises xfer.dl). It is
driven by events at virtual times and answers output records:

    open     {from, id, kind, size, n}
    offer    {from, id, kind, size, n, mime?, name?, dm}
    complete {from, id, kind, size, sha256, mime?, name?, dm, line?}
    fail     {from, id, code}
    drop     {from, code}
    send     {to, msg}
"""

import hashlib

from ..errors import InputInvalid, ProtocolError
from . import chunkhdr
from .content import CEILING_MEMORY, TRANSFER_KINDS
from .text16 import cut, cut_trim, is_num

MAX_OPEN_PER_SENDER = 4         # [XFER-07]
STALL_MS = 30000                # [XFER-16]
MAX_RESUME_TRIES = 3            # [XFER-16]
MAX_OFFERS = 1024               # bound on pending offers held (not in the spec; see README)
MAX_HEX = 2 * 64 * 1024 * 1024


class Transfer:
    __slots__ = ("sender", "id", "kind", "size", "n", "mime", "name", "dm", "mid", "ts",
                 "author", "authorName", "replayed", "ordered", "chunks", "taken_bytes",
                 "activity", "tries", "seq", "from_offer")

    def __init__(self, view, ordered, at, seq):
        self.sender = view["sender"]
        self.id = view["id"]
        self.kind = view["kind"]
        self.size = view["size"]
        self.n = view["n"]
        self.mime = view.get("mime")
        self.name = view.get("name")
        self.dm = view["dm"]
        self.mid = view.get("mid")
        self.ts = view.get("ts")
        self.author = view.get("author")
        self.authorName = view.get("authorName")
        self.replayed = "author" in view
        self.ordered = ordered
        self.chunks = {}            # index -> bytes
        self.taken_bytes = 0
        self.activity = at          # [XFER-09] refreshed by every taken chunk
        self.tries = 0              # [XFER-16] resume requests made
        self.seq = seq              # open order [XFER-16]
        self.from_offer = False     # opened by accepting an offer [XFER-14]

    def answer(self, k):
        """`{k, id, dm?}`: an answer to the sender, dm when the transfer was directed
        (AMBIGUITIES.md D-answer-dm)."""
        m = {"k": k, "id": self.id}
        if self.dm:
            m["dm"] = True
        return m


def _hexstr(ev, name):
    v = ev.get(name)
    if not isinstance(v, str) or len(v) % 2 or len(v) > MAX_HEX:
        raise InputInvalid("event.%s must be hexadecimal bytes" % name)
    try:
        return bytes.fromhex(v)
    except ValueError:
        raise InputInvalid("event.%s must be hexadecimal bytes" % name)


def _from(ev):
    v = ev.get("from")
    if not isinstance(v, str):
        raise InputInvalid("event.from must be a string")
    return v


class TransferReceiver:
    def __init__(self, content, start, resume=False, download=False):
        self.r = content
        self.now = start
        self.resume = resume
        self.download = download
        self.open = {}              # (sender, id) -> Transfer, in open order
        self.offers = {}            # (sender, id) -> offer view (pending), in arrival order
        self.seq = 0
        self.out = []

    # ---- event shapes (checked before the first step runs) ------------------------------

    @staticmethod
    def check_event(ev):
        t = ev.get("type")
        if t == "frame":
            if "msg" not in ev:
                raise InputInvalid("event.msg is missing")
            return {"type": t, "from": _from(ev), "msg": ev["msg"]}
        if t == "binary":
            return {"type": t, "from": _from(ev), "bytes": _hexstr(ev, "hex")}
        if t == "tick":
            return {"type": t}
        if t == "link-open":
            return {"type": t, "from": _from(ev)}
        if t == "local":
            op = ev.get("op")
            if op not in ("accept", "decline", "cancel"):
                raise InputInvalid("event.op must be accept, decline or cancel")
            tid = ev.get("id")
            if not isinstance(tid, str):
                raise InputInvalid("event.id must be a string")
            return {"type": t, "op": op, "from": _from(ev), "id": tid}
        raise InputInvalid("unknown event type %r" % (t,))

    # ---- driving -----------------------------------------------------------------------------

    def handle(self, at, ev):
        self.now = at
        self.r.now = at             # the receive time is the step's (D-receive-time)
        self.out = []
        getattr(self, "_ev_" + ev["type"].replace("-", "_"))(ev)
        return self.out

    def _emit(self, **o):
        self.out.append(o)

    def _drop(self, sender, code):
        self._emit(type="drop", **{"from": sender, "code": code})

    def _send(self, to, msg):
        self._emit(type="send", to=to, msg=msg)

    def _fail(self, t, code):
        """A transfer fails: it is forgotten and its mid released [XFER-06]."""
        self.open.pop((t.sender, t.id), None)
        if t.mid is not None and self._holds_mid(t):
            self.r.held.pop(t.mid, None)
        self._emit(type="fail", **{"from": t.sender, "id": t.id, "code": code})

    def _holds_mid(self, t):
        # [XFER-06] the mid of a public image or file transfer is held once it opens
        return t.kind != "text" and not t.dm and t.mid is not None

    # ---- frames --------------------------------------------------------------------------------

    def _ev_frame(self, ev):
        sender, msg = ev["from"], ev["msg"]
        k = msg.get("k") if isinstance(msg, dict) else None
        if not (isinstance(k, str) and k in TRANSFER_KINDS):
            # [XFER-24] "A frame of a kind other than the transfer kinds gives no output and
            # changes nothing: it does not pass the content receiver, so [CONT-11]'s line
            # counter does not count it" (AMBIGUITIES.md D-receive-other-kinds, decided).
            return
        try:
            f = self.r.envelope(sender, msg)            # [CONT-03] steps 1 to 4
            getattr(self, "_x_" + k)(sender, f)
        except ProtocolError as e:
            self._drop(sender, e.code)

    def _x_xbegin(self, sender, f):
        offer = f.get("offer") is True
        # the rules of 14.8.2 in their order: XFER-03 to XFER-06, then XFER-07
        view = self.r.xbegin_view(sender, f)
        key = (sender, view["id"])
        t = self.open.get(key)
        if t is not None and t.from_offer and not offer and not t.chunks:
            # [XFER-07] "The `xbegin` that the sender repeats after an accepted offer
            # ([XFER-14]), before any chunk of it, is ignored without a drop" (after XFER-03 to
            # XFER-06 above); after a chunk it is a duplicate like any other
            # (AMBIGUITIES.md D-offer-xbegin, decided by the text).
            return
        if key in self.open or key in self.offers:
            raise ProtocolError("xfer.duplicate-begin", "an xbegin for an open transfer or offer")
        if offer:
            # [XFER-14] an offer
            if not self.download:
                m = {"k": "xdecline", "id": view["id"]}
                if view["dm"]:
                    m["dm"] = True
                self._send(sender, m)
                return
            if len(self.offers) >= MAX_OFFERS:
                raise ProtocolError("xfer.too-many", "too many pending offers")
            self.offers[key] = view
            o = {"type": "offer", "from": sender, "id": view["id"], "kind": view["kind"],
                 "size": view["size"], "n": view["n"]}
            for member in ("mime", "name"):
                if member in view:
                    o[member] = view[member]
            o["dm"] = view["dm"]
            self.out.append(o)
            return
        if sum(1 for (s, _) in self.open if s == sender) >= MAX_OPEN_PER_SENDER:
            raise ProtocolError("xfer.too-many", "a fifth open transfer from one sender")
        # [XFER-07] ordered: streamed to storage, not text and larger than 50 MiB
        ordered = view["kind"] != "text" and view["size"] > CEILING_MEMORY
        self._open(view, ordered)

    def _open(self, view, ordered):
        self.seq += 1
        t = Transfer(view, ordered, self.now, self.seq)
        self.open[(t.sender, t.id)] = t
        if self._holds_mid(t):
            self.r.hold(t.mid, t.replayed)
        self._emit(type="open", **{"from": t.sender, "id": t.id, "kind": t.kind,
                                    "size": t.size, "n": t.n})
        return t

    def _x_xchunk(self, sender, f):
        tid, i, payload = self.r.xchunk_parts(f)        # [XFER-08]
        self._take(sender, tid, i, payload)

    def _ev_binary(self, ev):
        sender = ev["from"]
        # [XFER-10] a binary frame is a transfer chunk frame; the act check applies to it as
        # to every transfer frame [CAPS-15] (AMBIGUITIES.md D-binary-act)
        try:
            if not self.r.sender_may_act:
                raise ProtocolError("cont.not-permitted", "the policy does not let the sender act")
            tid, i, payload = chunkhdr.parse(ev["bytes"])
            self._take(sender, cut(tid, 64), i, payload)
        except ProtocolError as e:
            self._drop(sender, e.code)

    def _take(self, sender, tid, i, payload):
        """[XFER-09] Take a chunk for the open transfer of its key."""
        t = self.open.get((sender, tid))
        if t is None:
            raise ProtocolError("xfer.unknown-transfer", "no open transfer %r" % tid)
        if t.ordered:
            if i != len(t.chunks):
                raise ProtocolError("xfer.out-of-order", "chunk %d is not the next one" % i)
        else:
            if i >= t.n:
                raise ProtocolError("xfer.bad-index", "chunk %d is not below n" % i)
            if i in t.chunks:
                raise ProtocolError("xfer.duplicate-chunk", "chunk %d already taken" % i)
        if t.taken_bytes + len(payload) > t.size:
            raise ProtocolError("xfer.overflow", "the chunk takes the transfer past its size")
        t.chunks[i] = payload
        t.taken_bytes += len(payload)
        t.activity = self.now

    def _x_xend(self, sender, f):
        tid = self.r._xid(f)
        t = self.open.get((sender, tid))
        if t is None:
            raise ProtocolError("xfer.unknown-transfer", "no open transfer %r" % tid)
        # [XFER-11] close it, then the hash, then the count
        data = b"".join(t.chunks[i] for i in sorted(t.chunks))
        digest = hashlib.sha256(data).hexdigest()
        if "hash" in f and f["hash"] != digest:
            self._fail(t, "xfer.hash-mismatch")
            return
        if len(t.chunks) < t.n:
            self._fail(t, "xfer.incomplete")
            return
        del self.open[(sender, tid)]
        c = {"type": "complete", "from": sender, "id": t.id, "kind": t.kind,
             "size": len(data), "sha256": digest}
        for member in ("mime", "name"):
            v = getattr(t, member)
            if v is not None:
                c[member] = v
        c["dm"] = t.dm
        if t.kind == "text":
            line = self._line(t, data)
            if line is not None:
                c["line"] = line
        self.out.append(c)
        # [XFER-20] an ordered transfer is acknowledged right after it completes;
        # [XFER-26] (SHOULD, implemented) every completed transfer is
        if self.resume:
            self._send(sender, t.answer("xack"))

    def _line(self, t, data):
        """[XFER-11] A complete text transfer becomes a chat line: UTF-8 with U+FFFD for
        invalid sequences and a leading byte-order mark removed, cut then trimmed to 500, no
        line when empty."""
        text = data.decode("utf-8", "replace")
        if text.startswith("\ufeff"):
            text = text[1:]
        text = cut_trim(text, 500)
        if text == "":
            return None
        if t.dm:
            return {"author": t.sender, "name": self.r.sender_name(t.sender), "text": text}
        # a public line: mid and ts from the xbegin resolved by CONT-11 as if it were not a
        # replay, the display author by CONT-14 from author and authorName; not checked against
        # the held mids (AMBIGUITIES.md D-text-line-dedup)
        mid = self.r.line_mid(t.sender, t.mid, False)
        ts = t.ts if is_num(t.ts) else self.now
        author, name = self.r.display_author(t.sender, t.author, t.authorName)
        return {"author": author, "name": name, "text": text, "mid": mid, "ts": ts}

    def _x_xcancel(self, sender, f):
        """[XFER-15] forget the transfer or offer of that key; it fails xfer.cancelled."""
        tid = self.r._xid(f)
        key = (sender, tid)
        if key in self.open:
            self._fail(self.open[key], "xfer.cancelled")
        elif key in self.offers:
            del self.offers[key]
            self._emit(type="fail", **{"from": sender, "id": tid, "code": "xfer.cancelled"})

    def _answer_frame(self, sender, f):
        self.r._xid(f)              # [XFER-24] a valid answer gives no output

    _x_xaccept = _answer_frame
    _x_xdecline = _answer_frame
    _x_xack = _answer_frame

    def _x_xresume(self, sender, f):
        self.r._xid(f)

    # ---- local choices [XFER-14], [XFER-15] ------------------------------------------------------

    def _ev_local(self, ev):
        # outputs and their order: AMBIGUITIES.md D-local-ops
        sender, tid, op = ev["from"], ev["id"], ev["op"]
        key = (sender, tid)
        if key in self.offers:
            view = self.offers.pop(key)
            answer = {"k": "xaccept" if op == "accept" else "xdecline", "id": view["id"]}
            if view["dm"]:
                answer["dm"] = True
            self._send(sender, answer)
            if op == "accept":
                # open an ordered transfer for it [XFER-14]
                self._open(view, True).from_offer = True
            return
        t = self.open.get(key)
        if t is not None and op == "cancel":
            self._send(sender, t.answer("xcancel"))
            self._fail(t, "xfer.cancelled")

    # ---- stall and resume [XFER-16..XFER-18] -----------------------------------------------------

    def _resumable(self, t):
        """[XFER-17] both sides advertise xfer.resume, not every chunk taken, and ordered;
        [XFER-18] (SHOULD, implemented) or not ordered with chunks exactly 0 to have-1."""
        if not self.resume or len(t.chunks) >= t.n:
            return False
        if t.ordered:
            return True
        return all(i in t.chunks for i in range(len(t.chunks)))

    def _ask(self, t):
        m = {"k": "xresume", "id": t.id, "have": len(t.chunks)}
        if t.dm:
            m["dm"] = True
        self._send(t.sender, m)

    def _ev_tick(self, ev):
        for t in sorted(self.open.values(), key=lambda x: x.seq):
            if self.now - t.activity > STALL_MS:
                if self._resumable(t) and t.tries < MAX_RESUME_TRIES:
                    t.tries += 1
                    self._ask(t)
                    t.activity = self.now
                else:
                    self._fail(t, "xfer.stalled")

    def _ev_link_open(self, ev):
        """[XFER-17] the sender's bulk connection opened again: ask each resumable transfer
        from it to resume at once, without counting a try, in the order they opened; the
        activity time is not refreshed (AMBIGUITIES.md D-link-open)."""
        for t in sorted(self.open.values(), key=lambda x: x.seq):
            if t.sender == ev["from"] and self._resumable(t):
                self._ask(t)
