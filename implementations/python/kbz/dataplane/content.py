"""The content receiver (spec 14.6, 14.7 and the single-frame rules of 14.8).

`Receiver.receive(sender, frame)` runs the receive steps of CONT-03 on one content frame and
answers the receiver's *view* of it, or raises ProtocolError with the code of the first step
that failed. The receiver keeps what CONT-32 calls its state (receive time, line counter,
roster, held mids, schemas, widgets, ledger replicas, transfer sink, the capability answer), so
the transfer machine (`receiver.py`) can run the same rules frame after frame.
"""

from ..errors import ProtocolError
from . import b64, ledger
from .grants import sanitize_grants
from .text16 import cut, cut_trim, is_int, is_num, json_length, trim_cut

# [MSG-36] 7.6.1: the content kinds this version knows.
KINDS = ("chat", "img", "xbegin", "xchunk", "xend", "xcancel", "xaccept", "xdecline",
         "xresume", "xack", "app", "pay", "ink", "idtoken", "caps", "schema", "ledger",
         "chatledger", "ctl", "blob", "blobdata", "widget", "wevt")
TRANSFER_KINDS = ("xbegin", "xchunk", "xend", "xcancel", "xaccept", "xdecline", "xresume",
                  "xack")

# Table 14.6.1: member -> JSON type ("any" members are not listed: any value is accepted).
_S, _N, _B, _O, _A = "string", "number", "boolean", "object", "array"
_X = {"id": _S, "dm": _B}
MEMBER_TYPES = {
    "chat": {"text": _S, "dm": _B, "mid": _S, "ts": _N, "from": _S, "name": _S},
    "img": {"mime": _S, "data": _S, "name": _S, "w": _N, "h": _N, "dm": _B, "mid": _S,
            "ts": _N, "from": _S, "name2": _S},
    "xbegin": {"id": _S, "kind": _S, "size": _N, "n": _N, "mime": _S, "name": _S, "offer": _B,
               "dm": _B, "mid": _S, "ts": _N, "author": _S, "authorName": _S},
    "xchunk": {"id": _S, "i": _N, "data": _S, "dm": _B},
    "xend": {"id": _S, "hash": _S, "dm": _B},
    "xcancel": _X, "xaccept": _X, "xdecline": _X, "xack": _X,
    "xresume": {"id": _S, "have": _N, "dm": _B},
    "app": {},
    "pay": {"url": _S, "label": _S, "dm": _B},
    "ink": {"e": _O, "n": _S, "c": _S},
    "idtoken": {"jwt": _S},
    "caps": {"grants": _O},
    "schema": {"name": _S, "version": _S},
    "widget": {"id": _S, "kind": _S, "replay": _A, "removed": _B, "from": _S, "name": _S,
               "ts": _N},
    "wevt": {"id": _S},
    "ledger": {"m": _O}, "chatledger": {"m": _O}, "blob": {"m": _O}, "blobdata": {"m": _O},
    "ctl": {},
}

MAX_PAYLOAD_JSON = 262144       # CONT-17, CONT-20, CONT-21, CONT-23, CONT-25, CONT-34
MAX_IMG_DATA = 262144           # CONT-15
MAX_JWT = 8192                  # CONT-31, MSG-37
MAX_SCHEMAS_PER_SENDER = 25     # CONT-22
MAX_SCHEMAS = 200               # CONT-22
MAX_REPLAY_ITEMS = 1000         # CONT-23
CHUNK = 49152                   # 14.8
CEILING_MEMORY = 52428800       # XFER-04
CEILING_DISK = 1073741824
CEILING_OFFER = 53687091200

_MIME_RE = None


def _type_ok(v, t):
    if t == _S:
        return isinstance(v, str)
    if t == _N:
        return is_num(v)
    if t == _B:
        return isinstance(v, bool)
    if t == _O:
        return isinstance(v, dict)
    if t == _A:
        return isinstance(v, list)
    return True


