"""Cert-bound OpenID Connect ID-token verification (spec 5.2).

[IDT-18] Every step runs in this order and the first failure's code is reported: IDT-01,
         IDT-02, IDT-03, IDT-04, IDT-24, IDT-05 and IDT-06, IDT-07 (with IDT-23), IDT-08 to
         IDT-17.
[IDT-19] Verification fails closed: any unexpected error is a rejection, never an acceptance.
"""

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from . import b64u
from .certbinding import binds
from .errors import ProtocolError
from .jsonutil import is_number, parse_utf8_json
from .text import utf16_length

MAX_TOKEN_CHARS = 8192     # [IDT-01]
MIN_RSA_BITS = 2048        # [IDT-23] (SHOULD, implemented) a shorter modulus never verifies
DEFAULT_LEEWAY = 60        # [IDT-10] "a number of seconds, 60 unless the caller sets another"


def _b64u_json_object(part):
    """[IDT-02] base64url (CONV-05..07) of UTF-8 JSON (CONV-13, CONV-16) that is an object."""
    try:
        raw = b64u.decode(part)
    except ProtocolError:
        raise ProtocolError("idtoken.malformed", "a part is not base64url")
    value = parse_utf8_json(raw, "idtoken.malformed")
    if not isinstance(value, dict):
        raise ProtocolError("idtoken.malformed", "header or claims is not a JSON object")
    return value


def _candidates(jwks, header):
    """[IDT-05] usable RSA signing keys; [IDT-06] narrowed by the header's kid.

    `jwks` is taken whatever its JSON type [ADP-08]: anything without a `keys` array simply
    yields no candidate (idtoken.no-key).
    """
    keys = jwks.get("keys") if isinstance(jwks, dict) else None
    if not isinstance(keys, list):
        keys = []
    out = []
    for k in keys:
        if not isinstance(k, dict) or k.get("kty") != "RSA":
            continue
        n, e = k.get("n"), k.get("e")
        if not (isinstance(n, str) and n and isinstance(e, str) and e):
            continue
        # "a `use` that is absent, null, the empty string or `sig`, and an `alg` that is
        # absent, null, the empty string or `RS256`". `false` and `0` exclude the key: IDT-05
        # "names only the values real JWKS documents carry" (5.2 Interoperability).
        if not _absent_null_empty_or(k.get("use"), "sig"):
            continue
        if not _absent_null_empty_or(k.get("alg"), "RS256"):
            continue
        out.append(k)
    # [IDT-06] a kid that is absent, null, false, 0 or "" selects nothing: every candidate is
    # tried. Any other kid keeps only the candidates whose kid is "the same string or number
    # (no type conversion; a kid that is an object, array or true matches no candidate)".
    kid = header.get("kid")
    if not _falsy_kid(kid):
        out = [k for k in out if "kid" in k and _same_kid(k["kid"], kid)]
    return out


def _absent_null_empty_or(v, allowed):
    return v is None or (isinstance(v, str) and v in ("", allowed))


def _falsy_kid(v):
    return v is None or v is False or v == "" or (is_number(v) and v == 0)


def _same_kid(key_kid, header_kid):
    """[IDT-06] the same string, or the same number, with no type conversion (Python's
    `True == 1` and `"1" != 1` handled explicitly). A header kid that is an object, an array
    or `true` matches no candidate (0.2.0; kibitz-py compared deeply before: AMBIGUITIES.md
    N2)."""
    if isinstance(header_kid, str):
        return isinstance(key_kid, str) and key_kid == header_kid
    if is_number(header_kid):
        return is_number(key_kid) and key_kid == header_kid
    return False


def _rsa_verifies(jwk, signature, signing_input):
    """[IDT-07] RSASSA-PKCS1-v1_5 / SHA-256 with only `n` and `e` of the key.

    A candidate that cannot be imported (bad base64url; an exponent or modulus `cryptography`
    refuses: e < 3, e even, e >= n, n < 3) counts as not verifying, and the caller still tries
    the others [IDT-07]; nothing here can make the check pass by accident [IDT-19].
    [IDT-23] (SHOULD, implemented): a modulus shorter than 2048 bits, counted as the bit length
    of `n` as an unsigned big-endian integer with leading zero bytes ignored, is a key that
    cannot be imported.
    """
    try:
        n = int.from_bytes(b64u.decode(jwk["n"]), "big")
        if n.bit_length() < MIN_RSA_BITS:
            return False                                        # [IDT-23]
        e = int.from_bytes(b64u.decode(jwk["e"]), "big")
        key = rsa.RSAPublicNumbers(e, n).public_key()
        key.verify(signature, signing_input, padding.PKCS1v15(), hashes.SHA256())
        return True
    except (InvalidSignature, ProtocolError, ValueError, TypeError, OverflowError):
        return False
    except Exception:  # noqa: BLE001 - any library failure is "not verified" [IDT-19]
        return False


