"""The `dataplane` profile of the adapter protocol (spec 14.9, chapter 10): input shapes and
dispatch.

Shape conventions (10.4, ADP-08): the input of every op is checked against its contract (the
op table of 14.9, `schemas/json/ops.schema.json`) before any protocol step; a wrong shape is
`input.invalid`. `m?` members may be absent, and null means absent. Members typed `any` (the
`frame` of content.receive, the `msg` of a frame event) are passed on whatever they hold: the
receive steps judge them (CONT-03, MSG-07). Bytes are hexadecimal, either case on input
(14.9). For the scenario ops (`xfer.receive`, `meshpair.scenario`) the WHOLE input, every
step's event included, is checked before the first step runs.

Bounds: MAX_STEPS steps per scenario, MAX_LIST entries in a list of the state or config, and
MAX_HEX hexadecimal digits in one byte string (`input.invalid` beyond); an `xfer.send` whose
frames would not fit one 16 MiB response line (ADP-13) is answered `errored`.
"""

import math
import re

from .dataplane import chunkhdr, xfer
from .dataplane.content import Receiver
from .dataplane.meshpair import MeshPair
from .dataplane.receiver import TransferReceiver
from .errors import InputInvalid
from .jsonutil import is_integer, is_number

PROFILE = "dataplane"

MAX_STEPS = 100000
MAX_LIST = 100000
MAX_HEX = 2 * 64 * 1024 * 1024          # 64 MiB of bytes in one hex input
MAX_LINE = 16 * 1024 * 1024 - 65536     # [ADP-13] the response line, with room for the envelope

_HEX = re.compile(r"(?:[0-9a-fA-F]{2})*")
_SAFE = 9007199254740991


class OutputTooLarge(Exception):
    """An output that would break ADP-13's line bound; the adapter answers `errored`."""


# ---- shape helpers ---------------------------------------------------------------------------

def _obj(v, what):
    if not isinstance(v, dict):
        raise InputInvalid("%s must be an object" % what)
    return v


def _opt(d, name):
    """An `m?` member: absent and null are the same."""
    v = d.get(name)
    return None if v is None else v


def _str(d, name, what, required=True, nonempty=False):
    v = d.get(name)
    if v is None:
        if required:
            raise InputInvalid("%s.%s is missing" % (what, name))
        return None
    if not isinstance(v, str) or (nonempty and v == ""):
        raise InputInvalid("%s.%s must be a %sstring" % (what, name,
                                                       "non-empty " if nonempty else ""))
    return v


def _bool(d, name, what, default):
    v = d.get(name)
    if v is None:
        return default
    if not isinstance(v, bool):
        raise InputInvalid("%s.%s must be a boolean" % (what, name))
    return v


def _num(d, name, what, default=None, required=False):
    v = d.get(name)
    if v is None:
        if required:
            raise InputInvalid("%s.%s is missing" % (what, name))
        return default
    if not is_number(v):
        raise InputInvalid("%s.%s must be a number" % (what, name))
    return v


def _safe_int(d, name, what, required=True, minimum=-_SAFE):
    v = d.get(name)
    if v is None:
        if required:
            raise InputInvalid("%s.%s is missing" % (what, name))
        return None
    if not is_integer(v) or not minimum <= v <= _SAFE:
        raise InputInvalid("%s.%s must be an integer from %d to 2^53-1" % (what, name, minimum))
    return int(v)


def _list(d, name, what, required=False):
    v = d.get(name)
    if v is None:
        if required:
            raise InputInvalid("%s.%s is missing" % (what, name))
        return None
    if not isinstance(v, list) or len(v) > MAX_LIST:
        raise InputInvalid("%s.%s must be an array of at most %d entries" % (what, name, MAX_LIST))
    return v


def _strings(d, name, what, required=False):
    v = _list(d, name, what, required)
    if v is not None and not all(isinstance(x, str) for x in v):
        raise InputInvalid("%s.%s must be an array of strings" % (what, name))
    return v


def _hex(d, name, what):
    v = _str(d, name, what)
    if len(v) > MAX_HEX or _HEX.fullmatch(v) is None:
        raise InputInvalid("%s.%s must be hexadecimal bytes" % (what, name))
    return bytes.fromhex(v)


