// Small helpers the peer-mode checks share: verdicts, waiting for frames on an observer's link,
// and a readable transcript of what crossed it for failure reports.
import type { RawResult } from '../../checks/types.ts';
import { sasCode } from '../../oracles/sas.ts';
import type { StateOutput } from '../../../schemas/src/peer-control.ts';
import { ControlStop, type ControlScope } from '../control.ts';
import type { Frame, Link } from '../observer/link.ts';
import { poll } from '../observer/wait.ts';
import { presenceViolation } from '../judge/schemas.ts';

/** Splitting messages over 16300 bytes into PeerJS chunks [WIRE-36]. */
export const CHUNKING_REQ = 'WIRE-36';

export const pass = (message?: string): RawResult => ({ status: 'pass', ...(message ? { message } : {}) });

export function fail(requirement: string, message: string, detail: { expected?: unknown; actual?: unknown; link?: Link } = {}): RawResult {
  const t = detail.link ? `\ntranscript (observer <-> implementation):\n${transcript(detail.link)}` : '';
  return {
    status: 'fail',
    requirement,
    message: message + t,
    ...(detail.expected !== undefined ? { expected: detail.expected } : {}),
    ...(detail.actual !== undefined ? { actual: detail.actual } : {}),
  };
}

const brief = (v: unknown, max = 140): string => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > max ? `${s.slice(0, max - 20)}…${s.slice(-18)}` : s;
};

/** The last frames of a link, one per line, decoded. */
export function transcript(link: Link, last = 16): string {
  const shown = link.frames.filter((f) => tOf(f) !== 'ping');
  const pings = link.frames.length - shown.length;
  const lines = shown.slice(-last).map((f) => `  ${String(f.at).padStart(6)} ms ${f.dir === 'in' ? 'impl -> obs' : 'obs -> impl'} ${f.chunks ? `[${f.chunks} chunks, ${f.size} B] ` : ''}${brief(f.value)}`);
  for (const v of link.violations.slice(-4)) lines.push(`  ${String(v.at).padStart(6)} ms impl -> obs !! ${v.message}`);
  if (pings) lines.push(`  (${pings} ping frame(s) not shown)`);
  return lines.join('\n') || '  (nothing)';
}

export const tOf = (f: Frame): unknown => (typeof f.value === 'object' && f.value !== null ? (f.value as { t?: unknown }).t : undefined);

/** The first frame from the implementation at index >= `from` that matches, waiting up to `ms`. */
export async function nextFrame(link: Link, ms: number, match: (f: Frame) => boolean, from = 0): Promise<Frame | undefined> {
  return poll(ms, () => link.frames.slice(from).find((f) => f.dir === 'in' && match(f)));
}

export const ofKind = (t: string) => (f: Frame) => tOf(f) === t;

/** A mark: frames after this index are new. */
export const mark = (link: Link): number => link.frames.length;

/**
 * The first encoding or chunking violation, or the first frame that breaks its schema [MSG-01],
 * among what the implementation sent on `link`. Null when everything it sent is sound.
 */
export function wireFault(link: Link, from: 'participant' | 'coordinator'): RawResult | null {
  const ser = link.serialization;
  if (ser !== 'binary' && ser !== 'default') return fail('WIRE-01', `the presence connection was opened with serialization ${JSON.stringify(ser)}: Kibitz peers use binary (BinaryPack)`, { link });
  const v = link.violations[0];
  if (v) return fail(v.requirement, `the implementation sent a message that breaks chapter 11: ${v.message}`, { link });
  for (const f of link.frames) {
    if (f.dir !== 'in') continue;
    const why = presenceViolation(from, f.value);
    if (why) return fail('MSG-01', `the implementation sent a presence frame that breaks its definition: ${why}`, { link });
  }
  return null;
}

/** Polls peer.state until `cond` holds; the last state either way. */
export async function stateUntil(ctl: ControlScope, peer: string, ms: number, cond: (s: StateOutput) => boolean): Promise<{ ok: boolean; state: StateOutput }> {
  let last = await ctl.state(peer);
  if (cond(last)) return { ok: true, state: last };
  const hit = await poll(ms, async () => {
    last = await ctl.state(peer);
    return cond(last) ? last : undefined;
  }, 150);
  return { ok: hit !== undefined, state: last };
}

export const memberIds = (s: StateOutput): string[] => s.roster?.members.map((m) => m.id) ?? [];

/** The harness's own safety code of two fingerprints (SAS-04..SAS-08). */
export const expectedCode = (a: string, b: string) => sasCode(a, b);

/**
 * Runs a robustness probe: an implementation process that dies while it digests hostile input
 * failed MSG-07 ("a receiver MUST NOT fail on any received value"), it did not merely error.
 */
export async function surviving(probe: () => Promise<RawResult>): Promise<RawResult> {
  try {
    return await probe();
  } catch (e) {
    if (e instanceof ControlStop && /exited|crashed/.test(e.message)) return fail('MSG-07', `the implementation crashed on undecodable or malformed input: ${e.message}`);
    throw e;
  }
}
