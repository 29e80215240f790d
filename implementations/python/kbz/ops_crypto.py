"""The `crypto` profile of the adapter protocol (spec 10.4): input shapes and op dispatch.

One module per profile: adapter.py dispatches to each module's OPS table and declares its
PROFILE in `start`.

Each op first checks the SHAPE of its input and answers `input.invalid` when it is wrong
[ADP-08]; input of the right shape but bad content gets the protocol's own error code. Outputs
hold exactly the members 10.4 defines [ADP-05]. The shapes are the op contracts of 10.4
(`schemas/json/ops.schema.json`, whose generated table is in 10.4); where the text of a chapter
says otherwise, the chapter wins (10.4).

Shape conventions of 10.4 (spec 0.2.0):
- "Shape is checked before any protocol step" [ADP-08]: every member's shape is checked before
  any key, token or op is judged.
- `m?` members may be absent, and JSON null for them means absent, except where 10.4 gives null
  a meaning (hostcmd remoteFp: null = unreadable; idtoken remoteFp: absent or null =
  unreadable; sas.nextState reading: absent or null = unavailable). Members without `?` must be
  present.
- A binary value that does not decode as base64url is `input.invalid`.
- The `now` of a signing op is an integer of magnitude below 2^53; verification ops accept any
  number (CONV-03).
- The credential an op verifies or signs with, and the key (or JWKS) it uses, reach the op's
  first protocol step "whether absent or of any JSON type" [ADP-08]: they are never
  `input.invalid`.
- A `room` input is a room id, used as given (never normalised).
- A number is a JSON number, never a boolean.
"""

from . import certbinding, ec, fingerprint, hostcmd, idtoken, room, sas, token
from . import b64u
from .errors import InputInvalid, ProtocolError
from .jsonutil import is_integer, is_number

PROFILE = "crypto"

_MISSING = object()


def _get(inp, name, optional=False):
    if name not in inp:
        if optional:
            return _MISSING
        raise InputInvalid("missing member %r" % name)
    return inp[name]


def _str(inp, name, optional=False, nullable=False):
    """A string member. Absent -> _MISSING (if optional). null -> None if nullable, else
    _MISSING if optional, else input.invalid."""
    v = _get(inp, name, optional)
    if v is _MISSING:
        return _MISSING
    if v is None:
        if nullable:
            return None
        if optional:
            return _MISSING
    if not isinstance(v, str):
        raise InputInvalid("%r must be a string" % name)
    return v


def _num(inp, name, optional=False):
    v = _get(inp, name, optional)
    if v is _MISSING or (v is None and optional):
        return _MISSING
    if not is_number(v):
        raise InputInvalid("%r must be a number" % name)
    return v


def _obj(inp, name, optional=False):
    v = _get(inp, name, optional)
    if v is _MISSING or (v is None and optional):
        return _MISSING
    if not isinstance(v, dict):
        raise InputInvalid("%r must be an object" % name)
    return v


def _list(inp, name, item_type=None):
    v = _get(inp, name)
    if not isinstance(v, list):
        raise InputInvalid("%r must be an array" % name)
    if item_type is not None and not all(isinstance(x, item_type) for x in v):
        raise InputInvalid("every element of %r must be a %s" % (name, item_type.__name__))
    return v


# --- chapter 2 -----------------------------------------------------------------------------

def op_room_normalize(inp):
    # 2.1: "A null or absent name is treated as the empty string" (10.4 writes `{name}`).
    name = _str(inp, "name", optional=True)
    return {"room": room.normalize(None if name is _MISSING else name)}


def op_room_peer_id(inp):
    # 10.4 writes `{name}`, not `{name?}`: absent or null is input.invalid (ADP-08). 2.1 reads
    # an absent or null name as "" only for `room.normalize` (AMBIGUITIES.md Ra-peerid-name).
    return {"peerId": room.peer_id(_str(inp, "name"))}


# --- chapter 1 / 6: fingerprints -----------------------------------------------------------

def op_fingerprint_canonical(inp):
    return {"fp": fingerprint.canonical(_str(inp, "fp"))}


