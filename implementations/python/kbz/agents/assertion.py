"""Agent key assertions (spec 13.2): a compact signed token (chapter 3) whose payload is
{k: "kbz-agent-key.v1", room, fp, iat}, and the RFC 7638 thumbprint of an agent key.

[AGT-01] members exactly k, room, fp, iat in this order, fp canonicalised, iat an integer;
         signed as TOK-01 to TOK-03 require.
[AGT-02] the signer's refusals in order: key (TOK-11), empty room, empty fingerprint.
[AGT-06] the verifier's ten steps in order, first failure reported.
[AGT-07] the allow-list is walked in order; the first entry whose key passes TOK-06 steps 1 to 7
         is the matched entry, and a failure of a claim after that is final.
[AGT-08] the result: keyId, caps (sanitized, when truthy), label (when a string).
[AGT-09] an entry that is not an object, or whose key is not a valid P-256 public JWK, is
         skipped.
[AGT-10] the thumbprint: B64U(SHA-256(UTF-8(J))), J = {"crv","kty","x","y"} of the key.
[AGT-11] the freshness bounds are inclusive.
"""

import hashlib

from .. import b64u, ec, token
from ..errors import ProtocolError
from ..fingerprint import canonical
from ..jsonutil import is_number, stringify
from ..text import utf8
from .grants import js_truthy, sanitize

KIND = "kbz-agent-key.v1"
FUTURE_S = 60           # [AGT-06] step 9, [AGT-11]
STALE_S = 300           # [AGT-06] step 10, [AGT-11]


def thumbprint(jwk):
    """[AGT-10] The RFC 7638 thumbprint of a P-256 public JWK. Only crv, kty, x and y enter it,
    in that order, with their values as in the key; `ext`, `key_ops`, `kid`, `d` never do.
    Anything that is not a valid P-256 public JWK (TOK-05) is `key.bad-jwk`."""
    try:
        ec.public_key_from_jwk(jwk)
    except ec.BadKey as e:
        raise ProtocolError("key.bad-jwk", str(e))
    # [CONV-15] the JSON text as JSON.stringify writes it. The four values are strings that
    # TOK-05 has checked (x and y base64url, so ASCII), and they are written as given: a key
    # whose x carries "=" padding (CONV-05 accepts it) keeps it in J
    # (AMBIGUITIES.md AG-thumb-values).
    j = stringify({"crv": jwk["crv"], "kty": jwk["kty"], "x": jwk["x"], "y": jwk["y"]})
    return b64u.encode(hashlib.sha256(utf8(j)).digest())


def payload(room, fp, iat):
    """[AGT-01] the payload object, members in signing order, fp canonicalised (CONV-11)."""
    return {"k": KIND, "room": room, "fp": canonical(fp), "iat": iat}


def sign(private_jwk, room, fp, iat):
    """[AGT-02] refusals in order, then [AGT-01] the signed token. `iat` is an integer (the
    caller checked it, 10.4)."""
    # Step 1: the private key, checked in TOK-11's order (object, kty/crv, point, d); any JSON
    # type reaches this step [ADP-08].
    try:
        key = ec.private_key_from_jwk(private_jwk)
    except ec.BadKey as e:
        raise ProtocolError("key.bad-jwk", str(e))
    # Step 2: the room id is not empty. It is used as given (10.4): no normalisation.
    if room == "":
        raise ProtocolError("agent.no-room", "the room id is empty")
    # Step 3: the fingerprint is not empty after canonicalisation (CONV-11).
    if canonical(fp) == "":
        raise ProtocolError("agent.no-fp", "the fingerprint is empty after canonicalisation")
    # [AGT-01] [CONV-15] serialised as JSON.stringify would, so the body reproduces.
    return token.sign(key, stringify(payload(room, fp, int(iat))))


