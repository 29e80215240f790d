// Adapter ops of the crypto profile: room ids, fingerprints, SAS, cert binding, ID tokens,
// compact tokens and host commands.
import type { JsonObject } from '../encoding/json.ts';
import { ok } from '../result.ts';
import { canonicalFingerprint } from '../certbinding/fingerprint.ts';
import { verifyIdToken } from '../certbinding/idtoken.ts';
import { certBindingNonce } from '../certbinding/nonce.ts';
import { ModGate } from '../hostcmd/gate.ts';
import { signHostCommand } from '../hostcmd/sign.ts';
import { verifyHostCommand } from '../hostcmd/verify.ts';
import { claimablePeerId, normalizeRoom } from '../room/normalize.ts';
import { nextPeerSafety, pinKeyForName, pinStatus, type PeerSafety, type PinStatus } from '../sas/alarm.ts';
import { SAS_ALPHABET } from '../sas/alphabet.ts';
import { safetyCode } from '../sas/code.ts';
import { TrustStore } from '../sas/trust-store.ts';
import { localFingerprintFromSdp, remoteFingerprintFromBase64url } from '../sas/fingerprint-source.ts';
import { signBody, verifyToken } from '../token/compact.ts';
import { importPrivateJwk } from '../token/keys.ts';
import { any, InputError, int, obj, optInt, optStr, str, strList } from './input.ts';
import { fromResult, type OpHandler } from './outcome.ts';

function peerSafety(v: unknown, what: string): PeerSafety {
  const o = obj(v, what);
  const s = (k: string) => (o[k] === null ? null : str(o, k));
  if (typeof o.verified !== 'boolean' || typeof o.changed !== 'boolean') throw new InputError(`${what}.verified/changed must be booleans`);
  return { code: s('code'), remoteFp: s('remoteFp'), verified: o.verified, changed: o.changed };
}

