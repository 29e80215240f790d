"""The `agents` profile of the adapter protocol (spec 13.8, chapter 10): input shapes and op
dispatch for agent key assertions, the agent's signing clock, credit credentials and
capability grants.

Each op checks the SHAPE of its input first and answers `input.invalid` when it does not match
the op's contract (ADP-08, 10.4); input of the right shape but bad content gets the protocol's
own code. Outputs hold exactly the members of the contract (ADP-05).

Conventions (10.4):
- members without `?` are required; `m?` may be absent, and null means absent;
- a member without a type is a string; `integer` is a JSON number with an integral value;
  a boolean is never a number;
- the credential an op verifies and the key it signs or verifies with reach the op's first
  protocol step whether absent or of any JSON type (ADP-08): `jwk`, `privateJwk`, `assertion`,
  `allowed`, `jwt`, `jwks`, a `caps.sanitize` grant and a `caps.receive` msg are passed on
  unchecked;
- a `room` is a room id, used as given;
- in the caps.* ops a *view* is {self, roster: [{id, meta?}...], grants?, now} (13.8); grants
  given to caps.intersect, caps.effective, caps.lanes and the view are taken as given.

Bounds: every list or map an input can grow (steps, roster, grants, capability lists, issuers,
records) holds at most MAX_LIST entries (`input.invalid` beyond).

Choices the text leaves open are in AMBIGUITIES.md, section AG.
"""

import math

from .agents import assertion, credit, enforce, travel
from .agents import grants as G
from .agents.presenter import Presenter
from .errors import InputInvalid, ProtocolError
from .jsonutil import is_integer, is_number

PROFILE = "agents"

MAX_LIST = 100000
MAX_SAFE = 2 ** 53 - 1
_MISSING = object()


# ---- shape helpers ---------------------------------------------------------------------------

def _obj(v, what):
    if not isinstance(v, dict):
        raise InputInvalid("%s must be an object" % what)
    return v


def _present(d, name):
    """The member's value, or _MISSING when it is absent or null (10.4)."""
    v = d.get(name)
    return _MISSING if v is None else v


def _str(d, name, what="input", optional=False, nonempty=False):
    v = _present(d, name)
    if v is _MISSING:
        if optional:
            return None
        raise InputInvalid("%s.%s is missing" % (what, name))
    if not isinstance(v, str) or (nonempty and v == ""):
        raise InputInvalid("%s.%s must be a %sstring" % (what, name,
                                                           "non-empty " if nonempty else ""))
    return v


def _num(d, name, what="input", optional=False):
    v = _present(d, name)
    if v is _MISSING:
        if optional:
            return None
        raise InputInvalid("%s.%s is missing" % (what, name))
    # A JSON number; a literal beyond the binary64 range reads as infinity (CONV-16) and is no
    # time anyone can compare with.
    if not is_number(v) or not math.isfinite(v):
        raise InputInvalid("%s.%s must be a number" % (what, name))
    return v


def _bool(d, name, what="input", optional=False):
    v = _present(d, name)
    if v is _MISSING:
        if optional:
            return None
        raise InputInvalid("%s.%s is missing" % (what, name))
    if not isinstance(v, bool):
        raise InputInvalid("%s.%s must be a boolean" % (what, name))
    return v


def _list(v, what):
    if not isinstance(v, list) or len(v) > MAX_LIST:
        raise InputInvalid("%s must be an array of at most %d entries" % (what, MAX_LIST))
    return v


def _strings(v, what):
    _list(v, what)
    if not all(isinstance(x, str) for x in v):
        raise InputInvalid("%s must be an array of strings" % what)
    return v


def _grant(v, what):
    """A grant taken as given (13.8): {perceive: [string...], act: [string...], backend?:
    string, egress?: boolean, expiresAt?: number}; other members are ignored. Returns a clean
    copy with null optional members removed."""
    _obj(v, what)
    out = {"perceive": _strings(v.get("perceive"), what + ".perceive"),
           "act": _strings(v.get("act"), what + ".act")}
    b = _str(v, "backend", what, optional=True)
    if b is not None:
        out["backend"] = b
    e = _bool(v, "egress", what, optional=True)
    if e is not None:
        out["egress"] = e
    x = _num(v, "expiresAt", what, optional=True)
    if x is not None:
        out["expiresAt"] = x
    return out


