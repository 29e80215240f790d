"""Certificate fingerprints (spec 1.7, 6.1).

[CONV-10] A computed fingerprint is SHA-256 of the DER bytes, lower-case hex, `:`-joined (95 chars).
[CONV-11] Canonicalisation is trim (CONV-08) then lower-case (CONV-09), and nothing else: colons,
          inner whitespace and any `sha-256 ` prefix all stay.
[SAS-01]/[SAS-02] The remote fingerprint comes from exactly one non-empty DTLS certificate.
[SAS-03] The local fingerprint comes from our own SDP's first `a=fingerprint:sha-256` match.
"""

import hashlib
import re

from .errors import ProtocolError
from .text import lower, trim


def canonical(fp):
    """[CONV-11] trim, then lower-case; nothing else."""
    return lower(trim(fp))


def from_der(der):
    """[CONV-10] SHA-256 of the DER bytes, lower-case hex pairs joined by `:`."""
    return ":".join("%02x" % b for b in hashlib.sha256(der).digest())


def from_certificates(ders):
    """[SAS-01]/[SAS-02] The remote fingerprint from the live DTLS certificate list.

    The count is checked first [SAS-02]: a list of two empty certificates is a count error.
    """
    if len(ders) != 1:
        raise ProtocolError("sas.remote-cert-count",
                            "expected exactly one remote certificate, got %d" % len(ders))
    if len(ders[0]) == 0:
        raise ProtocolError("sas.empty-certificate", "the remote certificate is empty")
    return from_der(ders[0])


# [SAS-03] Exactly the pattern the spec gives: case-sensitive, first match anywhere in the text
# (not anchored to a line), the capture used whatever its length.
_SDP_FP = re.compile(r"a=fingerprint:sha-256 ([0-9A-Fa-f:]+)")


def from_local_sdp(sdp):
    """[SAS-03] Hex of the first `a=fingerprint:sha-256` match in our own SDP, lower-cased."""
    m = _SDP_FP.search(sdp)
    if m is None:
        raise ProtocolError("sas.no-local-fingerprint", "no a=fingerprint:sha-256 line")
    # The captured group is ASCII, so ASCII lower-casing and CONV-09 agree.
    return m.group(1).lower()
