"""Enforcing grants (spec 13.6, 13.7): what a sender sends to whom, what a receiver keeps, what
each media lane carries, and the media gate that re-applies the lanes.

[CAPS-09] a broadcast goes only to recipients whose grant in force has the kind's perceive
          capability; the engine kinds are never withheld.
[CAPS-10] the fast path: one broadcast when every other roster member may receive (never for a
          transfer); otherwise one directed send per member that may, in roster order.
[CAPS-11] a directed send needs receive-directed (and the media capability for img and
          transfers); ink, schema, widget and wevt are never sent directed; the engine kinds
          and the answers within a transfer are sent without a check; never to oneself, and a
          transfer only to a roster member.
[CAPS-19] (SHOULD, implemented) content only to roster members: a directed frame of any kind
          only to a roster member (caps.recipients answers so, CAPS-17).
[CAPS-12] each recipient's grant in force at the moment of sending (the view's `now`).
[CAPS-13] per lane: the real track when allowed, else a flowing placeholder, else nothing.
[CAPS-14] the lanes re-applied to every media connection on every change, and applied to a new
          connection before its first track.
[CAPS-15] a receiver drops every content frame but idtoken and caps from a sender without
          send-chat.
[CAPS-16] a drop from an agent is audited locally.
"""

from . import grants as G

# 7.6.1: the known content kinds.
CONTENT_KINDS = frozenset((
    "chat", "img", "xbegin", "xchunk", "xend", "xcancel", "xaccept", "xdecline", "xresume",
    "xack", "app", "pay", "ink", "idtoken", "caps", "schema", "ledger", "chatledger", "ctl",
    "blob", "blobdata", "widget", "wevt"))

# [CAPS-09] the kinds a broadcast gives only to holders of a perceive capability.
NEEDS = {"chat": "read-chat", "app": "read-chat", "pay": "read-chat", "ink": "read-chat",
         "schema": "read-chat", "widget": "read-chat", "wevt": "read-chat",
         "img": "read-media"}
# [CAPS-09] a transfer (xbegin and the frames that follow it) by what it carries.
TRANSFER_NEEDS = {"text": "read-chat", "image": "read-media", "file": "read-files"}
# [CAPS-09] a transfer's frames xbegin, xchunk and xend, each by what the transfer carries.
TRANSFER_KINDS = frozenset(("xbegin", "xchunk", "xend"))
# [CAPS-09] never withheld: they go to every peer.
NEVER_WITHHELD = frozenset(("ledger", "chatledger", "ctl", "blob", "blobdata", "idtoken", "caps"))
# [CAPS-11] the answers within a transfer: sent directed without a capability check.
TRANSFER_ANSWERS = frozenset(("xaccept", "xdecline", "xresume", "xack", "xcancel"))
# [CAPS-11] never sent directed.
NEVER_DIRECTED = frozenset(("ink", "schema", "widget", "wevt"))
# [CAPS-15] exempt from the act check.
ACT_EXEMPT = frozenset(("idtoken", "caps"))

LANES = ("audio", "camera", "share", "shareAudio")
# [CAPS-13] the capability each lane needs (camera: never withheld) and its media type.
LANE_NEEDS = {"audio": "hear-audio", "camera": None, "share": "see-screen",
              "shareAudio": "see-screen"}
LANE_MEDIA = {"audio": "audio", "camera": "video", "share": "video", "shareAudio": "audio"}


class UnknownKind(Exception):
    pass


class NotDirected(Exception):
    pass


def _perceives(g, cap):
    return cap in (g.get("perceive") or [])


def _may_perceive(view, peer, kind, transfer):
    """[CAPS-09] may `peer` receive a broadcast of `kind` (a transfer carrying `transfer`)?"""
    g = G.in_force(view, peer)                                  # [CAPS-12]
    if kind in NEVER_WITHHELD:
        return True
    if kind in NEEDS:
        return _perceives(g, NEEDS[kind])
    if kind in TRANSFER_KINDS:
        return _perceives(g, TRANSFER_NEEDS[transfer])
    # [CAPS-17] "`transfer` is read for `xbegin`, `xchunk` and `xend` only. The answers within a
    # transfer (`xaccept`, `xdecline`, `xresume`, `xack`, `xcancel`), like the kinds never
    # withheld ([CAPS-09]), go as a broadcast to every other roster member without a check,
    # `transfer` given or not" (AMBIGUITIES.md AG-broadcast-answers, decided by the text).
    return True


