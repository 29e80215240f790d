// Records what real PeerJS clients put on the data channel: two `peerjs` 1.5.5 peers on
// node-datachannel, registered at a broker on loopback, one data connection opened the way Kibitz
// opens its presence connection ({reliable: true}, default serialization). The receiving side's
// data channel is read below PeerJS, so every message is recorded as the bytes that crossed.
import type { DataConnection, Peer } from 'peerjs';
import { loadPeerJs } from '../../../reference/transport/peerjs/environment.ts';
import { within } from '../../e2e/support/time.ts';
import { CAPTURED_DIRECTION, capturedValue, type CapturedName } from '../../../vectors/gen/wire-captured-values.ts';

export interface Capture {
  /** Every binary message each side received, as hex, in order. */
  toCoordinator: string[];
  toParticipant: string[];
}

const hexOf = (d: unknown): string => {
  if (d instanceof ArrayBuffer) return Buffer.from(new Uint8Array(d)).toString('hex');
  if (ArrayBuffer.isView(d)) return Buffer.from(d.buffer, d.byteOffset, d.byteLength).toString('hex');
  return `text:${String(d)}`;
};

function record(conn: DataConnection, into: string[]): void {
  const dc = (conn as unknown as { dataChannel: RTCDataChannel }).dataChannel;
  dc.addEventListener('message', (e) => into.push(hexOf((e as MessageEvent).data)));
}

/** Opens one presence-style connection from a participant to `authorityId` and sends `names` in order. */
export async function captureFrames(brokerUrl: string, authorityId: string, names: readonly CapturedName[]): Promise<Capture> {
  const { Peer } = await loadPeerJs();
  const u = new URL(brokerUrl);
  const opts = { host: u.hostname, port: Number(u.port), path: u.pathname, secure: false, debug: 0, config: { iceServers: [], bindAddress: '127.0.0.1' } as RTCConfiguration };
  const coordinator: Peer = new Peer(authorityId, opts);
  const participant: Peer = new Peer(opts);
  const out: Capture = { toCoordinator: [], toParticipant: [] };
  try {
    const opened = (p: Peer) => new Promise<void>((r) => p.once('open', () => r()));
    await within(10_000, 'both peers register', Promise.all([opened(coordinator), opened(participant)]));
    const inbound = new Promise<DataConnection>((resolve) => coordinator.once('connection', resolve));
    const outbound = participant.connect(authorityId, { reliable: true });
    const open = (c: DataConnection) => new Promise<DataConnection>((r) => c.once('open', () => r(c)));
    const [served] = await within(15_000, 'the data connection opens', Promise.all([inbound.then(open), open(outbound)]));
    record(served, out.toCoordinator);
    record(outbound, out.toParticipant);
    for (const name of names) {
      const to = CAPTURED_DIRECTION[name];
      await (to === 'to-coordinator' ? outbound : served).send(capturedValue(name));
    }
    const want = names.reduce((s, n) => s + (n === 'app' ? 2 : 1), 0); // the app frame travels as two chunks
    await within(10_000, 'every message arrives', (async () => {
      while (out.toCoordinator.length + out.toParticipant.length < want) await new Promise((r) => setTimeout(r, 20));
    })());
    return out;
  } finally {
    participant.destroy();
    coordinator.destroy();
  }
}
