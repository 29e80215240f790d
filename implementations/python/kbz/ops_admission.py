"""The `admission` profile of the adapter protocol (spec 12.8): input shapes and op dispatch.

Each op checks the SHAPE of its input first and answers `input.invalid` when it does not match
the op's contract (ADP-08, 10.4); input of the right shape but bad content gets the protocol's
own code. Outputs hold exactly the members of the contract (ADP-05).

Conventions (10.4):
- members without `?` are required; `m?` may be absent, and null means absent;
- a member without a type is a string; `integer` is a JSON number with an integral value (1.0
  is 1); a boolean is never a number;
- binary values are base64url (CONV-05..07); one that does not decode is `input.invalid`;
- the credential an op verifies and the key it verifies or signs with reach the op's first
  protocol step whether absent or of any JSON type (ADP-08): a missing `token` is judged by
  TOK-06 step 2 (after step 1 has judged the key), a missing `privateJwk` by TOK-11
  (AMBIGUITIES.md, ADM-absent-credential);
- a `room` is a room id, used as given.

Bounds: every list an input can grow (steps, entries, peers, members, domains, list parameters)
holds at most MAX_LIST items (`input.invalid` beyond).
"""

from . import b64u, ec, exchange, identity, invite, joincode, link, manifest, rostergate, seal
from .errors import InputInvalid, ProtocolError
from .jsonutil import is_integer, is_number

PROFILE = "admission"

MAX_LIST = 100000
MAX_SAFE = 2 ** 53 - 1
_MISSING = object()


# ---- shape helpers ---------------------------------------------------------------------------

def _present(inp, name):
    """The member's value, or _MISSING when it is absent or null (10.4)."""
    v = inp.get(name)
    return _MISSING if v is None else v


def _str(inp, name, optional=False):
    v = _present(inp, name)
    if v is _MISSING:
        if optional:
            return None
        raise InputInvalid("missing member %r" % name)
    if not isinstance(v, str):
        raise InputInvalid("%r must be a string" % name)
    return v


def _strnull(inp, name):
    """`string | null`, the member optional: absent and null are None."""
    return _str(inp, name, optional=True)


def _number(inp, name):
    v = _present(inp, name)
    if v is _MISSING or not is_number(v):
        raise InputInvalid("%r must be a number" % name)
    return v


def _integer(inp, name, minimum=None, maximum=None):
    v = _present(inp, name)
    if v is _MISSING or not is_integer(v):
        raise InputInvalid("%r must be an integer" % name)
    v = int(v)
    if (minimum is not None and v < minimum) or (maximum is not None and v > maximum):
        raise InputInvalid("%r is out of range" % name)
    return v


def _object(inp, name):
    v = _present(inp, name)
    if v is _MISSING or not isinstance(v, dict):
        raise InputInvalid("%r must be an object" % name)
    return v


def _list(inp, name, optional=False):
    v = _present(inp, name)
    if v is _MISSING:
        if optional:
            return None
        raise InputInvalid("missing member %r" % name)
    if not isinstance(v, list):
        raise InputInvalid("%r must be an array" % name)
    if len(v) > MAX_LIST:
        raise InputInvalid("%r holds more than %d items" % (name, MAX_LIST))
    return v


def _strings(inp, name, optional=False):
    v = _list(inp, name, optional)
    if v is not None and not all(isinstance(x, str) for x in v):
        raise InputInvalid("%r must be an array of strings" % name)
    return v


def _enum(inp, name, values, optional=False):
    v = _str(inp, name, optional)
    if v is not None and v not in values:
        raise InputInvalid("%r must be one of %s" % (name, ", ".join(values)))
    return v


def _binary(inp, name, length=None):
    """A base64url member (10.4): undecodable, or of the wrong byte length where the contract
    fixes one, is input.invalid."""
    v = _str(inp, name)
    try:
        raw = b64u.decode(v)
    except ProtocolError:
        raise InputInvalid("%r is not base64url" % name)
    if length is not None and len(raw) != length:
        raise InputInvalid("%r must be %d bytes" % (name, length))
    return raw