def op_fingerprint_from_certificates(inp):
    certs = _list(inp, "certificates", str)
    # 10.4: a binary value that does not decode is input of the wrong shape, so it is reported
    # before any protocol check (the SAS-02 count included).
    try:
        ders = [b64u.decode(c) for c in certs]
    except ProtocolError as e:
        raise InputInvalid("certificate is not base64url: %s" % e.message)
    return {"fp": fingerprint.from_certificates(ders)}          # [SAS-01]/[SAS-02]


def op_fingerprint_from_local_sdp(inp):
    return {"fp": fingerprint.from_local_sdp(_str(inp, "sdp"))}


# --- chapter 6: safety code ----------------------------------------------------------------

def op_sas_code(inp):
    fp_a, fp_b = _str(inp, "fpA"), _str(inp, "fpB")
    symbols = _num(inp, "symbols", optional=True)
    if symbols is _MISSING:
        symbols = sas.DEFAULT_SYMBOLS
    elif not is_integer(symbols):
        # [SAS-08] "any other count, a non-integer included, is an error".
        raise ProtocolError("sas.bad-symbol-count", "symbol count must be an integer")
    code, indices = sas.code(fp_a, fp_b, int(symbols))
    return {"code": code, "indices": indices}


def op_sas_alphabet(inp):
    return {"codePoints": sas.alphabet_code_points()}


_PINS = ("unpinned", "match", "mismatch")


def _state(v):
    """`prev` is a whole state {code, remoteFp, verified, changed} (none of them marked `?`)."""
    if not isinstance(v, dict):
        raise InputInvalid("prev must be an object")
    for k in ("code", "remoteFp"):
        if _get(v, k) is not None and not isinstance(v[k], str):
            raise InputInvalid("prev.%s must be a string or null" % k)
    for k in ("verified", "changed"):
        if not isinstance(_get(v, k), bool):
            raise InputInvalid("prev.%s must be a boolean" % k)
    return v


def op_sas_next_state(inp):
    prev = _get(inp, "prev", optional=True)
    prev = None if prev is _MISSING or prev is None else _state(prev)
    # 10.4 (0.2.0): "For `sas.nextState`, an absent or `null` `reading` is an unavailable
    # reading (SAS-12)". Both become None, the blip of SAS-12.
    reading = _get(inp, "reading", optional=True)
    if reading is _MISSING:
        reading = None
    if reading is not None:
        if not isinstance(reading, dict):
            raise InputInvalid("reading must be an object or null")
        _str(reading, "code")
        _str(reading, "remoteFp")
    verified = _list(inp, "verifiedFps", str)
    pin = _str(inp, "pin", optional=True)
    if pin is _MISSING or pin is None:
        pin = "unpinned"
    elif pin not in _PINS:
        raise InputInvalid("pin must be one of %s" % ", ".join(_PINS))
    # An absent (or null) prev is the initial state of 6.4, so a blip without history gives it.
    state = sas.next_state(prev, reading, verified, pin)
    # [ADP-05] exactly the four members, whatever extra members `prev` carried.
    return {"state": {k: state[k] for k in sas.INITIAL_STATE}}


def op_sas_pin_status(inp):
    # `pins: object` (10.4). A member whose value is not a string matches the contract, so it
    # is not input.invalid; the contract says such a member "is no pin" (the chapter text is
    # silent: AMBIGUITIES.md, 0.2 entry Q-pin-values).
    pins = _obj(inp, "pins")
    pins = {k: v for k, v in pins.items() if isinstance(v, str)}
    return {"status": sas.pin_status(pins, _str(inp, "name"), _str(inp, "fp"))}


_TRUST_ACTIONS = ("verify", "unverify", "connect")


