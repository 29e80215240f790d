"""Who a sender sends a content frame to (spec 14.6: CONT-07 and CONT-33, which defer to chapter
13's CAPS-09 to CAPS-12 and CAPS-19).

[CONT-33] The recipients are those `caps.recipients` answers (CAPS-17) for a roster of the given
ids that declares no agents, and an override map that gives each peer named in `withhold` the
human default without the capabilities listed for it: every other peer has the human default
(GRANT-02, GRANT-04), which holds every capability. "A kind that is not a content kind, and a
directed send of a kind never sent directed, have no recipients." (The revised text of
CONT-07 and CONT-33; AMBIGUITIES.md D-recipients-directed.)
"""

from .content import KINDS

# [CAPS-09] the perceive capability a broadcast of each kind needs
READ_CHAT_KINDS = ("chat", "app", "pay", "ink", "schema", "widget", "wevt")
NEVER_WITHHELD = ("ledger", "chatledger", "ctl", "blob", "blobdata", "idtoken", "caps")
# a transfer: xbegin "and the frames that follow it" (AMBIGUITIES.md D-recipients-transfer-frames)
TRANSFER_FRAMES = ("xbegin", "xchunk", "xend")
# [CAPS-11] the answers within a transfer, sent directed without a capability check
ANSWERS = ("xaccept", "xdecline", "xresume", "xack", "xcancel")
NEVER_DIRECTED = ("ink", "schema", "widget", "wevt")
_BY_TRANSFER = {"text": "read-chat", "image": "read-media", "file": "read-files"}


def _transfer_cap(kind):
    return _BY_TRANSFER[kind or "text"]             # [CONT-33] without kind: text


def broadcast_needs(k, kind):
    """[CAPS-09] The capability a broadcast of kind k needs, or None (never withheld)."""
    if k in READ_CHAT_KINDS:
        return ("read-chat",)
    if k == "img":
        return ("read-media",)
    if k in TRANSFER_FRAMES:
        return (_transfer_cap(kind),)
    return ()


def directed_needs(k, kind):
    """[CAPS-11] What a directed frame needs: `receive-directed`, plus `read-media` for img and
    the kind's capability for a transfer; chat, app and pay need `receive-directed` only; the
    kinds never withheld and the answers within a transfer need nothing. None: never directed."""
    if k in NEVER_DIRECTED:
        return None
    if k in ("chat", "app", "pay"):
        return ("receive-directed",)
    if k == "img":
        return ("receive-directed", "read-media")
    if k in TRANSFER_FRAMES:
        return ("receive-directed", _transfer_cap(kind))
    return ()                                       # NEVER_WITHHELD and ANSWERS


def recipients(me, roster, k, kind, to, withhold):
    """[CONT-33] The recipients in roster order. `withhold` lists (peer, capability) pairs the
    policy refuses."""
    if k not in KINDS:
        return []                                   # not a content kind
    refused = set(withhold)

    def may(peer, caps):
        return all((peer, c) not in refused for c in caps)

    if to is not None:
        needs = directed_needs(k, kind)
        # [CAPS-11] never to itself; [CAPS-19] (SHOULD, implemented) only to a roster member
        if needs is None or to == me or to not in roster or not may(to, needs):
            return []
        return [to]
    needs = broadcast_needs(k, kind)
    out = []
    for peer in roster:
        # [CAPS-10] the roster members other than the sender that may, in roster order, each once
        if peer != me and peer not in out and may(peer, needs):
            out.append(peer)
    return out
