"""Host-signed moderation commands (spec chapter 4).

Signing builds the payload {k, room, fp, op, target?, iat, jti} in exactly that order [HCMD-03]
and signs it as a compact token (chapter 3). Verification applies the thirteen steps of HCMD-08
in order. The coordinator pipeline adds the size cap [HCMD-12] and the jti replay window [HCMD-13].
"""

import os
from collections import OrderedDict

from . import ec, token
from .errors import ProtocolError
from .fingerprint import canonical
from .jsonutil import is_number, stringify
from .text import utf16_length

KIND = "kbz-host-cmd.v1"                                     # [HCMD-02]
OPS = ("claim", "lobbyon", "lobbyoff", "admit", "deny",      # [HCMD-04]
       "lock", "unlock", "reset", "kick")
TARGET_OPS = ("kick", "admit", "deny")                       # [HCMD-05]
FUTURE_SKEW = 60                                             # [HCMD-11] iat - now <= 60
MAX_AGE = 120                                                # [HCMD-11] now - iat <= 120
MAX_TOKEN_CHARS = 8192                                       # [HCMD-12]
REPLAY_WINDOW = 256                                          # [HCMD-13]


def fresh_jti():
    """[HCMD-06] 12 bytes from a CSPRNG as 24 lower-case hex characters."""
    return os.urandom(12).hex()


def check_request(op, target):
    """[HCMD-19] steps 2 and 3 ([HCMD-17]): refuse an op outside HCMD-04, then kick, admit or
    deny without a non-empty target. Step 1 (the key, hostcmd.bad-host-key) is the caller's,
    since it holds the key."""
    if op not in OPS:
        raise ProtocolError("hostcmd.unknown-op", "unknown host op %r" % (op,))
    if op in TARGET_OPS and not (isinstance(target, str) and target != ""):
        raise ProtocolError("hostcmd.missing-target", "%s needs a non-empty target" % op)


def build_payload(room, fp, op, target, iat, jti):
    """[HCMD-02]..[HCMD-07], [HCMD-17] The command payload, members in signing order.

    [HCMD-07] `fp` is written in canonical form (CONV-11) and `iat` as given, unchanged (whole
    seconds, CONV-02). `target` is included for kick/admit/deny and left out (dropped if
    offered) for every other op [HCMD-05].
    """
    check_request(op, target)
    payload = OrderedDict()
    payload["k"] = KIND
    payload["room"] = room
    payload["fp"] = canonical(fp)
    payload["op"] = op
    if op in TARGET_OPS:
        payload["target"] = target
    payload["iat"] = iat
    payload["jti"] = jti
    return payload


def sign(private_key, room, fp, op, target, iat, jti=None):
    """Sign a host command with an already-checked key (HCMD-19 step 1); returns the token
    string. [CONV-15] body bytes as JSON.stringify."""
    # [HCMD-19] the request is checked "before it draws a `jti` or signs anything".
    check_request(op, target)
    if jti is None:
        jti = fresh_jti()               # [HCMD-06]; a given jti is used as given (10.4)
    payload = build_payload(room, fp, op, target, iat, jti)
    return token.sign(private_key, stringify(payload))


_NO_CONNECTION = object()  # remote_fp sentinel: self-issued command, no connection to bind to


