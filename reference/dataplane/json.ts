// Reading the dataplane profile's op inputs from language-neutral JSON (spec/14-data-plane.md,
// "Adapter ops"). A wrong shape is an InputError (`input.invalid`, ADP-08), raised before anything
// runs, so a bad step is never half-applied.
import type { JsonObject, JsonValue } from '../encoding/json.ts';
import { InputError, int, obj, str } from '../adapter/input.ts';
import { emptyState, type ReceiverState } from './content/state.ts';
import type { Channel, PairConfig, PairEvent } from './mesh/pair.ts';
import type { XferConfig, XferEvent } from './xfer/receiver.ts';
import { EVERYONE_ACTS, NOBODY_ACTS } from './policy.ts';

const HEX = /^(?:[0-9a-fA-F]{2})*$/;

export function hexBytes(v: JsonValue | undefined, what: string): Uint8Array {
  if (typeof v !== 'string' || !HEX.test(v)) throw new InputError(`${what} must be a string of hex byte pairs`);
  return Uint8Array.from(Buffer.from(v, 'hex'));
}

const optBool = (o: JsonObject, k: string, dflt: boolean): boolean => {
  const v = o[k];
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'boolean') throw new InputError(`${k} must be a boolean`);
  return v;
};
const optNum = (o: JsonObject, k: string, dflt: number): number => {
  const v = o[k];
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'number') throw new InputError(`${k} must be a number`);
  return v;
};
const list = (o: JsonObject, k: string): JsonValue[] => {
  const v = o[k];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new InputError(`${k} must be an array`);
  return v;
};

/** The `state` member of content.receive, and the receiver part of xfer.receive's config. */
export function parseReceiverState(v: JsonValue | undefined): ReceiverState {
  const s = v === undefined || v === null ? {} : obj(v, 'state');
  const roster = new Map<string, string>();
  for (const m of list(s, 'roster')) {
    const o = obj(m, 'roster member');
    const id = str(o, 'id');
    const name = str(o, 'name');
    if (!roster.has(id)) roster.set(id, name); // an id listed twice: its first entry names it [CONT-02]
  }
  const held = new Map<string, { replayed: boolean }>();
  for (const h of list(s, 'held')) {
    const o = obj(h, 'held mid');
    held.set(str(o, 'mid'), { replayed: optBool(o, 'replayed', false) });
  }
  const schemas = list(s, 'schemas').map((x) => {
    const o = obj(x, 'schema key');
    return { from: str(o, 'from'), name: str(o, 'name') };
  });
  const widgets = new Map<string, string>();
  for (const w of list(s, 'widgets')) {
    const o = obj(w, 'widget');
    widgets.set(str(o, 'id'), str(o, 'author'));
  }
  const ledgerOf = (k: string): JsonObject => {
    const l = s[k];
    if (l === undefined || l === null) return {};
    return obj(l, k);
  };
  const sink = s.sink ?? 'memory';
  if (sink !== 'memory' && sink !== 'disk') throw new InputError('sink must be memory or disk');
  const senderMayAct = optBool(s, 'senderMayAct', true);
  return emptyState({
    now: optNum(s, 'now', 0),
    recvSeq: optNum(s, 'recvSeq', 0),
    roster,
    held,
    schemas,
    widgets,
    ledgers: { ledger: ledgerOf('ledger'), chatledger: ledgerOf('chatledger') },
    sink,
    policy: senderMayAct ? EVERYONE_ACTS : NOBODY_ACTS,
  });
}

export function parseXferConfig(v: JsonValue | undefined): { state: ReceiverState; config: XferConfig } {
  const c = v === undefined || v === null ? {} : obj(v, 'config');
  return { state: parseReceiverState(c), config: { resume: optBool(c, 'resume', false), download: optBool(c, 'download', false) } };
}

export interface Step<E> {
  at: number;
  event: E;
}

/** Steps whose times never go back, each event read by `parse` [ADP-08]. */
export function parseSteps<E>(v: JsonValue | undefined, start: number, parse: (e: JsonValue) => E): Step<E>[] {
  if (!Array.isArray(v)) throw new InputError('steps must be an array');
  let last = start;
  return v.map((s, i) => {
    const o = obj(s, `steps[${i}]`);
    const at = int(o, 'at');
    if (at < last) throw new InputError(`steps[${i}].at goes back in time`);
    last = at;
    return { at, event: parse(o.event ?? null) };
  });
}

export function parseXferEvent(v: JsonValue): XferEvent {
  const e = obj(v, 'event');
  switch (e.type) {
    case 'frame':
      if (!('msg' in e)) throw new InputError('a frame event has msg');
      return { type: 'frame', from: str(e, 'from'), msg: e.msg! };
    case 'binary':
      return { type: 'binary', from: str(e, 'from'), bytes: hexBytes(e.hex, 'hex') };
    case 'tick':
      return { type: 'tick' };
    case 'link-open':
      return { type: 'link-open', from: str(e, 'from') };
    case 'local': {
      const op = e.op;
      if (op !== 'accept' && op !== 'decline' && op !== 'cancel') throw new InputError('local op must be accept, decline or cancel');
      return { type: 'local', op, from: str(e, 'from'), id: str(e, 'id') };
    }
    default:
      throw new InputError(`unknown event type ${JSON.stringify(e.type ?? null)}`);
  }
}

export function parsePairConfig(v: JsonValue | undefined): PairConfig {
  const c = obj(v ?? null, 'config');
  const self = str(c, 'self');
  const peer = str(c, 'peer');
  if (self === '' || peer === '' || self === peer) throw new InputError('self and peer are two different non-empty ids');
  return { self, peer, media: optBool(c, 'media', false), rosterHold: optBool(c, 'rosterHold', true) };
}

const channel = (e: JsonObject): Channel => {
  if (e.channel !== 'sig' && e.channel !== 'bulk') throw new InputError('channel must be sig or bulk');
  return e.channel;
};
const payload = (e: JsonObject): { msg: JsonValue } | { hex: string } => {
  if ('hex' in e && e.hex !== undefined) {
    hexBytes(e.hex, 'hex');
    return { hex: (e.hex as string).toLowerCase() };
  }
  if (!('msg' in e)) throw new InputError('a frame has msg or hex');
  return { msg: e.msg! };
};

export function parsePairEvent(v: JsonValue): PairEvent {
  const e = obj(v, 'event');
  switch (e.type) {
    case 'roster':
      if (typeof e.present !== 'boolean') throw new InputError('present must be a boolean');
      return { type: 'roster', present: e.present };
    case 'incoming':
      return { type: 'incoming', label: str(e, 'label') };
    case 'open':
    case 'closed':
      return { type: e.type, channel: channel(e) };
    case 'frame':
      return { type: 'frame', channel: channel(e), ...payload(e) };
    case 'tick':
      return { type: 'tick' };
    case 'local':
      if (e.op === 'close') return { type: 'local', op: 'close' };
      if (e.op === 'send') return { type: 'local', op: 'send', ...payload(e) };
      throw new InputError('local op must be send or close');
    case 'description': {
      const d = obj(e.d ?? null, 'd');
      return { type: 'description', d };
    }
    case 'pc-state':
      return { type: 'pc-state', state: str(e, 'state') };
    case 'stats':
      return { type: 'stats', v: int(e, 'v'), a: int(e, 'a'), ov: int(e, 'ov'), oa: int(e, 'oa') };
    default:
      throw new InputError(`unknown event type ${JSON.stringify(e.type ?? null)}`);
  }
}

