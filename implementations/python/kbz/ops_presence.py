"""The `presence` profile of the adapter protocol (spec 8.8, chapter 10): input shapes, the
scenario op and the step-by-step session ops.

Shape conventions (10.4, ADP-08, PRES-55): every member the tables of 8.8 list without `?` is
required; `m?` may be absent, and null means absent, except where 8.8 says otherwise (`meta` of
the local op `self` is an object when present, not null). A wrong shape is `input.invalid`, and
for `presence.scenario` the WHOLE input is checked before the first step runs, so a bad step
produces no output at all. Members that carry "any JSON" (`msg` of `message` and `frame`,
`value` of `result`, the `hostKey` and the gate's `gk` of a config) are passed on whatever their
type: the machine judges them (PRES-03, PRES-10, HCMD-08 step 1 and 3, PRES-80, ADP-08). 8.8
types every member of a local op: "`on` and `cam` are booleans, `meta` an object when present
(not null), and every other member a string (`identity`'s `jwt` and `mod`'s `token` included)".

Choices the text leaves open are in AMBIGUITIES.md, P-event-shapes and P-session-ops.

Bounds: at most MAX_SESSIONS open sessions (PRES-56 `presence.too-many-sessions`), at most
MAX_STEPS steps in one scenario and MAX_LIST entries in a config list (`input.invalid`).
"""

import math

from .errors import InputInvalid, ProtocolError
from .jsonutil import is_integer, is_number
from .presence.coordinator import Coordinator, CoordinatorConfig
from .presence.door import MODES as DOOR_MODES, binds_by_default
from .presence.participant import Participant
from .presence.room import Room, RoomConfig
from .presence.traffic import TRAFFIC_MODES

PROFILE = "presence"

MAX_SESSIONS = 64
MAX_STEPS = 100000
MAX_LIST = 100000

ROLES = ("coordinator", "participant", "room")
_NO_MEMBERS = ("open", "closed", "unavailable", "displaced", "tick")
CLAIM_RESULTS = ("won", "taken", "error")

# local op -> {member: (kind, required)}; kinds: bool, str, meta. 8.8: "Every member shown is
# required; `on` and `cam` are booleans, `meta` an object when present (not null), and every
# other member a string" (AMBIGUITIES.md P-event-shapes).
LOCAL_OPS = {
    "self": {"on": ("bool", True), "cam": ("bool", True), "name": ("str", True),
             "avatar": ("str", True), "voiceId": ("str", True), "meta": ("meta", False)},
    "knock": {"name": ("str", True), "avatar": ("str", True)},
    "identity": {"jwt": ("str", True)},
    "agent": {"assertion": ("str", True)},              # 8.10 [PRES-110]
    "credit": {"credential": ("str", True)},            # 8.10 [PRES-110]
    "mod": {"token": ("str", True)},
    "close": {},
    "lobby": {"on": ("bool", True)},
    "lock": {"on": ("bool", True)},
    "gate": {"on": ("bool", True)},
    "reset": {},
    "admit": {"conn": ("str", True)},
    "deny": {"conn": ("str", True)},
    "kick": {"id": ("str", True)},
    "declare-host": {"id": ("str", True)},
}


# ---- shape helpers ---------------------------------------------------------------------------

def _obj(v, what):
    if not isinstance(v, dict):
        raise InputInvalid("%s must be an object" % what)
    return v


def _time(v, what):
    # Times are milliseconds on one clock (8.8); any finite JSON number.
    if not is_number(v) or not math.isfinite(v):
        raise InputInvalid("%s must be a number" % what)
    return v


def _str(d, name, what, required=True, nonempty=False):
    v = d.get(name)
    if v is None:
        if required:
            raise InputInvalid("%s.%s is missing" % (what, name))
        return None
    if not isinstance(v, str) or (nonempty and v == ""):
        raise InputInvalid("%s.%s must be a %sstring" % (what, name, "non-empty " if nonempty else ""))
    return v


def _bool(d, name, what, default=None):
    v = d.get(name)
    if v is None:
        if default is None:
            raise InputInvalid("%s.%s is missing" % (what, name))
        return default
    if not isinstance(v, bool):
        raise InputInvalid("%s.%s must be a boolean" % (what, name))
    return v