def op_sas_trust_store(inp):
    actions = _list(inp, "actions", dict)
    # Every action's shape first, so a bad one is input.invalid whatever comes before it.
    checked = []
    for a in actions:
        kind, name, fp = _str(a, "action"), _str(a, "name"), _str(a, "fp")
        if kind not in _TRUST_ACTIONS:
            raise InputInvalid("action must be verify, unverify or connect")
        checked.append((kind, name, fp))
    store = sas.TrustStore()
    for kind, name, fp in checked:
        if kind == "verify":
            store.verify(name, fp)
        elif kind == "unverify":
            store.unverify(name, fp)
        else:
            store.connect(name, fp)         # [SAS-15] never writes a pin or V
    return {"verified": list(store.verified), "pins": dict(store.pins)}


# --- chapter 5 -----------------------------------------------------------------------------

def op_certbinding_nonce(inp):
    fp = _str(inp, "fp")
    salt = _str(inp, "salt", optional=True)          # absent or null: unsalted [BIND-03]
    return {"nonce": certbinding.nonce(fp, None if salt is _MISSING else salt)}


def op_idtoken_verify(inp):
    # `jwt?: any`, `jwks?: any` (10.4): absent or of any JSON type, they reach the first step
    # that looks at them [ADP-08]. An absent jwt is not a string: idtoken.malformed (IDT-02);
    # an absent jwks is "not an object with a keys array": no candidates, idtoken.no-key
    # (IDT-05). _MISSING is passed as None, which neither step takes for a token or a JWKS.
    jwt = inp.get("jwt")
    jwks = inp.get("jwks")
    issuers = _list(inp, "issuers", str)
    audience = _str(inp, "audience")
    now = _num(inp, "now")
    leeway = _num(inp, "leeway", optional=True)      # [IDT-10] any number; default 60
    max_age = _num(inp, "maxAge", optional=True)     # [IDT-13] any number, 0 included
    # 0.2.0: `remoteFp?` and `salt?`. 10.4: "For `idtoken.verify`, an absent or `null`
    # `remoteFp` means an unreadable certificate, so the binding fails
    # (`idtoken.binding-mismatch`)" [BIND-05]; an absent, null or empty salt is unsalted
    # [BIND-03].
    remote_fp = _str(inp, "remoteFp", optional=True, nullable=True)
    salt = _str(inp, "salt", optional=True, nullable=True)
    claims = idtoken.verify(
        jwt, jwks, issuers, audience, now,
        remote_fp=None if remote_fp is _MISSING else remote_fp,
        salt="" if salt is _MISSING or salt is None else salt,
        leeway=idtoken.DEFAULT_LEEWAY if leeway is _MISSING else leeway,
        max_age=None if max_age is _MISSING else max_age)
    return {"claims": claims}


# --- chapter 3 -----------------------------------------------------------------------------

def _private_key(inp, code):
    """`privateJwk?: any` (10.4): absent or of any JSON type, it reaches the signer's key step
    [ADP-08], which judges it in TOK-11's order (object, kty/crv, point, d) with `code`:
    `key.bad-jwk` for token.sign [TOK-11], `hostcmd.bad-host-key` for hostcmd.sign
    [HCMD-19] step 1. Absent is passed as None, which fails step (1)."""
    try:
        return ec.private_key_from_jwk(inp.get("privateJwk"))
    except ec.BadKey as e:
        raise ProtocolError(code, str(e))


def op_token_sign(inp):
    payload_json = _str(inp, "payloadJson")    # [TOK-11] signed as given, not validated
    return {"token": token.sign(_private_key(inp, "key.bad-jwk"), payload_json)}


def op_token_verify(inp):
    # `token?: any`, `publicJwk?: any` (10.4): absent or of any JSON type [ADP-08]. TOK-06
    # step 1 judges the key (an absent one is not an object: token.bad-key), step 2 the token
    # (an absent one is not a string: token.malformed).
    return {"payload": token.verify(inp.get("token"), inp.get("publicJwk"))}


# --- chapter 4 -----------------------------------------------------------------------------

