// HCMD-06 made observable: a signer asked for a command without a `jti` must draw one itself, as
// 24 lower-case hex characters, fresh each time. Only the format and the freshness are visible
// through the adapter; where the bytes come from is not (the requirement says so).
import fc from 'fast-check';
import type { JsonObject } from '../lib/json.ts';
import { TestKey, verifyToken } from '../oracles/es256.ts';
import { HOST_OPS, TARGET_OPS } from '../oracles/hostcmd.ts';
import { call, isFailure, outputOf, propertyCheck, type Failure } from './property.ts';
import type { Check } from './types.ts';

const KEY = new TestKey('crypto jti host');
const PRIV = KEY.privateJwk as unknown as JsonObject;
const PUB = KEY.publicJwk as unknown as JsonObject;
const NOW = 1_700_000_000;
const JTI = /^[0-9a-f]{24}$/;

async function signedJti(impl: Parameters<Check['run']>[0], op: string): Promise<string | Failure> {
  const input: JsonObject = { privateJwk: PRIV, room: 'standup', fp: 'ab:cd', op, now: NOW, ...(TARGET_OPS.includes(op) ? { target: 'media-1' } : {}) };
  const out = outputOf(await call(impl, 'hostcmd.sign', input), 'HCMD-06');
  if (isFailure(out)) return out;
  const v = verifyToken(String(out.token), PUB);
  if (!v.ok) return { requirement: 'HCMD-06', message: `the signed command does not verify: ${v.message}`, actual: out.token };
  const jti = v.payload.jti;
  if (typeof jti !== 'string' || !JTI.test(jti)) return { requirement: 'HCMD-06', message: 'a command signed without a given jti must carry 24 lower-case hex characters', actual: jti ?? null };
  return jti;
}

export const CRYPTO_JTI_CHECKS: Check[] = [
  propertyCheck({
    id: 'prop.hostcmd.sign.fresh-jti',
    covers: ['HCMD-06'],
    description: 'hostcmd.sign without a jti writes 24 lower-case hex characters, different on every call',
    probe: { op: 'hostcmd.sign', input: { privateJwk: PRIV, room: 'standup', fp: 'ab:cd', op: 'lock', now: NOW, jti: 'a'.repeat(24) } },
    arbitrary: () => fc.constantFrom(...HOST_OPS),
    runsFactor: 0.2,
    predicate: async (impl, op) => {
      const a = await signedJti(impl, op);
      if (isFailure(a)) return a;
      const b = await signedJti(impl, op);
      if (isFailure(b)) return b;
      return a === b ? { requirement: 'HCMD-06', message: 'two commands signed without a jti carry the same jti: it is not fresh', actual: a } : null;
    },
  }),
];
