#!/usr/bin/env python3
"""kibitz-py peer program: the peer-mode control protocol of spec 10.6 on stdin/stdout.

Run with Debian's interpreter (python3-aiortc, python3-websockets, python3-cryptography):

    /usr/bin/python3 implementations/python/peer.py

It speaks the framing and messages of 10.1 and 10.2 and declares the profile `peer` [ADP-30].
Every `peer.join` starts a live Kibitz peer (kbz/live/) on the broker the harness names, with
its own certificate, real WebRTC data connections (aiortc) and the presence machines of
chapter 8 on a real clock. Peers keep running between requests [ADP-31]; each request is
answered as soon as its local effect is done.

[ADP-01] only response lines on stdout, diagnostics on stderr (`KIBITZ_PY_DEBUG=1` for more).
[ADP-02] one response per request, in order. [ADP-09] an internal failure answers `errored`.
[ADP-10], [ADP-44] on `stop` or the end of stdin every peer leaves, and the program exits
within 2 s.
"""

import asyncio
import json
import logging
import math
import os
import re
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

PROTOCOL_VERSION = 1
MAX_LINE = 16 * 1024 * 1024
DEBUG = os.environ.get("KIBITZ_PY_DEBUG") not in (None, "", "0")


def log(msg):
    try:
        sys.stderr.write("[kibitz-py peer] %s\n" % msg)
        sys.stderr.flush()
    except Exception:  # noqa: BLE001
        pass


def quiet_log(msg):
    if DEBUG:
        log(msg)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _finite(v):
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if isinstance(v, dict):
        return {k: _finite(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_finite(x) for x in v]
    return v


def _dump(obj):
    # [ADP-01] one line of UTF-8 JSON; a lone surrogate written as a \u escape.
    text = json.dumps(_finite(obj), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _LONE_SURROGATE.sub(lambda m: "\\u%04x" % ord(m.group()), text)


class Program:
    def __init__(self):
        self.out = sys.stdout.buffer
        self.control = None
        self.load_error = None
        try:
            from kbz import NAME, VERSION
            from kbz.errors import ProtocolError
            from kbz.jsonutil import parse_text
            self.name, self.version = NAME, VERSION
            self.ProtocolError, self.parse_text = ProtocolError, parse_text
        except Exception as e:  # noqa: BLE001 [ADP-09]
            self.name, self.version = "kibitz-py", "unknown"
            self.ProtocolError, self.parse_text = (), json.loads
            self.load_error = "cannot load kbz: %s: %s" % (type(e).__name__, e)
            log(self.load_error)
            return
        try:
            from kbz.live.control import Control
            self.control = Control(quiet_log if not DEBUG else log)
            self.ops = __import__("kbz.live.control", fromlist=["OPS"]).OPS
        except Exception as e:  # noqa: BLE001 - e.g. python3-aiortc missing [ADP-09]
            self.load_error = "cannot load the live peer: %s: %s" % (type(e).__name__, e)
            log(self.load_error)

    def send(self, obj):
        try:
            self.out.write(_dump(obj).encode("utf-8") + b"\n")
            self.out.flush()
        except Exception as e:  # noqa: BLE001 - stdout gone: nothing to answer to
            log("cannot write a response: %r" % (e,))

    def bad_request(self, message, msg=None):
        reply = {"ok": False, "error": {"code": "adapter.bad-request", "message": message}}
        if isinstance(msg, dict) and "seq" in msg:
            reply = dict({"seq": msg["seq"]}, **reply)
        self.send(reply)

    def handle(self, line):
        """One request line; returns False on `stop`."""
        try:
            msg = self.parse_text(line.decode("utf-8"))
        except Exception as e:  # noqa: BLE001
            self.bad_request("request is not a JSON line: %s" % e)
            return True
        if not isinstance(msg, dict):
            self.bad_request("request is not a JSON object")
            return True
        cmd = msg.get("cmd")
        if cmd == "start":
            version = msg.get("version")
            if type(version) is not int or version != PROTOCOL_VERSION:
                self.send({"ok": False, "error": {"code": "adapter.unsupported-version",
                                                  "message": "kibitz-py speaks version 1"}})
                return True
            # [ADP-30] the profile `peer`, declared only when the live peer loaded.
            self.send({"ok": True,
                       "implementation": {"name": self.name, "version": self.version,
                                          "language": "python"},
                       "profiles": ["peer"] if self.control is not None else []})
        elif cmd == "run":
            seq, op = msg.get("seq"), msg.get("op")
            seq_ok = (type(seq) is int or (type(seq) is float and seq.is_integer())) and seq >= 1
            if not seq_ok or not isinstance(op, str) or not isinstance(msg.get("input"), dict):
                self.bad_request("run needs a positive integer seq, a string op and an object "
                                 "input", msg)
                return True
            if self.control is None:
                self.send({"seq": seq, "errored": True, "message": self.load_error})
                return True
            if op not in self.ops:
                self.send({"seq": seq, "unsupported": True})        # [ADP-07]
                return True
            try:
                output = self.control.run(op, msg["input"])
                self.send({"seq": seq, "ok": True, "output": output})
            except self.ProtocolError as e:
                self.send({"seq": seq, "ok": False,
                           "error": {"code": e.code, "message": e.message}})
            except Exception as e:  # noqa: BLE001 - [ADP-09]
                log("op %s raised:\n%s" % (op, traceback.format_exc()))
                self.send({"seq": seq, "errored": True,
                           "message": "%s: %s" % (type(e).__name__, e)})
        elif cmd == "stop":
            self.send({"ok": True})
            return False
        else:
            self.bad_request("unknown cmd %r" % (cmd,), msg)
        return True

    async def finish(self):
        """[ADP-44] every peer leaves; the closes get at most 1.2 s, so that the program exits
        within 2 s [ADP-10]."""
        if self.control is None:
            return
        self.control.leave_all()
        from kbz.live import dataconn, peer
        await asyncio.sleep(0)
        try:
            await asyncio.wait_for(asyncio.gather(peer.wait_closers(1.2),
                                                  dataconn.wait_closed(1.2)), 1.3)
        except Exception:  # noqa: BLE001
            pass


async def main():
    prog = Program()
    loop = asyncio.get_running_loop()

    def exceptions(loop, context):
        # aiortc and aioice report failures of their own tasks here; they never end the program.
        exc = context.get("exception")
        quiet_log("event loop: %s %r" % (context.get("message"), exc))

    loop.set_exception_handler(exceptions)
    reader = asyncio.StreamReader(limit=MAX_LINE)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while True:
        try:
            raw = await reader.readuntil(b"\n")
        except asyncio.IncompleteReadError as e:
            if e.partial.strip():
                prog.handle(e.partial.rstrip(b"\r"))
            break                                                   # end of input [ADP-44]
        except asyncio.LimitOverrunError:
            # A request line longer than 16 MiB: skip it up to its newline, answer bad-request.
            while True:
                try:
                    await reader.readuntil(b"\n")
                    break
                except asyncio.LimitOverrunError as e:
                    await reader.readexactly(e.consumed)
                except asyncio.IncompleteReadError:
                    break
            prog.bad_request("request line too long")
            continue
        line = raw[:-1].rstrip(b"\r")
        if not prog.handle(line):
            break
    await prog.finish()
    # Leftover library tasks (aiortc, aioice) must not hold the process past ADP-10's 2 s.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    logging.basicConfig(level=logging.CRITICAL if not DEBUG else logging.WARNING)
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
    os._exit(0)