def _gate(c):
    """The `gate` config. 8.8: a plain gate is `{require: boolean, bindsFingerprint?: boolean =
    true}`, "`require` is the gate's switch at the start (required for a plain gate, default
    `true` for a gate that names a mode)". 8.9: a gate that names a mode is `{g, gn?: [string…],
    gk?, gm?: string, codes?: [{name: string, code: string}…], limit?: {maxAttempts: integer ≥ 1,
    lockoutMs: integer ≥ 1}, require?: boolean = true, bindsFingerprint?: boolean}`.

    [PRES-76] `g: "open"` is the same as no gate; `g` names one of the six modes of LINK-05
    (another value is input.invalid: "a config is not a link"). "A mode fixes whether its
    credential binds the certificate: names, code and invite never do (PRES-77), google and
    email always do (PRES-83); `bindsFingerprint` is read (as a boolean) only for a plain gate"
    (AMBIGUITIES.md ADM-binds-override). `gk` (the creator key) is any JSON value, passed to
    TOK-05, which fails closed (PRES-80, ADP-08); `gm` is a string (AMBIGUITIES.md
    ADM-gate-config). "Members are read whatever the mode, and each mode uses its own"
    (door.py), so each is type-checked in every gate (AMBIGUITIES.md Ra-gate-binds-type).
    8.10: `credits?: boolean` (default false) says whether the room requires credit credentials
    of agents."""
    g = c.get("gate")
    if g is None:
        return None
    _obj(g, "config.gate")
    mode = g.get("g")
    if mode is not None:
        if not isinstance(mode, str) or mode not in DOOR_MODES:
            raise InputInvalid("config.gate.g must be a gate mode (%s)" % ", ".join(DOOR_MODES))
        if mode == "open":
            return None
    credits = _bool(g, "credits", "config.gate", default=False)
    gn = g.get("gn")
    if gn is not None and not (isinstance(gn, list) and len(gn) <= MAX_LIST
                               and all(isinstance(x, str) for x in gn)):
        raise InputInvalid("config.gate.gn must be an array of strings")
    codes = g.get("codes")
    if codes is not None:
        if not isinstance(codes, list) or len(codes) > MAX_LIST:
            raise InputInvalid("config.gate.codes must be an array of {name, code}")
        for e in codes:
            _obj(e, "config.gate.codes[]")
            _str(e, "name", "config.gate.codes[]")
            _str(e, "code", "config.gate.codes[]")
    limit = g.get("limit")
    if limit is not None:
        _obj(limit, "config.gate.limit")
        n, ms = limit.get("maxAttempts"), limit.get("lockoutMs")
        if not (is_integer(n) and n >= 1 and is_integer(ms) and ms >= 1):
            raise InputInvalid("config.gate.limit needs integers maxAttempts >= 1, lockoutMs >= 1")
        limit = (int(n), int(ms))
    gm = _str(g, "gm", "config.gate", required=False)
    # 8.8: `require` is required for a plain gate (absent or null: input.invalid), and
    # defaults to true for a gate that names a mode (AMBIGUITIES.md P-gate-unconfigured).
    require = _bool(g, "require", "config.gate", default=None if mode is None else True)
    binds = _bool(g, "bindsFingerprint", "config.gate", default=True)
    if mode is not None:
        binds = binds_by_default(mode)              # the mode fixes it [PRES-77], [PRES-83]
    return {"g": mode,
            "gn": gn, "gk": g.get("gk"), "gm": gm, "codes": codes, "limit": limit,
            "credits": credits, "require": require, "bindsFingerprint": binds}


def _traffic(c):
    """8.8 `traffic? = "upstream"`: "upstream", "lean" (PRES-70) or "batched" (PRES-70 and
    PRES-71). 8.8 names only these three, so another value is input.invalid (AMBIGUITIES.md,
    0.2 entry Q-traffic-unknown)."""
    t = _str(c, "traffic", "config", required=False)
    if t is None:
        return "upstream"
    if t not in TRAFFIC_MODES:
        raise InputInvalid("config.traffic must be upstream, lean or batched")
    return t


def _config(role, c):
    _obj(c, "config")
    if role == "participant":
        return {"token": _str(c, "token", "config")}
    common = dict(
        host_key=c.get("hostKey"),              # any JSON; null = absent = no host key
        host_name=_str(c, "hostName", "config", required=False),
        host_email=_str(c, "hostEmail", "config", required=False),
        gate=_gate(c),
        traffic=_traffic(c))
    if role == "coordinator":
        gf = c.get("grandfathered")
        if gf is None:
            gf = []
        elif not isinstance(gf, list) or len(gf) > MAX_LIST or not all(isinstance(x, str) for x in gf):
            raise InputInvalid("config.grandfathered must be an array of strings")
        return CoordinatorConfig(_str(c, "room", "config"), lobby=_bool(c, "lobby", "config", False),
                                 locked=_bool(c, "locked", "config", False),
                                 grandfathered=gf, **common)
    return RoomConfig(_str(c, "room", "config"), _str(c, "token", "config"),
                      lobby_on_start=_bool(c, "lobbyOnStart", "config", False), **common)