def _img_mime_ok(m):
    """[CONT-15] `^image/(png|jpe?g|webp|gif)$` ignoring ASCII case only: the lower-casing is of
    A-Z alone, so no other character can turn into a match."""
    if not isinstance(m, str):
        return False
    low = "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in m)
    return low in ("image/png", "image/jpg", "image/jpeg", "image/webp", "image/gif")


def _round_half_up(x):
    """ECMAScript Math.round: the nearest integer, halves rounded up (x - floor(x) is exact)."""
    import math
    f = math.floor(x)
    return f + 1 if x - f >= 0.5 else f


def _dim(v):
    """[CONT-15] w and h are kept when numbers above 0 whose nearest integer (halves rounded
    up) is at least 1, as that integer."""
    import math
    if not is_num(v) or not v > 0:
        return None
    if not math.isfinite(v):
        return None     # AMBIGUITIES.md D-img-infinite: infinity has no integer to keep
    r = _round_half_up(v)
    return int(r) if r >= 1 else None


def _clamp01(v):
    return 0 if v < 0 else 1 if v > 1 else v


class Receiver:
    """One receiver's state (CONT-32) and the receive steps."""

    def __init__(self, now=0, recv_seq=0, roster=(), held=(), schemas=(), widgets=(),
                 ledger_replica=None, chatledger_replica=None, sink="memory",
                 sender_may_act=True):
        self.now = now
        self.c = recv_seq                       # [CONT-11] the line counter
        self.roster = list(roster)              # [(id, name)] in roster order
        self.held = {}                          # mid -> held from a replay
        for mid, replayed in held:
            self.held[mid] = replayed
        self.schemas = list(schemas)            # [(from, name)] in the order added
        self.widgets = {}                       # id -> display author
        for wid, author in widgets:
            self.widgets.setdefault(wid, author)
        self.ledgers = {"ledger": ledger_replica if ledger_replica is not None else {},
                        "chatledger": chatledger_replica if chatledger_replica is not None else {}}
        self.sink = sink
        self.sender_may_act = sender_may_act

    # ---- names and authors ---------------------------------------------------------------

    def roster_name(self, pid):
        """The name of the first roster member with this id, or None when not present
        (AMBIGUITIES.md D-roster-name)."""
        for rid, name in self.roster:
            if rid == pid:
                return name
        return None

    def sender_name(self, sender):
        """[CONT-02] The sender's roster name, or `Guest` when it has no roster entry or an
        empty name."""
        name = self.roster_name(sender)
        return name if name else "Guest"

    def display_author(self, sender, from_, name):
        """[CONT-14] The display author (id, name) of a public item: the sender and its name,
        unless `from` trimmed then cut to 80 is not empty: then that author, named by its
        roster name when present with a non-empty name, else by `name` trimmed then cut to 80
        when not empty, else by the author id itself. Display only [CONT-02]."""
        f = trim_cut(from_, 80) if isinstance(from_, str) else ""
        if f == "":
            return sender, self.sender_name(sender)
        rn = self.roster_name(f)
        if rn:
            return f, rn
        n = trim_cut(name, 80) if isinstance(name, str) else ""
        return f, (n if n else f)

    # ---- public lines (CONT-11..CONT-13) ---------------------------------------------------

    def line_mid(self, sender, mid, replay):
        """[CONT-11] Add 1 to the line counter, then take `mid` cut to 80 when it is a
        non-empty string that starts with `<sender>#` or the frame is a replay; otherwise
        `<sender>#r<c>`."""
        self.c += 1
        if isinstance(mid, str) and mid != "" and (mid.startswith(sender + "#") or replay):
            return cut(mid, 80)
        return "%s#r%s" % (sender, _count(self.c))

    def check_held(self, sender, mid, replay):
        """[CONT-12] A held mid is a duplicate, unless [CONT-13] (SHOULD, implemented) the held
        one came from a replay, this frame is not a replay and its mid starts with
        `<sender>#`: then it replaces the held line. Returns whether it replaces."""
        if mid in self.held:
            if self.held[mid] and not replay and mid.startswith(sender + "#"):
                return True
            raise ProtocolError("cont.duplicate", "mid %r is already held" % mid)
        return False

    def hold(self, mid, replay):
        self.held[mid] = bool(replay)

    def public_line(self, sender, frame, name_member):
        """CONT-11 to CONT-14 for a public chat line or img: (mid, ts, author, name, replaces)."""
        from_ = frame.get("from")
        replay = isinstance(from_, str) and from_ != ""    # [CONT-11] a non-empty string from
        mid = self.line_mid(sender, frame.get("mid"), replay)
        ts = frame.get("ts")
        ts = ts if is_num(ts) else self.now
        replaces = self.check_held(sender, mid, replay)
        self.hold(mid, replay)
        author, name = self.display_author(sender, from_, frame.get(name_member))
        return mid, ts, author, name, replaces

    # ---- the receive steps (CONT-03) -------------------------------------------------------

    def envelope(self, sender, frame):
        """[CONT-03] steps 1 to 4: an object, a known kind, member types, the act check.
        Returns the frame with null members removed [MSG-06]."""
        if not isinstance(frame, dict):
            raise ProtocolError("cont.not-object", "a content frame is a JSON object")
        k = frame.get("k")
        if not isinstance(k, str) or k not in KINDS:
            raise ProtocolError("cont.unknown-kind", "k names no content kind")  # [MSG-36]
        f = {key: v for key, v in frame.items() if v is not None}      # [MSG-06] null = absent
        f["k"] = k
        # [CONT-04] a member of table 14.6.1 present, not null, and of another JSON type
        for member, t in MEMBER_TYPES[k].items():
            if member in f and not _type_ok(f[member], t):
                raise ProtocolError("cont.bad-field", "%s.%s is not a %s" % (k, member, t))
        # [CONT-05] the capability policy; idtoken and caps are exempt
        if k not in ("idtoken", "caps") and not self.sender_may_act:
            raise ProtocolError("cont.not-permitted", "the policy does not let the sender act")
        return f

    def receive(self, sender, frame):
        """[CONT-03] Every step, then the kind's own rules; answers the view."""
        f = self.envelope(sender, frame)
        k = f["k"]
        view = getattr(self, "_k_" + k)(sender, f)
        return view

    # ---- 14.7.1 chat ---------------------------------------------------------------------------

    def _k_chat(self, sender, f):
        text = cut_trim(f.get("text", ""), 500)        # [CONT-10] cut, then trim
        if text == "":
            raise ProtocolError("cont.empty", "chat text is empty")
        if f.get("dm") is True:                         # [CONT-06] only the boolean true
            return {"k": "chat", "sender": sender, "author": sender,
                    "name": self.sender_name(sender), "dm": True, "text": text}
        mid, ts, author, name, replaces = self.public_line(sender, f, "name")
        v = {"k": "chat", "sender": sender, "author": author, "name": name, "dm": False,
             "mid": mid, "ts": ts}
        if replaces:
            v["replaces"] = True
        v["text"] = text
        return v

    # ---- 14.7.2 img ----------------------------------------------------------------------------

    def _k_img(self, sender, f):
        if not _img_mime_ok(f.get("mime")):
            raise ProtocolError("cont.bad-mime", "img mime is not an allowed image type")
        data = f.get("data", "")
        if data == "":
            raise ProtocolError("cont.empty", "img data is empty")
        if len(data) > MAX_IMG_DATA:                    # ASCII in honest use; see below
            from .text16 import units
            if units(data) > MAX_IMG_DATA:
                raise ProtocolError("cont.too-long", "img data above 262144")
        if not b64.is_image_base64(data):
            raise ProtocolError("cont.bad-base64", "img data is not base64")
        extra = {}
        name = f.get("name")
        if isinstance(name, str):
            fn = trim_cut(name, 80)                     # trimmed then cut, kept if trim not empty
            if fn != "":
                extra["fileName"] = fn
        for d in ("w", "h"):
            x = _dim(f.get(d))
            if x is not None:
                extra[d] = x
        if f.get("dm") is True:
            v = {"k": "img", "sender": sender, "author": sender, "name": self.sender_name(sender),
                 "dm": True, "mime": f["mime"], "data": data}
            v.update(extra)
            return v
        mid, ts, author, name, replaces = self.public_line(sender, f, "name2")
        v = {"k": "img", "sender": sender, "author": author, "name": name, "dm": False,
             "mid": mid, "ts": ts}
        if replaces:
            v["replaces"] = True
        v.update({"mime": f["mime"], "data": data})
        v.update(extra)
        return v

    # ---- 14.7.3 app, pay, ink --------------------------------------------------------------

    def _k_app(self, sender, f):
        data = f.get("data")
        if data is not None and json_length(data, MAX_PAYLOAD_JSON) > MAX_PAYLOAD_JSON:
            raise ProtocolError("cont.too-large", "app data above 262144 of JSON")
        return {"k": "app", "sender": sender, "data": data}

    def _k_pay(self, sender, f):
        url = cut_trim(f.get("url", ""), 512)
        if url == "":
            raise ProtocolError("cont.empty", "pay url is empty")
        v = {"k": "pay", "sender": sender, "name": self.sender_name(sender), "url": url}
        label = f.get("label")
        if isinstance(label, str):
            label = cut_trim(label, 80)
            if label != "":
                v["label"] = label
        v["dm"] = f.get("dm") is True
        return v

    def _k_ink(self, sender, f):
        # [CONT-20] (SHOULD, implemented) no e, too large, or not one of the four events
        e = f.get("e")
        if e is None:
            raise ProtocolError("cont.empty", "ink without e")
        if json_length(e, MAX_PAYLOAD_JSON) > MAX_PAYLOAD_JSON:
            raise ProtocolError("cont.too-large", "ink e above 262144 of JSON")
        clean = _ink_event(e)
        if clean is None:
            raise ProtocolError("cont.bad-field", "ink e is not ptr, draw, clear or restore")
        # [CONT-19] the display name from n when its trim is not empty, cut then trimmed to 40
        n = f.get("n")
        if isinstance(n, str) and trim_cut(n, 1) != "":
            name = cut_trim(n, 40)
        else:
            name = self.sender_name(sender)
        v = {"k": "ink", "sender": sender, "name": name, "e": clean}
        c = f.get("c")
        if isinstance(c, str) and c != "":
            v["color"] = cut(c, 32)
        return v

    # ---- 14.7.4 schema -------------------------------------------------------------------------

    def _k_schema(self, sender, f):
        name = cut_trim(f.get("name", ""), 120)
        if name == "":
            raise ProtocolError("cont.empty", "schema name is empty")
        schema = f.get("schema")        # the member is measured (AMBIGUITIES.md D-schema-length)
        if schema is not None and json_length(schema, MAX_PAYLOAD_JSON) > MAX_PAYLOAD_JSON:
            raise ProtocolError("cont.too-large", "schema above 262144 of JSON")
        version = cut(f.get("version", ""), 64)
        v = {"k": "schema", "sender": sender, "name": name, "version": version, "schema": schema}
        # [CONT-22] 25 per sender (a republished name replaces in place), 200 in all
        if (sender, name) in self.schemas:
            return v
        if sum(1 for s, _ in self.schemas if s == sender) >= MAX_SCHEMAS_PER_SENDER:
            raise ProtocolError("cont.limit", "the sender already has 25 schemas")
        self.schemas.append((sender, name))
        if len(self.schemas) > MAX_SCHEMAS:
            old_from, old_name = self.schemas.pop(0)
            v["evicts"] = {"from": old_from, "name": old_name}
        return v

    # ---- 14.7.5 widget and wevt ------------------------------------------------------------

    def _k_widget(self, sender, f):
        wid = cut(f.get("id", ""), 80)
        if wid == "":
            raise ProtocolError("cont.empty", "widget id is empty")
        if f.get("removed") is True:
            # [CONT-24] (SHOULD, implemented) only the held widget's display author retracts it
            if wid in self.widgets and self.widgets[wid] != sender:
                raise ProtocolError("cont.not-owner", "the sender did not post this widget")
            self.widgets.pop(wid, None)
            return {"k": "widget", "sender": sender, "id": wid, "removed": True}
        kind = cut_trim(f.get("kind", ""), 120)
        if kind == "":
            raise ProtocolError("cont.empty", "widget kind is empty")
        data = f.get("data")
        if data is not None and json_length(data, MAX_PAYLOAD_JSON) > MAX_PAYLOAD_JSON:
            raise ProtocolError("cont.too-large", "widget data above 262144 of JSON")
        author, name = self.display_author(sender, f.get("from"), f.get("name"))
        v = {"k": "widget", "sender": sender, "id": wid, "removed": False, "kind": kind,
             "data": data}
        replay = f.get("replay")
        if isinstance(replay, list) and json_length(replay, MAX_PAYLOAD_JSON) <= MAX_PAYLOAD_JSON:
            v["replay"] = replay[:MAX_REPLAY_ITEMS]
        v["author"] = author
        v["name"] = name
        ts = f.get("ts")
        if is_num(ts):
            v["ts"] = ts
        self.widgets[wid] = author
        return v

    def _k_wevt(self, sender, f):
        wid = cut(f.get("id", ""), 80)
        if wid == "":
            raise ProtocolError("cont.empty", "wevt id is empty")
        e = f.get("e")
        if e is not None and json_length(e, MAX_PAYLOAD_JSON) > MAX_PAYLOAD_JSON:
            raise ProtocolError("cont.too-large", "wevt e above 262144 of JSON")
        return {"k": "wevt", "sender": sender, "id": wid, "e": e}

    # ---- 14.7.6 ledger and chatledger ------------------------------------------------------

    def _ledger(self, sender, f):
        k = f["k"]
        view, replica = ledger.receive(k, f.get("m"), self.ledgers[k])
        self.ledgers[k] = replica
        return dict({"k": k, "sender": sender}, **view)

    _k_ledger = _ledger
    _k_chatledger = _ledger

    # ---- 14.7.7 ctl, blob, blobdata, idtoken, caps -----------------------------------------

    def _k_ctl(self, sender, f):
        m = f.get("m")
        # [CONT-34] (SHOULD, implemented)
        if m is not None and json_length(m, MAX_PAYLOAD_JSON) > MAX_PAYLOAD_JSON:
            raise ProtocolError("cont.too-large", "ctl m above 262144 of JSON")
        return {"k": "ctl", "sender": sender, "m": m}

    def _k_blob(self, sender, f):
        m = f.get("m")
        if m is None:
            raise ProtocolError("cont.empty", "blob without m")
        v = m.get("v")
        if not (is_num(v) and v == 1) or m.get("op") not in ("want", "have", "get") \
                or not isinstance(m.get("hash"), str):
            raise ProtocolError("cont.bad-field", "blob m is not {v: 1, op, hash}")
        return {"k": "blob", "sender": sender, "op": m["op"], "hash": m["hash"]}

    def _k_blobdata(self, sender, f):
        m = f.get("m")
        if m is None:
            raise ProtocolError("cont.empty", "blobdata without m")
        if not isinstance(m.get("hash"), str) or not is_num(m.get("i")) \
                or not is_num(m.get("n")) or not isinstance(m.get("b64"), str):
            raise ProtocolError("cont.bad-field", "blobdata m lacks hash, i, n or b64")
        return {"k": "blobdata", "sender": sender, "hash": m["hash"], "i": m["i"], "n": m["n"],
                "b64": m["b64"]}

    def _k_idtoken(self, sender, f):
        jwt = f.get("jwt", "")
        if jwt == "":
            raise ProtocolError("cont.empty", "idtoken without jwt")
        from .text16 import units
        if units(jwt) > MAX_JWT:        # [MSG-37] in UTF-16 units [CONV-17] (D-jwt-length)
            raise ProtocolError("cont.too-long", "jwt above 8192")
        return {"k": "idtoken", "sender": sender, "jwt": jwt}

    def _k_caps(self, sender, f):
        return {"k": "caps", "sender": sender, "grants": sanitize_grants(f.get("grants"))}

    # ---- 14.8 transfer frames, one at a time -----------------------------------------------

    def _k_xbegin(self, sender, f):
        return self.xbegin_view(sender, f)

    def xbegin_view(self, sender, f, count=True):
        """XFER-03 to XFER-06 on one xbegin. Returns the view; the transfer key is
        (sender, view["id"])."""
        tid = f.get("id")
        if not isinstance(tid, str) or tid == "":
            raise ProtocolError("xfer.bad-id", "transfer id is not a non-empty string")
        kind = f.get("kind")
        offer = f.get("offer") is True
        if kind not in ("text", "image", "file"):
            raise ProtocolError("xfer.bad-kind", "transfer kind is not text, image or file")
        size = f.get("size")
        if not is_num(size) or not size >= 0:
            raise ProtocolError("xfer.bad-size", "size is not a number at least 0")
        ceiling = CEILING_OFFER if offer else CEILING_DISK if self.sink == "disk" \
            else CEILING_MEMORY
        if size > ceiling:
            raise ProtocolError("xfer.too-large", "size above the receiver's ceiling")
        n = f.get("n")
        if not is_int(n) or n != chunk_count(size):
            raise ProtocolError("xfer.bad-count", "n is not ceil(size / 49152)")
        if offer and kind == "text":
            # [XFER-04] "An offer of `kind` `text` MUST be dropped (`xfer.bad-kind`). That check
            # comes after every step of [XFER-03]" (AMBIGUITIES.md D-offer-text, decided).
            raise ProtocolError("xfer.bad-kind", "a text transfer cannot be offered")
        # [XFER-05] kept members
        v = {"k": "xbegin", "sender": sender, "id": cut(tid, 64), "kind": kind,
             "size": size, "n": int(n), "offer": offer, "dm": f.get("dm") is True}
        mime = f.get("mime")
        if isinstance(mime, str) and mime != "":
            v["mime"] = cut(mime, 100)
        name = f.get("name")
        if isinstance(name, str) and trim_cut(name, 1) != "":
            v["name"] = trim_cut(name, 120)
        mid = f.get("mid")
        if isinstance(mid, str) and mid != "":
            v["mid"] = cut(mid, 80)
        ts = f.get("ts")
        if is_num(ts):
            v["ts"] = ts
        for member in ("author", "authorName"):
            a = f.get(member)
            if isinstance(a, str) and trim_cut(a, 1) != "":
                v[member] = trim_cut(a, 80)
        if not offer:
            # [XFER-06] a mid that does not start with `<sender>#`, when there is no author,
            # becomes `<sender>#x<c>` after adding 1 to the line counter. An absent mid stays
            # absent and counts nothing (decided by vectors only: AMBIGUITIES.md D-xbegin-mid).
            if "author" not in v and "mid" in v and not v["mid"].startswith(sender + "#"):
                if count:
                    self.c += 1
                v["mid"] = "%s#x%s" % (sender, _count(self.c))
            # a public image or file transfer whose mid is held is a duplicate, with `author`
            # as the replay mark [CONT-12], [CONT-13]
            if kind != "text" and not v["dm"] and "mid" in v:
                self.check_held(sender, v["mid"], "author" in v)
        return v

    def _xid(self, f):
        tid = f.get("id")
        if not isinstance(tid, str) or tid == "":
            raise ProtocolError("xfer.bad-id", "transfer id is not a non-empty string")
        return cut(tid, 64)

    # The views of xchunk, xend, xresume and the answers are named by vectors only
    # (AMBIGUITIES.md D-xfer-views).

    def _k_xchunk(self, sender, f):
        tid, i, payload = self.xchunk_parts(f)
        return {"k": "xchunk", "sender": sender, "id": tid, "i": i, "payload": payload.hex(),
                "dm": f.get("dm") is True}

    def xchunk_parts(self, f):
        """[XFER-08] id a non-empty string (`xfer.bad-id`), i an integer at least 0
        (`xfer.bad-index`), data base64 that decodes (`xfer.bad-chunk`)."""
        tid = self._xid(f)
        i = f.get("i")
        if not is_int(i) or i < 0:
            raise ProtocolError("xfer.bad-index", "chunk index is not an integer at least 0")
        data = f.get("data")
        payload = b64.forgiving_decode(data) if isinstance(data, str) else None
        if payload is None:
            raise ProtocolError("xfer.bad-chunk", "chunk data is not decodable base64")
        return tid, int(i), payload

    def _k_xend(self, sender, f):
        v = {"k": "xend", "sender": sender, "id": self._xid(f)}
        if "hash" in f:
            v["hash"] = f["hash"]
        v["dm"] = f.get("dm") is True
        return v

    def _k_xresume(self, sender, f):
        have = f.get("have")
        # [XFER-19] a have that is not an integer at least 0 is 0
        have = int(have) if is_int(have) and have >= 0 else 0
        return {"k": "xresume", "sender": sender, "id": self._xid(f), "have": have,
                "dm": f.get("dm") is True}

    def _answer(self, sender, f):
        return {"k": f["k"], "sender": sender, "id": self._xid(f), "dm": f.get("dm") is True}

    _k_xcancel = _answer
    _k_xaccept = _answer
    _k_xdecline = _answer
    _k_xack = _answer


