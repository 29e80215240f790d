// The reference's ops of the `agents` profile (spec/13-agents.md 13.8): agent key assertions and
// their re-signing clock, credit credentials, and capability grants (defaults, sanitizing,
// intersection, expiry, who receives what, what a receiver keeps, media lanes, distribution).
// Input shapes are checked against schemas/src/ops/agents.ts before a handler runs [ADP-08].
import type { JsonObject, JsonValue } from '../encoding/json.ts';
import { signAssertion, verifyAssertion } from '../agents/assertion.ts';
import { verifyCredit } from '../agents/credit.ts';
import { bindAgentCaps, capsFrame, mergeOverrides, receiveCaps, shouldDistribute, widened } from '../agents/distribution.ts';
import { lanesJson, MediaGate, type MediaGateEvent } from '../agents/media-gate.ts';
import { defaultGrant, effectiveGrant, intersectGrant, sanitizeGrant, type Grant } from '../agents/grant.ts';
import { accepts, grantOf, lanes, recipients, sendRule, type GrantView, type RosterEntry, type TransferKind } from '../agents/policy.ts';
import { AgentPresenter, type PresenterEvent } from '../agents/presenter.ts';
import { agentKeyThumbprint } from '../agents/thumbprint.ts';
import { any, InputError, int, obj, optStr, str } from './input.ts';
import { fromResult, type OpHandler, type OpOutcome } from './outcome.ts';

const err = (code: string, message: string): OpOutcome => ({ ok: false, error: { code, message } });

/** A grant given to an op, taken as given: members of GRANT-01, shape-checked by the contract. A
 *  member whose value is null is absent (10.4), so it is not given back either. */
function grantArg(v: JsonValue | undefined, what: string): Grant {
  const g = obj(v, what);
  return Object.fromEntries(Object.entries(g).filter(([, x]) => x !== null)) as unknown as Grant;
}

function overrides(v: JsonValue | undefined): Map<string, Grant> {
  if (v === undefined || v === null) return new Map();
  const o = obj(v, 'grants');
  return new Map(Object.entries(o).map(([id, g]) => [id, grantArg(g, `grants.${id}`)]));
}

function rosterOf(v: JsonValue | undefined, what = 'roster'): RosterEntry[] {
  if (!Array.isArray(v)) throw new InputError(`${what} must be an array`);
  return v.map((m, n) => {
    const e = obj(m, `${what}[${n}]`);
    return { id: str(e, 'id'), ...(e.meta !== undefined ? { meta: e.meta } : {}) };
  });
}

function view(i: JsonObject): GrantView {
  return { self: str(i, 'self'), roster: rosterOf(i.roster), overrides: overrides(i.grants), now: int(i, 'now') };
}

function mediaEvent(v: JsonValue | undefined, n: number): MediaGateEvent {
  const e = obj(v, `steps[${n}].event`);
  const type = str(e, 'type');
  switch (type) {
    case 'connect':
    case 'disconnect':
      return { type, peer: str(e, 'peer') };
    case 'overrides':
      return { type, grants: new Map([...overrides(e.grants)].map(([id, g]) => [id, sanitizeGrant(g)])) };
    case 'roster':
      return { type, roster: rosterOf(e.roster, `steps[${n}].event.roster`) };
    case 'tick':
      return { type, now: int(e, 'now') };
    default:
      throw new InputError(`steps[${n}].event.type ${JSON.stringify(type)} is not a media gate event`);
  }
}

/** The frames of a transfer, judged by what it carries [CAPS-09]. */
const TRANSFER_FRAMES = ['xbegin', 'xchunk', 'xend'];
const transferOf = (i: JsonObject): TransferKind | undefined => {
  const t = optStr(i, 'transfer');
  if (t === undefined) return undefined;
  if (t !== 'text' && t !== 'image' && t !== 'file') throw new InputError('transfer must be text, image or file');
  return t;
};

