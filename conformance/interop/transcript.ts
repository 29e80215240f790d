// A failed case's evidence: each peer's own record of what crossed its data channels
// (peer.transcript, ADP-40), decoded with the harness's reader (BinaryPack, PeerJS chunks). It
// illustrates a failure and never decides one (ADP-45).
import { ChunkReader } from '../peer/observer/chunks.ts';
import { toJsonish } from '../peer/observer/binarypack.ts';
import type { TranscriptMessage } from '../../schemas/src/peer-control.ts';
import type { Seat } from './room.ts';

export interface TranscriptLine {
  /** ms on that peer's clock */
  at: number;
  /** The peer that recorded it: `first (node)`. */
  peer: string;
  dir: 'in' | 'out';
  remote: string;
  /** The decoded frame, or why it does not decode. */
  value?: unknown;
  error?: string;
  size: number;
  chunks?: number;
}

const fromHex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));

/** Decodes one peer's transcript into frames, reassembling chunks per connection and direction. */
export function decodeTranscript(who: string, messages: TranscriptMessage[]): TranscriptLine[] {
  const readers = new Map<string, ChunkReader>();
  const counts = new Map<string, number>();
  const out: TranscriptLine[] = [];
  for (const m of messages) {
    const key = `${m.remote}|${m.label}|${m.dir}`;
    if (m.text !== undefined) {
      out.push({ at: m.at, peer: who, dir: m.dir, remote: m.remote, error: `text message: ${m.text.slice(0, 80)}`, size: m.text.length });
      continue;
    }
    const bytes = fromHex(m.hex ?? '');
    if (m.serialization === 'json') {
      let value: unknown;
      try {
        value = JSON.parse(new TextDecoder().decode(bytes));
      } catch {
        value = undefined;
      }
      out.push({ at: m.at, peer: who, dir: m.dir, remote: m.remote, ...(value === undefined ? { error: 'not JSON' } : { value }), size: bytes.length });
      continue;
    }
    let reader = readers.get(key);
    if (!reader) readers.set(key, (reader = new ChunkReader()));
    const ev = reader.read(bytes);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (ev.kind === 'frame') out.push({ at: m.at, peer: who, dir: m.dir, remote: m.remote, value: toJsonish(ev.value), size: ev.size, ...(ev.chunks ? { chunks: ev.chunks } : {}) });
    else if (ev.kind === 'violation') out.push({ at: m.at, peer: who, dir: m.dir, remote: m.remote, error: `${ev.requirement}: ${ev.message}`, size: bytes.length });
  }
  return out;
}

/**
 * Transcripts of every seat still in the room, and the serializations their connections ran; a
 * stack without peer.transcript contributes nothing.
 */
export async function collectTranscripts(seats: Seat[], last = 40): Promise<{ lines: TranscriptLine[]; serializations: Set<string> }> {
  const lines: TranscriptLine[] = [];
  const serializations = new Set<string>();
  for (const s of seats) {
    if (s.left) continue;
    const r = await s.stack.ctl.raw('peer.transcript', { peer: s.peer }).catch(() => null);
    if (!r || !('ok' in r) || !r.ok) continue;
    const all = (r.output as { messages?: TranscriptMessage[] }).messages ?? [];
    for (const m of all) if (m.serialization) serializations.add(m.serialization === 'default' || m.serialization === 'binary-utf8' ? 'binary' : m.serialization);
    const msgs = all.filter((m) => !(m.hex && /^81b174b470696e67$/.test(m.hex))); // pings say nothing
    lines.push(...decodeTranscript(`${s.role} (${s.stack.name})`, msgs).slice(-last));
  }
  return { lines, serializations };
}