def _match(assertion, allowed):
    """[AGT-07], [AGT-09] the first entry, in allow-list order, whose key passes TOK-06 steps 1
    to 7 on the assertion: (entry, payload), or None."""
    for entry in allowed:
        if not isinstance(entry, dict):
            continue                                    # [AGT-09] not an object: skipped
        try:
            key = ec.public_key_from_jwk(entry.get("key"))
        except ec.BadKey:
            continue                                    # [AGT-09] not a P-256 public JWK
        try:
            # TOK-06 steps 2 to 7 with that key (step 1 passed just above). A body that
            # verifies but is not a JSON object fails step 6 or 7 here, so it is "not this
            # key" (13.2, Interoperability).
            return entry, token.verify_with_key(assertion, key)
        except ProtocolError:
            continue
    return None


def verify(assertion, allowed, room, remote_fp, now):
    """[AGT-06] Verify an assertion against an ordered allow-list for the room id, the live
    remote fingerprint of the presence connection (None: unreadable) and the time `now` in
    epoch seconds. Returns {keyId, caps?, label?} [AGT-08] or raises ProtocolError(agent.*)."""
    # Step 1: a non-empty string; any other JSON type fails here [ADP-08].
    if not isinstance(assertion, str) or assertion == "":
        raise ProtocolError("agent.missing", "the assertion is missing, empty or not a string")
    # Step 2 [AGT-05]: the remote fingerprint read from the DTLS certificate; absent, null or
    # empty after canonicalisation is unreadable (whitespace-only too, as BIND-05 says).
    if not isinstance(remote_fp, str) or canonical(remote_fp) == "":
        raise ProtocolError("agent.no-remote-fp", "the connection's certificate is unreadable")
    # Step 3: the allow-list is a non-empty array (any other JSON type fails here).
    if not isinstance(allowed, list) or not allowed:
        raise ProtocolError("agent.no-allowed-keys", "the room allow-lists no agent key")
    # Step 4 [AGT-07], [AGT-09].
    found = _match(assertion, allowed)
    if found is None:
        raise ProtocolError("agent.not-allowed", "no allow-listed key verifies the assertion")
    entry, p = found
    # Steps 5 to 10 judge the matched entry's payload; a failure is final [AGT-07]: later
    # entries are not tried. [TOK-09] nothing was read from the payload before step 4.
    # Step 5: the kind tag [TOK-10].
    if not (isinstance(p.get("k"), str) and p["k"] == KIND):
        raise ProtocolError("agent.wrong-kind", "k is not %s" % KIND)
    # Step 6: the room id, as an exact string (no normalisation, no peer id); an empty room id
    # is not refused (AMBIGUITIES.md AG-verify-empty-room).
    if not (isinstance(p.get("room"), str) and p["room"] == room):
        raise ProtocolError("agent.wrong-room", "the assertion is for another room")
    # Step 7: fp a string whose canonical form is the canonical remote fingerprint [CONV-11].
    fp = p.get("fp")
    if not isinstance(fp, str) or canonical(fp) != canonical(remote_fp):
        raise ProtocolError("agent.not-cert-bound", "fp does not name this connection's "
                                                    "certificate")
    # Step 8 [CONV-03]: any JSON number; absent or of another type is missing.
    iat = p.get("iat")
    if not is_number(iat):
        raise ProtocolError("agent.no-iat", "iat is missing or not a number")
    # Steps 9 and 10 [AGT-11]: inclusive bounds, in binary64 arithmetic as JavaScript does it
    # [CONV-16].
    iat, now = float(iat), float(now)
    if not iat - now <= FUTURE_S:
        raise ProtocolError("agent.future", "iat is more than 60 s ahead")
    if not now - iat <= STALE_S:
        raise ProtocolError("agent.stale", "iat is more than 300 s old")
    # [AGT-08] the result.
    out = {"keyId": thumbprint(entry["key"])}
    if js_truthy(entry.get("caps")):
        # [GRANT-05] a truthy non-object gives the empty grant (AMBIGUITIES.md AG-caps-truthy)
        out["caps"] = sanitize(entry["caps"])
    if isinstance(entry.get("label"), str):
        out["label"] = entry["label"]
    return out
