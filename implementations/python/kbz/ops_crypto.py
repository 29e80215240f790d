"""The `crypto` profile of the adapter protocol (spec 10.4): input shapes and op dispatch.

One module per profile: adapter.py dispatches to each module's OPS table and declares its
PROFILE in `start`.

Each op first checks the SHAPE of its input and answers `input.invalid` when it is wrong
[ADP-08]; input of the right shape but bad content gets the protocol's own error code. Outputs
hold exactly the members 10.4 defines [ADP-05].

Shape conventions of 10.4:
- `m?` members may be absent, and JSON null for them means absent, except where 10.4 gives null
  a meaning (hostcmd remoteFp: null = unreadable; sas.nextState reading: null = blip). Members
  without `?` must be present.
- A binary value that does not decode as base64url is `input.invalid`.
- The `now` of a signing op must be an integer; verification ops accept any number (CONV-03).
- The credential an op verifies and the key (or key set) it verifies with are passed on whatever
  their JSON type; the first verification step that looks at them judges them [ADP-08].
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
    name = _str(inp, "name", optional=True)
    return {"peerId": room.peer_id(None if name is _MISSING else name)}


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
    reading = _get(inp, "reading")
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
    pins = _obj(inp, "pins")
    if not all(isinstance(v, str) for v in pins.values()):
        raise InputInvalid("every pin must be a fingerprint string")
    return {"status": sas.pin_status(pins, _str(inp, "name"), _str(inp, "fp"))}


def op_sas_trust_store(inp):
    actions = _list(inp, "actions", dict)
    store = sas.TrustStore()
    for a in actions:
        kind, name, fp = _str(a, "action"), _str(a, "name"), _str(a, "fp")
        if kind == "verify":
            store.verify(name, fp)
        elif kind == "unverify":
            store.unverify(name, fp)
        else:
            raise InputInvalid("action must be verify or unverify")
    return {"verified": list(store.verified), "pins": dict(store.pins)}


# --- chapter 5 -----------------------------------------------------------------------------

def op_certbinding_nonce(inp):
    fp = _str(inp, "fp")
    salt = _str(inp, "salt", optional=True)          # absent or null: unsalted [BIND-03]
    return {"nonce": certbinding.nonce(fp, None if salt is _MISSING else salt)}


def op_idtoken_verify(inp):
    jwt = _get(inp, "jwt")         # any JSON type; a non-string is idtoken.malformed [ADP-08]
    jwks = _get(inp, "jwks")       # any JSON type; without a keys array: idtoken.no-key [ADP-08]
    issuers = _list(inp, "issuers", str)
    audience = _str(inp, "audience")
    now = _num(inp, "now")
    leeway = _num(inp, "leeway", optional=True)      # [IDT-10] any number; default 60
    max_age = _num(inp, "maxAge", optional=True)     # [IDT-13] any number, 0 included
    # `remoteFp: string | null` and `salt` carry no `?`: both must be present. A null salt is
    # unsalted [BIND-03]; a null remoteFp is unreadable [BIND-05].
    remote_fp = _str(inp, "remoteFp", nullable=True)
    salt = _str(inp, "salt", nullable=True)
    claims = idtoken.verify(
        jwt, jwks, issuers, audience, now,
        remote_fp=remote_fp,
        salt="" if salt is None else salt,
        leeway=idtoken.DEFAULT_LEEWAY if leeway is _MISSING else leeway,
        max_age=None if max_age is _MISSING else max_age)
    return {"claims": claims}


# --- chapter 3 -----------------------------------------------------------------------------

def _private_key(inp):
    jwk = _obj(inp, "privateJwk")
    try:
        return ec.private_key_from_jwk(jwk)
    except ec.BadKey as e:
        raise ProtocolError("key.bad-jwk", str(e))


def op_token_sign(inp):
    payload_json = _str(inp, "payloadJson")    # signed as given, not validated (10.4)
    return {"token": token.sign(_private_key(inp), payload_json)}


def op_token_verify(inp):
    tok = _get(inp, "token")       # any JSON type; a non-string is token.malformed [ADP-08]
    jwk = _get(inp, "publicJwk")   # any JSON type; a non-JWK is token.bad-key [ADP-08]
    return {"payload": token.verify(tok, jwk)}


# --- chapter 4 -----------------------------------------------------------------------------

def op_hostcmd_sign(inp):
    # Every shape check comes before the key is judged (key.bad-jwk) [ADP-08].
    room_id, fp, op = _str(inp, "room"), _str(inp, "fp"), _str(inp, "op")
    target = _str(inp, "target", optional=True)
    now = _num(inp, "now")
    jti = _str(inp, "jti", optional=True)
    # 10.4: the `now` of a signing op must be an integer, since iat is whole seconds [CONV-02].
    # 1700000000.0 is the same JSON number as 1700000000 and is accepted. [CONV-16] signed
    # payloads use only integers of magnitude below 2^53, so a larger one is refused as well.
    if not is_integer(now) or abs(now) >= 2 ** 53:
        raise InputInvalid("'now' must be an integer below 2^53 for signing (CONV-02, CONV-16)")
    iat = int(now)
    return {"token": hostcmd.sign(_private_key(inp), room_id, fp, op,
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
    tok = _get(inp, "token")       # any JSON type; HCMD-08 step 1 judges it [ADP-08]
    room_id, now = _str(inp, "room"), _num(inp, "now")
    return hostcmd.verify(tok, _host_jwk(inp), room_id, now, _remote_fp(inp))


def op_hostcmd_process(inp):
    room_id = _str(inp, "room")
    commands = _list(inp, "commands", dict)
    # Validate every command's shape before enacting any, so input.invalid is all-or-nothing.
    parsed = [(_get(c, "token"), _num(c, "now"), _remote_fp(c)) for c in commands]
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