def _grant_map(d, name, optional=True):
    """An override map: media id -> grant (CAPS-01); absent or null is the empty map."""
    v = _present(d, name)
    if v is _MISSING:
        if optional:
            return {}
        raise InputInvalid("input.%s is missing" % name)
    _obj(v, "input." + name)
    if len(v) > MAX_LIST:
        raise InputInvalid("input.%s has more than %d entries" % (name, MAX_LIST))
    return {k: _grant(g, "input.%s[%s]" % (name, k)) for k, g in v.items()}


def _roster(v, what="input.roster"):
    """[{id: non-empty string, meta?: any}...]; other member fields are ignored (13.8)."""
    _list(v, what)
    out = []
    for m in v:
        _obj(m, what + "[]")
        out.append({"id": _str(m, "id", what + "[]", nonempty=True), "meta": m.get("meta")})
    return out


def _view(inp):
    """{self, roster, grants?, now} (13.8)."""
    return {"self": _str(inp, "self"), "roster": _roster(inp.get("roster")),
            "grants": _grant_map(inp, "grants"), "now": _num(inp, "now")}


def _placeholders(inp):
    v = _present(inp, "placeholders")
    if v is _MISSING:
        return None                             # both exist when absent
    _obj(v, "input.placeholders")
    return {"audio": _bool(v, "audio", "input.placeholders"),
            "video": _bool(v, "video", "input.placeholders")}


# ---- agent key assertions (13.2) -------------------------------------------------------------

def op_thumbprint(inp):
    # `jwk?: any`: any JSON type, absent included, reaches key import [ADP-08], [AGT-10].
    return {"thumbprint": assertion.thumbprint(inp.get("jwk"))}


def op_assertion_sign(inp):
    # Every shape check before any protocol step [ADP-08]; then AGT-02 in order.
    room, fp = _str(inp, "room"), _str(inp, "fp")
    iat = _present(inp, "iat")
    # 10.4: `iat: integer`, of magnitude below 2^53 (CONV-02, CONV-16).
    if iat is _MISSING or not is_integer(iat) or abs(iat) > MAX_SAFE:
        raise InputInvalid("input.iat must be an integer of magnitude below 2^53")
    return {"token": assertion.sign(inp.get("privateJwk"), room, fp, int(iat))}


def op_assertion_verify(inp):
    room = _str(inp, "room")
    # `remoteFp?` string or null: absent or null is an unreadable certificate (step 2).
    remote_fp = _str(inp, "remoteFp", optional=True)
    now = _num(inp, "now")
    # `assertion?: any` reaches step 1, `allowed?: any` step 3 [ADP-08].
    return assertion.verify(inp.get("assertion"), inp.get("allowed"), room, remote_fp, now)


PRESENTER_EVENTS = ("key", "room", "fp", "tick", "close")


def _presenter_event(ev, what):
    _obj(ev, what)
    t = ev.get("type")
    if t not in PRESENTER_EVENTS:
        raise InputInvalid("%s.type must be one of %s" % (what, ", ".join(PRESENTER_EVENTS)))
    out = {"type": t}
    if t in ("room", "fp"):
        # room {room}, fp {fp}: they become known (AGT-12); a string.
        out[t] = _str(ev, t, what)
    return out


def op_presenter_scenario(inp):
    """[AGT-12] one agent's signing clock through a script; the whole input is checked before
    the first step runs (as PRES-55 does for presence scenarios)."""
    config = _obj(inp.get("config"), "input.config")
    room = _str(config, "room", "input.config", optional=True)
    fp = _str(config, "fp", "input.config", optional=True)
    start = _num(inp, "start")
    steps = _list(inp.get("steps"), "input.steps")
    checked, prev = [], start
    for i, s in enumerate(steps, 1):
        what = "input.steps[%d]" % i
        _obj(s, what)
        at = _num(s, "at", what)
        # "A step earlier than the previous one is input.invalid"; the first step is judged
        # against `start` (AMBIGUITIES.md AG-presenter-start).
        if at < prev:
            raise InputInvalid("%s is earlier than %s" % (what, "start" if i == 1
                                                          else "the previous step"))
        checked.append((at, _presenter_event(s.get("event"), what + ".event")))
        prev = at
    clock = Presenter(start, room, fp)
    outputs = []
    for i, (at, ev) in enumerate(checked, 1):
        for p in clock.handle(at, ev):
            outputs.append({"step": i, "at": at, "type": "assertion", "payload": p})
    return {"outputs": outputs}