# ---- the receiver state (CONT-32) ----------------------------------------------------------

def _state(s, what, extra=False):
    """The `state` of content.receive, or the `config` of xfer.receive (with `resume?` and
    `download?`). Returns the Receiver keyword arguments (and the two flags)."""
    if s is None:
        s = {}
    _obj(s, what)
    kw = {"now": _num(s, "now", what, 0), "recv_seq": _num(s, "recvSeq", what, 0)}
    roster = []
    for i, m in enumerate(_list(s, "roster", what) or []):
        _obj(m, "%s.roster[%d]" % (what, i))
        roster.append((_str(m, "id", what + ".roster"), _str(m, "name", what + ".roster")))
    kw["roster"] = roster
    held = []
    for i, m in enumerate(_list(s, "held", what) or []):
        _obj(m, "%s.held[%d]" % (what, i))
        held.append((_str(m, "mid", what + ".held"),
                     _bool(m, "replayed", what + ".held", False)))
    kw["held"] = held
    schemas = []
    for i, m in enumerate(_list(s, "schemas", what) or []):
        _obj(m, "%s.schemas[%d]" % (what, i))
        schemas.append((_str(m, "from", what + ".schemas"), _str(m, "name", what + ".schemas")))
    kw["schemas"] = schemas
    widgets = []
    for i, m in enumerate(_list(s, "widgets", what) or []):
        _obj(m, "%s.widgets[%d]" % (what, i))
        widgets.append((_str(m, "id", what + ".widgets"), _str(m, "author", what + ".widgets")))
    kw["widgets"] = widgets
    for name, key in (("ledger", "ledger_replica"), ("chatledger", "chatledger_replica")):
        v = s.get(name)
        if v is not None and not isinstance(v, dict):
            raise InputInvalid("%s.%s must be an object" % (what, name))
        kw[key] = v
    sink = s.get("sink")
    if sink is None:
        sink = "memory"
    elif sink not in ("memory", "disk"):
        raise InputInvalid("%s.sink must be memory or disk" % what)
    kw["sink"] = sink
    kw["sender_may_act"] = _bool(s, "senderMayAct", what, True)
    if extra:
        return kw, _bool(s, "resume", what, False), _bool(s, "download", what, False)
    return kw


# ---- content.receive [CONT-32] -----------------------------------------------------------------

def op_content_receive(inp):
    sender = _str(inp, "from", "input")
    if "frame" not in inp:
        raise InputInvalid("input.frame is missing")        # null is a frame (not an object)
    kw = _state(inp.get("state"), "state")
    r = Receiver(**kw)
    return {"content": r.receive(sender, inp["frame"])}


# ---- content.recipients [CONT-33] --------------------------------------------------------------

def op_content_recipients(inp):
    from .dataplane.recipients import recipients
    me = _str(inp, "self", "input")
    roster = _strings(inp, "roster", "input", required=True)
    k = _str(inp, "k", "input")
    kind = inp.get("kind")
    if kind is not None and kind not in ("text", "image", "file"):
        raise InputInvalid("input.kind must be text, image or file")
    to = _str(inp, "to", "input", required=False)
    withhold = []
    for i, w in enumerate(_list(inp, "withhold", "input") or []):
        _obj(w, "input.withhold[%d]" % i)
        withhold.append((_str(w, "peer", "input.withhold"), _str(w, "perceive", "input.withhold")))
    return {"to": recipients(me, roster, k, kind, to, withhold)}


# ---- xfer.plan [XFER-21] -------------------------------------------------------------------------

def op_xfer_plan(inp):
    size = _num(inp, "size", "input", required=True)
    kind = inp.get("kind")
    if kind not in ("text", "image", "file"):
        raise InputInvalid("input.kind must be text, image or file")
    features = _strings(inp, "features", "input", required=True)
    mine = _strings(inp, "self", "input")
    return xfer.plan(size, kind, features, mine)


# ---- xfer.send [XFER-22] -------------------------------------------------------------------------

