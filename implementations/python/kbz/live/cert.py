"""The call certificate of a live peer and the remote certificate of a live connection.

[SAS-18] (SHOULD, implemented) every peer (every `peer.join`) generates a fresh certificate.
[BIND-04] the peer presents that same certificate on every connection it makes: aiortc 1.4 gives
each RTCPeerConnection a certificate of its own and has no configuration member for it, so
`install` puts the peer's certificate in the connection's certificate list before the connection
creates its DTLS transport (AMBIGUITIES.md L-aiortc-cert).

[SAS-01] the remote fingerprint comes from the certificate the remote presented in the DTLS
handshake of the connection, read from the live OpenSSL object of aiortc's DTLS transport after
the handshake; the remote SDP's `a=fingerprint` is never read. [SAS-02] the list must hold
exactly one non-empty certificate, else the fingerprint is unavailable.
[SAS-03] the local fingerprint is that of the certificate this peer presents on the connection:
its own call certificate (the same value its local SDP carries, since aiortc writes the SDP
fingerprint from that certificate).
"""

from cryptography.hazmat.primitives.serialization import Encoding

from .. import fingerprint
from ..errors import ProtocolError

try:  # python3-aiortc (Debian); the peer program reports a missing dependency itself
    from aiortc.rtcdtlstransport import RTCCertificate
except ImportError:  # pragma: no cover
    RTCCertificate = None


def _der(x509):
    return x509.to_cryptography().public_bytes(Encoding.DER)


class CallCertificate:
    """One peer's certificate for the whole call: P-256 ECDSA, as aiortc generates it."""

    def __init__(self):
        self.cert = RTCCertificate.generateCertificate()
        self.der = _der(self.cert._cert)
        # [CONV-10] SHA-256 of the DER, lower-case hex pairs joined by ':' (canonical already,
        # CONV-11).
        self.fingerprint = fingerprint.from_der(self.der)

    def install(self, pc):
        """[BIND-04] Present this certificate on the RTCPeerConnection `pc` (before it creates
        its transports: call right after constructing it)."""
        pc._RTCPeerConnection__certificates = [self.cert]


def remote_certificates(pc):
    """The DER certificates the remote presented in the live DTLS handshake of `pc`'s data
    transport, or None when there is no completed handshake to read.

    OpenSSL's peer chain includes the peer's own certificate on the client side of the
    handshake and leaves it out on the server side; the leaf is put first when it is missing,
    so the list is what the remote sent, whichever DTLS role this end took."""
    try:
        sctp = pc.sctp
        if sctp is None:
            return None
        dtls = sctp.transport
        if getattr(dtls, "state", None) != "connected":
            return None
        ssl = dtls.ssl
        leaf = ssl.get_peer_certificate()
        chain = ssl.get_peer_cert_chain() or []
    except Exception:  # noqa: BLE001 - a transport torn down under us: unreadable
        return None
    ders = [_der(c) for c in chain]
    if leaf is not None:
        d = _der(leaf)
        if not ders or ders[0] != d:
            ders.insert(0, d)
    return ders


def remote_fingerprint(pc):
    """[SAS-01], [SAS-02] The canonical remote fingerprint of the connection, or None when it is
    unavailable (no handshake yet, or not exactly one non-empty certificate)."""
    ders = remote_certificates(pc)
    if ders is None:
        return None
    try:
        return fingerprint.from_certificates(ders)
    except ProtocolError:
        return None