function presenterEvent(v: JsonValue | undefined, n: number): PresenterEvent {
  const e = obj(v, `steps[${n}].event`);
  const type = str(e, 'type');
  switch (type) {
    case 'key':
    case 'tick':
    case 'close':
      return { type };
    case 'room':
      return { type, room: str(e, 'room') };
    case 'fp':
      return { type, fp: str(e, 'fp') };
    default:
      throw new InputError(`steps[${n}].event.type ${JSON.stringify(type)} is not a presenter event`);
  }
}

export const AGENTS_OPS: Record<string, OpHandler> = {
  'agent.thumbprint': (i) => fromResult(agentKeyThumbprint(any(i, 'jwk')), (thumbprint) => ({ thumbprint })),

  'agent.assertion.sign': (i) =>
    fromResult(signAssertion({ privateJwk: any(i, 'privateJwk'), room: str(i, 'room'), fp: str(i, 'fp'), iat: int(i, 'iat') }), (token) => ({ token })),

  'agent.assertion.verify': (i) => {
    const remoteFp = i.remoteFp === undefined || i.remoteFp === null ? null : str(i, 'remoteFp');
    const r = verifyAssertion({ assertion: any(i, 'assertion'), allowed: any(i, 'allowed'), room: str(i, 'room'), remoteFp, now: int(i, 'now') });
    return fromResult(r, (v) => ({ keyId: v.keyId, ...(v.caps ? { caps: v.caps } : {}), ...(v.label !== undefined ? { label: v.label } : {}) }));
  },

  'agent.presenter.scenario': (i) => {
    const config = obj(i.config, 'config');
    const start = int(i, 'start');
    const steps = i.steps;
    if (!Array.isArray(steps)) throw new InputError('steps must be an array');
    // The whole script is checked before the first step runs, as presence.scenario does [PRES-55].
    let last = start;
    const script = steps.map((s, n) => {
      const step = obj(s, `steps[${n}]`);
      const at = int(step, 'at');
      if (at < last) throw new InputError(`steps[${n}].at goes back in time`);
      last = at;
      return { at, event: presenterEvent(step.event, n) };
    });
    const p = new AgentPresenter({ room: optStr(config, 'room'), fp: optStr(config, 'fp') });
    const outputs: JsonObject[] = [];
    script.forEach(({ at, event }, n) => {
      for (const o of p.step(at, event)) outputs.push({ step: n + 1, at, ...o });
    });
    return { ok: true, output: { outputs } };
  },

  'credit.verify': async (i) => {
    const issuer = i.issuer;
    const issuers = typeof issuer === 'string' ? issuer : Array.isArray(issuer) ? issuer.map((x) => (typeof x === 'string' ? x : '')) : '';
    const r = await verifyCredit({
      jwt: any(i, 'jwt'),
      jwks: any(i, 'jwks'),
      issuer: issuers,
      now: int(i, 'now'),
      ...(optStr(i, 'room') !== undefined ? { room: optStr(i, 'room') } : {}),
      ...(optStr(i, 'kind') !== undefined ? { kind: optStr(i, 'kind') } : {}),
      ...(i.leeway !== undefined && i.leeway !== null ? { leeway: int(i, 'leeway') } : {}),
    });
    return fromResult(r, (v) => ({ claims: v.claims }));
  },

  'caps.default': (i) => ({ ok: true, output: { grant: defaultGrant(str(i, 'role') === 'agent' ? 'agent' : 'human') } }),
  'caps.sanitize': (i) => ({ ok: true, output: { grant: sanitizeGrant(i.grant ?? null) } }),
  'caps.intersect': (i) => ({ ok: true, output: { grant: intersectGrant(grantArg(i.request, 'request'), grantArg(i.allowed, 'allowed')) } }),
  'caps.effective': (i) => ({ ok: true, output: { grant: effectiveGrant(grantArg(i.grant, 'grant'), int(i, 'now')) } }),
  'caps.of': (i) => ({ ok: true, output: { grant: grantOf(view(i), str(i, 'peer')) } }),

  'caps.recipients': (i) => {
    const k = str(i, 'kind');
    const transfer = transferOf(i);
    if (TRANSFER_FRAMES.includes(k) && transfer === undefined) throw new InputError(`transfer is required for ${k}`);
    if (!sendRule(k, transfer)) return err('caps.unknown-kind', `${JSON.stringify(k)} is not a content kind`);
    const to = optStr(i, 'to');
    const r = recipients(view(i), k, { transfer, ...(to !== undefined ? { to } : {}) });
    if (!r) return err('caps.not-directed', `${k} is never sent to one peer`);
    return { ok: true, output: { recipients: r.recipients, broadcast: r.broadcast } };
  },

  'caps.accepts': (i) => {
    const a = accepts(view(i), str(i, 'from'), str(i, 'kind'));
    return { ok: true, output: { accept: a.accept, audit: a.audit } };
  },

  'caps.lanes': (i) => {
    const ph = i.placeholders === undefined || i.placeholders === null ? undefined : obj(i.placeholders, 'placeholders');
    const placeholders = ph ? { audio: ph.audio === true, video: ph.video === true } : undefined;
    return { ok: true, output: { lanes: lanes(grantArg(i.grant, 'grant'), placeholders) } };
  },

  'caps.receive': (i): OpOutcome => {
    const ctx = { host: str(i, 'host'), cryptographicHost: i.cryptographicHost === true, coordinator: i.coordinator === true };
    const next = receiveCaps(ctx, str(i, 'from'), (i.msg ?? null) as JsonValue);
    if (!next) return { ok: true, output: { applied: false } };
    return { ok: true, output: { applied: true, grants: Object.fromEntries(next) as JsonObject } };
  },

  'caps.distribute': (i) => {
    const trigger = str(i, 'trigger');
    if (trigger !== 'change' && trigger !== 'roster') throw new InputError('trigger must be change or roster');
    const map = new Map([...overrides(i.grants)].map(([id, g]) => [id, sanitizeGrant(g)]));
    return { ok: true, output: { send: shouldDistribute(i.coordinator === true, trigger, map) ? capsFrame(map) : null } };
  },

  'caps.merge': (i) => {
    const sane = (v: JsonValue | undefined) => new Map([...overrides(v)].map(([id, g]) => [id, sanitizeGrant(g)]));
    const next = mergeOverrides(sane(i.own), sane(i.received));
    const v = view(i);
    return { ok: true, output: { grants: Object.fromEntries(next) as JsonObject, widened: widened(v, sane(i.previous), next) } };
  },

  'caps.media.scenario': (i) => {
    const steps = i.steps;
    if (!Array.isArray(steps)) throw new InputError('steps must be an array');
    const events = steps.map((s, n) => mediaEvent(obj(s, `steps[${n}]`).event, n)); // the whole script first
    const ph = i.placeholders === undefined || i.placeholders === null ? undefined : obj(i.placeholders, 'placeholders');
    const gate = new MediaGate(str(i, 'self'), rosterOf(i.roster), int(i, 'now'), ph ? { audio: ph.audio === true, video: ph.video === true } : undefined);
    const outputs: JsonObject[] = [];
    events.forEach((e, n) => {
      for (const o of gate.step(e)) outputs.push({ step: n + 1, ...lanesJson(o) });
    });
    return { ok: true, output: { outputs } };
  },

  'caps.bind': (i) => {
    const records = obj(i.records, 'records');
    const byFp = new Map(Object.entries(records).map(([fp, g]) => [fp, sanitizeGrant(g)]));
    const fpsIn = obj(i.fps, 'fps');
    const fps = new Map(Object.entries(fpsIn).map(([id, fp]) => [id, typeof fp === 'string' ? fp : null]));
    return { ok: true, output: { set: bindAgentCaps(view(i), byFp, fps).map(({ id, grant }) => ({ id, grant })) } };
  },
};
