// Every PeerJS data connection of this process, seen below PeerJS's serialization: the messages its
// data channel sends and receives, as bytes, for the `peer.transcript` op (spec/10-adapter-protocol.md
// [ADP-40]). PeerJS runs every data connection through BufferedConnection._initializeDataChannel;
// wrapping that one method reaches each channel as it is set up, with the connection's remote
// broker id, label and serialization, without touching the transport. Test fixtures use the same
// hook to break one thing on purpose (tests/peer/fixtures/).
import type { DataConnection } from 'peerjs';
import { loadPeerJs } from '../transport/peerjs/environment.ts';
import { localFingerprintFromSdp } from '../sas/fingerprint-source.ts';

/** One data-channel message as it crossed the wire. */
export interface TappedMessage {
  /** ms since the tap was installed */
  at: number;
  dir: 'in' | 'out';
  /** The local PeerJS id (our presence peer or the authority id) and the remote one. */
  local: string;
  remote: string;
  label: string;
  serialization: string;
  /** Canonical fingerprint of the certificate we present on this connection. */
  localFp: string | null;
  /** Hex of a binary message, or the text of a text message. */
  hex?: string;
  text?: string;
}

export type DataChannelHook = (conn: DataConnection, dc: RTCDataChannel) => void;

/** Most messages kept; the oldest go first. Presence traffic is a few frames per second. */
export const MAX_TAPPED = 5000;

const hooks = new Set<DataChannelHook>();
const messages: TappedMessage[] = [];
const t0 = performance.now();
let installed: Promise<void> | null = null;

const toHex = (b: ArrayBuffer | ArrayBufferView): string => {
  const u = b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return Buffer.from(u).toString('hex');
};

function record(conn: DataConnection, dir: 'in' | 'out', data: unknown, localFp: () => string | null): void {
  const base = {
    at: Math.round(performance.now() - t0),
    dir,
    local: conn.provider?.id ?? '',
    remote: conn.peer,
    label: conn.label,
    serialization: String(conn.serialization),
    localFp: localFp(),
  };
  let m: TappedMessage;
  if (typeof data === 'string') m = { ...base, text: data };
  else if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) m = { ...base, hex: toHex(data as ArrayBuffer | ArrayBufferView) };
  else m = { ...base, text: `[${Object.prototype.toString.call(data)}]` };
  messages.push(m);
  if (messages.length > MAX_TAPPED) messages.splice(0, messages.length - MAX_TAPPED);
}

const recorder: DataChannelHook = (conn, dc) => {
  let fp: string | null = null;
  const localFp = () => {
    if (fp) return fp;
    const sdp = conn.peerConnection?.localDescription?.sdp;
    const r = sdp ? localFingerprintFromSdp(sdp) : null;
    fp = r?.ok ? r.value : null;
    return fp;
  };
  const send = dc.send.bind(dc) as (d: unknown) => void;
  dc.send = ((d: unknown) => {
    record(conn, 'out', d, localFp);
    send(d);
  }) as RTCDataChannel['send'];
  dc.addEventListener('message', (e) => record(conn, 'in', (e as MessageEvent).data, localFp));
};

/** Installs the hook once (after PeerJS is loaded) and starts recording. */
export function installTap(): Promise<void> {
  installed ??= (async () => {
    await loadPeerJs(); // the globals PeerJS needs, installed before PeerJS itself is evaluated
    const m = (await import('peerjs')) as unknown as { BufferedConnection: { prototype: Record<string, unknown> } };
    const proto = m.BufferedConnection.prototype;
    const original = proto._initializeDataChannel as (this: DataConnection, dc: RTCDataChannel) => void;
    proto._initializeDataChannel = function (this: DataConnection, dc: RTCDataChannel) {
      original.call(this, dc);
      for (const h of hooks) {
        try {
          h(this, dc);
        } catch {
          /* a hook never breaks the connection */
        }
      }
    };
    hooks.add(recorder);
  })();
  return installed;
}

/** Adds a hook run for every data channel set up from now on (fixtures that break one rule). */
export async function onDataChannel(hook: DataChannelHook): Promise<void> {
  await installTap();
  hooks.add(hook);
}

/** Messages on connections presenting the certificate `localFp`, oldest first. */
export function tappedFor(localFp: string): TappedMessage[] {
  return messages.filter((m) => m.localFp === localFp);
}