# ---- credit credentials (13.3) ---------------------------------------------------------------

def op_credit_verify(inp):
    v = _present(inp, "issuer")
    if isinstance(v, str):
        issuers = [v]
    elif isinstance(v, list):
        issuers = _strings(v, "input.issuer")
    else:
        raise InputInvalid("input.issuer must be a string or an array of strings")
    room = _str(inp, "room", optional=True)
    kind = _str(inp, "kind", optional=True)
    leeway = _num(inp, "leeway", optional=True)
    now = _num(inp, "now")
    # `jwt?: any` reaches step 1, `jwks?: any` key selection [ADP-08].
    claims = credit.verify(inp.get("jwt"), inp.get("jwks"), issuers, now, room=room, kind=kind,
                           leeway=leeway)
    return {"claims": claims}


# ---- grants (13.4) ---------------------------------------------------------------------------

def op_default(inp):
    role = _present(inp, "role")
    if role not in ("human", "agent"):
        raise InputInvalid("input.role must be human or agent")
    return {"grant": G.default(role)}                                   # [GRANT-02]


def op_sanitize(inp):
    # `grant?: any`: any JSON value, as received [GRANT-05].
    return {"grant": G.sanitize(inp.get("grant"))}


def op_intersect(inp):
    request = _grant(inp.get("request"), "input.request")
    allowed = _grant(inp.get("allowed"), "input.allowed")
    return {"grant": G.intersect(request, allowed)}                     # [GRANT-06]


def op_effective(inp):
    g = _grant(inp.get("grant"), "input.grant")
    return {"grant": G.effective(g, _num(inp, "now"))}                  # [GRANT-07]


def op_of(inp):
    view = _view(inp)
    peer = _str(inp, "peer")
    return {"grant": G.in_force(view, peer)}                            # [GRANT-04]


# ---- enforcement (13.6, 13.7) ----------------------------------------------------------------

def op_recipients(inp):
    view = _view(inp)
    kind = _str(inp, "kind")
    transfer = _present(inp, "transfer")
    if transfer is _MISSING:
        transfer = None
    elif not isinstance(transfer, str) or transfer not in enforce.TRANSFER_NEEDS:
        raise InputInvalid("input.transfer must be text, image or file")
    to = _str(inp, "to", optional=True)
    if kind in enforce.TRANSFER_KINDS and transfer is None:
        # [CAPS-17] "with `transfer` for `xbegin`, `xchunk` and `xend`, without which the input
        # is `input.invalid`" (AMBIGUITIES.md AG-transfer-member).
        raise InputInvalid("input.transfer is required for %s" % kind)
    try:
        return enforce.recipients(view, kind, transfer, to)             # [CAPS-17]
    except enforce.UnknownKind:
        raise ProtocolError("caps.unknown-kind", "%r is not a content kind of chapter 7" % kind)
    except enforce.NotDirected:
        raise ProtocolError("caps.not-directed", "%s is never sent directed" % kind)


def op_accepts(inp):
    view = _view(inp)
    sender, kind = _str(inp, "from"), _str(inp, "kind")
    return enforce.accepts(view, sender, kind)                          # [CAPS-18]


def op_lanes(inp):
    g = _grant(inp.get("grant"), "input.grant")
    return {"lanes": enforce.lanes(g, _placeholders(inp))}              # [CAPS-13]


MEDIA_EVENTS = ("connect", "disconnect", "overrides", "roster", "tick")


def _media_event(ev, what):
    _obj(ev, what)
    t = ev.get("type")
    if t not in MEDIA_EVENTS:
        raise InputInvalid("%s.type must be one of %s" % (what, ", ".join(MEDIA_EVENTS)))
    if t in ("connect", "disconnect"):
        return {"type": t, "peer": _str(ev, "peer", what)}
    if t == "overrides":
        return {"type": t, "grants": _grant_map(ev, "grants", optional=False)}
    if t == "roster":
        return {"type": t, "roster": _roster(ev.get("roster"), what + ".roster")}
    return {"type": t, "now": _num(ev, "now", what)}


