"""The coordinator's door for each gate mode (spec 8.9, PRES-75 to PRES-85).

The mode decides which verifier the identity gate of PRES-09 and PRES-10 uses. The coordinator
(coordinator.py) keeps the gate's flow (busy, no credential, oversize, the fingerprint request);
this module answers the questions the mode decides:

- does an entering frame without a credential pass (PRES-81, a room open to humans)?
- does the verifier bind the fingerprint (8.9 `bindsFingerprint`, PRES-77)?
- is the decision local, at the fingerprint answer (PRES-78: names, code, invite), or the
  external verifier's (PRES-83: google, email, and the plain gate of PRES-09)?
- the local decision itself: PRES-79 (names), PRES-82 with CODE-02 and CODE-03 (code), PRES-80
  and PRES-81 with INV-03, MAN-02 and MAN-06 (invite).

Everything that depends on the link (the creator key, the manifest) is judged once, when the
coordinator role begins (PRES-80), and kept for the life of the role; a migration builds a new
door.

Agents at the door (8.10): the door also holds the allow-list of agent keys (PRES-104: the
`agentKeys` of the link's manifest when it verifies with MAN-02, no expected mode, when the role
begins) and whether the room requires credits (the gate config's `credits`, PRES-105). The
coordinator runs the agent branch and the credit path with them.
"""

import math

from .. import ec, invite, joincode, manifest
from ..errors import ProtocolError
from ..text import lower, trim

MODES = ("open", "names", "code", "email", "google", "invite")       # [LINK-05]
LOCAL_MODES = ("names", "code", "invite")                            # [PRES-77], [PRES-78]
DEFAULT_LIMIT = (5, 60000)                                           # [PRES-84]

OK, FAIL, LOCKED_OUT = "ok", "fail", "locked-out"


def binds_by_default(mode):
    """8.9: "A mode fixes whether its credential binds the certificate: `names`, `code` and
    `invite` never do ([PRES-77]), `google` and `email` always do ([PRES-83])". Only a plain
    gate (no mode) reads its config's `bindsFingerprint` (default true, 8.8)."""
    return mode not in LOCAL_MODES


def _nonempty_array(v):
    return isinstance(v, list) and len(v) > 0


class Door:
    """One coordinator role's door. `gate` is the shape-checked config:
    {g (None for the plain gate), gn, gk, gm, codes, limit, require, bindsFingerprint}."""

    def __init__(self, gate, room, start_ms):
        self.mode = gate.get("g")
        self.binds = gate["bindsFingerprint"]
        self.local = self.mode in LOCAL_MODES
        self.room = room
        now = math.floor(start_ms / 1000)       # [PRES-80] floor(start / 1000)
        gk, gm = gate.get("gk"), gate.get("gm")

        # [PRES-80] a creator key that is not a valid P-256 public key (TOK-05) fails closed.
        self.key_ok = False
        if gk is not None:
            try:
                ec.public_key_from_jwk(gk)
                self.key_ok = True
            except ec.BadKey:
                pass

        # [PRES-81] with gk and a manifest that verifies (MAN-02, no expected mode) when the role
        # begins, and opens the room to humans (MAN-08), a joiner without a credential passes.
        # [PRES-85] (SHOULD, implemented) not when the manifest's `mh` is a non-empty array.
        self.humans_open = False
        # [PRES-104] the allow-list: the manifest's `agentKeys` when gk and gm are given and the
        # manifest verifies with MAN-02, no expected mode, at the start of the role; otherwise
        # there is none (None), and every assertion fails (agent.no-allowed-keys, AGT-06).
        self.allow_list = None
        if gk is not None and gm is not None:
            try:
                m = manifest.verify(gm, gk, room, now, None)
                self.humans_open = manifest.humans_open(m) and not _nonempty_array(m.get("mh"))
                self.allow_list = m.get("agentKeys")    # an array where present (MAN-02 step 6)
            except ProtocolError:
                pass
        # [PRES-105] 8.10: `credits?: boolean`, default false: the room does not require credits.
        self.credits = gate.get("credits") is True

        # [PRES-80] the invite mode verifies the manifest, when the link carries one, once, with
        # the expected mode `invite`; when that fails every credential fails.
        self.has_manifest = gm is not None
        self.invite_manifest = None
        if self.mode == "invite" and gm is not None:
            try:
                self.invite_manifest = manifest.verify(gm, gk, room, now, "invite")
            except ProtocolError:
                self.invite_manifest = None
        self.gk = gk

        # [PRES-79] the names of `gn`, trimmed and lower-cased, empty entries ignored.
        self.names = {lower(trim(n)) for n in gate.get("gn") or []} - {""}

        # [PRES-82] the {name, code} entries of the coordinator's own configuration, and the
        # CODE-03 limiter per connection with PRES-84's values unless the room sets others.
        self.codes = [(c["name"], c["code"]) for c in gate.get("codes") or []]
        max_attempts, lockout_ms = gate.get("limit") or DEFAULT_LIMIT
        self.limiter = joincode.Limiter(max_attempts, lockout_ms)

    def open_to_humans(self):
        return self.humans_open

    def allow_list_nonempty(self):
        """[PRES-112] the allow-list is not empty."""
        return _nonempty_array(self.allow_list)

    def forget(self, conn):
        """[PRES-82] a disconnect erases the connection's limiter record."""
        self.limiter.clear(conn)

    def decide(self, conn, credential, at_ms):
        """[PRES-78] the local decision at the fingerprint answer's time `at_ms`: OK, FAIL, or
        LOCKED_OUT (code mode, PRES-82). Only for the names, code and invite modes."""
        if self.mode == "names":
            # [PRES-79] trimmed (CONV-08) and lower-cased (CONV-09), non-empty, equal to an
            # entry of gn treated alike; no NFKC.
            c = lower(trim(credential))
            return OK if c != "" and c in self.names else FAIL
        if self.mode == "code":
            # [PRES-82] a locked-out connection is dropped without comparing; otherwise CODE-02;
            # a match erases the record, no match records a failure. CODE-03's time is the
            # answer's time in milliseconds (vector presencegates.code.lockout).
            if not self.limiter.allowed(conn, at_ms):
                return LOCKED_OUT
            if joincode.match(self.codes, credential) is not None:
                self.limiter.clear(conn)
                return OK
            self.limiter.fail(conn, at_ms)
            return FAIL
        return self._decide_invite(credential, math.floor(at_ms / 1000))

    def _decide_invite(self, credential, now):
        # [PRES-80] no usable gk: every credential fails.
        if not self.key_ok:
            return FAIL
        if self.has_manifest:
            if self.invite_manifest is None:
                return FAIL                 # the manifest failed MAN-02 with mode invite
            if self.humans_open:
                return OK                   # [PRES-81] every credential then succeeds
        try:
            name = invite.verify(credential, self.gk, self.room, now)     # [INV-03]
        except ProtocolError:
            return FAIL
        if self.invite_manifest is not None:
            try:
                if not manifest.admits(self.invite_manifest, name):       # [MAN-06]
                    return FAIL
            except ProtocolError:
                return FAIL
        return OK
