"""ICE candidate gathering for live data connections (spec ADP-43).

[ADP-43] "when the broker's host is a loopback address, [a peer] gathers ICE candidates on the
loopback interface and uses no STUN or TURN server."

aioice (under aiortc 1.4) gathers host candidates on every interface except loopback, and aiortc
adds a public STUN server when the configuration names none. So:

- every RTCPeerConnection gets `RTCConfiguration(iceServers=[])`: no STUN or TURN server, for any
  broker (the join input names none; AMBIGUITIES.md L-ice-servers);
- the host addresses are chosen per connection: `gathering_on(addresses)` sets them for the
  asyncio task that runs the negotiation (a context variable, so that peers of one process on
  different brokers do not share a setting), and aioice's address lookup is wrapped once to
  read it. `None` keeps aioice's own choice (every non-loopback interface).
"""

import contextvars
import ipaddress

try:
    import aioice.ice as _aioice
    from aiortc import RTCConfiguration
except ImportError:  # pragma: no cover - reported by the peer program
    _aioice = None
    RTCConfiguration = None

_addresses = contextvars.ContextVar("kbz_ice_addresses", default=None)
_installed = False


def _install():
    global _installed
    if _installed or _aioice is None:
        return
    original = _aioice.get_host_addresses

    def host_addresses(use_ipv4, use_ipv6):
        chosen = _addresses.get()
        if chosen is None:
            return original(use_ipv4, use_ipv6)
        return [a for a in chosen
                if (use_ipv4 and ":" not in a) or (use_ipv6 and ":" in a)]

    _aioice.get_host_addresses = host_addresses
    _installed = True


def loopback_addresses(host):
    """The host addresses to gather on for a broker host: the loopback address of the broker's
    family when the broker is on loopback [ADP-43], else None (aioice's default)."""
    h = host.strip("[]").lower()
    if h == "localhost":
        return ["127.0.0.1"]
    try:
        ip = ipaddress.ip_address(h)
    except ValueError:
        return None
    if ip.is_loopback:
        return ["::1"] if ip.version == 6 else ["127.0.0.1"]
    return None


def gathering_on(addresses):
    """Gather on `addresses` (or aioice's default for None) in the current task from now on."""
    _install()
    _addresses.set(list(addresses) if addresses is not None else None)


def configuration():
    """[ADP-43] No STUN or TURN server."""
    return RTCConfiguration(iceServers=[])