def op_media_scenario(inp):
    """[CAPS-18] one media gate (CAPS-14) created from the view, through the steps; the whole
    input is checked before the first step runs."""
    view = _view(inp)
    ph = _placeholders(inp)
    steps = _list(inp.get("steps"), "input.steps")
    checked = []
    for i, s in enumerate(steps, 1):
        what = "input.steps[%d]" % i
        _obj(s, what)
        checked.append(_media_event(s.get("event"), what + ".event"))
    gate = enforce.MediaGate(view, ph)
    outputs = []
    for i, ev in enumerate(checked, 1):
        t = ev["type"]
        if t == "connect":
            changed = gate.connect(ev["peer"])
        elif t == "disconnect":
            changed = gate.disconnect(ev["peer"])
        elif t == "overrides":
            # [CAPS-18] "the grants of an `overrides` event are sanitized ([GRANT-05])"
            # (AMBIGUITIES.md AG-media-events, decided by the text).
            changed = gate.update(grants=travel.sanitize_map(ev["grants"]))
        elif t == "roster":
            changed = gate.update(roster=ev["roster"])
        else:
            changed = gate.update(now=ev["now"])
        outputs.extend({"step": i, "type": "lanes", "peer": p, "lanes": dict(l)}
                       for p, l in changed)
    return {"outputs": outputs}


# ---- travel (13.5) ---------------------------------------------------------------------------

def op_receive(inp):
    host = _str(inp, "host")
    crypto_host = _bool(inp, "cryptographicHost")
    coordinator = _bool(inp, "coordinator")
    sender = _str(inp, "from")
    # `msg?: any`: the content frame as received.
    new = travel.receive(host, crypto_host, coordinator, sender, inp.get("msg"))
    return {"applied": False} if new is None else {"applied": True, "grants": new}


def op_distribute(inp):
    coordinator = _bool(inp, "coordinator")
    trigger = _present(inp, "trigger")
    if trigger not in ("change", "roster"):
        raise InputInvalid("input.trigger must be change or roster")
    grants = _grant_map(inp, "grants", optional=False)
    return {"send": travel.distribute(coordinator, trigger, grants)}    # [CAPS-02]


def op_merge(inp):
    view = _view(inp)
    own = _grant_map(inp, "own")
    received = _grant_map(inp, "received", optional=False)
    # [CAPS-18] `previous?`: the override map before the frame; "absent or null, the empty
    # map; the view's `grants` is not used" (AMBIGUITIES.md AG-merge-previous, decided).
    previous = _grant_map(inp, "previous")
    return travel.merge(view, own, received, previous)                  # [CAPS-07], [CAPS-08]


def op_bind(inp):
    view = _view(inp)
    records = _grant_map(inp, "records", optional=False)
    fps = _obj(_present(inp, "fps") if _present(inp, "fps") is not _MISSING else None,
               "input.fps")
    if len(fps) > MAX_LIST:
        raise InputInvalid("input.fps has more than %d entries" % MAX_LIST)
    for k, v in fps.items():
        if v is not None and not isinstance(v, str):
            raise InputInvalid("input.fps[%s] must be a string or null" % k)
    return {"set": travel.bind(view, records, fps)}                     # [CAPS-05]


OPS = {
    "agent.thumbprint": op_thumbprint,
    "agent.assertion.sign": op_assertion_sign,
    "agent.assertion.verify": op_assertion_verify,
    "agent.presenter.scenario": op_presenter_scenario,
    "credit.verify": op_credit_verify,
    "caps.default": op_default,
    "caps.sanitize": op_sanitize,
    "caps.intersect": op_intersect,
    "caps.effective": op_effective,
    "caps.of": op_of,
    "caps.recipients": op_recipients,
    "caps.accepts": op_accepts,
    "caps.lanes": op_lanes,
    "caps.receive": op_receive,
    "caps.distribute": op_distribute,
    "caps.merge": op_merge,
    "caps.media.scenario": op_media_scenario,
    "caps.bind": op_bind,
}


def run(op, inp):
    fn = OPS[op]
    if not isinstance(inp, dict):
        raise InputInvalid("input must be an object")
    return fn(inp)