export const CRYPTO_OPS: Record<string, OpHandler> = {
  // An absent or null name is the empty string, as upstream's `(s ?? '')` reads it (2.1).
  'room.normalize': (i) => ({ ok: true, output: { room: normalizeRoom(i.name === undefined || i.name === null ? '' : str(i, 'name')) } }),
  'room.peerId': (i) => fromResult(claimablePeerId(str(i, 'name')), (peerId) => ({ peerId })),

  'fingerprint.canonical': (i) => ({ ok: true, output: { fp: canonicalFingerprint(str(i, 'fp')) } }),
  'fingerprint.fromCertificates': (i) => fromResult(remoteFingerprintFromBase64url(strList(i, 'certificates')), (fp) => ({ fp })),
  'fingerprint.fromLocalSdp': (i) => fromResult(localFingerprintFromSdp(str(i, 'sdp')), (fp) => ({ fp })),

  'sas.code': (i) =>
    fromResult(safetyCode(str(i, 'fpA'), str(i, 'fpB'), optInt(i, 'symbols')), (c) => ({ code: c.code, indices: c.indices })),
  'sas.nextState': (i) => {
    const prev = i.prev === undefined || i.prev === null ? undefined : peerSafety(i.prev, 'prev');
    const r = i.reading === null || i.reading === undefined ? null : obj(i.reading, 'reading');
    const reading = r ? { code: str(r, 'code'), remoteFp: str(r, 'remoteFp') } : null;
    const pin = (optStr(i, 'pin') ?? 'unpinned') as PinStatus;
    if (!['unpinned', 'match', 'mismatch'].includes(pin)) throw new InputError('pin must be unpinned|match|mismatch');
    const state = nextPeerSafety(prev, reading, new Set(strList(i, 'verifiedFps')), pin);
    return { ok: true, output: { state: { ...state } } };
  },
  'sas.alphabet': () => ({ ok: true, output: { codePoints: SAS_ALPHABET.map((cp) => 'U+' + cp.toString(16).toUpperCase()) } }),
  'sas.trustStore': (i) => {
    const actions = i.actions;
    if (!Array.isArray(actions)) throw new InputError('actions must be an array');
    const store = new TrustStore();
    for (const [n, a] of actions.entries()) {
      const act = obj(a, `actions[${n}]`);
      const kind = str(act, 'action');
      if (kind === 'verify') store.verify(str(act, 'name'), str(act, 'fp'));
      else if (kind === 'unverify') store.unverify(str(act, 'name'), str(act, 'fp'));
      else if (kind === 'connect') store.connect(str(act, 'name'), str(act, 'fp'));
      else throw new InputError(`actions[${n}].action must be verify, unverify or connect`);
    }
    return { ok: true, output: { verified: [...store.verified], pins: Object.fromEntries(store.pins) } };
  },
  'sas.pinStatus': (i) => {
    const pins = obj(i.pins, 'pins');
    const table: Record<string, string> = {};
    for (const [k, v] of Object.entries(pins)) if (typeof v === 'string') table[k] = v;
    return { ok: true, output: { status: pinStatus(table, pinKeyForName(str(i, 'name')), str(i, 'fp')) } };
  },

  'certbinding.nonce': (i) => ({ ok: true, output: { nonce: certBindingNonce(str(i, 'fp'), optStr(i, 'salt')) } }),
  'idtoken.verify': async (i) =>
    fromResult(
      await verifyIdToken({
        jwt: any(i, 'jwt'),
        jwks: any(i, 'jwks'),
        issuers: strList(i, 'issuers'),
        audience: str(i, 'audience'),
        now: int(i, 'now'),
        leeway: optInt(i, 'leeway'),
        maxAge: optInt(i, 'maxAge'),
        remoteFp: i.remoteFp === null || i.remoteFp === undefined ? null : str(i, 'remoteFp'), // absent: unreadable [BIND-05]
        salt: optStr(i, 'salt') ?? '',
      }),
      (v) => ({ claims: v.claims }),
    ),

  'token.sign': (i) => {
    const secret = importPrivateJwk(i.privateJwk);
    if (!secret.ok) return fromResult(secret, () => ({}));
    return fromResult(ok(signBody(secret.value, str(i, 'payloadJson'))), (token) => ({ token }));
  },
  'token.verify': (i) => fromResult(verifyToken(any(i, 'token'), any(i, 'publicJwk')), (v) => ({ payload: v.payload })),

  'hostcmd.sign': (i) =>
    fromResult(
      signHostCommand({
        privateJwk: any(i, 'privateJwk'),
        room: str(i, 'room'),
        fp: str(i, 'fp'),
        op: str(i, 'op'),
        target: optStr(i, 'target'),
        now: int(i, 'now'),
        jti: optStr(i, 'jti'),
      }),
      (v) => ({ token: v.token }),
    ),
  'hostcmd.verify': (i) =>
    fromResult(
      verifyHostCommand({
        token: any(i, 'token'),
        hostPublicJwk: any(i, 'hostPublicJwk'),
        room: str(i, 'room'),
        remoteFp: i.remoteFp === undefined ? undefined : i.remoteFp === null ? null : str(i, 'remoteFp'),
        now: int(i, 'now'),
      }),
      (v) => {
        const out: JsonObject = { op: v.op };
        if (v.target !== undefined) out.target = v.target;
        if (v.jti !== undefined) out.jti = v.jti;
        return out;
      },
    ),
  'hostcmd.process': (i) => {
    const gate = new ModGate(any(i, 'hostPublicJwk') ?? undefined, str(i, 'room'));
    const commands = i.commands;
    if (!Array.isArray(commands)) throw new InputError('commands must be an array');
    const results = commands.map((c, n) => {
      const cmd = obj(c, `commands[${n}]`);
      const remoteFp = cmd.remoteFp === undefined ? undefined : cmd.remoteFp === null ? null : str(cmd, 'remoteFp');
      const r = gate.receive(any(cmd, 'token'), remoteFp, int(cmd, 'now'));
      if (!r.ok) return { ok: false, error: r.error.code };
      const out: JsonObject = { ok: true, op: r.value.op };
      if (r.value.target !== undefined) out.target = r.value.target;
      if (r.value.jti !== undefined) out.jti = r.value.jti;
      return out;
    });
    return { ok: true, output: { results } };
  },
};
