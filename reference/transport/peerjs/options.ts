// How a reference peer reaches its broker and what it presents on every connection
// (spec/09-signaling.md 9.1, 9.5). One options object serves every Peer of a participant, so they
// all land on the same broker [SIG-26] and present the same certificate [BIND-04].
import type { PeerOptions } from 'peerjs';
import type { CallCertificate } from './certificate.ts';

export interface BrokerAddress {
  host: string;
  port: number;
  /** PeerJS `path` (default '/'). */
  path?: string;
  secure?: boolean;
  /** PeerJS API key (default 'peerjs', the only one Kibitz uses). */
  key?: string;
}

export interface PeerJsTransportOptions {
  broker: BrokerAddress;
  /** The certificate of this call, pinned on every connection. */
  certificate: CallCertificate;
  /** ICE servers (RTCIceServer form); none on loopback. */
  iceServers?: RTCIceServer[];
  /** Local address ICE binds to; '127.0.0.1' keeps tests on loopback. */
  bindAddress?: string;
  /** Overrides the 8000 ms registration bound of SIG-20 (tests use a shorter one). */
  registerTimeoutMs?: number;
  /** Permit plain ws:// to a broker that is not on loopback (refused by default) [SIG-27]. */
  allowInsecureBroker?: boolean;
}

/** Broker heartbeat interval, ms [SIG-15]. */
export const BROKER_PING_MS = 5000;
/** A registration that brings no OPEN, ID-TAKEN or ERROR by then is an error, ms [SIG-20]. */
export const REGISTER_TIMEOUT_MS = 8000;

/** A ws(s)://host:port/path URL (the form the broker suite takes) as a broker address. */
export function brokerFromUrl(url: string): BrokerAddress {
  const u = new URL(url);
  const secure = u.protocol === 'wss:' || u.protocol === 'https:';
  return { host: u.hostname.replace(/^\[|\]$/g, ''), port: u.port ? Number(u.port) : secure ? 443 : 80, path: u.pathname || '/', secure };
}

const LOOPBACK = /^(?:127(?:\.\d{1,3}){3}|::1|localhost)$/i;

/** Why these options must not be used, or null. Plain ws:// is for loopback only [SIG-27]. */
export function insecureBroker(o: PeerJsTransportOptions): string | null {
  if (o.broker.secure || o.allowInsecureBroker || LOOPBACK.test(o.broker.host)) return null;
  return `broker ${o.broker.host} is not on loopback and not secure: use wss:// (or set allowInsecureBroker)`;
}

export function peerOptions(o: PeerJsTransportOptions): PeerOptions {
  const config: Record<string, unknown> = {
    iceServers: o.iceServers ?? [],
    // libdatachannel takes PEM text in its *PemFile options when it holds a BEGIN CERTIFICATE
    // line: the certificate never touches the disk (certificate.ts).
    certificatePemFile: o.certificate.certificatePem,
    keyPemFile: o.certificate.keyPem,
  };
  if (o.bindAddress) config.bindAddress = o.bindAddress;
  return {
    host: o.broker.host,
    port: o.broker.port,
    path: o.broker.path ?? '/',
    secure: o.broker.secure ?? false,
    key: o.broker.key ?? 'peerjs',
    pingInterval: BROKER_PING_MS,
    config,
    debug: 0, // PeerJS would otherwise log every refused claim as an error
  };
}
