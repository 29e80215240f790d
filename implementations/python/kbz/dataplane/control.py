"""Sig control frames (spec 7.6, MSG-34, MSG-35) checked against their definitions, with the
fault MSG-39's walk reports.

[MSG-34] A data-plane frame whose `t` is one of the eight control kinds is a control frame.
[MSG-35] Control frames must match their definitions (`dataplane#/$defs/CapFrame`, ...).
[MESH-07] One that does not is dropped "with the code of MSG-39". The definitions are small, so
the walk is written out per definition, in the order MSG-39 takes it: the members of
`properties` in schema order (absent required member: `msg.missing-field`; present: type
`msg.wrong-type`, then `minimum` `msg.bad-value`, then `const`/`enum` `msg.bad-value`), unknown
members ignored (every control object is open, 7.7). A union of a type and null (`relay`,
`sdpMid`, ...) accepts null; a value of neither type is `msg.wrong-type` at the member.
"""

from .text16 import is_int, is_num

CONTROL_KINDS = ("cap", "mh", "mh-dead", "m-dial", "m-sdp", "m-ice", "m-recreate", "bye")


def is_control(msg):
    """[MSG-34] A frame (object) whose `t` is one of the eight control kinds."""
    return isinstance(msg, dict) and isinstance(msg.get("t"), str) and msg["t"] in CONTROL_KINDS


class Fault(Exception):
    def __init__(self, code, pointer):
        super().__init__("%s at %r" % (code, pointer))
        self.code = code
        self.pointer = pointer


def _number(obj, name, ptr, minimum=None, const=None):
    if name not in obj:
        raise Fault("msg.missing-field", ptr + "/" + name)
    v = obj[name]
    if not is_num(v):
        raise Fault("msg.wrong-type", ptr + "/" + name)
    if minimum is not None and v < minimum:
        raise Fault("msg.bad-value", ptr + "/" + name)
    if const is not None and v != const:
        raise Fault("msg.bad-value", ptr + "/" + name)


def _string(obj, name, ptr, required=True, enum=None):
    if name not in obj:
        if required:
            raise Fault("msg.missing-field", ptr + "/" + name)
        return
    v = obj[name]
    if not isinstance(v, str):
        raise Fault("msg.wrong-type", ptr + "/" + name)
    if enum is not None and v not in enum:
        raise Fault("msg.bad-value", ptr + "/" + name)


def _nullable(obj, name, ptr, check):
    """An optional `anyOf [T, null]` member (MSG-39 step 3)."""
    if name not in obj or obj[name] is None:
        return
    check(obj[name], ptr + "/" + name)


def _bool_value(v, p):
    if not isinstance(v, bool):
        raise Fault("msg.wrong-type", p)


def _str_value(v, p):
    if not isinstance(v, str):
        raise Fault("msg.wrong-type", p)


def _index_value(v, p):
    # `integer, minimum 0`: a number with a fraction is not of the branch's type (wrong-type);
    # an integer below 0 is the branch's fault (bad-value)
    if not is_int(v):
        raise Fault("msg.wrong-type", p)
    if v < 0:
        raise Fault("msg.bad-value", p)


def _media_description(d, p):
    if not isinstance(d, dict):
        raise Fault("msg.wrong-type", p)
    _string(d, "type", p, enum=("offer", "answer"))
    _string(d, "sdp", p)


def _ice_candidate(c, p):
    if not isinstance(c, dict):
        raise Fault("msg.wrong-type", p)
    _string(c, "candidate", p)
    _nullable(c, "sdpMid", p, _str_value)
    _nullable(c, "sdpMLineIndex", p, _index_value)
    _nullable(c, "usernameFragment", p, _str_value)


def check(msg):
    """The MSG-39 fault of a control frame (`msg` is_control), as (code, pointer), or None when
    it matches its definition."""
    t = msg["t"]
    try:
        if t == "cap":
            _number(msg, "bulk", "", const=1)
        elif t == "mh":
            for name in ("v", "a", "ov", "oa"):
                _number(msg, name, "", minimum=0)
        elif t == "m-sdp":
            if "d" not in msg:
                raise Fault("msg.missing-field", "/d")
            _media_description(msg["d"], "/d")
            _nullable(msg, "relay", "", _bool_value)
        elif t == "m-ice":
            if "c" not in msg:
                raise Fault("msg.missing-field", "/c")
            _ice_candidate(msg["c"], "/c")
        elif t == "m-recreate":
            _nullable(msg, "relay", "", _bool_value)
        # mh-dead, m-dial, bye: only `t`
    except Fault as f:
        return f.code, f.pointer
    return None
