"""P-256 keys as JWKs and ECDSA P-256/SHA-256 with raw r||s signatures (spec 3.1, 3.2).

[TOK-03] Signatures are the 64-byte IEEE P1363 form r||s. The `cryptography` library works in
         DER, so signatures are converted with decode_dss_signature / encode_dss_signature.
[TOK-04] Signing uses the library's randomised nonce; verification accepts any valid nonce.
[TOK-05] A public JWK is {"kty":"EC","crv":"P-256","x","y"}: `kty` exactly "EC", `crv` exactly
         "P-256", `x` and `y` strict base64url (CONV-05..07) of exactly 32 bytes each, both below
         the field prime p, on the curve; other members are ignored. A private JWK adds `d`:
         32 bytes, 1 <= d < n, and d*G must be (x, y); otherwise key.bad-jwk.
[TOK-08] High-S signatures must verify. OpenSSL (under `cryptography`) does not enforce low-S;
         nothing here normalises or rejects s > n/2.
"""

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from . import b64u
from .errors import ProtocolError

# P-256 domain parameters (SEC 2 / FIPS 186-4), used for the explicit range and curve checks.
P = 0xFFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF
N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
A = P - 3
B = 0x5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B


class BadKey(Exception):
    """The JWK is not a valid P-256 key; callers map this to their own error code."""


def _coord(jwk, name):
    v = jwk.get(name)
    if not isinstance(v, str):
        raise BadKey("%s is not a string" % name)
    try:
        raw = b64u.decode(v)
    except ProtocolError:
        raise BadKey("%s is not base64url" % name)
    if len(raw) != 32:  # [TOK-05] coordinates (and d) are exactly 32 bytes
        raise BadKey("%s is not 32 bytes" % name)
    return int.from_bytes(raw, "big")


def public_key_from_jwk(jwk):
    """[TOK-05] Import a P-256 public JWK, rejecting anything that is not a point on P-256."""
    if not isinstance(jwk, dict):
        raise BadKey("JWK is not an object")   # [ADP-08] judged here, whatever its JSON type
    if jwk.get("kty") != "EC" or jwk.get("crv") != "P-256":   # exact, case-sensitive
        raise BadKey("not an EC P-256 JWK")
    x, y = _coord(jwk, "x"), _coord(jwk, "y")
    # [TOK-05] both below p, checked explicitly rather than trusting the library not to reduce
    # x, y mod p silently.
    if x >= P or y >= P:
        raise BadKey("coordinate not below the field prime")
    if (y * y - (x * x * x + A * x + B)) % P != 0:
        raise BadKey("point is not on P-256")
    try:
        return ec.EllipticCurvePublicNumbers(x, y, ec.SECP256R1()).public_key()
    except ValueError as e:
        raise BadKey(str(e))


def private_key_from_jwk(jwk):
    """[TOK-05] Import a P-256 private JWK: a valid public JWK plus `d`, 32 bytes with
    1 <= d < n, whose public point d*G is (x, y). The caller maps BadKey to key.bad-jwk."""
    public = public_key_from_jwk(jwk)
    d = _coord(jwk, "d")
    if not 1 <= d < N:
        raise BadKey("d is not in [1, n-1]")
    priv = ec.derive_private_key(d, ec.SECP256R1())
    if priv.public_key().public_numbers() != public.public_numbers():
        raise BadKey("d does not match x, y")
    return priv


def sign_raw(private_key, data):
    """[TOK-03] ECDSA P-256 SHA-256 over `data`, returned as 64-byte r||s (not DER)."""
    der = private_key.sign(data, ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def verify_raw(public_key, signature, data):
    """[TOK-03]/[TOK-08] Verify a 64-byte r||s signature; high-S is accepted."""
    if len(signature) != 64:
        return False
    r = int.from_bytes(signature[:32], "big")
    s = int.from_bytes(signature[32:], "big")
    # [TOK-06] step 5: verifying requires 1 <= r, s < n; checked here so the answer does not
    # depend on how the library treats zero or out-of-range scalars.
    if not (1 <= r < N and 1 <= s < N):
        return False
    try:
        public_key.verify(encode_dss_signature(r, s), data, ec.ECDSA(hashes.SHA256()))
        return True
    except InvalidSignature:
        return False
