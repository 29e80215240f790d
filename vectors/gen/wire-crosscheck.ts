// Runs every wire vector against the real peerjs-js-binarypack before a file is written
// (wire-peerjs.ts says what "agree" means). A disagreement the vector does not declare stops the
// generator with the vector's id, so a wire file can never state bytes PeerJS would not produce or
// read without saying so.
import { InputError } from '../../reference/adapter/input.ts';
import { WIRE_OPS } from '../../reference/adapter/wire-ops.ts';
import type { JsonObject, JsonValue } from '../../reference/encoding/json.ts';
import type { Case, FileSpec } from './lib.ts';
import { jsProjection, peerjsPack, peerjsUnpack, sameJson, toJs, type PeerjsOutcome } from './wire-peerjs.ts';

type RefOutcome = { ok: true; output: JsonObject } | { ok: false; code: string };

function reference(c: Case): RefOutcome {
  try {
    const out = WIRE_OPS[c.op]!(c.input);
    if (out instanceof Promise) throw new Error('wire ops are synchronous');
    if ('unsupported' in out) throw new Error(`${c.op} unsupported`);
    return out.ok ? { ok: true, output: out.output } : { ok: false, code: out.error.code };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, code: 'input.invalid' };
    throw e;
  }
}

/** What the package does with an encode or decode vector's input (ignoring any declaration). */
function upstreamOf(c: Case, ref: RefOutcome): PeerjsOutcome | null {
  if (c.op === 'wire.decode') return peerjsUnpack(String(c.input.hex).toLowerCase());
  if (c.op === 'wire.encode') {
    const js = toJs(c.input.value as JsonValue);
    if (js) return peerjsPack(js.value);
    if (ref.ok) return peerjsUnpack(String(ref.output.hex)); // JavaScript cannot hold it: read the spec's bytes instead
    return null;
  }
  return null;
}

/** The outcome an agreeing package has. */
function agreeing(c: Case, ref: RefOutcome): PeerjsOutcome | null {
  if (!ref.ok) return null;
  if (c.op === 'wire.decode') return { value: jsProjection(ref.output.value as JsonValue) };
  if (c.op === 'wire.encode') {
    return toJs(c.input.value as JsonValue) ? { hex: String(ref.output.hex) } : { value: jsProjection(canonicalOf(String(ref.output.hex))) };
  }
  return null;
}

function canonicalOf(hex: string): JsonValue {
  const out = WIRE_OPS['wire.decode']!({ hex }) as { ok: true; output: JsonObject };
  return out.output.value!;
}

/** Chunk frames are BinaryPack maps PeerJS reads as its own chunks, and re-packs to the same bytes. */
function checkChunkFrames(c: Case, ref: RefOutcome): string | null {
  if (!ref.ok) return null;
  const message = String(c.input.hex).toLowerCase();
  const frames = ref.output.frames as string[];
  if (frames.length === 1) return frames[0] === message ? null : 'a single frame is not the message itself';
  let joined = '';
  for (const [n, frame] of frames.entries()) {
    const got = peerjsUnpack(frame);
    if (!('value' in got) || typeof got.value !== 'object' || got.value === null) return `frame ${n}: the package cannot read it`;
    const v = got.value as JsonObject;
    if (v.__peerData !== c.input.chunkId || v.n !== n || v.total !== frames.length) return `frame ${n}: the package reads ${JSON.stringify(v).slice(0, 120)}`;
    joined += String((v.data as JsonObject).$bytes);
    const again = peerjsPack({ __peerData: v.__peerData, n, data: new Uint8Array(Buffer.from(String((v.data as JsonObject).$bytes), 'hex')), total: v.total });
    if (!('hex' in again) || again.hex !== frame) return `frame ${n}: the package packs the same chunk to other bytes`;
  }
  return joined === message ? null : 'the slices do not join to the message';
}

/** Every binary frame the reference decodes must read the same in the package, unless declared. */
function checkReassembleFrames(c: Case): string | null {
  if (c.input.serialization === 'json') return null; // JSON text, not BinaryPack
  const declared = (c.intermediates?.peerjs ?? {}) as { [frame: string]: PeerjsOutcome };
  for (const [i, f] of (c.input.frames as JsonValue[]).entries()) {
    if (typeof f !== 'string') continue; // a text message
    const got = peerjsUnpack(f.toLowerCase());
    const ref = reference({ ...c, op: 'wire.decode', input: { hex: f } });
    const want = declared[String(i)] ?? (ref.ok ? { value: jsProjection(ref.output.value as JsonValue) } : null);
    if (want && !sameJson(got, want)) return `frame ${i}: the package reads ${JSON.stringify(got).slice(0, 200)}, the vector says ${JSON.stringify(want).slice(0, 200)}`;
  }
  return null;
}

function problem(c: Case): string | null {
  const ref = reference(c);
  if (c.op === 'wire.chunk') return checkChunkFrames(c, ref);
  if (c.op === 'wire.reassemble') return checkReassembleFrames(c);
  const declared = c.intermediates?.peerjs as PeerjsOutcome | undefined;
  if (declared && 'notRun' in declared) return null;
  const got = upstreamOf(c, ref);
  if (declared) {
    if (!got) return 'declares a package outcome, but the package cannot be given this input';
    return sameJson(got, declared) ? null : `the package now does ${JSON.stringify(got).slice(0, 300)}, not the declared ${JSON.stringify(declared).slice(0, 300)}`;
  }
  const want = agreeing(c, ref);
  if (!want) return `a vector the reference rejects (${ref.ok ? '' : ref.code}) must declare what the package does (intermediates.peerjs)`;
  if (!got) return 'the package cannot be given this input; declare it';
  return sameJson(got, want) ? null : `the package does ${JSON.stringify(got).slice(0, 300)}, the spec says ${JSON.stringify(want).slice(0, 300)}; declare the divergence or fix the vector`;
}

/** The file spec, after every case has passed the cross-check; throws naming each one that did not. */
export function crossChecked(spec: FileSpec): FileSpec {
  const problems: string[] = [];
  for (const g of spec.groups) for (const c of g.cases) {
    const p = problem(c);
    if (p) problems.push(`${spec.file}.${g.name}.${c.name}: ${p}`);
  }
  if (problems.length) throw new Error(`wire vectors disagree with peerjs-js-binarypack:\n${problems.join('\n')}`);
  return spec;
}
