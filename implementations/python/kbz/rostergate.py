"""The verified-roster share gate (spec 12.6, RGATE-01 to RGATE-06).

A pure function of the view: the roster (`members`, `domains`), this peer's own verified
identity (`self`, or None) and, per other present peer, the identity verified for it so far (or
None).
"""

from .identity import canonical

PENDING, VERIFIED, REJECTED = "pending", "verified", "rejected"
EXEMPT_KINDS = ("idtoken", "caps")          # [RGATE-06]


class Roster:
    def __init__(self, members, domains):
        self.members = list(members or [])
        self.domains = list(domains or [])
        # [RGATE-03] canonical forms (MAN-04). A domain entry is canonicalised, then one leading
        # "@" is removed (AMBIGUITIES.md, ADM-domain-order).
        self._members = {canonical(m) for m in self.members}
        self._domains = set()
        for d in self.domains:
            c = canonical(d)
            self._domains.add(c[1:] if c.startswith("@") else c)

    @property
    def active(self):
        """[RGATE-01] inactive when both lists are empty or absent."""
        return bool(self.members or self.domains)

    def on_roster(self, identity):
        """[RGATE-03] canonical identity equals a canonical member, or the part after its last
        "@" equals a domain entry; without "@" no domain matches. [RGATE-02] the empty string is
        never on the roster (a null identity is not verified at all)."""
        if not isinstance(identity, str) or identity == "":
            return False
        c = canonical(identity)
        if c in self._members:
            return True
        at = c.rfind("@")
        return at >= 0 and c[at + 1:] in self._domains


def state(members, domains, self_identity, peers):
    """[RGATE-01] .. [RGATE-04] `peers` is a list of (id, identity or None). Returns
    (canShare, compromised, {id: state}). Each media id is listed once (12.8; the adapter
    refuses a duplicate, AMBIGUITIES.md, ADM-duplicate-peers)."""
    roster = Roster(members, domains)
    if not roster.active:
        return True, False, {}
    states = {}
    for pid, identity in peers:
        if identity is None:
            states[pid] = PENDING                                   # [RGATE-02]
        else:
            states[pid] = VERIFIED if roster.on_roster(identity) else REJECTED
    can_share = roster.on_roster(self_identity) and all(s == VERIFIED for s in states.values())
    compromised = any(s == REJECTED for s in states.values())      # [RGATE-04]
    return can_share, compromised, states


def allows(members, domains, self_identity, peers, action, peer=None, kind=None):
    """[RGATE-05], [RGATE-06] Whether the gate lets a broadcast, a directed send to `peer` or a
    message of `kind` received from `peer` through. Inactive: everything flows."""
    can_share, _, states = state(members, domains, self_identity, peers)
    if not Roster(members, domains).active:
        return True
    if action == "broadcast":
        return can_share
    if action == "send":
        return states.get(peer) == VERIFIED        # an unknown peer is not verified
    # receive
    if kind in EXEMPT_KINDS:
        return True
    return states.get(peer) == VERIFIED