def _any(inp, name):
    """A credential or key: passed on whatever it is, absent as None (ADP-08)."""
    return inp.get(name)


def _mode(inp):
    """`mode?`: the expected gate mode, a string; absent or null means no expected mode, and so
    does the empty string (MAN-02 step 3; manifest.py; AMBIGUITIES.md, ADM-empty-mode)."""
    return _strnull(inp, "mode")


# ---- 12.1 room links -------------------------------------------------------------------------

def op_room_for_url(inp):
    return {"room": link.page_room(_str(inp, "url"))}                     # [LINK-13]


def op_link_parse(inp):
    room, params = link.parse(_str(inp, "url"))                           # [LINK-03..09]
    return {"room": room, "params": params}


_BUILD_PARAMS = {"g": "mode", "gn": "list", "gk": "object", "gm": "str", "ge": "str",
                 "gc": "str", "gt": "str", "gh": "object", "ghk": "str", "ghn": "str",
                 "gho": "str", "gl": "bool", "gd": "list", "d": "str", "ag": "str", "n": "str"}


def op_link_build(inp):
    base = _str(inp, "base")
    if "#" in base:
        # The contract: "The URL before the fragment; no '#'" (LINK-01: without a fragment).
        raise InputInvalid("base must not contain '#'")
    room = _str(inp, "room")
    raw = _object(inp, "params")
    params = {}
    for name, value in raw.items():
        kind = _BUILD_PARAMS.get(name)
        if kind is None:
            # The contract lists every parameter and admits no other member.
            raise InputInvalid("params.%s is not a link parameter" % name)
        if value is None:
            continue                                       # null means absent
        if kind == "mode":
            if value not in link.MODES:
                raise InputInvalid("params.g must be a gate mode")
        elif kind == "list":
            if not isinstance(value, list) or len(value) > MAX_LIST \
                    or not all(isinstance(x, str) for x in value):
                raise InputInvalid("params.%s must be an array of strings" % name)
        elif kind == "object":
            if not isinstance(value, dict):
                raise InputInvalid("params.%s must be an object" % name)
        elif kind == "bool":
            if not isinstance(value, bool):
                raise InputInvalid("params.%s must be a boolean" % name)
        elif not isinstance(value, str):
            raise InputInvalid("params.%s must be a string" % name)
        params[name] = value
    try:
        return {"url": link.build(base, room, params)}                    # [LINK-01], [LINK-02]
    except link.BadRoom:
        # encodeURIComponent throws on a lone surrogate; no protocol code names that case
        # (AMBIGUITIES.md, ADM-room-surrogate).
        raise InputInvalid("the room holds a lone surrogate, which encodeURIComponent refuses")


def op_link_share(inp):
    return {"url": link.share(_str(inp, "url"))}                           # [LINK-11], [LINK-12]


# ---- 12.2 invites ------------------------------------------------------------------------------

def op_invite_sign(inp):
    # Every shape check first [ADP-08], then the key (TOK-11, key.bad-jwk), then the name.
    name, room = _str(inp, "name"), _str(inp, "room")
    exp = _integer(inp, "exp", -MAX_SAFE, MAX_SAFE)      # [CONV-02], [CONV-16]
    try:
        key = ec.private_key_from_jwk(_any(inp, "privateJwk"))
    except ec.BadKey as e:
        raise ProtocolError("key.bad-jwk", str(e))
    return {"token": invite.sign(key, name, room, exp)}                   # [INV-01], [INV-02]


def op_invite_verify(inp):
    room, now = _str(inp, "room"), _number(inp, "now")
    return {"name": invite.verify(_any(inp, "token"), _any(inp, "creatorPublicJwk"), room, now)}


# ---- 12.3 manifests ------------------------------------------------------------------------------

def op_manifest_verify(inp):
    room, now, mode = _str(inp, "room"), _number(inp, "now"), _mode(inp)
    return {"manifest": manifest.verify(_any(inp, "token"), _any(inp, "creatorPublicJwk"),
                                        room, now, mode)}


