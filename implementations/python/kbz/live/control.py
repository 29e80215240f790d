"""The peer-mode control protocol (spec 10.6): the `peer` profile's ops and their input shapes.

Shapes follow `schemas/json/peer-control.schema.json` and the conventions of 10.4: a wrong shape
is `input.invalid` ([ADP-08], checked before anything else); a member marked optional may be
absent, and `null` means absent, except `peer.announce`'s `meta`, where null removes the
metadata ([ADP-34]). Members a schema object does not define are refused (its
`additionalProperties: false`), `x-` members aside (AMBIGUITIES.md L-control-shapes).

[ADP-41] a handle that is not a live peer is `adapter.unknown-peer`; a room whose authority id
fails the broker id syntax is `room.unclaimable-id` ([ROOM-06]); nothing that happens on the
network is an op error. [ADP-42] at least 8 peers at once; more than MAX_PEERS is
`adapter.too-many-peers`. [ADP-31] every op answers as soon as its local effect is done.
"""

import math
import secrets

from .. import ec
from .. import room as roomids
from ..errors import InputInvalid, ProtocolError
from ..hostcmd import OPS as HOST_OPS, check_request
from ..jsonutil import is_number
from .broker import BadBrokerUrl, Broker
from .peer import LivePeer

PROFILE = "peer"
OPS = ("peer.join", "peer.state", "peer.announce", "peer.knock", "peer.moderate",
       "peer.hostcmd", "peer.identity", "peer.leave", "peer.transcript")
MAX_PEERS = 32
MODERATE_OPS = ("lobbyon", "lobbyoff", "admit", "deny", "lock", "unlock", "reset", "kick")

_ABSENT = object()


def _members(inp, allowed):
    for k in inp:
        if k not in allowed and not k.startswith("x-"):
            raise InputInvalid("unknown member %r" % k)


def _get(inp, name, kind, required=False, default=_ABSENT, nonempty=False):
    v = inp.get(name)
    if v is None:
        if required:
            raise InputInvalid("%s is missing" % name)
        return default
    ok = {"str": lambda x: isinstance(x, str),
          "bool": lambda x: isinstance(x, bool),
          "obj": lambda x: isinstance(x, dict),
          "num": lambda x: is_number(x) and math.isfinite(x),
          "strs": lambda x: isinstance(x, list) and len(x) <= 10000
          and all(isinstance(s, str) for s in x),
          "any": lambda x: True}[kind](v)
    if not ok or (nonempty and v == ""):
        raise InputInvalid("%s has the wrong type" % name)
    return v


