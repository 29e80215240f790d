"""kibitz-py as a live peer: the presence machines on a real PeerJS broker and real WebRTC.

Written from the specification text alone (chapters 5, 6, 7, 8, 9, 10.6 and 11). The machines of
`kbz.presence` stay pure; this package is the driver around them, one job per module:

- `clock`      the real clock the machines are fed (wall-clock milliseconds, never backwards).
- `cert`       the peer's call certificate [SAS-18], [BIND-04] and the remote certificate read
               from the live DTLS handshake [SAS-01], [SAS-02], never from SDP.
- `ice`        ICE candidate gathering: loopback only for a loopback broker, no STUN [ADP-43].
- `broker`     the PeerJS broker client over WebSocket: the socket URL [SIG-01], registration
               outcomes [SIG-04]..[SIG-06], [SIG-20], heartbeats [SIG-15], broker-assigned ids
               [SIG-07], relay frames [SIG-08]..[SIG-14].
- `dataconn`   one PeerJS data connection over aiortc: OFFER/ANSWER/CANDIDATE payloads
               [WIRE-01]..[WIRE-03], [MSG-16], [MSG-17], BinaryPack framing and chunking
               ([WIRE-06], 11.3, 11.6) through `kbz.wire`, bounded buffers.
- `values`     the boundary between BinaryPack values and the JSON values the machines read
               [PRES-54], [WIRE-24], [MSG-06].
- `transcript` the bounded record of data-channel messages `peer.transcript` answers [ADP-40].
- `peer`       one live peer: a `kbz.presence.Room` driven by real events and a real clock; the
               claim-or-join election (9.6), the participant's dials, the coordinator's
               connections, the identity gate and host commands on live connections, the
               safety code of every presence connection, and what `peer.state` reports.
- `control`    the peer-mode control protocol of 10.6: op input shapes and the ops.

`implementations/python/peer.py` is the peer program: JSON Lines on stdin/stdout (10.1, 10.2)
around `control`, on one asyncio event loop.
"""
