// The reference's ops of the `dataplane` profile (spec/14-data-plane.md, "Adapter ops"):
// the content receiver, transfer planning, framing and receiving, and the mesh pair machine.
// `makeDataplaneOps` takes the machine factories so a deliberately broken implementation can
// reuse every line here except the rule it breaks.
import type { JsonObject, JsonValue } from '../encoding/json.ts';
import { toHex } from '../encoding/text.ts';
import { InputError, int, obj, str } from './input.ts';
import type { OpHandler, OpOutcome } from './outcome.ts';
import { receiveContent } from '../dataplane/content/receive.ts';
import { transferOf } from '../dataplane/policy.ts';
import { defaultGrant, type Grant } from '../agents/grant.ts';
import { recipients } from '../agents/policy.ts';
import type { ReceiverState } from '../dataplane/content/state.ts';
import { hexBytes, parsePairConfig, parsePairEvent, parseReceiverState, parseSteps, parseXferConfig, parseXferEvent } from '../dataplane/json.ts';
import { MeshPair, type PairConfig } from '../dataplane/mesh/pair.ts';
import { XFER_KINDS, type XferKind } from '../dataplane/xfer/begin.ts';
import { encodeChunkFrame, parseChunkFrame } from '../dataplane/xfer/chunk-frame.ts';
import { planTransfer } from '../dataplane/xfer/plan.ts';
import { TransferReceiver, type XferConfig } from '../dataplane/xfer/receiver.ts';
import { transferFrames, type SendSpec } from '../dataplane/xfer/sender.ts';

const err = (code: string, message: string): OpOutcome => ({ ok: false, error: { code, message } });

export interface DataplaneFactories {
  receive: (s: ReceiverState, sender: string, frame: JsonValue) => ReturnType<typeof receiveContent>;
  transferReceiver: (s: ReceiverState, c: XferConfig) => { step: TransferReceiver['step'] };
  pair: (c: PairConfig, start: number) => { step: MeshPair['step'] };
  recipients: typeof recipients;
}

export const REFERENCE_DATAPLANE: DataplaneFactories = {
  receive: receiveContent,
  transferReceiver: (s, c) => new TransferReceiver(s, c),
  pair: (c, start) => new MeshPair(c, start),
  recipients,
};

const kindOf = (i: JsonObject): XferKind => {
  const k = i.kind;
  if (!(XFER_KINDS as readonly unknown[]).includes(k)) throw new InputError('kind must be text, image or file');
  return k as XferKind;
};
const strings = (i: JsonObject, k: string, dflt?: string[]): string[] => {
  const v = i[k];
  if (v === undefined && dflt) return dflt;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new InputError(`${k} must be an array of strings`);
  return v as string[];
};
const optString = (i: JsonObject, k: string): string | undefined => (i[k] === undefined || i[k] === null ? undefined : str(i, k));

/** Tags every output with the 1-based step that produced it and that step's time. */
function run<E>(machine: { step(at: number, e: E): JsonObject[] }, steps: { at: number; event: E }[]): JsonObject[] {
  const outputs: JsonObject[] = [];
  steps.forEach((s, i) => {
    for (const o of machine.step(s.at, s.event)) outputs.push({ step: i + 1, at: s.at, ...o });
  });
  return outputs;
}

export function makeDataplaneOps(f: DataplaneFactories = REFERENCE_DATAPLANE): Record<string, OpHandler> {
  return {
    'content.receive': (i) => {
      const from = str(i, 'from');
      if (!('frame' in i)) throw new InputError('frame is required (any JSON value)');
      const state = parseReceiverState(i.state);
      const r = f.receive(state, from, i.frame ?? null);
      return r.ok ? { ok: true, output: { content: r.value } } : err(r.error.code, r.error.message);
    },
    'content.recipients': (i) => {
      const self = str(i, 'self');
      const roster = strings(i, 'roster');
      const k = str(i, 'k');
      const to = optString(i, 'to');
      const withhold = i.withhold ?? [];
      if (!Array.isArray(withhold)) throw new InputError('withhold must be an array');
      // [CONT-33] Chapter 13's rule in a room of humans, each peer in `withhold` overridden with
      // the human default less what it withholds.
      const overrides = new Map<string, Grant>();
      for (const w of withhold) {
        const o = obj(w, 'withhold entry');
        const peer = str(o, 'peer');
        const g = overrides.get(peer) ?? defaultGrant('human');
        overrides.set(peer, { ...g, perceive: g.perceive.filter((c) => c !== str(o, 'perceive')) });
      }
      const view = { self, roster: roster.map((id) => ({ id })), overrides, now: 0 };
      const r = f.recipients(view, k, { transfer: transferOf(k, optString(i, 'kind')), ...(to !== undefined ? { to } : {}) });
      return { ok: true, output: { to: r?.recipients ?? [] } };
    },
    'xfer.plan': (i) => {
      const size = int(i, 'size');
      const r = planTransfer(size, kindOf(i), strings(i, 'features'), i.self === undefined ? undefined : strings(i, 'self'));
      return r.ok ? { ok: true, output: r.value as unknown as JsonObject } : err(r.error.code, r.error.message);
    },
    'xfer.send': (i) => {
      const framing = i.framing;
      if (framing !== 'binary' && framing !== 'base64') throw new InputError('framing must be binary or base64');
      const spec: SendSpec = { id: str(i, 'id'), kind: kindOf(i), payload: hexBytes(i.payload, 'payload'), framing };
      const mime = optString(i, 'mime');
      if (mime !== undefined) spec.mime = mime;
      const name = optString(i, 'name');
      if (name !== undefined) spec.name = name;
      for (const k of ['mid', 'author', 'authorName'] as const) {
        const v = optString(i, k);
        if (v !== undefined) spec[k] = v;
      }
      if (i.ts !== undefined && i.ts !== null) spec.ts = int(i, 'ts');
      if (i.dm === true) spec.dm = true;
      if (i.offer === true) spec.offer = true;
      if (i.from !== undefined && i.from !== null) spec.from = int(i, 'from');
      const r = transferFrames(spec);
      if (!r.ok) return err(r.error.code, r.error.message);
      const frames = r.value.map((x): JsonObject => ('msg' in x ? { msg: x.msg } : { hex: toHex(x.bytes) }));
      return { ok: true, output: { frames } };
    },
    'xfer.chunkFrame': (i) => {
      const r = encodeChunkFrame(str(i, 'id'), int(i, 'i'), hexBytes(i.payload, 'payload'));
      return r.ok ? { ok: true, output: { hex: toHex(r.value) } } : err(r.error.code, r.error.message);
    },
    'xfer.parseChunkFrame': (i) => {
      const r = parseChunkFrame(hexBytes(i.hex, 'hex'));
      return r.ok ? { ok: true, output: { id: r.value.id, i: r.value.i, payload: toHex(r.value.payload) } } : err(r.error.code, r.error.message);
    },
    'xfer.receive': (i) => {
      const start = int(i, 'start');
      const { state, config } = parseXferConfig(i.config);
      state.now = start;
      const steps = parseSteps(i.steps, start, parseXferEvent);
      return { ok: true, output: { outputs: run(f.transferReceiver(state, config), steps) } };
    },
    'meshpair.scenario': (i) => {
      const start = int(i, 'start');
      const config = parsePairConfig(i.config);
      const steps = parseSteps(i.steps, start, parsePairEvent);
      return { ok: true, output: { outputs: run(f.pair(config, start), steps) } };
    },
  };
}

export const DATAPLANE_OPS: Record<string, OpHandler> = makeDataplaneOps();
