"""Who a sender sends a content frame to (spec 14.6, CONT-07, CONT-33).

[CONT-07] A broadcast goes to each present peer other than the sender whose capability policy
lets it perceive the kind: `read-chat` for chat, app, pay, ink, schema, widget, wevt and text
transfers; `read-media` for img and image transfers; `read-files` for file transfers; the
other kinds are never withheld. A directed message goes only to its one recipient, only if that
recipient may perceive the kind and `receive-directed`.
"""

READ_CHAT_KINDS = ("chat", "app", "pay", "ink", "schema", "widget", "wevt")
_BY_TRANSFER = {"text": "read-chat", "image": "read-media", "file": "read-files"}


def perceive_needed(k, kind):
    """The perceive capability a frame of kind k (and transfer kind `kind`) needs, or None."""
    if k in READ_CHAT_KINDS:
        return "read-chat"
    if k == "img":
        return "read-media"
    if k == "xbegin":
        return _BY_TRANSFER[kind or "text"]         # [CONT-33] an xbegin without kind is text
    return None


def recipients(me, roster, k, kind, to, withhold):
    """[CONT-33] The recipients in roster order. `withhold` lists (peer, capability) pairs the
    policy refuses."""
    refused = set(withhold)
    need = perceive_needed(k, kind)

    def may(peer, cap):
        return cap is None or (peer, cap) not in refused

    if to is not None:
        # A directed send: to its one recipient, if it may perceive the kind and
        # receive-directed. The recipient must be a present peer other than the sender, as a
        # broadcast's are (decided by vectors only: AMBIGUITIES.md D-recipients-directed, which
        # also covers the kinds never withheld).
        if to != me and to in roster and may(to, need) and may(to, "receive-directed"):
            return [to]
        return []
    out = []
    for peer in roster:
        if peer != me and peer not in out and may(peer, need):
            out.append(peer)
    return out
