// Scenario vectors for the coordinator's door in each gate mode (spec/08-presence.md 8.9): the
// existing presence.* ops, with the gate config naming the mode and carrying its link material.
import type { JsonObject, JsonValue } from '../../reference/encoding/json.ts';
import { memberHash } from '../../reference/admission/member-hash.ts';
import { bodyOf, tokenFor } from './craft.ts';
import { ecKey, type Case, type FileSpec } from './lib.ts';
import { connect, coordinatorConfig, disconnect, HOST_FP, join, knock, message, result, ROOM, scenario, T0, tick, type Step } from './presence-dsl.ts';

const creator = ecKey('room creator');
const stranger = ecKey('stranger');
const agent = ecKey('notes agent');
const S0 = Math.floor(T0 / 1000);

const signed = (payload: Record<string, unknown>, signer = creator.secret): string => tokenFor(signer, bodyOf(JSON.stringify(payload)));
const invite = (name: string, over: Record<string, unknown> = {}, signer = creator.secret): string => signed({ name, room: ROOM, exp: S0 + 3600, ...over }, signer);
const manifest = (over: Record<string, unknown> = {}): string => signed({ members: ['Ann', 'Bob'], mode: 'invite', room: ROOM, exp: S0 + 3600, ...over });
const agentOnly = (over: Record<string, unknown> = {}): string => manifest({ members: [], agentKeys: [{ key: agent.pub, label: 'notes-bot' }], ...over });

const gate = (g: JsonObject): JsonObject => coordinatorConfig({ gate: g });
const c = (name: string, description: string, covers: string[], g: JsonObject, steps: Step[], o: { flags?: string[]; comment?: string; config?: JsonObject } = {}): Case =>
  scenario('coordinator', name, description, covers, steps, { config: { ...gate(g), ...(o.config ?? {}) }, ...(o.flags ? { flags: o.flags } : {}), ...(o.comment ? { comment: o.comment } : {}) });

/** Ann joins on c1 presenting `jwt`; the fingerprint answer (request 1) comes 10 ms later. */
const joinWith = (jwt: JsonValue | undefined, fp: string | null = null, conn = 'c1', who = 'Ann', at = 10, id = 1): Step[] => [
  [at, connect(conn)],
  [at + 10, message(conn, join(who, jwt === undefined ? {} : { jwt }))],
  [at + 20, result(id, fp)],
];