def op_hostcmd_sign(inp):
    # Every shape check, `now` included, comes before any protocol step [ADP-08]; then HCMD-19:
    # key, op, target, and only then a jti is drawn and the command signed.
    room_id, fp, op = _str(inp, "room"), _str(inp, "fp"), _str(inp, "op")
    target = _str(inp, "target", optional=True)
    now = _num(inp, "now")
    jti = _str(inp, "jti", optional=True)
    # 10.4: the `now` of a signing op must be an integer, since iat is whole seconds [CONV-02].
    # 1700000000.0 is the same JSON number as 1700000000 and is accepted. [CONV-16] signed
    # payloads use only integers of magnitude below 2^53, so a larger one is refused as well.
    # 10.4 (0.2.0): "The `now` of a signing op is an integer of magnitude below 2^53".
    if not is_integer(now) or abs(now) >= 2 ** 53:
        raise InputInvalid("'now' must be an integer below 2^53 for signing (CONV-02, CONV-16)")
    iat = int(now)
    # [HCMD-19] step 1: the private key, in TOK-11's order, with hostcmd.bad-host-key.
    key = _private_key(inp, "hostcmd.bad-host-key")
    return {"token": hostcmd.sign(key, room_id, fp, op,
                                  None if target is _MISSING else target, iat,
                                  None if jti is _MISSING else jti)}


def _host_jwk(inp):
    # hostPublicJwk absent or null: the room commits no host key [HCMD-01]. Any other value is
    # passed on and judged by HCMD-08 step 3 (hostcmd.bad-host-key).
    v = inp.get("hostPublicJwk")
    return v


def _remote_fp(inp):
    # 10.4: absent = self-issued (no connection); null, "" or whitespace only = unreadable
    # [HCMD-09], judged by hostcmd.verify step 4.
    if "remoteFp" not in inp:
        return hostcmd._NO_CONNECTION
    v = inp["remoteFp"]
    if v is not None and not isinstance(v, str):
        raise InputInvalid("remoteFp must be a string or null")
    return v


def op_hostcmd_verify(inp):
    # `token?: any`: absent or of any JSON type, HCMD-08 step 1 judges it (hostcmd.missing)
    # [ADP-08].
    tok = inp.get("token")
    room_id, now = _str(inp, "room"), _num(inp, "now")
    return hostcmd.verify(tok, _host_jwk(inp), room_id, now, _remote_fp(inp))


def op_hostcmd_process(inp):
    room_id = _str(inp, "room")
    commands = _list(inp, "commands", dict)
    # Validate every command's shape before enacting any, so input.invalid is all-or-nothing.
    # A command's `token?: any` is passed on absent or of any type (HCMD-21 step 1 judges it).
    parsed = [(c.get("token"), _num(c, "now"), _remote_fp(c)) for c in commands]
    coord = hostcmd.Coordinator(_host_jwk(inp), room_id)
    results = []
    for tok, now, remote_fp in parsed:
        try:
            r = coord.process(tok, now, remote_fp)
            results.append(dict({"ok": True}, **r))
        except ProtocolError as e:
            # [HCMD-15] a rejected command changes nothing; 10.4: `error` is the bare code.
            results.append({"ok": False, "error": e.code})
    return {"results": results}


OPS = {
    "room.normalize": op_room_normalize,
    "room.peerId": op_room_peer_id,
    "fingerprint.canonical": op_fingerprint_canonical,
    "fingerprint.fromCertificates": op_fingerprint_from_certificates,
    "fingerprint.fromLocalSdp": op_fingerprint_from_local_sdp,
    "sas.code": op_sas_code,
    "sas.alphabet": op_sas_alphabet,
    "sas.nextState": op_sas_next_state,
    "sas.pinStatus": op_sas_pin_status,
    "sas.trustStore": op_sas_trust_store,
    "certbinding.nonce": op_certbinding_nonce,
    "idtoken.verify": op_idtoken_verify,
    "token.sign": op_token_sign,
    "token.verify": op_token_verify,
    "hostcmd.sign": op_hostcmd_sign,
    "hostcmd.verify": op_hostcmd_verify,
    "hostcmd.process": op_hostcmd_process,
}


def run(op, inp):
    """Run one op. Returns the output dict, or raises ProtocolError / InputInvalid / KeyError
    (op not implemented; the adapter answers `unsupported`)."""
    fn = OPS[op]
    if not isinstance(inp, dict):
        raise InputInvalid("input must be an object")
    return fn(inp)
