#!/usr/bin/env python3
"""Run kibitz-py's adapter with line tracing, recording which of its lines each request executed.

    /usr/bin/python3 scripts/mutation/py_trace.py <kibitz-py dir>/adapter.py <out.jsonl>

The adapter itself is unchanged: this wrapper loads it as a module, traces every thread, and
watches the request lines the adapter reads. Lines executed before the first request is read
(imports, module-level constants) are written as request 0; lines executed while the adapter
handled request k (1-based) are written with it. One JSON object per line:

    {"i": k, "cmd": ..., "op": ..., "lines": {"kbz/room.py": [12, 13, ...], ...}}

The mutation driver pairs the k-th `run` request with the k-th op call the harness made, and so
knows which checks executed which lines of the pristine implementation.
"""

import importlib.util
import json
import os
import sys
import threading

adapter_path, out_path = os.path.abspath(sys.argv[1]), sys.argv[2]
root = os.path.dirname(adapter_path) + os.sep
out = open(out_path, "w", encoding="utf-8")
hits = set()


def local(frame, event, arg):
    if event == "line":
        hits.add((frame.f_code.co_filename, frame.f_lineno))
    return local


def global_trace(frame, event, arg):
    if frame.f_code.co_filename.startswith(root):
        hits.add((frame.f_code.co_filename, frame.f_lineno))
        return local
    return None


def flush(i, raw):
    lines = {}
    for f, n in hits:
        lines.setdefault(os.path.relpath(f, root), []).append(n)
    for v in lines.values():
        v.sort()
    cmd = op = None
    if raw is not None:
        try:
            msg = json.loads(raw)
            cmd, op = msg.get("cmd"), msg.get("op")
        except Exception:  # noqa: BLE001 - a bad line is still a request
            pass
    out.write(json.dumps({"i": i, "cmd": cmd, "op": op, "lines": lines}) + "\n")
    out.flush()
    hits.clear()


class TracedStdin:
    """sys.stdin whose .buffer yields the real lines and marks each request boundary."""

    def __init__(self, real):
        self._real = real

    @property
    def buffer(self):
        return self._lines()

    def _lines(self):
        i, prev = 0, None
        for raw in self._real.buffer:
            flush(i, prev)
            i, prev = i + 1, raw
            yield raw
        flush(i, prev)


sys.argv = [adapter_path]
sys.stdin = TracedStdin(sys.stdin)
spec = importlib.util.spec_from_file_location("kibitz_py_adapter", adapter_path)
adapter = importlib.util.module_from_spec(spec)
threading.settrace(global_trace)
sys.settrace(global_trace)
spec.loader.exec_module(adapter)
code = adapter.run_with_deep_stack()
out.close()
sys.exit(code)
