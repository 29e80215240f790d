#!/usr/bin/env python3
"""kibitz-py conformance adapter: JSON Lines over stdin/stdout (spec chapter 10).

Run with Debian's interpreter (it has python3-cryptography 38):

    /usr/bin/python3 implementations/python/adapter.py

[ADP-01] one JSON object per line on stdout, nothing else; diagnostics go to stderr.
[ADP-02] exactly one response per request, in order.
[ADP-03] `start` answers with the implementation and the profiles whose op modules loaded: each
profile's ops live in their own module (`kbz/ops_<profile>.py`, listed in PROFILE_MODULES), which
exposes PROFILE, OPS and run(op, input).
[ADP-04] `run` answers ok/output, ok:false/error, unsupported, or errored.
[ADP-07] unknown ops are `unsupported`; [ADP-08] wrong shapes are `input.invalid`;
[ADP-09] internal failures are `errored`, never a crash; [ADP-10] `stop` exits promptly;
[ADP-11] a line that is not a JSON object with a known `cmd`, and a `run` without a positive
integer `seq`, a string `op` and an object `input`, get `adapter.bad-request`; a `run` before
`start`, and a repeated `start`, are served like any other request.
"""

import importlib
import json
import math
import os
import re
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

PROTOCOL_VERSION = 1

# One module per profile, in the order `start` declares them. Another profile is added by
# writing kbz/ops_<profile>.py and listing it here.
PROFILE_MODULES = ("ops_crypto", "ops_presence", "ops_admission", "ops_dataplane", "ops_wire",
                   "ops_agents")


def log(msg):
    sys.stderr.write("[kibitz-py] %s\n" % msg)
    sys.stderr.flush()


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _finite(v):
    # A number beyond the binary64 range reads as infinity [CONV-16] and can be echoed back (in
    # `claims` or `payload`). JSON has no such value; JSON.stringify writes null, and so do we.
    # Iterative, and a copy only when needed: outputs echo received values nested as deep as
    # the request was [MSG-07] (a data-plane `app` payload, say), and a recursive copy would
    # take two Python frames per level.
    stack = [v]
    while stack:
        x = stack.pop()
        if isinstance(x, float) and not math.isfinite(x):
            break
        if isinstance(x, dict):
            stack.extend(x.values())
        elif isinstance(x, list):
            stack.extend(x)
    else:
        return v
    root = [None]
    stack = [(v, root, 0)]
    while stack:
        x, parent, key = stack.pop()
        if isinstance(x, float) and not math.isfinite(x):
            parent[key] = None
        elif isinstance(x, dict):
            d = parent[key] = dict.fromkeys(x)
            stack.extend((y, d, k) for k, y in x.items())
        elif isinstance(x, list):
            lst = parent[key] = [None] * len(x)
            stack.extend((y, lst, i) for i, y in enumerate(x))
        else:
            parent[key] = x
    return root[0]


