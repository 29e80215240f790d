"""Credit credentials (spec 13.3): an RS256 JWS in compact form from an issuer the room trusts.

[CRED-01] the algorithm is RS256, never the header's choice; keys are selected and the signature
          verified exactly as chapter 5 does for ID tokens (IDT-02 to IDT-07, IDT-23, IDT-24),
          under this chapter's codes. kibitz-py reuses chapter 5's key selection and RSA check
          (kbz/idtoken.py) and maps every step to its `credit.*` code here.
[CRED-02] the fourteen steps in order, first failure reported.
[CRED-04] fail closed: keys that cannot be obtained are an empty key list (step 6), and any
          error while verifying fails the credential.
"""

from .. import b64u, idtoken
from ..errors import ProtocolError
from ..jsonutil import is_number, parse_utf8_json
from ..text import utf16_length

MAX_CHARS = 8192        # [CRED-02] step 1, UTF-16 code units [CONV-17]
DEFAULT_LEEWAY = 60     # 13.3 "a leeway (60 s by default)", [CRED-03]


def _json_object(part):
    # [IDT-02] base64url (CONV-05..07) of UTF-8 JSON (CONV-13, CONV-16) that is an object.
    try:
        raw = b64u.decode(part)
    except ProtocolError:
        raise ProtocolError("credit.malformed", "a part is not base64url")
    value = parse_utf8_json(raw, "credit.malformed")
    if not isinstance(value, dict):
        raise ProtocolError("credit.malformed", "header or claims is not a JSON object")
    return value


def verify(jwt, jwks, issuers, now, room=None, kind=None, leeway=None):
    """[CRED-02] Verify a credit credential. `issuers` is the list of trusted issuers; `room`
    and `kind`, when not None, are required; `leeway` None is 60 s. Returns the claims object
    or raises ProtocolError(credit.*)."""
    try:
        return _verify(jwt, jwks, issuers, now, room, kind, leeway)
    except ProtocolError:
        raise
    except Exception as e:  # noqa: BLE001 - [CRED-04] an error while verifying fails it
        raise ProtocolError("credit.bad-signature", "verification failed: %s" % e)


def _verify(jwt, jwks, issuers, now, room, kind, leeway):
    # Step 1: at most 8192 characters; only a string has a length (another JSON type fails at
    # step 2) [ADP-08].
    if isinstance(jwt, str) and utf16_length(jwt) > MAX_CHARS:
        raise ProtocolError("credit.oversize", "credential longer than 8192 characters")
    # Step 2 [IDT-02]: three parts; header and claims JSON objects; the signature base64url,
    # possibly empty.
    if not isinstance(jwt, str):
        raise ProtocolError("credit.malformed", "the credential is not a string")
    parts = jwt.split(".")
    if len(parts) != 3:
        raise ProtocolError("credit.malformed", "not three .-separated parts")
    header = _json_object(parts[0])
    claims = _json_object(parts[1])
    try:
        signature = b64u.decode(parts[2])
    except ProtocolError:
        raise ProtocolError("credit.malformed", "signature is not base64url")
    # Step 3 [IDT-03], [CRED-01]: RS256 pinned.
    if header.get("alg") != "RS256":
        raise ProtocolError("credit.unsupported-alg", "alg is not RS256")
    # Step 4 [IDT-04]: a present typ, whatever its value, must be exactly "JWT".
    if "typ" in header and header["typ"] != "JWT":
        raise ProtocolError("credit.bad-typ", "typ is not JWT")
    # Step 5 [IDT-24] (SHOULD, implemented): a header with a `crit` member, whatever its value.
    if "crit" in header:
        raise ProtocolError("credit.unsupported-crit", "the header has a crit member")
    # Step 6 [IDT-05], [IDT-06]: candidates; a JWKS that is not an object with a `keys` array
    # has none [CRED-04].
    candidates = idtoken._candidates(jwks, header)
    if not candidates:
        raise ProtocolError("credit.no-key", "no key of the issuer is a candidate")
    # Step 7 [IDT-07], [IDT-23]: RSASSA-PKCS1-v1_5/SHA-256 over the first two parts as received;
    # a candidate that cannot be imported (or is under 2048 bits) never verifies.
    signing_input = (parts[0] + "." + parts[1]).encode("ascii")
    if not any(idtoken._rsa_verifies(k, signature, signing_input) for k in candidates):
        raise ProtocolError("credit.bad-signature", "no candidate key verifies")
    # Step 8: iss a string equal to a trusted issuer.
    iss = claims.get("iss")
    if not isinstance(iss, str) or iss not in [i for i in issuers if isinstance(i, str)]:
        raise ProtocolError("credit.bad-iss", "iss is not a trusted issuer")
    # Step 9: when a kind is required and non-empty, `k` equals it (a string, exactly).
    if isinstance(kind, str) and kind != "":
        if not (isinstance(claims.get("k"), str) and claims["k"] == kind):
            raise ProtocolError("credit.wrong-kind", "k is not the required kind")
    # Step 10: when a room is required, `room` equals it; an absent claim fails. An empty
    # required room is still required (AMBIGUITIES.md AG-credit-empty-room).
    if room is not None:
        if not (isinstance(claims.get("room"), str) and claims["room"] == room):
            raise ProtocolError("credit.wrong-room", "room is missing or another room")
    # Times in binary64, as JavaScript computes them [CONV-16]; any JSON number [CONV-03].
    now = float(now)
    leeway = float(DEFAULT_LEEWAY if leeway is None else leeway)
    # Step 11: exp a number and now < exp + leeway.
    exp = claims.get("exp")
    if not is_number(exp) or not now < float(exp) + leeway:
        raise ProtocolError("credit.expired", "exp is missing or past")
    # Step 12: when nbf is a number, now >= nbf - leeway.
    nbf = claims.get("nbf")
    if is_number(nbf) and not now >= float(nbf) - leeway:
        raise ProtocolError("credit.not-yet-valid", "nbf is in the future")
    # Step 13: when iat is a number, iat <= now + leeway.
    iat = claims.get("iat")
    if is_number(iat) and not float(iat) <= now + leeway:
        raise ProtocolError("credit.future-iat", "iat is in the future")
    # Step 14: sub a non-empty string.
    sub = claims.get("sub")
    if not isinstance(sub, str) or sub == "":
        raise ProtocolError("credit.no-sub", "sub is missing or empty")
    return claims