def _event(ev):
    """Check one event's shape (8.8 Events table); returns a clean copy for the machine."""
    _obj(ev, "event")
    t = ev.get("type")
    if t in _NO_MEMBERS:
        return {"type": t}
    if t in ("connect", "disconnect"):
        return {"type": t, "conn": _str(ev, "conn", "event", nonempty=True)}
    if t == "message":
        if "msg" not in ev:
            raise InputInvalid("event.msg is missing")
        # msg is "any JSON: the frame as received"; null is a frame too (a malformed one).
        return {"type": t, "conn": _str(ev, "conn", "event", nonempty=True), "msg": ev["msg"]}
    if t == "frame":
        if "msg" not in ev:
            raise InputInvalid("event.msg is missing")
        return {"type": t, "msg": ev["msg"]}
    if t == "result":
        if not is_integer(ev.get("id")):
            raise InputInvalid("event.id must be an integer")
        # 8.8: `value` "required, any JSON" (fingerprint: a non-empty string is readable; verify:
        # "ok", "fail", anything else holds; credit, 8.10: the credential's exp, a number, or
        # "fail"; AMBIGUITIES.md AG-result-value). The machine judges it.
        if "value" not in ev:
            raise InputInvalid("event.value is missing")
        return {"type": t, "id": int(ev["id"]), "value": ev["value"]}
    if t == "claimed":
        if not is_integer(ev.get("id")):
            raise InputInvalid("event.id must be an integer")
        if ev.get("result") not in CLAIM_RESULTS:
            raise InputInvalid("event.result must be won, taken or error")
        return {"type": t, "id": int(ev["id"]), "result": ev["result"]}
    if t == "local":
        op = ev.get("op")
        if not isinstance(op, str) or op not in LOCAL_OPS:
            raise InputInvalid("unknown local op %r" % (op,))
        out = {"type": t, "op": op}
        for name, (kind, required) in LOCAL_OPS[op].items():
            if name not in ev:
                if required:
                    raise InputInvalid("event.%s is missing" % name)
                continue
            v = ev[name]
            # A null is of the wrong type here: a required member is a string or a boolean, and
            # `meta` is "an object when present (not null)" (8.8).
            ok = {"bool": lambda x: isinstance(x, bool), "str": lambda x: isinstance(x, str),
                  "meta": lambda x: isinstance(x, dict)}[kind](v)
            if not ok:
                raise InputInvalid("event.%s has the wrong type" % name)
            out[name] = v
        return out
    raise InputInvalid("unknown event type %r" % (t,))


def _role(inp):
    role = inp.get("role")
    if role not in ROLES:
        raise InputInvalid("role must be coordinator, participant or room")
    return role


def _create(role, config, start):
    """A fresh machine and the outputs of its creation. A room whose authority id no broker
    accepts is refused with room.unclaimable-id [PRES-53]."""
    if role == "coordinator":
        m = Coordinator(config, start)
    elif role == "participant":
        m = Participant(config["token"], start)
    else:
        m = Room(config, start)
    return m, m.take()


# ---- presence.scenario [PRES-55] ----------------------------------------------------------

def op_scenario(inp):
    role = _role(inp)
    config = _config(role, inp.get("config"))
    start = _time(inp.get("start"), "start")
    steps = inp.get("steps")
    if not isinstance(steps, list) or len(steps) > MAX_STEPS:
        raise InputInvalid("steps must be an array of at most %d steps" % MAX_STEPS)
    checked, prev = [], start
    for i, s in enumerate(steps, 1):
        _obj(s, "step %d" % i)
        at = _time(s.get("at"), "step %d at" % i)
        if at < prev:
            raise InputInvalid("step %d is earlier than %s" % (i, "start" if i == 1 else "the previous step"))
        checked.append((at, _event(s.get("event"))))
        prev = at
    m, created = _create(role, config, start)
    outputs = [dict({"step": 0, "at": start}, **o) for o in created]
    for i, (at, ev) in enumerate(checked, 1):
        m.handle(at, ev)
        outputs.extend(dict({"step": i, "at": at}, **o) for o in m.take())
    return {"outputs": outputs}


# ---- presence.open / step / close [PRES-56] -------------------------------------------------

_sessions = {}          # session id -> [machine, time of the previous step]
_next_session = [0]


def op_open(inp):
    role = _role(inp)
    config = _config(role, inp.get("config"))
    start = _time(inp.get("start"), "start")
    if len(_sessions) >= MAX_SESSIONS:
        raise ProtocolError("presence.too-many-sessions",
                            "at most %d sessions may be open" % MAX_SESSIONS)
    m, created = _create(role, config, start)
    _next_session[0] += 1
    sid = "s%d" % _next_session[0]
    _sessions[sid] = [m, start]
    return {"session": sid, "outputs": created, "wake": m.wake()}


def _session(inp):
    sid = inp.get("session")
    if not isinstance(sid, str):
        raise InputInvalid("session must be a string")
    return sid


def op_step(inp):
    sid = _session(inp)
    at = _time(inp.get("at"), "at")
    ev = _event(inp.get("event"))
    s = _sessions.get(sid)
    if s is None:
        raise ProtocolError("presence.unknown-session", "no open session %r" % sid)
    m, prev = s
    if at < prev:
        raise ProtocolError("presence.time-backwards", "at %r is earlier than %r" % (at, prev))
    s[1] = at
    m.handle(at, ev)
    return {"outputs": m.take(), "wake": m.wake()}


def op_close(inp):
    sid = _session(inp)
    if _sessions.pop(sid, None) is None:
        raise ProtocolError("presence.unknown-session", "no open session %r" % sid)
    return {}


OPS = {
    "presence.scenario": op_scenario,
    "presence.open": op_open,
    "presence.step": op_step,
    "presence.close": op_close,
}


def run(op, inp):
    fn = OPS[op]
    if not isinstance(inp, dict):
        raise InputInvalid("input must be an object")
    return fn(inp)