def op_manifest_admits(inp):
    m, ident = _object(inp, "manifest"), _str(inp, "identity")
    return {"allowed": manifest.admits(m, ident)}                         # [MAN-06]


def op_manifest_humans_open(inp):
    return {"open": manifest.humans_open(_object(inp, "manifest"))}        # [MAN-08]


def op_member_hash(inp):
    ident, room = _str(inp, "identity"), _str(inp, "room")
    return {"hash": identity.member_hash(ident, room)}                    # [MAN-05]


# ---- 12.4 sealed secrets -----------------------------------------------------------------------

def op_seal_seal(inp):
    passphrase, plaintext = _str(inp, "passphrase"), _str(inp, "plaintext")
    version = _integer(inp, "version")
    salt = _binary(inp, "salt", seal.SALT_BYTES)
    iv = _binary(inp, "iv", seal.IV_BYTES)
    return {"blob": seal.seal(passphrase, plaintext, version, salt, iv)}


def op_seal_open(inp):
    passphrase, blob = _str(inp, "passphrase"), _str(inp, "blob")
    return {"plaintext": seal.open_blob(passphrase, blob)}


def op_hostkey_unseal(inp):
    password, blob = _str(inp, "password"), _str(inp, "blob")
    return {"privateJwk": seal.unseal_host_key(password, blob)}


def op_manifest_unseal(inp):
    passphrase, blob = _str(inp, "passphrase"), _str(inp, "blob")
    room, now, mode = _str(inp, "room"), _number(inp, "now"), _mode(inp)
    return {"manifest": seal.unseal_manifest(passphrase, blob, _any(inp, "creatorPublicJwk"),
                                             room, now, mode)}


# ---- 12.5 join codes ------------------------------------------------------------------------------

def op_joincode_format(inp):
    return {"code": joincode.format_code(_binary(inp, "bytes"))}           # [CODE-01]


def op_joincode_match(inp):
    entries = []
    for e in _list(inp, "entries"):
        if not isinstance(e, dict):
            raise InputInvalid("every entry must be an object {name, code}")
        entries.append((_str(e, "name"), _str(e, "code")))
    code = _str(inp, "code")
    return {"name": joincode.match(entries, code)}                        # [CODE-02]


_LIMITER_OPS = ("check", "fail", "clear")


def op_ratelimit_run(inp):
    max_attempts = _integer(inp, "maxAttempts", minimum=1)
    lockout_ms = _integer(inp, "lockoutMs", minimum=1)
    steps = []
    for s in _list(inp, "steps"):
        if not isinstance(s, dict):
            raise InputInvalid("every step must be an object {at, key, op}")
        steps.append((_integer(s, "at"), _str(s, "key"), _enum(s, "op", _LIMITER_OPS)))
    limiter = joincode.Limiter(max_attempts, lockout_ms)                  # [CODE-03]
    results = []
    for i, (at, key, op) in enumerate(steps, 1):
        if op == "check":
            until = limiter.locked_until(key, at)
            results.append({"step": i, "allowed": until is None,
                            "retryInMs": 0 if until is None else until - at})
        elif op == "fail":
            limiter.fail(key, at)
        else:
            limiter.clear(key)
    return {"results": results}


# ---- 12.6 the share gate ---------------------------------------------------------------------------

def _view(inp):
    members = _strings(inp, "members", optional=True)
    domains = _strings(inp, "domains", optional=True)
    self_identity = _strnull(inp, "self")
    peers, ids = [], set()
    for p in _list(inp, "peers", optional=True) or []:
        if not isinstance(p, dict):
            raise InputInvalid("every peer must be an object {id, identity?}")
        pid = _str(p, "id")
        # 12.8: "`peers` lists each media id at most once (a media id listed twice is
        # `input.invalid`: one peer has one state)" (AMBIGUITIES.md, ADM-duplicate-peers).
        if pid in ids:
            raise InputInvalid("peers lists the media id %r twice" % pid)
        ids.add(pid)
        peers.append((pid, _strnull(p, "identity")))
    return members, domains, self_identity, peers