def chunk_count(size):
    """ceil(size / 49152), 0 for size 0 (XFER-03); exact for any float size."""
    import math
    return int(math.ceil(size / CHUNK)) if size > 0 else 0


def _count(c):
    # the counter is a JSON number from state; an integral one is written without a fraction
    from .text16 import js_number
    return js_number(c)


def _ink_event(e):
    """[CONT-20] (SHOULD, implemented) The sanitized ink event, or None when `e` is not one of
    `{k: "ptr", x, y}`, `{k: "draw", sid, x, y, start?, color?}`, `{k: "clear"}` and
    `{k: "restore", image, strokes: [{color, pts: [{x, y}...]}...]}`. Only these members are
    kept: coordinates clamped into [0, 1], `sid` and `image` as sent, `start` when present, a
    draw colour cut to 32 and kept when not empty, a stroke colour cut to 32. A null optional
    member is absent [MSG-06] (AMBIGUITIES.md D-ink-null)."""
    if not isinstance(e, dict):
        return None
    k = e.get("k")

    def xy(p):
        x, y = p.get("x"), p.get("y")
        if not is_num(x) or not is_num(y):
            return None
        return _clamp01(x), _clamp01(y)

    if k == "ptr":
        c = xy(e)
        return None if c is None else {"k": "ptr", "x": c[0], "y": c[1]}
    if k == "clear":
        return {"k": "clear"}
    if k == "draw":
        c = xy(e)
        sid = e.get("sid")
        if c is None or not is_num(sid):
            return None
        out = {"k": "draw", "sid": sid, "x": c[0], "y": c[1]}
        start = e.get("start")
        if start is not None:
            if not isinstance(start, bool):
                return None
            out["start"] = start
        color = e.get("color")
        if color is not None:
            if not isinstance(color, str):
                return None
            color = cut(color, 32)
            if color != "":
                out["color"] = color
        return out
    if k == "restore":
        image, strokes = e.get("image"), e.get("strokes")
        if not isinstance(image, str) or not isinstance(strokes, list):
            return None
        clean = []
        for s in strokes:
            if not isinstance(s, dict) or not isinstance(s.get("color"), str) \
                    or not isinstance(s.get("pts"), list):
                return None
            pts = []
            for p in s["pts"]:
                if not isinstance(p, dict):
                    return None
                c = xy(p)
                if c is None:
                    return None
                pts.append({"x": c[0], "y": c[1]})
            clean.append({"color": cut(s["color"], 32), "pts": pts})
        return {"k": "restore", "image": image, "strokes": clean}
    return None
