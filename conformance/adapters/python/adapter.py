#!/usr/bin/env python3
"""kibitz-py conformance adapter: JSON Lines over stdin/stdout (spec chapter 10).

Run with Debian's interpreter (it has python3-cryptography 38):

    /usr/bin/python3 conformance/adapters/python/adapter.py

[ADP-01] one JSON object per line on stdout, nothing else; diagnostics go to stderr.
[ADP-02] exactly one response per request, in order.
[ADP-03] `start` answers with the implementation and its profiles (only `crypto`).
[ADP-04] `run` answers ok/output, ok:false/error, unsupported, or errored.
[ADP-07] unknown ops are `unsupported`; [ADP-08] wrong shapes are `input.invalid`;
[ADP-09] internal failures are `errored`, never a crash; [ADP-10] `stop` exits promptly.
"""

import json
import os
import re
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

PROTOCOL_VERSION = 1


def log(msg):
    sys.stderr.write("[kibitz-py] %s\n" % msg)
    sys.stderr.flush()


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _dump(obj):
    # [ADP-01] one line of UTF-8 JSON. Non-ASCII is written as itself (readable emoji in logs);
    # json.dumps escapes every control character, including CR and LF, so the object stays on
    # one line. A lone surrogate (possible when an input string held one, e.g. fingerprint.canonical of
    # "\ud800") has no UTF-8 form, so it alone is written as a \u escape.
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _LONE_SURROGATE.sub(lambda m: "\\u%04x" % ord(m.group()), text)


def main():
    out = sys.stdout.buffer
    try:
        from kbz import NAME, VERSION, ops
        from kbz.errors import ProtocolError
        load_error = None
    except Exception as e:  # noqa: BLE001 - e.g. python3-cryptography missing [ADP-09]
        load_error = "cannot load kbz: %s: %s" % (type(e).__name__, e)
        log(load_error)
        NAME, VERSION = "kibitz-py", "unknown"

    def send(obj):
        out.write(_dump(obj).encode("utf-8") + b"\n")
        out.flush()

    for raw in sys.stdin.buffer:
        line = raw.strip(b"\r\n")
        if not line.strip():
            continue
        try:
            msg = json.loads(line.decode("utf-8"))
        except Exception as e:  # noqa: BLE001
            log("unparseable request: %s" % e)
            send({"ok": False, "error": {"code": "input.invalid",
                                         "message": "request is not a JSON object line"}})
            continue
        if not isinstance(msg, dict):
            send({"ok": False, "error": {"code": "input.invalid",
                                         "message": "request is not a JSON object"}})
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
                  "profiles": ["crypto"]})
        elif cmd == "run":
            seq = msg.get("seq")
            op = msg.get("op")
            if load_error is not None:
                send({"seq": seq, "errored": True, "message": load_error})
                continue
            if not isinstance(op, str) or op not in ops.OPS:
                send({"seq": seq, "unsupported": True})
                continue
            try:
                output = ops.run(op, msg.get("input"))
                send({"seq": seq, "ok": True, "output": output})
            except ProtocolError as e:
                send({"seq": seq, "ok": False, "error": {"code": e.code, "message": e.message}})
            except Exception as e:  # noqa: BLE001 - [ADP-09] never crash
                log("op %s raised:\n%s" % (op, traceback.format_exc()))
                send({"seq": seq, "errored": True,
                      "message": "%s: %s" % (type(e).__name__, e)})
        elif cmd == "stop":
            send({"ok": True})
            return 0
        else:
            log("unknown cmd %r" % (cmd,))
            send({"ok": False, "error": {"code": "input.invalid",
                                         "message": "unknown cmd %r" % (cmd,)}})
    return 0


if __name__ == "__main__":
    sys.exit(main())
