// PeerJS is a browser library: it takes WebSocket, RTCPeerConnection, RTCSessionDescription and
// RTCIceCandidate from the global scope. In Node they come from `ws` and node-datachannel's W3C
// polyfill. One thing the polyfill hides is the certificate used in the live DTLS handshake
// (its getRemoteCertificates() is a stub), so each polyfill connection is built around a native
// libdatachannel PeerConnection that we keep a handle on; native remoteFingerprint() is the
// real remote certificate [SAS-01].
import nodeDataChannel from 'node-datachannel';
import * as polyfill from 'node-datachannel/polyfill';
import { BrokerSocket } from './broker-socket.ts';
import { guardLateSignaling } from './late-signaling.ts';
import { dropUndecodable } from './undecodable.ts';

type NativePeerConnection = InstanceType<typeof nodeDataChannel.PeerConnection>;
import type { Peer } from 'peerjs';

/** The part of the PeerJS module the transport uses. */
export interface PeerJsModule {
  Peer: typeof Peer;
}

const natives = new WeakMap<object, NativePeerConnection>();
let probing = false;
let counter = 0;

/** libdatachannel wants ICE servers as URL strings with credentials inlined. */
function nativeIceServers(servers: RTCIceServer[] | undefined): string[] {
  const out: string[] = [];
  for (const s of servers ?? []) {
    for (const url of Array.isArray(s.urls) ? s.urls : [s.urls]) {
      if (s.username && typeof s.credential === 'string') {
        const i = url.indexOf(':');
        out.push(`${url.slice(0, i)}:${encodeURIComponent(s.username)}:${encodeURIComponent(s.credential)}@${url.slice(i + 1)}`);
      } else out.push(url);
    }
  }
  return out;
}

/**
 * The polyfill connection, built on a native connection we can read the live certificate from.
 * Config members libdatachannel understands (bindAddress, certificatePemFile, keyPemFile,
 * disableFingerprintVerification...) pass straight through, as they do in the polyfill.
 */
class NodeRTCPeerConnection extends polyfill.RTCPeerConnection {
  constructor(config: RTCConfiguration & Record<string, unknown> = {}) {
    // PeerJS probes WebRTC support once at import with its public STUN/TURN servers; that
    // throw-away connection must not reach the network.
    const iceServers = probing ? [] : nativeIceServers(config.iceServers);
    const native = new nodeDataChannel.PeerConnection(`kbz-${++counter}`, { ...config, iceServers } as never);
    super({ ...config, peerConnection: native } as never);
    natives.set(this, native);
  }
}

/** The native connection behind a polyfill connection PeerJS created, if it is one of ours. */
export function nativeOf(pc: unknown): NativePeerConnection | undefined {
  return typeof pc === 'object' && pc !== null ? natives.get(pc) : undefined;
}

let loading: Promise<PeerJsModule> | undefined;

/**
 * Installs the globals PeerJS reads and imports it. Idempotent. Globals are installed only now,
 * when a transport is first used, and left in place: PeerJS reads them for its whole life.
 */
export function loadPeerJs(): Promise<PeerJsModule> {
  if (!loading) {
    const g = globalThis as Record<string, unknown>;
    g.RTCPeerConnection = NodeRTCPeerConnection;
    g.RTCSessionDescription ??= polyfill.RTCSessionDescription;
    g.RTCIceCandidate ??= polyfill.RTCIceCandidate;
    g.WebSocket ??= BrokerSocket; // Node 20 has no global WebSocket; ws with an 'error' listener
    probing = true;
    loading = import('peerjs')
      .then((m): PeerJsModule => {
        dropUndecodable(m); // a bad message from a remote must not end the process [MSG-07]
        guardLateSignaling(m); // nor a signaling frame that arrives as a connection closes
        return { Peer: m.Peer };
      })
      .finally(() => {
        probing = false;
      });
  }
  return loading;
}

/**
 * Stops libdatachannel's threads. Call once when every peer is closed, or the process never
 * exits; node-datachannel starts them again if a connection is created later.
 */
export function shutdownWebRtc(): void {
  nodeDataChannel.cleanup();
}