def _may_direct(view, peer, kind, transfer):
    """[CAPS-11] may a frame of `kind` be sent to `peer` alone?"""
    g = G.in_force(view, peer)                                  # [CAPS-12]
    if kind in NEVER_WITHHELD or kind in TRANSFER_ANSWERS:
        return True                                             # no capability check
    if not _perceives(g, "receive-directed"):
        return False
    if kind == "img":
        return _perceives(g, "read-media")
    if kind in TRANSFER_KINDS:
        return _perceives(g, TRANSFER_NEEDS[transfer])
    return True                                                 # chat, app, pay


def _others(view):
    """The roster members other than this peer, in roster order, each id once (the first
    member with an id counts, GRANT-04; AMBIGUITIES.md AG-roster-duplicates)."""
    out = []
    for m in view["roster"]:
        peer = m["id"]
        if peer != view["self"] and peer not in out:
            out.append(peer)
    return out


def recipients(view, kind, transfer=None, to=None):
    """[CAPS-17] {recipients, broadcast} for a frame of `kind` this peer sends, broadcast (`to`
    None) or to `to` alone. Raises UnknownKind, NotDirected."""
    if kind not in CONTENT_KINDS:
        raise UnknownKind(kind)
    if to is not None:
        if kind in NEVER_DIRECTED:
            raise NotDirected(kind)
        # [CAPS-11] never to oneself; [CAPS-19], [CAPS-17] only to a roster member (for a
        # transfer CAPS-11 requires it), whatever the grant an id outside the roster would have
        # (GRANT-04: the human default; AMBIGUITIES.md AG-directed-stranger).
        if to == view["self"] or G.member_of(view["roster"], to) is None:
            return {"recipients": [], "broadcast": False}
        return {"recipients": [to] if _may_direct(view, to, kind, transfer) else [],
                "broadcast": False}
    others = _others(view)
    may = [p for p in others if _may_perceive(view, p, kind, transfer)]
    if kind not in TRANSFER_KINDS and len(may) == len(others):
        # [CAPS-10] the fast path: one broadcast on every data connection.
        return {"recipients": may, "broadcast": True}
    # [CAPS-10] one directed send each, in roster order; a transfer always so.
    return {"recipients": may, "broadcast": False}


def accepts(view, sender, kind):
    """[CAPS-15], [CAPS-16] {accept, audit}: kept unless the sender's grant in force lacks
    send-chat and the kind is not idtoken or caps; a drop from an agent (GRANT-03) is
    audited. Only the act check: a kind string that names no content kind is judged like any
    other (AMBIGUITIES.md AG-accepts-unknown-kind)."""
    if kind in ACT_EXEMPT:
        return {"accept": True, "audit": False}
    g = G.in_force(view, sender)
    if "send-chat" in (g.get("act") or []):
        return {"accept": True, "audit": False}
    m = G.member_of(view["roster"], sender)
    return {"accept": False, "audit": m is not None and G.is_agent(m)}


def lanes(g, placeholders=None):
    """[CAPS-13] what each lane carries to a peer whose grant in force is `g`: "track",
    "placeholder" (silent audio, black video) or "none" (no placeholder track of that type).
    `placeholders` says which exist: both when absent."""
    ph = placeholders or {"audio": True, "video": True}
    out = {}
    for lane in LANES:
        need = LANE_NEEDS[lane]
        if need is None or _perceives(g, need):
            out[lane] = "track"
        elif ph.get(LANE_MEDIA[lane]) is True:
            out[lane] = "placeholder"
        else:
            out[lane] = "none"      # fails closed: never the real track on a withheld lane
    return out


class MediaGate:
    """[CAPS-14] a sender's media gate over its media connections: lanes set when a connection
    appears (before its first outgoing track) and re-applied to every connection whenever the
    overrides, the roster or the time change. `apply` returns the connections whose lanes are
    new or changed, in the order they connected."""

    def __init__(self, view, placeholders=None):
        self.view = dict(view)
        self.placeholders = placeholders
        self.conns = {}                 # peer -> lanes, in connection order

    def _lanes(self, peer):
        return lanes(G.in_force(self.view, peer), self.placeholders)

    def connect(self, peer):
        if peer in self.conns:
            return []       # not a new connection (AMBIGUITIES.md AG-media-events)
        self.conns[peer] = self._lanes(peer)
        return [(peer, self.conns[peer])]

    def disconnect(self, peer):
        self.conns.pop(peer, None)
        return []

    def update(self, **changes):
        """overrides {grants}, roster {roster}, tick {now}: re-apply to every connection."""
        self.view.update(changes)
        out = []
        for peer, old in self.conns.items():
            new = self._lanes(peer)
            if new != old:
                self.conns[peer] = new
                out.append((peer, new))
        return out
