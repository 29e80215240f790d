#!/usr/bin/env python3
"""A minimal Kibitz conformance adapter in Python, standard library only.

It speaks the adapter protocol of spec/10-adapter-protocol.md (JSON Lines on stdin/stdout) and
answers two crypto ops as examples. Replace them with calls into your implementation, add ops to
OPS, and list the profiles you implement in PROFILES. Everything else is done here: framing,
bad requests (ADP-11), unknown ops (ADP-07), wrong input shapes (ADP-08), x- members (ADP-12),
internal errors (ADP-09) and stop (ADP-10).

    npx -p kibitz-protocol kibitz-conformance --impl "cmd:python3 adapter.py"
"""
import json
import sys

IMPLEMENTATION = {"name": "my-kibitz", "version": "0.0.0", "language": "python"}
PROFILES = ["crypto"]


class InputInvalid(Exception):
    """The input does not have the shape the op defines: answered input.invalid (ADP-08)."""


class ProtocolError(Exception):
    """The op rejected its input with a spec error code (ADP-06), e.g. room.unclaimable-id."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def text(inp, name, default=None):
    value = inp.get(name, default)
    if value is None and default is not None:
        value = default
    if not isinstance(value, str):
        raise InputInvalid(f"{name} must be a string")
    return value


# ECMAScript's trim set (CONV-08): not the same as Python's str.strip() (U+FEFF is trimmed,
# U+001C..U+001F and U+0085 are not).
ECMA_SPACE = "\t\n\u000b\u000c\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


def room_normalize(inp):
    """spec/02-room-ids.md ROOM-01: lower-case, runs of non-[a-z0-9] to '-', strip '-', cut at 40."""
    name = text(inp, "name", "")
    out, dash = [], False
    for ch in name.lower():
        if "a" <= ch <= "z" or "0" <= ch <= "9":
            out.append(ch)
            dash = False
        elif not dash:
            out.append("-")
            dash = True
    return {"room": "".join(out).strip("-")[:40]}


def fingerprint_canonical(inp):
    """spec/01-conventions.md CONV-11: trim (the ECMAScript set), then lower-case."""
    return {"fp": text(inp, "fp").strip(ECMA_SPACE).lower()}


OPS = {
    "room.normalize": room_normalize,
    "fingerprint.canonical": fingerprint_canonical,
}


def bad_request(why, msg=None):
    reply = {"ok": False, "error": {"code": "adapter.bad-request", "message": why}}
    if isinstance(msg, dict) and "seq" in msg:  # ADP-11: the seq member comes back unchanged, whatever it is
        reply["seq"] = msg["seq"]
    return reply


def positive_integer(v):
    """ADP-04: a seq is a JSON number read by its value (1, 1.0 and 1e0 are all 1)."""
    if isinstance(v, bool):
        return None
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return v if isinstance(v, int) and v >= 1 else None


def run(msg):
    seq, op, inp = positive_integer(msg.get("seq")), msg.get("op"), msg.get("input")
    if seq is None or not isinstance(op, str) or not isinstance(inp, dict):
        return bad_request("run needs a positive integer seq, a string op and an object input", msg)
    handler = OPS.get(op)
    if handler is None:
        return {"seq": seq, "unsupported": True}
    try:
        return {"seq": seq, "ok": True, "output": handler(inp)}
    except InputInvalid as e:
        return {"seq": seq, "ok": False, "error": {"code": "input.invalid", "message": str(e)}}
    except ProtocolError as e:
        return {"seq": seq, "ok": False, "error": {"code": e.code, "message": str(e)}}
    except Exception as e:  # a bug here: answer errored, never crash (ADP-09)
        return {"seq": seq, "errored": True, "message": f"{type(e).__name__}: {e}"}


def answer(raw):
    """The reply to one request line, and whether to exit after it."""
    try:
        msg = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return bad_request("the line is not JSON"), False
    if not isinstance(msg, dict):
        return bad_request("the line is not a JSON object"), False
    cmd = msg.get("cmd")  # members named x-* are never read (ADP-12)
    if cmd == "start":
        if msg.get("version") != 1 or isinstance(msg.get("version"), bool):
            return {"ok": False, "error": {"code": "adapter.unsupported-version", "message": "only version 1"}}, False
        return {"ok": True, "implementation": IMPLEMENTATION, "profiles": PROFILES}, False
    if cmd == "run":
        return run(msg), False
    if cmd == "stop":
        return {"ok": True}, True
    return bad_request(f"unknown cmd {cmd!r}", msg), False


def main():
    out = sys.stdout
    for raw in sys.stdin.buffer:  # one request per line; nothing but answers goes to stdout (ADP-01)
        try:
            reply, stop = answer(raw.rstrip(b"\r\n"))
            line = json.dumps(reply, ensure_ascii=False, separators=(",", ":"))
        except Exception as e:  # e.g. RecursionError while printing: still one answer (ADP-02)
            reply, stop = {"errored": True, "message": f"{type(e).__name__}: {e}"}, False
            line = json.dumps(reply)
        out.write(line + "\n")
        out.flush()
        if stop:
            return


if __name__ == "__main__":
    sys.setrecursionlimit(10000)
    main()