def verify(tok, host_jwk, room, now, remote_fp=_NO_CONNECTION):
    """[HCMD-08] Verify a command, reporting the first failing step's code.

    host_jwk None means the room commits no host key. remote_fp _NO_CONNECTION means the
    coordinator issued the command to itself [HCMD-10]; None, or a string that is empty after
    canonicalisation, means the connection's certificate is unreadable [HCMD-09]. Returns a
    dict {op, target?, jti?}.
    """
    over_connection = remote_fp is not _NO_CONNECTION
    # 1: a non-empty string.
    if not isinstance(tok, str) or tok == "":
        raise ProtocolError("hostcmd.missing", "no command token")
    # 2 [HCMD-01]: a room without a committed host key has no admin.
    if host_jwk is None:
        raise ProtocolError("hostcmd.no-host-key", "the room commits no host key")
    # 3 [TOK-05]
    try:
        key = ec.public_key_from_jwk(host_jwk)
    except ec.BadKey as e:
        raise ProtocolError("hostcmd.bad-host-key", str(e))
    # 4 [HCMD-09]: unreadable = null, or empty after canonicalisation (so "  " is unreadable);
    # it never means "no binding required".
    if over_connection and (not isinstance(remote_fp, str) or canonical(remote_fp) == ""):
        raise ProtocolError("hostcmd.no-remote-fp", "remote certificate unreadable")
    # 5: TOK-06 steps 2..7, with that step's token.* code. Nothing in the payload is read before
    # this returns [TOK-09].
    payload = token.verify_with_key(tok, key)
    # 6 [HCMD-02], [TOK-10]
    if payload.get("k") != KIND:
        raise ProtocolError("hostcmd.wrong-kind", "k is not %s" % KIND)
    # 7: exact string equality with the room id [ROOM-05] (no normalisation of either side).
    proom = payload.get("room")
    if not isinstance(proom, str) or proom != room:
        raise ProtocolError("hostcmd.wrong-room", "room does not match")
    # 8 [HCMD-10]: bound to the live DTLS certificate of this connection, compared canonically.
    if over_connection:
        fp = payload.get("fp")
        if not isinstance(fp, str) or canonical(fp) != canonical(remote_fp):
            raise ProtocolError("hostcmd.not-cert-bound", "fp does not match the connection")
    # 9 [HCMD-04]
    op = payload.get("op")
    if not isinstance(op, str) or op not in OPS:
        raise ProtocolError("hostcmd.unknown-op", "unknown op")
    # 10 [CONV-03]: any JSON number (a bool is not a number).
    iat = payload.get("iat")
    if not is_number(iat):
        raise ProtocolError("hostcmd.no-iat", "iat missing or not a number")
    # 11, 12 [HCMD-11]: both bounds inclusive, compared numerically (fractions allowed), in
    # binary64 arithmetic as JavaScript does [CONV-16].
    if float(iat) - float(now) > FUTURE_SKEW:
        raise ProtocolError("hostcmd.future", "iat too far in the future")
    if float(now) - float(iat) > MAX_AGE:
        raise ProtocolError("hostcmd.stale", "iat too old")
    # 13 [HCMD-18]: a jti that is present (null included) but not a string cannot be
    # replay-guarded.
    if "jti" in payload and not isinstance(payload["jti"], str):
        raise ProtocolError("hostcmd.bad-jti", "jti is present and not a string")
    # Result [HCMD-08]: op; target when the op is kick/admit/deny and the payload's target is a
    # string (a target on any other op is ignored, HCMD-05); jti when present.
    result = {"op": op}
    target = payload.get("target")
    if op in TARGET_OPS and isinstance(target, str):
        result["target"] = target
    if "jti" in payload:
        result["jti"] = payload["jti"]
    return result


class Coordinator:
    """The coordinator's command pipeline [HCMD-12]..[HCMD-15] for one room."""

    def __init__(self, host_jwk, room):
        self.host_jwk = host_jwk
        self.room = room
        # [HCMD-13] insertion-ordered set of the last 256 accepted jtis, oldest first.
        self.window = OrderedDict()

    def process(self, tok, now, remote_fp=_NO_CONNECTION):
        """[HCMD-21] Process one `mod` token in its four steps; returns the verify result or
        raises with the first failing step's code."""
        # Step 1: a non-empty string (HCMD-08 step 1).
        if not isinstance(tok, str) or tok == "":
            raise ProtocolError("hostcmd.missing", "no command token")
        # Step 2 [HCMD-12]: the size cap comes before any verification; "characters" are
        # UTF-16 code units [CONV-17].
        if utf16_length(tok) > MAX_TOKEN_CHARS:
            raise ProtocolError("hostcmd.oversize", "mod token longer than 8192 characters")
        # Step 3: HCMD-08 steps 2 to 13 (step 1 passes again inside).
        result = verify(tok, self.host_jwk, self.room, now, remote_fp)
        # Step 4 [HCMD-13], [HCMD-20]: the replay window. An empty-string jti is a jti like any
        # other (HCMD-20, SHOULD): it enters the window and a repeat is dropped.
        jti = result.get("jti")
        if jti is None:
            return result  # [HCMD-14] legacy command without jti: enacted, not replay-guarded
        if jti in self.window:
            raise ProtocolError("hostcmd.replayed", "jti already accepted")  # [HCMD-13]
        # [HCMD-13] add only after every HCMD-08 check passed; evict the oldest beyond 256.
        self.window[jti] = True
        while len(self.window) > REPLAY_WINDOW:
            self.window.popitem(last=False)
        return result
