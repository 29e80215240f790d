// The reference's ops of the `admission` profile (spec/12-admission.md, "Adapter ops"): room links
// and page rooms, invites, manifests and the member hash, sealed secrets, join codes and their
// rate limiter, the verified-roster share gate and the peer-to-peer ID-token exchange.
import { decodeBase64url } from '../encoding/base64url.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../encoding/json.ts';
import { unsealHostKey } from '../admission/host-key.ts';
import { IdTokenExchange, type ExchangeEvent } from '../admission/idtoken-exchange.ts';
import { signInvite, verifyInvite } from '../admission/invite.ts';
import { formatCode, matchCode } from '../admission/join-code.ts';
import { buildLink, GATE_MODES, isGateMode, parseLink, shareLink } from '../admission/link.ts';
import { humansOpen, manifestAdmits, verifyManifest } from '../admission/manifest.ts';
import { memberHash } from '../admission/member-hash.ts';
import { roomForUrl } from '../admission/page-room.ts';
import { RateLimiter } from '../admission/rate-limit.ts';
import { evaluateRosterGate, mayBroadcast, mayReceive, maySendTo, type RosterGateInput } from '../admission/roster-gate.ts';
import { open, seal } from '../admission/seal.ts';
import { any, InputError, int, obj, optStr, str } from './input.ts';
import { fromResult, type OpHandler } from './outcome.ts';

function bytes(o: JsonObject, k: string): Uint8Array {
  const r = decodeBase64url(str(o, k));
  if (!r.ok) throw new InputError(`${k} must be base64url: ${r.error.message}`);
  return r.value;
}
const safeInt = (o: JsonObject, k: string): number => {
  const v = int(o, k);
  if (!Number.isSafeInteger(v)) throw new InputError(`${k} must be an integer below 2^53`);
  return v;
};
const nullableStrings = (o: JsonObject, k: string): string[] | null => {
  const v = o[k];
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new InputError(`${k} must be an array of strings or null`);
  return v as string[];
};
const nullableStr = (o: JsonObject, k: string): string | null => (o[k] === undefined || o[k] === null ? null : str(o, k));
const objectArg = (o: JsonObject, k: string): JsonObject => obj(o[k], k);

function gateInput(i: JsonObject): RosterGateInput {
  const peers = i.peers ?? [];
  if (!Array.isArray(peers)) throw new InputError('peers must be an array');
  const ids = new Set<string>();
  for (const [n, p] of peers.entries()) {
    // One verdict per present peer: a media id listed twice has no single state (12.8).
    const id = isJsonObject(p) ? p.id : undefined;
    if (typeof id === 'string' && ids.has(id)) throw new InputError(`peers[${n}].id ${JSON.stringify(id)} is listed twice`);
    if (typeof id === 'string') ids.add(id);
  }
  return {
    members: nullableStrings(i, 'members'),
    domains: nullableStrings(i, 'domains'),
    self: nullableStr(i, 'self'),
    peers: peers.map((p, n) => {
      const e = obj(p, `peers[${n}]`);
      return { id: str(e, 'id'), identity: nullableStr(e, 'identity') };
    }),
  };
}

/** link.build params: the decoded form link.parse returns [LINK-02]. */
function buildParams(v: JsonValue | undefined): Record<string, JsonValue> {
  // A member whose value is null is absent (10.4): it is not written.
  const p = Object.fromEntries(Object.entries(obj(v ?? {}, 'params')).filter(([, x]) => x !== null));
  for (const [k, x] of Object.entries(p)) {
    const bad = (what: string) => new InputError(`params.${k} must be ${what}`);
    if (k === 'g') {
      if (!isGateMode(x)) throw bad(GATE_MODES.join(', '));
    } else if (k === 'gn' || k === 'gd') {
      if (!Array.isArray(x) || !x.every((e) => typeof e === 'string')) throw bad('an array of strings');
    } else if (k === 'gk' || k === 'gh') {
      if (!isJsonObject(x)) throw bad('a JWK object');
    } else if (k === 'gl') {
      if (typeof x !== 'boolean') throw bad('a boolean');
    } else if (['gm', 'ge', 'gc', 'gt', 'ghk', 'ghn', 'gho', 'd', 'ag', 'n'].includes(k)) {
      if (typeof x !== 'string') throw bad('a string');
    } else throw new InputError(`params.${k} is not a link parameter`);
  }
  return p;
}