def verify(jwt, jwks, issuers, audience, now, remote_fp, salt, leeway=DEFAULT_LEEWAY,
           max_age=None):
    """Verify an ID token; returns the claims object or raises ProtocolError(idtoken.*)."""
    # IDT-01: before any other processing; "characters" are UTF-16 code units [CONV-17].
    if isinstance(jwt, str) and utf16_length(jwt) > MAX_TOKEN_CHARS:
        raise ProtocolError("idtoken.oversize", "token longer than 8192 characters")
    # IDT-02: a string of exactly three parts; header and claims are JSON objects; the
    # signature is base64url, possibly empty (CONV-05). A token of another JSON type fails
    # here, not the adapter's shape check [ADP-08].
    if not isinstance(jwt, str):
        raise ProtocolError("idtoken.malformed", "the token is not a string")
    parts = jwt.split(".")
    if len(parts) != 3:
        raise ProtocolError("idtoken.malformed", "not three .-separated parts")
    header = _b64u_json_object(parts[0])
    claims = _b64u_json_object(parts[1])
    try:
        signature = b64u.decode(parts[2])
    except ProtocolError:
        raise ProtocolError("idtoken.malformed", "signature is not base64url")
    # IDT-03: RS256 pinned; the header never chooses the algorithm. Header members other than
    # alg, typ, kid and crit (IDT-24) are ignored [IDT-02].
    if header.get("alg") != "RS256":
        raise ProtocolError("idtoken.unsupported-alg", "alg is not RS256")
    # IDT-04: a present typ (whatever its value, including null/""/false) must be exactly "JWT".
    if "typ" in header and header["typ"] != "JWT":
        raise ProtocolError("idtoken.bad-typ", "typ is not JWT")
    # IDT-24 (SHOULD, implemented): a header that has a `crit` member, "whatever its value"
    # (null, [] and a non-array included), after IDT-04 and before key selection.
    if "crit" in header:
        raise ProtocolError("idtoken.unsupported-crit", "the header has a crit member")
    # IDT-05, IDT-06
    candidates = _candidates(jwks, header)
    if not candidates:
        raise ProtocolError("idtoken.no-key", "no candidate key")
    # IDT-07: over ASCII(part0 "." part1) exactly as received. Both parts decoded as
    # base64url above, so they are ASCII.
    signing_input = (parts[0] + "." + parts[1]).encode("ascii")
    if not any(_rsa_verifies(k, signature, signing_input) for k in candidates):
        raise ProtocolError("idtoken.bad-signature", "no candidate key verifies")
    # IDT-08
    iss = claims.get("iss")
    if not isinstance(iss, str) or iss not in [i for i in issuers if isinstance(i, str)]:
        raise ProtocolError("idtoken.bad-iss", "issuer not accepted")
    # IDT-09: the audience string, or an array containing it (exact string elements).
    aud = claims.get("aud")
    if not ((isinstance(aud, str) and aud == audience)
            or (isinstance(aud, list) and any(isinstance(a, str) and a == audience
                                               for a in aud))):
        raise ProtocolError("idtoken.bad-aud", "audience not named")
    # Time arithmetic in binary64, as JavaScript does it [CONV-16]. The leeway is any number of
    # seconds [IDT-10]; a maximum age is configured when it is any number, 0 included [IDT-13].
    now, leeway = float(now), float(leeway)
    max_age = None if max_age is None else float(max_age)
    # IDT-10: exp must be a number [CONV-03]; rejected when now >= exp + leeway.
    exp = claims.get("exp")
    if not is_number(exp) or now >= exp + leeway:
        raise ProtocolError("idtoken.expired", "exp missing or past")
    # IDT-11
    nbf = claims.get("nbf")
    if is_number(nbf) and now < nbf - leeway:
        raise ProtocolError("idtoken.not-yet-valid", "nbf in the future")
    # IDT-12
    iat = claims.get("iat")
    iat_is_number = is_number(iat)
    if iat_is_number and iat > now + leeway:
        raise ProtocolError("idtoken.future-iat", "iat in the future")
    # IDT-13: the leeway does not extend the maximum age.
    if max_age is not None and iat_is_number and now - iat > max_age:
        raise ProtocolError("idtoken.too-old", "iat older than the maximum age")
    # IDT-14 (SHOULD, implemented): a maximum age without a numeric iat is rejected.
    if max_age is not None and not iat_is_number:
        raise ProtocolError("idtoken.no-iat", "maximum age configured and iat missing")
    # IDT-15
    sub = claims.get("sub")
    if not isinstance(sub, str) or sub == "":
        raise ProtocolError("idtoken.no-sub", "sub missing or empty")
    # IDT-16: the JSON value true (Python: `is True`, since 1 == True), and a non-empty email.
    email = claims.get("email")
    if claims.get("email_verified") is not True or not isinstance(email, str) or email == "":
        raise ProtocolError("idtoken.email-not-verified", "email not verified")
    # IDT-17 / BIND-05
    if not binds(claims.get("nonce"), remote_fp, salt):
        raise ProtocolError("idtoken.binding-mismatch", "nonce does not bind")
    return claims