def op_xfer_send(inp):
    tid = _str(inp, "id", "input")
    kind = inp.get("kind")
    if kind not in ("text", "image", "file"):
        raise InputInvalid("input.kind must be text, image or file")
    payload = _hex(inp, "payload", "input")
    framing = inp.get("framing")
    if framing not in ("binary", "base64"):
        raise InputInvalid("input.framing must be binary or base64")
    kw = {}
    for name in ("mime", "name", "mid", "author", "authorName"):
        kw[name] = _str(inp, name, "input", required=False)
    kw["dm"] = _bool(inp, "dm", "input", False)
    kw["offer"] = _bool(inp, "offer", "input", False)
    kw["ts"] = _safe_int(inp, "ts", "input", required=False)
    kw["from_"] = _safe_int(inp, "from", "input", required=False, minimum=0)
    frames = xfer.send(tid, kind, payload, framing, **kw)
    # [ADP-13] a response line is at most 16 MiB; a payload whose frames would not fit is an
    # internal limit of this adapter (errored), not a protocol answer
    size = sum(len(f["hex"]) if "hex" in f else len(f["msg"].get("data", "")) + 200
               for f in frames)
    if size > MAX_LINE:
        raise OutputTooLarge("the frames of a %d-byte payload do not fit one 16 MiB response line"
                             % len(payload))
    return {"frames": frames}


# ---- xfer.chunkFrame, xfer.parseChunkFrame [XFER-23] -------------------------------------------

def op_chunk_frame(inp):
    tid = _str(inp, "id", "input")
    i = _num(inp, "i", "input", required=True)
    payload = _hex(inp, "payload", "input")
    return {"hex": chunkhdr.encode(tid, i, payload).hex()}


def op_parse_chunk_frame(inp):
    frame = _hex(inp, "hex", "input")
    tid, i, payload = chunkhdr.parse(frame)
    return {"id": tid, "i": i, "payload": payload.hex()}


# ---- scenarios: xfer.receive [XFER-24], meshpair.scenario [MESH-28] ------------------------------

def _steps(inp, check_event):
    start = _safe_int(inp, "start", "input")
    steps = inp.get("steps")
    if not isinstance(steps, list) or len(steps) > MAX_STEPS:
        raise InputInvalid("input.steps must be an array of at most %d steps" % MAX_STEPS)
    checked, prev = [], start
    for i, s in enumerate(steps, 1):
        _obj(s, "step %d" % i)
        at = _safe_int(s, "at", "step %d" % i)
        if at < prev:
            raise InputInvalid("step %d is earlier than %s"
                               % (i, "start" if i == 1 else "the previous step"))
        checked.append((at, check_event(_obj(s.get("event"), "step %d event" % i))))
        prev = at
    return start, checked


def _run_steps(machine, checked):
    outputs = []
    for i, (at, ev) in enumerate(checked, 1):
        for o in machine.handle(at, ev):
            outputs.append(dict({"step": i, "at": at}, **o))
    return {"outputs": outputs}


def op_xfer_receive(inp):
    cfg = inp.get("config")
    kw, resume, download = _state(cfg, "config", extra=True)
    start, checked = _steps(inp, TransferReceiver.check_event)
    m = TransferReceiver(Receiver(**kw), start, resume=resume, download=download)
    return _run_steps(m, checked)


def op_meshpair_scenario(inp):
    c = _obj(inp.get("config"), "input.config")
    me = _str(c, "self", "config", nonempty=True)
    peer = _str(c, "peer", "config", nonempty=True)
    media = _bool(c, "media", "config", False)
    hold = _bool(c, "rosterHold", "config", True)
    start, checked = _steps(inp, MeshPair.check_event)
    m = MeshPair(me, peer, start, media=media, roster_hold=hold)
    return _run_steps(m, checked)


OPS = {
    "content.receive": op_content_receive,
    "content.recipients": op_content_recipients,
    "xfer.plan": op_xfer_plan,
    "xfer.send": op_xfer_send,
    "xfer.chunkFrame": op_chunk_frame,
    "xfer.parseChunkFrame": op_parse_chunk_frame,
    "xfer.receive": op_xfer_receive,
    "meshpair.scenario": op_meshpair_scenario,
}


def run(op, inp):
    if not isinstance(inp, dict):
        raise InputInvalid("input must be an object")
    return OPS[op](inp)
