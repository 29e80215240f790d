// The reference peer program inside a browser page: the same ops as `kibitz-reference --peer`
// (reference/peer/ops.ts) on the browser's own WebRTC (./transport.ts). The Node host
// (./host.ts) forwards each control request to `window.kbzPeer.run(op, input)`.
import { InputError } from '../../adapter/input.ts';
import type { JsonObject } from '../../encoding/json.ts';
import { decode } from '../../wire/decode.ts';
import { makePeerOps, type PeerPlatform } from '../ops.ts';
import { browserNet, dataConnections } from './transport.ts';

interface Tapped {
  at: number;
  dir: 'in' | 'out';
  dc: RTCDataChannel;
  pc: RTCPeerConnection;
  hex?: string;
  text?: string;
}

/** Most messages kept, oldest dropped first [ADP-40]. */
const MAX_TAPPED = 5000;
const tapped: Tapped[] = [];
const t0 = performance.now();

const hexOf = (b: ArrayBuffer | ArrayBufferView): string => {
  const u = b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return Array.from(u, (x) => x.toString(16).padStart(2, '0')).join('');
};

function record(pc: RTCPeerConnection, dc: RTCDataChannel, dir: 'in' | 'out', data: unknown): void {
  const m: Tapped = { at: Math.round(performance.now() - t0), dir, dc, pc };
  if (typeof data === 'string') m.text = data;
  else if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) m.hex = hexOf(data as ArrayBuffer);
  else m.text = `[${Object.prototype.toString.call(data)}]`;
  tapped.push(m);
  if (tapped.length > MAX_TAPPED) tapped.splice(0, tapped.length - MAX_TAPPED);
}

/**
 * A message PeerJS must not see: BinaryPack its unpacker would loop on or throw over (a tab that
 * hangs on `dd ff ff ff ff` is a peer that fails [MSG-07]). JSON text passes for json connections.
 */
function undecodable(data: unknown): boolean {
  if (typeof data === 'string') return false;
  const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
  if (!bytes) return true;
  if (decode(bytes).ok) return false;
  try {
    JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return false;
  } catch {
    return true;
  }
}

/** Every channel: record what crosses it, and keep undecodable messages from PeerJS's listeners. */
function tap(pc: RTCPeerConnection, dc: RTCDataChannel): void {
  const send = dc.send.bind(dc) as (d: unknown) => void;
  dc.send = ((d: unknown) => {
    record(pc, dc, 'out', d);
    send(d);
  }) as RTCDataChannel['send'];
  dc.addEventListener('message', (e) => record(pc, dc, 'in', (e as MessageEvent).data));
  const add = dc.addEventListener.bind(dc) as (type: string, l: (e: Event) => void, o?: unknown) => void;
  dc.addEventListener = ((type: string, listener: (e: Event) => void, options?: unknown) => {
    if (type !== 'message') return add(type, listener, options);
    add(
      type,
      (e: Event) => {
        if (undecodable((e as MessageEvent).data)) return; // dropped [MSG-07]
        try {
          listener(e);
        } catch {
          /* dropped */
        }
      },
      options,
    );
  }) as RTCDataChannel['addEventListener'];
}

const Native = RTCPeerConnection;
class TappedPeerConnection extends Native {
  constructor(config?: RTCConfiguration) {
    super(config);
    // Registered before PeerJS sets ondatachannel, so the channel is tapped before PeerJS listens.
    this.addEventListener('datachannel', (e) => tap(this, (e as RTCDataChannelEvent).channel));
  }
  override createDataChannel(label: string, init?: RTCDataChannelInit): RTCDataChannel {
    const dc = super.createDataChannel(label, init);
    tap(this, dc);
    return dc;
  }
}
(globalThis as { RTCPeerConnection: typeof RTCPeerConnection }).RTCPeerConnection = TappedPeerConnection;

const fpOfSdp = (sdp: string | undefined): string | null => /a=fingerprint:sha-256 ([0-9A-Fa-f:]+)/.exec(sdp ?? '')?.[1]?.toLowerCase() ?? null;

const BROWSER_PLATFORM: PeerPlatform = {
  net: (input) => browserNet(input.broker),
  transcript(fp) {
    const out: JsonObject[] = [];
    for (const m of tapped) {
      if (fpOfSdp(m.pc.localDescription?.sdp) !== fp) continue;
      const conn = [...dataConnections].find((c) => c.dataChannel === m.dc);
      out.push({
        at: m.at,
        dir: m.dir,
        local: (conn?.provider as { id?: string } | undefined)?.id ?? '',
        remote: conn?.peer ?? '',
        label: m.dc.label,
        serialization: String(conn?.serialization ?? ''),
        ...(m.hex !== undefined ? { hex: m.hex } : { text: m.text ?? '' }),
      });
    }
    return out;
  },
};

const { ops, closeAll } = makePeerOps(BROWSER_PLATFORM, { name: 'kibitz-reference-chromium' });

(globalThis as unknown as { kbzPeer: unknown }).kbzPeer = {
  async run(op: string, input: JsonObject): Promise<unknown> {
    const h = ops[op];
    if (!h) return { unsupported: true };
    try {
      return await h(input);
    } catch (e) {
      if (e instanceof InputError) return { ok: false, error: { code: 'input.invalid', message: e.message } };
      return { errored: true, message: e instanceof Error ? e.message : String(e) };
    }
  },
  closeAll,
};