function exchangeEvent(v: unknown, n: number): ExchangeEvent {
  const e = obj(v, `steps[${n}]`);
  const type = str(e, 'type');
  switch (type) {
    case 'roster': {
      const m = e.members;
      if (!Array.isArray(m) || !m.every((x) => typeof x === 'string')) throw new InputError(`steps[${n}].members must be an array of strings`);
      return { type, members: m as string[] };
    }
    case 'signin':
      return { type, jwt: str(e, 'jwt') };
    case 'receive':
      if (!('msg' in e)) throw new InputError(`steps[${n}].msg is required`);
      return { type, from: str(e, 'from'), msg: e.msg as JsonValue };
    case 'link':
      return { type, peer: str(e, 'peer'), fp: nullableStr(e, 'fp') };
    case 'query':
      return { type, peer: str(e, 'peer') };
    case 'verified':
      return { type, peer: str(e, 'peer'), jwt: str(e, 'jwt'), fp: str(e, 'fp'), identity: nullableStr(e, 'identity') };
    default:
      throw new InputError(`steps[${n}].type ${JSON.stringify(type)} is not an exchange event`);
  }
}

export const ADMISSION_OPS: Record<string, OpHandler> = {
  'room.forUrl': (i) => fromResult(roomForUrl(str(i, 'url')), (room) => ({ room })),
  'member.hash': (i) => ({ ok: true, output: { hash: memberHash(str(i, 'identity'), str(i, 'room')) } }),

  'link.parse': (i) => fromResult(parseLink(str(i, 'url')), (l) => ({ room: l.room, params: l.params as unknown as JsonObject })),
  'link.build': (i) => {
    const base = str(i, 'base');
    if (base.includes('#')) throw new InputError('base must not contain "#": the fragment belongs to the room');
    const room = str(i, 'room');
    try {
      encodeURIComponent(room); // a lone surrogate has no UTF-8 form: not a room id (12.8)
    } catch {
      throw new InputError('room must be well-formed UTF-16 (encodeURIComponent refuses a lone surrogate)');
    }
    return fromResult(buildLink(base, room, buildParams(i.params)), (url) => ({ url }));
  },
  'link.share': (i) => ({ ok: true, output: { url: shareLink(str(i, 'url')) } }),

  'invite.sign': (i) =>
    fromResult(signInvite({ privateJwk: any(i, 'privateJwk'), name: str(i, 'name'), room: str(i, 'room'), exp: safeInt(i, 'exp') }), (token) => ({ token })),
  'invite.verify': (i) => fromResult(verifyInvite(any(i, 'token'), any(i, 'creatorPublicJwk'), str(i, 'room'), int(i, 'now')), (name) => ({ name })),

  'manifest.verify': (i) =>
    fromResult(verifyManifest(any(i, 'token'), any(i, 'creatorPublicJwk'), str(i, 'room'), int(i, 'now'), optStr(i, 'mode')), (manifest) => ({ manifest })),
  'manifest.admits': (i) => fromResult(manifestAdmits(objectArg(i, 'manifest'), str(i, 'identity')), (allowed) => ({ allowed })),
  'manifest.humansOpen': (i) => fromResult(humansOpen(objectArg(i, 'manifest')), (o) => ({ open: o })),

  'seal.seal': async (i) =>
    fromResult(
      await seal({ passphrase: str(i, 'passphrase'), plaintext: str(i, 'plaintext'), version: safeInt(i, 'version'), salt: bytes(i, 'salt'), iv: bytes(i, 'iv') }),
      (blob) => ({ blob }),
    ),
  'seal.open': async (i) => fromResult(await open(str(i, 'blob'), str(i, 'passphrase')), (plaintext) => ({ plaintext })),
  'hostkey.unseal': async (i) => fromResult(await unsealHostKey(str(i, 'blob'), str(i, 'password')), (privateJwk) => ({ privateJwk })),
  'manifest.unseal': async (i) => {
    // The passphrase only gates reading the roster: what it opens is verified like gm [SEAL-08].
    const opened = await open(str(i, 'blob'), str(i, 'passphrase'));
    if (!opened.ok) return fromResult(opened, () => ({}));
    return fromResult(verifyManifest(opened.value, any(i, 'creatorPublicJwk'), str(i, 'room'), int(i, 'now'), optStr(i, 'mode')), (manifest) => ({ manifest }));
  },

  'joincode.format': (i) => ({ ok: true, output: { code: formatCode(bytes(i, 'bytes')) } }),
  'joincode.match': (i) => {
    const entries = i.entries;
    if (!Array.isArray(entries)) throw new InputError('entries must be an array');
    const list = entries.map((e, n) => {
      const o = obj(e, `entries[${n}]`);
      return { name: str(o, 'name'), code: str(o, 'code') };
    });
    return { ok: true, output: { name: matchCode(list, str(i, 'code'))?.name ?? null } };
  },
  'ratelimit.run': (i) => {
    const limiter = new RateLimiter({ maxAttempts: positive(i, 'maxAttempts'), lockoutMs: positive(i, 'lockoutMs') });
    const steps = i.steps;
    if (!Array.isArray(steps)) throw new InputError('steps must be an array');
    const parsed = steps.map((s, n) => {
      const o = obj(s, `steps[${n}]`);
      const op = str(o, 'op');
      if (op !== 'check' && op !== 'fail' && op !== 'clear') throw new InputError(`steps[${n}].op must be check, fail or clear`);
      return { at: safeInt(o, 'at'), key: str(o, 'key'), op };
    });
    const results: JsonObject[] = [];
    parsed.forEach((s, n) => {
      if (s.op === 'check') results.push({ step: n + 1, ...limiter.check(s.key, s.at) });
      else if (s.op === 'fail') limiter.fail(s.key, s.at);
      else limiter.clear(s.key);
    });
    return { ok: true, output: { results } };
  },

  'rostergate.state': (i) => {
    const v = evaluateRosterGate(gateInput(i));
    return { ok: true, output: { canShare: v.canShare, compromised: v.compromised, peers: Object.fromEntries(v.peers.map((p) => [p.id, p.state])) } };
  },
  'rostergate.allows': (i) => {
    const v = evaluateRosterGate(gateInput(i));
    const action = str(i, 'action');
    switch (action) {
      case 'broadcast':
        return { ok: true, output: { allowed: mayBroadcast(v) } };
      case 'send':
        return { ok: true, output: { allowed: maySendTo(v, str(i, 'peer')) } };
      case 'receive':
        return { ok: true, output: { allowed: mayReceive(v, str(i, 'peer'), str(i, 'kind')) } };
      default:
        throw new InputError('action must be broadcast, send or receive');
    }
  },
  'idtoken.exchange': (i) => {
    const steps = i.steps;
    if (!Array.isArray(steps)) throw new InputError('steps must be an array');
    const events = steps.map(exchangeEvent); // the whole script is checked before it runs
    const machine = new IdTokenExchange(str(i, 'self'));
    const outputs: JsonObject[] = [];
    events.forEach((e, n) => {
      for (const o of machine.step(e)) outputs.push({ step: n + 1, ...(o as unknown as JsonObject) });
    });
    return { ok: true, output: { outputs } };
  },
};

function positive(o: JsonObject, k: string): number {
  const v = safeInt(o, k);
  if (v < 1) throw new InputError(`${k} must be a positive integer`);
  return v;
}

