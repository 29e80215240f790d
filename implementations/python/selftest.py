#!/usr/bin/env python3
"""Run every vector of the profiles kibitz-py implements (`crypto`, `presence`, `admission`, `wire`,
`agents`, `dataplane`) in vectors/*.json through adapter.py over the JSON Lines protocol.

    /usr/bin/python3 implementations/python/selftest.py [-v] [vectors/token.json ...]

Comparison follows spec 10.3: `exact` deep JSON equality (member order ignored, numbers by value,
booleans distinct from numbers, `x-` members ignored) for every op except token.sign,
hostcmd.sign, invite.sign (12.8) and agent.assertion.sign (13.8), which use the `signed-token`
comparison: (a) the signature
verifies with the public part of the given key over the body text, (b) the body decodes to JSON equal to the expected body
with members in the same order, (c) SHOULD: the body equals the expected body byte for byte
(a failure of (c) only is reported as non-strict). An `invalid` vector passes when the adapter
answers ok:false with exactly the expected code.
"""

import glob
import json
import os
import subprocess
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)

from kbz import b64u, ec  # noqa: E402

PROFILES = ("crypto", "presence", "admission", "wire", "agents", "dataplane")


def json_equal(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        # 10.3: numbers are compared by value, read as binary64 [CONV-16]: a vector's
        # 18446744073709552000 is the float 2^64 (Python reads the text as an exact int).
        try:
            return float(a) == float(b)
        except OverflowError:
            return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        ka = {k for k in a if not k.startswith("x-")}
        kb = {k for k in b if not k.startswith("x-")}
        return ka == kb and all(json_equal(a[k], b[k]) for k in ka)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def ordered_equal(a, b):
    """Equal JSON with members in the same order (HCMD-03) at every level."""
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(ordered_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(ordered_equal(x, y) for x, y in zip(a, b))
    return json_equal(a, b)


def signed_token_check(test, got_token):
    """Returns 'pass', 'non-strict' or a failure message."""
    jwk = test["input"]["privateJwk"]
    pub = ec.public_key_from_jwk({k: jwk[k] for k in ("kty", "crv", "x", "y")})
    body_text, _, sig_text = got_token.partition(".")
    if not ec.verify_raw(pub, b64u.decode(sig_text), body_text.encode("ascii")):
        return "signature does not verify"
    exp_body_text = test["expected"]["token"].split(".", 1)[0]
    try:
        got = json.loads(b64u.decode(body_text))
        exp = json.loads(b64u.decode(exp_body_text))
    except ValueError:
        # token.sign signs any text, JSON or not (10.4): compare the bodies as bytes.
        got, exp = b64u.decode(body_text), b64u.decode(exp_body_text)
    if not ordered_equal(got, exp):
        return "body %s != expected %s" % (b64u.decode(body_text), b64u.decode(exp_body_text))
    if body_text != exp_body_text:
        return "non-strict"
    return "pass"


class Adapter:
    def __init__(self):
        self.p = subprocess.Popen(["/usr/bin/python3", os.path.join(HERE, "adapter.py")],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.seq = 0
        hello = self.ask({"cmd": "start", "version": 1})
        assert hello.get("ok") is True, hello

    def ask(self, msg):
        self.p.stdin.write(json.dumps(msg).encode("utf-8") + b"\n")
        self.p.stdin.flush()
        line = self.p.stdout.readline()
        return json.loads(line)

    def run(self, op, inp):
        self.seq += 1
        r = self.ask({"cmd": "run", "seq": self.seq, "op": op, "input": inp})
        assert r.get("seq") == self.seq, r
        return r

    def stop(self):
        self.ask({"cmd": "stop"})
        self.p.wait(timeout=2)


def main(argv):
    verbose = "-v" in argv
    files = [a for a in argv if not a.startswith("-")] or sorted(
        glob.glob(os.path.join(ROOT, "vectors", "*.json")))
    adapter = Adapter()
    total = Counter()
    failures = []
    for f in files:
        doc = json.load(open(f, encoding="utf-8"))
        if doc.get("profile") not in PROFILES:
            continue  # a profile kibitz-py does not implement
        c = Counter()
        for group in doc["groups"]:
            for t in group["tests"]:
                r = adapter.run(t["op"], t["input"])
                if t["result"] == "invalid":
                    ok = r.get("ok") is False and r["error"]["code"] == t["error"]
                    outcome = "pass" if ok else "fail"
                    why = "expected error %s, got %s" % (t["error"], json.dumps(
                        r, ensure_ascii=False)[:300])
                elif r.get("ok") is not True:
                    outcome, why = "fail", "expected output, got %s" % json.dumps(
                        r, ensure_ascii=False)[:300]
                elif t["op"] in ("token.sign", "hostcmd.sign", "invite.sign",
                                 "agent.assertion.sign"):
                    res = signed_token_check(t, r["output"]["token"])
                    outcome = res if res in ("pass", "non-strict") else "fail"
                    why = res
                else:
                    ok = json_equal(r["output"], t["expected"])
                    outcome = "pass" if ok else "fail"
                    why = "got %s" % json.dumps(r["output"], ensure_ascii=False)[:300]
                c[outcome] += 1
                if outcome != "pass":
                    failures.append("%s %s: %s" % (outcome.upper(), t["id"], why))
                if verbose:
                    print("%-10s %s" % (outcome, t["id"]))
        n = sum(c.values())
        print("%-22s %3d/%3d pass%s" % (os.path.basename(f), c["pass"], n, "".join(
            ", %d %s" % (v, k) for k, v in sorted(c.items()) if k != "pass")))
        total += c
    adapter.stop()
    for line in failures:
        print(line)
    print("TOTAL %d/%d pass" % (total["pass"], sum(total.values())))
    return 0 if total["pass"] + total["non-strict"] == sum(total.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