def _dump(obj):
    # [ADP-01] one line of UTF-8 JSON. Non-ASCII is written as itself (readable emoji in logs);
    # json.dumps escapes every control character, including CR and LF, so the object stays on
    # one line. A lone surrogate (possible when an input string held one, e.g.
    # fingerprint.canonical of "\ud800") has no UTF-8 form, so it alone is written as a \u
    # escape, which ADP-01 allows anywhere.
    text = json.dumps(_finite(obj), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _LONE_SURROGATE.sub(lambda m: "\\u%04x" % ord(m.group()), text)


def main():
    out = sys.stdout.buffer
    profiles, table, load_error = [], {}, None
    try:
        from kbz import NAME, VERSION
        from kbz.errors import ProtocolError, Unsupported
        from kbz.jsonutil import parse_text
    except Exception as e:  # noqa: BLE001 [ADP-09]
        load_error = "cannot load kbz: %s: %s" % (type(e).__name__, e)
        log(load_error)
        NAME, VERSION = "kibitz-py", "unknown"
        parse_text = json.loads
        ProtocolError = Unsupported = ()
    else:
        for name in PROFILE_MODULES:
            try:
                mod = importlib.import_module("kbz." + name)
            except Exception as e:  # noqa: BLE001 - e.g. python3-cryptography missing [ADP-09]
                # That profile is not declared; its ops answer errored with the reason.
                load_error = "cannot load kbz.%s: %s: %s" % (name, type(e).__name__, e)
                log(load_error)
                continue
            profiles.append(mod.PROFILE)
            for op in mod.OPS:
                table[op] = mod

    def send(obj):
        out.write(_dump(obj).encode("utf-8") + b"\n")
        out.flush()

    def bad_request(message, msg=None):
        # [ADP-11] carrying the request's seq if it has one.
        log("bad request: %s" % message)
        reply = {"ok": False, "error": {"code": "adapter.bad-request", "message": message}}
        if isinstance(msg, dict) and "seq" in msg:
            reply = dict({"seq": msg["seq"]}, **reply)
        send(reply)

    for raw in sys.stdin.buffer:
        # [ADP-01] a line ends at \n; a \r before it is tolerated. Every other line, a blank one
        # included, is a request and gets exactly one answer [ADP-02], [ADP-11].
        line = raw.rstrip(b"\n").rstrip(b"\r")
        try:
            msg = parse_text(line.decode("utf-8"))     # [CONV-16] same JSON rules as payloads
        except Exception as e:  # noqa: BLE001
            bad_request("request is not a JSON line: %s" % e)
            continue
        if not isinstance(msg, dict):
            bad_request("request is not a JSON object")
            continue
        cmd = msg.get("cmd")
        if cmd == "start":
            version = msg.get("version")
            if type(version) is not int or version != PROTOCOL_VERSION:
                send({"ok": False, "error": {"code": "adapter.unsupported-version",
                                             "message": "kibitz-py speaks protocol version 1"}})
                continue
            send({"ok": True,
                  "implementation": {"name": NAME, "version": VERSION, "language": "python"},
                  "profiles": profiles})
        elif cmd == "run":
            seq = msg.get("seq")
            op = msg.get("op")
            # A JSON number with an integral value is an integer (7 and 7.0 are one number).
            seq_ok = (type(seq) is int or (type(seq) is float and seq.is_integer())) and seq >= 1
            if not seq_ok or not isinstance(op, str) \
                    or not isinstance(msg.get("input"), dict):
                bad_request("run needs a positive integer seq, a string op and an object input",
                            msg)
                continue
            if op not in table:
                if load_error is not None:
                    send({"seq": seq, "errored": True, "message": load_error})
                else:
                    send({"seq": seq, "unsupported": True})
                continue
            try:
                output = table[op].run(op, msg["input"])
                send({"seq": seq, "ok": True, "output": output})
            except ProtocolError as e:
                send({"seq": seq, "ok": False, "error": {"code": e.code, "message": e.message}})
            except Unsupported as e:
                # [ADP-07] a feature of this op that kibitz-py does not implement: no guess.
                log("op %s unsupported: %s" % (op, e))
                send({"seq": seq, "unsupported": True})
            except Exception as e:  # noqa: BLE001 - [ADP-09] never crash
                log("op %s raised:\n%s" % (op, traceback.format_exc()))
                send({"seq": seq, "errored": True,
                      "message": "%s: %s" % (type(e).__name__, e)})
        elif cmd == "stop":
            send({"ok": True})
            return 0
        else:
            bad_request("unknown cmd %r" % (cmd,), msg)
    return 0


def run_with_deep_stack():
    """[MSG-07] No received value may make a receiver fail, "at any nesting depth". CPython's
    JSON codec and the output writer recurse once per nesting level, so the adapter runs on a
    thread with a large stack and a raised recursion limit: a request nested up to about 100000
    levels is read, and a deeper one is answered `adapter.bad-request` instead of crashing."""
    import threading
    sys.setrecursionlimit(110000)
    threading.stack_size(768 * 1024 * 1024)
    result = []
    worker = threading.Thread(target=lambda: result.append(main()), name="kibitz-py")
    worker.start()
    worker.join()
    return result[0] if result else 1


if __name__ == "__main__":
    sys.exit(run_with_deep_stack())
