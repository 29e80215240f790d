"""Sealed secrets (spec 12.4): a plaintext sealed under a passphrase.

    blob = B64U(version (1) || salt (16) || iv (12) || AES-256-GCM(key, iv, UTF-8(plaintext)) || tag (16))
    key  = PBKDF2-HMAC-SHA256(UTF-8(NFKC(passphrase)), salt, iterations(version), 32 bytes)

[SEAL-01] the layout; [SEAL-02] the key derivation (NFKC only: not trimmed, not case-folded);
[SEAL-03] AES-256-GCM, 12-byte IV, 128-bit tag, no additional data; [SEAL-04] version 2 for new
seals (the op lets the caller choose 1 or 2), version 1 still opened; [SEAL-05] the opening steps
in order; [SEAL-06] every failure yields nothing but its code; [SEAL-07] ghk; [SEAL-08] ge.

PBKDF2 is hashlib.pbkdf2_hmac (OpenSSL underneath) and AES-GCM is python3-cryptography's AESGCM;
both are the standard algorithms of RFC 8018 and NIST SP 800-38D, so blobs are byte-compatible
with WebCrypto and node:crypto (vector admissionseal.seal.v2 is node:crypto's blob).
"""

import hashlib

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from . import b64u, ec, manifest
from .errors import ProtocolError
from .identity import nfkc
from .jsonutil import parse_text
from .text import utf8
from .whatwg_url import utf8_decode

ITERATIONS = {1: 210000, 2: 600000}     # [SEAL-02] by version byte
SALT_BYTES, IV_BYTES, TAG_BYTES = 16, 12, 16
MIN_BLOB = 1 + SALT_BYTES + IV_BYTES + TAG_BYTES      # 45: an empty plaintext [SEAL-05]


def derive_key(passphrase, salt, version):
    """[SEAL-02] PBKDF2-HMAC-SHA256 over UTF-8(NFKC(passphrase)) (a lone surrogate is U+FFFD,
    CONV-01), the blob's salt and its version's iteration count, 32 bytes."""
    return hashlib.pbkdf2_hmac("sha256", utf8(nfkc(passphrase)), salt, ITERATIONS[version], 32)


def seal(passphrase, plaintext, version, salt, iv):
    """[SEAL-01], [SEAL-03] with the salt and IV given (fresh random values are the caller's
    duty, SEAL-04). A version outside the table is seal.unknown-version."""
    if version not in ITERATIONS:
        raise ProtocolError("seal.unknown-version", "version %r is not 1 or 2" % (version,))
    key = derive_key(passphrase, salt, version)
    sealed = AESGCM(key).encrypt(iv, utf8(plaintext), None)     # ciphertext || 16-byte tag
    return b64u.encode(bytes([version]) + salt + iv + sealed)


def open_blob(passphrase, blob):
    """[SEAL-05] in order: base64url, length, version, tag; then the WHATWG UTF-8 decode of the
    plaintext (a leading byte-order mark removed, invalid sequences as U+FFFD). [SEAL-06] a
    failure raises only its code: no partial plaintext."""
    try:
        raw = b64u.decode(blob)             # strict (CONV-07); upstream's decoder is lenient
    except ProtocolError:
        raise ProtocolError("seal.bad-encoding", "the blob is not base64url")
    if len(raw) < MIN_BLOB:
        raise ProtocolError("seal.too-short", "the blob is shorter than 45 bytes")
    version = raw[0]
    if version not in ITERATIONS:
        raise ProtocolError("seal.unknown-version", "version byte %d is not 1 or 2" % version)
    salt = raw[1:1 + SALT_BYTES]
    iv = raw[1 + SALT_BYTES:1 + SALT_BYTES + IV_BYTES]
    body = raw[1 + SALT_BYTES + IV_BYTES:]
    try:
        data = AESGCM(derive_key(passphrase, salt, version)).decrypt(iv, body, None)
    except InvalidTag:
        raise ProtocolError("seal.open-failed", "the tag does not verify")
    return utf8_decode(data)


def unseal_host_key(password, blob):
    """[SEAL-07] the opened text must be a JSON object that is a valid P-256 private JWK
    (TOK-05); anything else is hostkey.bad-key. The object is returned as it was sealed
    (AMBIGUITIES.md, ADM-hostkey-output)."""
    text = open_blob(password, blob)
    try:
        jwk = parse_text(text)              # [CONV-16]
    except (ValueError, RecursionError):
        raise ProtocolError("hostkey.bad-key", "the host key is not JSON")
    if not isinstance(jwk, dict):
        raise ProtocolError("hostkey.bad-key", "the host key is not a JSON object")
    try:
        ec.private_key_from_jwk(jwk)
    except ec.BadKey as e:
        raise ProtocolError("hostkey.bad-key", str(e))
    return jwk


def unseal_manifest(passphrase, blob, creator_jwk, room, now, mode=None):
    """[SEAL-08] open ge, then verify what it holds as a manifest token (MAN-02): the
    passphrase gates reading the roster; it does not replace the signature."""
    return manifest.verify(open_blob(passphrase, blob), creator_jwk, room, now, mode)