export const presenceGateVectors: FileSpec = {
  file: 'presencegates',
  title: 'Presence: the coordinator\'s door in each gate mode (open, names, code, invite, google, email)',
  profile: 'presence',
  chapters: ['spec/08-presence.md', 'spec/12-admission.md'],
  notes: {
    'auth-bypass': { bugType: 'AUTH_BYPASS', description: 'Someone the mode must refuse gets in.' },
    'fail-closed': { bugType: 'MISSING_STEP', description: 'Missing or unusable link material must refuse everyone, never open the room.' },
    'boundary': { bugType: 'BOUNDARY', description: 'The invite expiry at the second of the decision; the limiter at its count.' },
    'not-bound': { bugType: 'EDGE_CASE', description: 'Names, codes and invites do not bind the certificate: an unreadable fingerprint does not hold.' },
    'humans-open': { bugType: 'EDGE_CASE', description: 'An agent-only manifest opens the room to humans.' },
    'hardening': { bugType: 'AUTH_BYPASS', description: 'A SHOULD that closes an upstream gap.' },
    'upstream': { bugType: 'INTEROP', description: 'Upstream behaviour kept as the chapter states.' },
  },
  groups: [
    {
      name: 'open-names',
      description: 'The open mode has no door [PRES-76]; names admit a listed name, trimmed and lower-cased [PRES-79]',
      cases: [
        c('open-no-door', 'In the open mode a joiner without any credential is rostered at once', ['PRES-76'], { g: 'open' }, [[10, connect('c1')], [20, message('c1', join('Ann'))]]),
        c('names-admit', 'A listed name, in another case and with spaces, is admitted; the unreadable fingerprint does not hold it', ['PRES-79', 'PRES-77', 'PRES-78', 'PRES-75'], { g: 'names', gn: ['Ann', 'Bob'] }, joinWith('  ANN ', null), { flags: ['not-bound'] }),
        c('names-refuse', 'A name that is not listed gets unverified', ['PRES-79', 'PRES-78'], { g: 'names', gn: ['Ann', 'Bob'] }, joinWith('Eve', HOST_FP), { flags: ['auth-bypass'] }),
        c('names-no-nfkc', 'The name list does not apply NFKC: "ﬁona" (ligature) is not "Fiona"', ['PRES-79'], { g: 'names', gn: ['Fiona'] }, joinWith('\ufb01ona'), { flags: ['upstream'] }),
        c('names-blank', 'A credential of only spaces matches no entry, not even an empty one', ['PRES-79'], { g: 'names', gn: ['', 'Ann'] }, joinWith('   ')),
        c('names-no-credential', 'No credential: held quietly, nothing requested', ['PRES-75', 'PRES-10'], { g: 'names', gn: ['Ann'] }, [[10, connect('c1')], [20, message('c1', join('Ann'))]]),
        c('names-binds-ignored', 'bindsFingerprint in a config that names a mode is ignored: a names door never holds on an unreadable fingerprint', ['PRES-77', 'PRES-75'], { g: 'names', gn: ['Ann'], bindsFingerprint: true }, joinWith('Ann', null), { flags: ['not-bound'] }),
        c('names-humans-open', 'Humans open whatever the mode: names with an agent-only manifest admits a joiner without a credential directly', ['PRES-81'], { g: 'names', gn: ['Ann'], gk: creator.pub as never, gm: agentOnly({ mode: 'names' }) }, [[10, connect('c1')], [20, message('c1', join('Bob'))]], { flags: ['humans-open'] }),
        c('plain-gate-humans-open', 'A plain gate (no g) carrying gk and an agent-only gm also opens the room to humans', ['PRES-81'], { require: true, gk: creator.pub as never, gm: agentOnly({ mode: 'google' }) }, [[10, connect('c1')], [20, message('c1', join('Bob'))]], { flags: ['humans-open'] }),
        c('names-then-lobby', 'The door comes before the lobby: a verified knock is then queued', ['PRES-75', 'PRES-04'], { g: 'names', gn: ['Ann'] }, [[10, connect('c1')], [20, message('c1', knock('Ann', { jwt: 'Ann' }))], [30, result(1, null)]], { config: { lobby: true } }),
      ],
    },
    {
      name: 'invite',
      description: 'Signed invites at the door, with and without a manifest [PRES-80], [PRES-81], [INV-05]',
      cases: [
        c('admit', 'A valid invite is admitted without reading the certificate', ['PRES-80', 'PRES-77', 'INV-03'], { g: 'invite', gk: creator.pub as never }, joinWith(invite('Ann'), null), { flags: ['not-bound'] }),
        c('exp-boundary', 'exp = start + 5 s: a fingerprint answer at 4.999 s admits, one at 5.000 s refuses', ['PRES-78', 'INV-04'], { g: 'invite', gk: creator.pub as never }, [
          [4960, connect('c1')], [4970, message('c1', join('Ann', { jwt: invite('Ann', { exp: S0 + 5 }) }))],
          [4975, connect('c2')], [4985, message('c2', join('Bob', { jwt: invite('Bob', { exp: S0 + 5 }) }))],
          [4999, result(1, null)], [5000, result(2, null)],
        ], { flags: ['boundary'] }),
        c('wrong-room', 'An invite for another room is refused', ['PRES-80', 'INV-03'], { g: 'invite', gk: creator.pub as never }, joinWith(invite('Ann', { room: 'retro' })), { flags: ['auth-bypass'] }),
        c('stranger-key', 'An invite signed by another key is refused', ['PRES-80'], { g: 'invite', gk: creator.pub as never }, joinWith(invite('Ann', {}, stranger.secret)), { flags: ['auth-bypass'] }),
        c('no-key', 'No gk: every credential fails; a joiner without one is held', ['PRES-80'], { g: 'invite' }, [...joinWith(invite('Ann')), [40, connect('c2')], [50, message('c2', join('Bob'))]], { flags: ['fail-closed'] }),
        c('bad-key', 'A gk that is not a P-256 key: every credential fails', ['PRES-80'], { g: 'invite', gk: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } }, joinWith(invite('Ann')), { flags: ['fail-closed', 'upstream'], comment: 'Upstream\'s page fails to join the room at all.' }),
        c('reused', 'The same invite on two connections: both admitted (a bearer credential)', ['INV-05', 'PRES-80'], { g: 'invite', gk: creator.pub as never }, [...joinWith(invite('Ann')), ...joinWith(invite('Ann'), null, 'c2', 'Ann', 40, 2)]),
        c('manifest-member', 'With a manifest, a listed name is admitted', ['PRES-80', 'MAN-06'], { g: 'invite', gk: creator.pub as never, gm: manifest() }, joinWith(invite('ann'))),
        c('manifest-non-member', 'A validly signed invite for a name the manifest does not list is refused', ['PRES-80', 'MAN-06'], { g: 'invite', gk: creator.pub as never, gm: manifest() }, joinWith(invite('Mallory')), { flags: ['auth-bypass'] }),
        c('manifest-hashed', 'A hashed invite roster admits by hash', ['PRES-80', 'MAN-06'], { g: 'invite', gk: creator.pub as never, gm: manifest({ members: [], mh: [memberHash('Ann', ROOM)] }) }, joinWith(invite('ANN'))),
        c('manifest-expired-at-start', 'A manifest already expired when the role begins shuts the door for every credential', ['PRES-80', 'MAN-03'], { g: 'invite', gk: creator.pub as never, gm: manifest({ exp: S0 }) }, joinWith(invite('Ann')), { flags: ['fail-closed', 'boundary'] }),
        c('manifest-wrong-mode', 'A google-mode manifest in an invite room shuts the door', ['PRES-80', 'MAN-02'], { g: 'invite', gk: creator.pub as never, gm: manifest({ mode: 'google' }) }, joinWith(invite('Ann')), { flags: ['fail-closed'] }),
        c('manifest-expires-later', 'The manifest is checked once, when the role begins: it keeps governing after its exp', ['PRES-80'], { g: 'invite', gk: creator.pub as never, gm: manifest({ exp: S0 + 1 }) }, joinWith(invite('Ann'), null, 'c1', 'Ann', 5000), { flags: ['upstream'] }),
        c('agent-only', 'An agent-only manifest: a human without a credential is admitted directly, with no request', ['PRES-81', 'MAN-08'], { g: 'invite', gk: creator.pub as never, gm: agentOnly() }, [[10, connect('c1')], [20, message('c1', join('Ann'))], [30, connect('c2')], [40, message('c2', join('Bob', { jwt: 'anything' }))], [50, result(1, null)]], { flags: ['humans-open'] }),
        c('agent-only-any-credential', 'An agent-only invite manifest: every credential succeeds, even text that is no invite (the room is open to humans anyway)', ['PRES-81'], { g: 'invite', gk: creator.pub as never, gm: agentOnly() }, joinWith(invite('Ann', { room: 'retro', exp: S0 - 10 })), { flags: ['humans-open', 'upstream'] }),
        c('agent-only-other-mode', 'An agent-only google manifest in an invite room: humans without a credential open, credentials refused', ['PRES-81'], { g: 'invite', gk: creator.pub as never, gm: agentOnly({ mode: 'google' }) }, [[10, connect('c1')], [20, message('c1', join('Ann'))], ...joinWith(invite('Bob'), null, 'c2', 'Bob', 30)], { flags: ['humans-open', 'upstream'] }),
        c('agent-only-hashed', 'Agents and a hashed roster: humans stay gated (PRES-85 hardens upstream)', ['PRES-85', 'PRES-81'], { g: 'invite', gk: creator.pub as never, gm: agentOnly({ mh: [memberHash('Ann', ROOM)] }) }, [[10, connect('c1')], [20, message('c1', join('Ann'))]], { flags: ['hardening'] }),
        c('oversize', 'A credential over 8192 characters is refused before anything is requested', ['PRES-10', 'PRES-75'], { g: 'invite', gk: creator.pub as never }, [[10, connect('c1')], [20, message('c1', join('Ann', { jwt: 'x'.repeat(8193) }))]]),
        c('busy', 'A second announce while the fingerprint is being read is dropped as busy', ['PRES-10', 'PRES-78'], { g: 'invite', gk: creator.pub as never }, [[10, connect('c1')], [20, message('c1', join('Ann', { jwt: invite('Ann') }))], [25, message('c1', join('Ann', { jwt: invite('Ann') }))], [30, result(1, null)]]),
      ],
    },
    {
      name: 'code',
      description: 'Join codes held by the coordinator, rate-limited per connection [PRES-82], [PRES-84], [CODE-02], [CODE-03]',
      cases: [
        c('admit', 'A matching code, with spaces, is admitted', ['PRES-82', 'CODE-02'], { g: 'code', codes: [{ name: 'Ann', code: 'K7P-Q2M' }] }, joinWith(' K7P-Q2M ')),
        c('refuse', 'A wrong code (another case) is refused', ['PRES-82', 'CODE-02'], { g: 'code', codes: [{ name: 'Ann', code: 'K7P-Q2M' }] }, joinWith('k7p-q2m'), { flags: ['auth-bypass'] }),
        c('lockout', 'Two wrong codes lock the connection for 10 s: even the right code is then dropped; after 10 s it is admitted', ['PRES-82', 'CODE-03'], { g: 'code', codes: [{ name: 'Ann', code: 'K7P-Q2M' }], limit: { maxAttempts: 2, lockoutMs: 10_000 } }, [
          [10, connect('c1')],
          [20, message('c1', join('Ann', { jwt: 'AAA-AAA' }))], [30, result(1, null)],
          [40, message('c1', join('Ann', { jwt: 'BBB-BBB' }))], [50, result(2, null)],
          [60, message('c1', join('Ann', { jwt: 'K7P-Q2M' }))], [70, result(3, null)],
          [10_040, message('c1', join('Ann', { jwt: 'K7P-Q2M' }))], [10_050, result(4, null)],
        ], { flags: ['boundary'] }),
        c('default-limit', 'Without a configured limit, 5 wrong codes lock the connection for 60 s', ['PRES-84', 'PRES-82'], { g: 'code', codes: [{ name: 'Ann', code: 'K7P-Q2M' }] }, [
          [10, connect('c1')],
          ...[0, 1, 2, 3, 4].flatMap((i): Step[] => [[20 + 20 * i, message('c1', join('Ann', { jwt: `WRONG-${i}` }))], [30 + 20 * i, result(i + 1, null)]]),
          [200, message('c1', join('Ann', { jwt: 'K7P-Q2M' }))], [210, result(6, null)],
          [60_150, message('c1', join('Ann', { jwt: 'K7P-Q2M' }))], [60_160, result(7, null)],
        ], { flags: ['boundary'] }),
        c('disconnect-forgets', 'A disconnect erases the connection\'s record (why a connection limit alone is weak)', ['PRES-82', 'CODE-03'], { g: 'code', codes: [{ name: 'Ann', code: 'K7P-Q2M' }], limit: { maxAttempts: 1, lockoutMs: 60_000 } }, [
          ...joinWith('WRONG'),
          [40, disconnect('c1')],
          ...joinWith('K7P-Q2M', null, 'c1', 'Ann', 50, 2),
        ], { flags: ['upstream'] }),
        c('per-connection', 'One connection\'s lock-out does not affect another', ['CODE-03', 'PRES-82'], { g: 'code', codes: [{ name: 'Ann', code: 'K7P-Q2M' }, { name: 'Bob', code: 'HAA-AB9' }], limit: { maxAttempts: 1, lockoutMs: 60_000 } }, [
          ...joinWith('WRONG'),
          ...joinWith('HAA-AB9', null, 'c2', 'Bob', 40, 2),
        ]),
      ],
    },
    {
      name: 'oidc',
      description: 'google and email modes ask the external verifier and bind the certificate [PRES-83]',
      cases: [
        c('google-verify-request', 'google: the fingerprint, then a verify request; ok rosters', ['PRES-83', 'PRES-75'], { g: 'google' }, [...joinWith('e.y.j', HOST_FP), [40, result(2, 'ok')]]),
        c('email-verify-request', 'email: the same flow; fail sends unverified', ['PRES-83'], { g: 'email' }, [...joinWith('e.y.j', HOST_FP), [40, result(2, 'fail')]]),
        c('google-binds', 'google: an unreadable fingerprint holds the joiner', ['PRES-83', 'PRES-10'], { g: 'google' }, joinWith('e.y.j', null)),
        c('google-agent-only', 'google with an agent-only manifest: a human without a credential is admitted directly', ['PRES-81', 'PRES-83'], { g: 'google', gk: creator.pub as never, gm: agentOnly({ mode: 'google' }) }, [[10, connect('c1')], [20, message('c1', join('Ann'))]], { flags: ['humans-open'] }),
        c('google-roster-held', 'google with a member roster: a human without a credential is held', ['PRES-81', 'PRES-83'], { g: 'google', gk: creator.pub as never, gm: manifest({ mode: 'google', members: ['ann@acme.com'] }) }, [[10, connect('c1')], [20, message('c1', join('Ann'))]]),
        c('google-toggle-off', 'The host may switch a google door off; frames then pass', ['PRES-75', 'PRES-09'], { g: 'google' }, [[5, { type: 'local', op: 'gate', on: false }], [10, connect('c1')], [20, message('c1', join('Ann'))], [2500, tick]]),
      ],
    },
  ],
};