def op_rostergate_state(inp):
    can_share, compromised, states = rostergate.state(*_view(inp))
    return {"canShare": can_share, "compromised": compromised, "peers": states}


_ACTIONS = ("broadcast", "send", "receive")


def op_rostergate_allows(inp):
    view = _view(inp)
    action = _enum(inp, "action", _ACTIONS)
    peer = _str(inp, "peer", optional=action == "broadcast")   # 12.8: send and receive need it
    kind = _str(inp, "kind", optional=action != "receive")     # receive needs the kind
    return {"allowed": rostergate.allows(*view, action=action, peer=peer, kind=kind)}


# ---- 12.7 the ID-token exchange ----------------------------------------------------------------------

_EVENTS = ("roster", "signin", "receive", "link", "query", "verified")


def _exchange_event(e):
    """One event of 12.8 with its members' types: `roster {members: [string…]}`, `signin {jwt:
    string}`, `receive {from: string, msg}` (any JSON, required), `link {peer: string, fp?:
    string | null}` (absent means null), `query {peer: string}`, `verified {peer: string, jwt:
    string, fp: string, identity: string | null}`; "A member of another type is
    `input.invalid`" (AMBIGUITIES.md, ADM-exchange-shapes)."""
    if not isinstance(e, dict):
        raise InputInvalid("every step must be an object with a type")
    t = _enum(e, "type", _EVENTS)
    if t == "roster":
        return (t, _strings(e, "members"))
    if t == "signin":
        return (t, _str(e, "jwt"))
    if t == "receive":
        if "msg" not in e:
            raise InputInvalid("receive needs msg (any JSON)")
        return (t, _str(e, "from"), e["msg"])
    if t == "link":
        return (t, _str(e, "peer"), _strnull(e, "fp"))
    if t == "query":
        return (t, _str(e, "peer"))
    if "identity" not in e:
        # `identity: string | null` is not marked optional: null is a failed verification, and
        # an absent one is a missing member (AMBIGUITIES.md, Ra-verified-identity).
        raise InputInvalid("verified needs identity (a string or null)")
    return (t, _str(e, "peer"), _str(e, "jwt"), _str(e, "fp"), _strnull(e, "identity"))


def op_idtoken_exchange(inp):
    self_id = _str(inp, "self")
    events = [_exchange_event(e) for e in _list(inp, "steps")]      # whole input checked first
    ex = exchange.Exchange(self_id)
    handlers = {"roster": ex.on_roster, "signin": ex.on_signin, "receive": ex.on_receive,
                "link": ex.on_link, "query": ex.on_query, "verified": ex.on_verified}
    outputs = []
    for i, ev in enumerate(events, 1):
        handlers[ev[0]](*ev[1:])
        outputs.extend(dict({"step": i}, **o) for o in ex.take())
    return {"outputs": outputs}


OPS = {
    "room.forUrl": op_room_for_url,
    "member.hash": op_member_hash,
    "link.parse": op_link_parse,
    "link.build": op_link_build,
    "link.share": op_link_share,
    "invite.sign": op_invite_sign,
    "invite.verify": op_invite_verify,
    "manifest.verify": op_manifest_verify,
    "manifest.admits": op_manifest_admits,
    "manifest.humansOpen": op_manifest_humans_open,
    "seal.seal": op_seal_seal,
    "seal.open": op_seal_open,
    "hostkey.unseal": op_hostkey_unseal,
    "manifest.unseal": op_manifest_unseal,
    "joincode.format": op_joincode_format,
    "joincode.match": op_joincode_match,
    "ratelimit.run": op_ratelimit_run,
    "rostergate.state": op_rostergate_state,
    "rostergate.allows": op_rostergate_allows,
    "idtoken.exchange": op_idtoken_exchange,
}


def run(op, inp):
    fn = OPS[op]
    if not isinstance(inp, dict):
        raise InputInvalid("input must be an object")
    return fn(inp)