class Control:
    def __init__(self, log):
        self.log = log
        self.peers = {}
        self.next = 0

    def run(self, op, inp):
        if op == "peer.join":
            return self.join(inp)
        fn = {"peer.state": self.state, "peer.announce": self.announce,
              "peer.knock": self.knock, "peer.moderate": self.moderate,
              "peer.hostcmd": self.hostcmd, "peer.identity": self.identity,
              "peer.leave": self.leave, "peer.transcript": self.transcript}[op]
        return fn(inp)

    def _peer(self, inp, allowed):
        _members(inp, allowed)
        h = _get(inp, "peer", "str", required=True, nonempty=True)
        p = self.peers.get(h)
        if p is None:
            raise ProtocolError("adapter.unknown-peer", "no live peer %r" % h)   # [ADP-41]
        return p

    # ---- peer.join [ADP-32] ---------------------------------------------------------------------

    def join(self, inp):
        _members(inp, ("broker", "room", "voiceId", "name", "avatar", "cam", "meta", "inCall",
                       "identity", "hostKey", "hostName", "lobby", "gate", "jwt"))
        broker_url = _get(inp, "broker", "str", required=True)
        room = _get(inp, "room", "str", required=True)
        opts = {
            "room": room,
            "voiceId": _get(inp, "voiceId", "str", required=True, nonempty=True),
            "name": _get(inp, "name", "str", default=""),
            "avatar": _get(inp, "avatar", "str", default=""),
            "cam": _get(inp, "cam", "bool", default=False),
            "meta": _get(inp, "meta", "obj", default=None),
            "inCall": _get(inp, "inCall", "bool", default=True),
            # [PRES-61] (SHOULD, implemented) a fresh random identity token of 128 bits.
            "identity": _get(inp, "identity", "str", default=None) or secrets.token_hex(16),
            "hostKey": _get(inp, "hostKey", "any", default=None),
            "hostName": _get(inp, "hostName", "str", default=None),
            "lobby": _get(inp, "lobby", "bool", default=False),
            "jwt": _get(inp, "jwt", "str", default=None),
            "gate": None,
        }
        g = _get(inp, "gate", "obj", default=None)
        if g is not None:
            _members(g, ("jwks", "issuers", "audience", "leeway", "maxAge"))
            if "jwks" not in g:
                raise InputInvalid("gate.jwks is missing")
            opts["gate"] = {
                "jwks": g["jwks"],            # any JSON: the verifier judges it (IDT-05)
                "issuers": _get(g, "issuers", "strs", required=True),
                "audience": _get(g, "audience", "str", required=True),
                "leeway": _get(g, "leeway", "num", default=30),       # [IDT-20]
                "maxAge": _get(g, "maxAge", "num", default=3600),     # [IDT-20]
            }
        try:
            broker = Broker(broker_url)
        except BadBrokerUrl as e:
            raise InputInvalid("broker: %s" % e)                     # L-broker-url
        roomids.peer_id(room)                  # [ROOM-06] room.unclaimable-id, nothing started
        live = [h for h, p in self.peers.items() if not p.finished]
        if len(live) >= MAX_PEERS:
            raise ProtocolError("adapter.too-many-peers",
                                "this program hosts at most %d peers" % MAX_PEERS)  # [ADP-42]
        self.next += 1
        handle = "p%d" % self.next
        peer = LivePeer(handle, opts, broker, self.log)
        self.peers[handle] = peer
        peer.start()
        # [ADP-32] the handle and the canonical fingerprint of the peer's certificate.
        return {"peer": handle, "fingerprint": peer.cert.fingerprint}

    # ---- the other ops ----------------------------------------------------------------------------

    def state(self, inp):
        return self._peer(inp, ("peer",)).state()                   # [ADP-33]

    def announce(self, inp):
        p = self._peer(inp, ("peer", "on", "cam", "name", "avatar", "meta"))
        changes = {"on": _get(inp, "on", "bool", required=True)}
        for k, kind in (("cam", "bool"), ("name", "str"), ("avatar", "str")):
            v = _get(inp, k, kind)
            if v is not _ABSENT:
                changes[k] = v
        if "meta" in inp:
            m = inp["meta"]
            if m is not None and not isinstance(m, dict):
                raise InputInvalid("meta must be an object or null")
            changes["meta"] = m                                     # null removes [ADP-34]
        p.announce(changes)
        return {}

    def knock(self, inp):
        p = self._peer(inp, ("peer", "name", "avatar"))
        name = _get(inp, "name", "str", required=True)
        avatar = _get(inp, "avatar", "str", default="")
        p.knock(name, avatar)                                       # [ADP-35]
        return {}

    def moderate(self, inp):
        p = self._peer(inp, ("peer", "op", "target"))
        op = _get(inp, "op", "str", required=True)
        if op not in MODERATE_OPS:
            raise InputInvalid("op must be one of %s" % ", ".join(MODERATE_OPS))
        target = _get(inp, "target", "str", default=None)
        p.moderate(op, target)                                      # [ADP-36]
        return {}

    def hostcmd(self, inp):
        """[ADP-37] `{peer, op, target?, privateJwk}` signs and sends; `{peer, token}` sends the
        token unchanged. "Without it, an `op` outside the list of [HCMD-04], and a `privateJwk`
        that is absent or not an object, are `input.invalid` (the contract's shape, [ADP-08])";
        then chapter 4's codes "in the order of [HCMD-19] (`hostcmd.bad-host-key` for an object
        that is not a valid P-256 private key, then `hostcmd.missing-target`)" (AMBIGUITIES.md
        L-hostcmd-op, decided by ADP-37)."""
        if "token" in inp and inp["token"] is not None:
            p = self._peer(inp, ("peer", "token"))
            tok = _get(inp, "token", "str", required=True)
            p.send_mod(tok)
            return {"token": tok}
        p = self._peer(inp, ("peer", "op", "target", "privateJwk"))
        op = _get(inp, "op", "str", required=True)
        if op not in HOST_OPS:
            raise InputInvalid("op must be one of %s" % ", ".join(HOST_OPS))      # [ADP-37]
        target = _get(inp, "target", "str", default=None)
        if not isinstance(inp.get("privateJwk"), dict):
            raise InputInvalid("privateJwk must be an object")                     # [ADP-37]
        try:
            key = ec.private_key_from_jwk(inp.get("privateJwk"))   # [HCMD-19] step 1
        except ec.BadKey as e:
            raise ProtocolError("hostcmd.bad-host-key", str(e))
        check_request(op, target)              # [HCMD-19] step 3: hostcmd.missing-target
        return {"token": p.host_command(key, op, target)}

    def identity(self, inp):
        p = self._peer(inp, ("peer", "jwt"))
        p.identity(_get(inp, "jwt", "str", required=True))         # [ADP-38]
        return {}

    def leave(self, inp):
        p = self._peer(inp, ("peer",))
        p.leave()                                                   # [ADP-39]
        del self.peers[p.handle]
        return {}

    def transcript(self, inp):
        p = self._peer(inp, ("peer",))
        return {"messages": p.transcript.messages()}                # [ADP-40]

    def leave_all(self):
        """[ADP-44] on stop or end of input: every peer leaves as peer.leave does."""
        for h in list(self.peers):
            try:
                self.peers.pop(h).leave()
            except Exception as e:  # noqa: BLE001
                self.log("leave of %s failed: %r" % (h, e))
