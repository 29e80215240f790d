// Scenario vectors for agents at the coordinator's door (spec/08-presence.md 8.10): agent key
// assertions checked against the manifest's allow-list, credit credentials verified by request,
// re-verification on every announce, the reap 90 s after a credit's expiry, and the participant
// presenting its agent credentials. Driven through presence.scenario; profile `agents`.
import type { JsonObject, JsonValue } from '../../reference/encoding/json.ts';
import { bodyOf, tokenFor } from './craft.ts';
import { ecKey, type Case, type FileSpec } from './lib.ts';
import { connect, coordinatorConfig, disconnect, frame, HOST_FP, join, knock, local, message, OTHER_FP, result, ROOM, scenario, T0, tick, type Step } from './presence-dsl.ts';

const creator = ecKey('agents room creator');
const agent = ecKey('agent');
const stranger = ecKey('stranger');
const S0 = Math.floor(T0 / 1000);
const AGENT_FP = OTHER_FP; // the agent's certificate (bob's fixture); humans present HOST_FP (alice's)

const signed = (payload: Record<string, unknown>, signer = creator.secret): string => tokenFor(signer, bodyOf(JSON.stringify(payload)));
const CAPS = { perceive: ['read-chat', 'see-screen', 'teleport'], act: ['send-chat'] };
const manifest = (over: Record<string, unknown> = {}): string =>
  signed({ members: ['ann@example.com'], mode: 'google', room: ROOM, exp: S0 + 3600, agentKeys: [{ key: agent.pub, label: 'notes-bot' }], ...over });
const withCaps = (): string => manifest({ agentKeys: [{ key: stranger.pub }, { key: agent.pub, caps: CAPS, label: 'notes-bot' }] });
const agentOnly = (): string => manifest({ members: [], agentKeys: [{ key: agent.pub, label: 'notes-bot' }] });

/** An assertion by the agent key for its own certificate, issued at `iat` (default: the scenario's second). */
const assertion = (over: Record<string, unknown> = {}, signer = agent.secret): string =>
  tokenFor(signer, bodyOf(JSON.stringify({ k: 'kbz-agent-key.v1', room: ROOM, fp: AGENT_FP, iat: S0, ...over })));

const agentJoin = (creds: JsonObject, over: JsonObject = {}): JsonObject => join('Ada', { ...creds, ...over });
const KEYED = { gk: creator.pub as unknown as JsonValue, gm: manifest() };
const gate = (g: JsonObject): JsonObject => coordinatorConfig({ gate: g });

const c = (name: string, description: string, covers: string[], g: JsonObject | null, steps: Step[], o: { flags?: string[]; comment?: string; config?: JsonObject } = {}): Case =>
  scenario('coordinator', name, description, covers, steps, { config: { ...(g ? gate(g) : coordinatorConfig()), ...(o.config ?? {}) }, ...(o.flags ? { flags: o.flags } : {}), ...(o.comment ? { comment: o.comment } : {}) });

/** The agent connects on `conn` and announces with `creds`; the fingerprint answer (request `id`) follows. */
const agentEnters = (creds: JsonObject, fp: string | null = AGENT_FP, conn = 'c1', at = 10, id = 1, over: JsonObject = {}): Step[] => [
  [at, connect(conn)],
  [at + 10, message(conn, agentJoin(creds, over))],
  [at + 20, result(id, fp)],
];
const p = (name: string, description: string, covers: string[], steps: Step[]): Case => scenario('participant', name, description, covers, steps, { config: { token: 'tAda' } });

/** `n` chars of a base64url-looking credential. */
const filler = (n: number): string => 'A'.repeat(n);

export const agentsGateVectors: FileSpec = {
  file: 'agentgate',
  title: 'Agents at the door: key assertions against the allow-list, credit credentials, re-verification and the credit reap',
  profile: 'agents',
  chapters: ['spec/08-presence.md', 'spec/13-agents.md'],
  notes: {
    'golden': { bugType: 'BASIC', description: 'An allow-listed agent enters by its key.' },
    'auth-bypass': { bugType: 'AUTH_BYPASS', description: 'An agent the door must refuse gets in.' },
    'gate-scope': { bugType: 'MISSING_STEP', description: 'Agent credentials are gated even when people are not; a room without a gate ignores them.' },
    'cert-binding': { bugType: 'AUTH_BYPASS', description: 'An assertion is always bound to the connection\'s certificate: an unreadable one holds, another one refuses.' },
    'boundary': { bugType: 'BOUNDARY', description: 'Size limits, freshness and the credit reap at exactly their bounds.' },
    'credit': { bugType: 'MISSING_STEP', description: 'Credit-gated rooms: every announce re-verified, a lapsed credit reaped and kicked.' },
    'fail-closed': { bugType: 'MISSING_STEP', description: 'No allow-list, or one from a manifest that does not verify, admits no agent.' },
    'hardening': { bugType: 'AUTH_BYPASS', description: 'A SHOULD of 8.10 that closes an upstream gap.' },
    'present': { bugType: 'MISSING_STEP', description: 'The participant presents its agent credentials in every knock and voice, at once when they change.' },
  },
  groups: [
    {
      name: 'key',
      description: 'Agent key assertions at the door [PRES-100], [PRES-103], [PRES-104], [PRES-113]',
      cases: [
        c('admit', 'An allow-listed agent presents a fresh assertion for its certificate: reported and rostered as an agent', ['PRES-104', 'PRES-100', 'AGT-06', 'PRES-113'], { g: 'google', ...KEYED }, agentEnters({ agentAssertion: assertion() }), { flags: ['golden'] }),
        c('admit-people-not-required', 'People need not verify (require false), but the agent is still checked; a person walks in with no request', ['PRES-100', 'PRES-104'], { g: 'google', require: false, ...KEYED }, [
          ...agentEnters({ agentAssertion: assertion() }),
          [40, connect('c2')], [50, message('c2', join('Ann'))],
        ], { flags: ['gate-scope'] }),
        c('caps-reported', 'The matched entry\'s caps come out sanitized with its label; the first entry (another key) is passed over', ['PRES-104', 'CAPS-05', 'AGT-08'], { g: 'google', gk: creator.pub as never, gm: withCaps() }, agentEnters({ agentAssertion: assertion() })),
        c('meta-role', 'An agent admitted by key is rostered with meta.role agent, its other meta kept', ['PRES-113'], { g: 'google', ...KEYED }, agentEnters({ agentAssertion: assertion() }, AGENT_FP, 'c1', 10, 1, { meta: { role: 'human', seat: 3 } }), { flags: ['hardening'] }),
        c('jwt-ignored', 'A frame with both a jwt and an assertion is decided by the assertion alone (no verify request)', ['PRES-104'], { g: 'google', ...KEYED }, agentEnters({ agentAssertion: assertion(), jwt: 'eyJhbGciOiJSUzI1NiJ9.e30.sig' })),
        c('knock-then-voice', 'A knock carrying the assertion admits the connection; its later voice is not re-verified', ['PRES-104', 'PRES-106'], { g: 'google', ...KEYED }, [
          [10, connect('c1')], [20, message('c1', knock('Ada', { agentAssertion: assertion() }))], [30, result(1, AGENT_FP)], [40, message('c1', agentJoin({ agentAssertion: assertion() }))],
        ]),
        c('no-gate', 'A coordinator without a gate ignores agent credentials: rostered at once', ['PRES-100'], null, [[10, connect('c1')], [20, message('c1', agentJoin({ agentAssertion: assertion({}, stranger.secret) }))]], { flags: ['gate-scope'] }),
        c('open-mode', 'The open mode has no door, for agents either', ['PRES-100', 'PRES-76'], { g: 'open', ...KEYED }, [[10, connect('c1')], [20, message('c1', agentJoin({ agentAssertion: 'not-even-a-token' }))]], { flags: ['gate-scope'] }),
        c('stranger-key', 'An assertion by a key that is not allow-listed: unverified, nothing reported', ['PRES-104', 'AGT-06'], { g: 'google', ...KEYED }, agentEnters({ agentAssertion: assertion({}, stranger.secret) }), { flags: ['auth-bypass'] }),
        c('stranger-key-people-open', 'Even where people need not verify, a bad assertion is refused', ['PRES-100', 'PRES-104'], { g: 'google', require: false, ...KEYED }, agentEnters({ agentAssertion: assertion({}, stranger.secret) }), { flags: ['auth-bypass', 'gate-scope'] }),
        c('other-certificate', 'The assertion names another certificate than the connection presents', ['PRES-104', 'AGT-06'], { g: 'google', ...KEYED }, agentEnters({ agentAssertion: assertion() }, HOST_FP), { flags: ['cert-binding'] }),
        c('unreadable-fp-holds', 'An unreadable certificate holds an agent quietly, in the names mode too (assertions always bind)', ['PRES-103'], { g: 'names', gn: ['Ann'], ...KEYED }, agentEnters({ agentAssertion: assertion() }, null), { flags: ['cert-binding'] }),
        c('names-human-not-held', 'Contrast: in the names mode a person with an unreadable certificate is decided', ['PRES-103', 'PRES-77'], { g: 'names', gn: ['Ann'], ...KEYED }, [[10, connect('c1')], [20, message('c1', join('Ann', { jwt: 'Ann' }))], [30, result(1, null)]]),
        c('invite-room-agent', 'An invite room with an allow-listed agent: the agent enters by key', ['PRES-104', 'PRES-100'], { g: 'invite', gk: creator.pub as never, gm: manifest({ mode: 'invite' }) }, agentEnters({ agentAssertion: assertion() })),
        c('stale-at-301', 'An assertion 301 s old at the fingerprint answer is refused', ['PRES-104', 'AGT-11'], { g: 'google', ...KEYED }, agentEnters({ agentAssertion: assertion({ iat: S0 - 301 }) }), { flags: ['boundary'] }),
        c('fresh-at-300', 'An assertion exactly 300 s old at the answer\'s second is admitted', ['PRES-104', 'AGT-11'], { g: 'google', ...KEYED }, agentEnters({ agentAssertion: assertion({ iat: S0 - 300 }) }, AGENT_FP, 'c1', 900, 1), { flags: ['boundary'] }),
        c('answer-second', 'The answer\'s time decides: iat = start - 299 is fresh at 0.9 s and stale when the answer comes at 2.0 s', ['PRES-104'], { g: 'google', ...KEYED }, [
          [10, connect('c1')], [20, message('c1', agentJoin({ agentAssertion: assertion({ iat: S0 - 299 }) }))], [2000, result(1, AGENT_FP)],
        ], { flags: ['boundary'] }),
        c('no-manifest', 'No manifest: no allow-list, every assertion refused', ['PRES-104'], { g: 'google', gk: creator.pub as never }, agentEnters({ agentAssertion: assertion() }), { flags: ['fail-closed'] }),
        c('manifest-expired', 'A manifest expired when the role begins gives no allow-list', ['PRES-104', 'MAN-03'], { g: 'google', gk: creator.pub as never, gm: manifest({ exp: S0 }) }, agentEnters({ agentAssertion: assertion() }), { flags: ['fail-closed'] }),
        c('manifest-wrong-key', 'A manifest signed by another key gives no allow-list', ['PRES-104', 'MAN-02'], { g: 'google', gk: creator.pub as never, gm: signed({ members: [], mode: 'google', room: ROOM, exp: S0 + 3600, agentKeys: [{ key: agent.pub }] }, stranger.secret) }, agentEnters({ agentAssertion: assertion() }), { flags: ['fail-closed'] }),
        c('manifest-mode-not-pinned', 'The allow-list is read with no mode pinned: a names-mode manifest still allow-lists agents', ['PRES-104'], { g: 'google', gk: creator.pub as never, gm: manifest({ mode: 'names' }) }, agentEnters({ agentAssertion: assertion() })),
        c('assertion-2048', 'An assertion of exactly 2048 characters is not refused for its size (it fails verification later)', ['PRES-102'], { g: 'google', ...KEYED }, agentEnters({ agentAssertion: filler(2048) }), { flags: ['boundary'] }),
        c('assertion-2049', 'An assertion of 2049 characters is refused at once, before the certificate is read', ['PRES-102'], { g: 'google', ...KEYED }, [[10, connect('c1')], [20, message('c1', agentJoin({ agentAssertion: filler(2049) }))]], { flags: ['boundary'] }),
        c('humans-open-agent-refused', 'An agent-only room opens people; an agent with a bad assertion is still refused', ['PRES-114', 'PRES-81'], { g: 'google', gk: creator.pub as never, gm: agentOnly() }, [
          [10, connect('c1')], [20, message('c1', join('Ann'))],
          ...agentEnters({ agentAssertion: assertion({}, stranger.secret) }, AGENT_FP, 'c2', 30, 1),
        ], { flags: ['auth-bypass'] }),
        c('humans-open-agent-admitted', 'In the agent-only room the allow-listed agent enters by key', ['PRES-114', 'PRES-104'], { g: 'google', gk: creator.pub as never, gm: agentOnly() }, agentEnters({ agentAssertion: assertion() })),
        c('credit-without-credit-room', 'A credit alone in a room that does not take credits goes down the human path, which needs a jwt', ['PRES-111', 'PRES-101'], { g: 'google', ...KEYED }, agentEnters({ agentCredit: 'eyJ.credit.x' }, HOST_FP)),
        c('busy', 'A second entering frame while the assertion\'s certificate is being read is dropped as busy', ['PRES-10', 'PRES-104'], { g: 'google', ...KEYED }, [
          [10, connect('c1')], [20, message('c1', agentJoin({ agentAssertion: assertion() }))], [25, message('c1', agentJoin({ agentAssertion: assertion() }))], [30, result(1, AGENT_FP)],
        ]),
        c('malformed-assertion-member', 'An agentAssertion that is not a string makes the frame malformed', ['PRES-03', 'MSG-21'], { g: 'google', ...KEYED }, [[10, connect('c1')], [20, message('c1', agentJoin({ agentAssertion: 42 }))]]),
      ],
    },
    {
      name: 'credit',
      description: 'Credit-gated rooms: verification by request, re-verification on every announce, the reap [PRES-105] to [PRES-109], [PRES-112]',
      cases: [
        c('credit-only-admit', 'A credit-only room (people open): a credit verifies by request and the agent is rostered', ['PRES-105', 'PRES-100', 'PRES-106'], { require: false, bindsFingerprint: false, credits: true }, [
          ...agentEnters({ agentCredit: 'credit-1' }, null),
          [40, result(2, S0 + 60)],
          [50, connect('c2')], [60, message('c2', join('Ann'))],
        ], { flags: ['golden', 'credit'] }),
        c('reverify-every-announce', 'Every later announce of a credit agent is verified again (a new credit request each time)', ['PRES-106'], { require: false, bindsFingerprint: false, credits: true }, [
          ...agentEnters({ agentCredit: 'credit-1' }, null),
          [40, result(2, S0 + 60)],
          [3000, message('c1', agentJoin({ agentCredit: 'credit-2' }))], [3010, result(3, null)], [3020, result(4, S0 + 120)],
        ], { flags: ['credit'] }),
        c('credit-fail', 'A credit the verifier refuses: unverified', ['PRES-105'], { require: false, bindsFingerprint: false, credits: true }, [...agentEnters({ agentCredit: 'credit-1' }, null), [40, result(2, 'fail')]], { flags: ['credit', 'auth-bypass'] }),
        c('credit-hold', 'A verifier that cannot decide holds quietly', ['PRES-105'], { require: false, bindsFingerprint: false, credits: true }, [...agentEnters({ agentCredit: 'credit-1' }, null), [40, result(2, 'hold')]], { flags: ['credit'] }),
        c('key-and-credit', 'Allow-listed and credit-gated: the key is checked (reported), then the credit', ['PRES-104', 'PRES-105'], { g: 'google', credits: true, ...KEYED }, [...agentEnters({ agentAssertion: assertion(), agentCredit: 'credit-1' }), [40, result(2, S0 + 60)]], { flags: ['credit'] }),
        c('key-without-credit', 'Allow-listed but no credit in a credit-gated room: reported, then refused (a key does not exempt from paying)', ['PRES-104'], { g: 'google', credits: true, ...KEYED }, agentEnters({ agentAssertion: assertion() }), { flags: ['credit', 'auth-bypass'] }),
        c('bad-key-no-credit-request', 'A bad assertion with a credit: refused without asking about the credit', ['PRES-104', 'PRES-105'], { g: 'google', credits: true, ...KEYED }, agentEnters({ agentAssertion: assertion({}, stranger.secret), agentCredit: 'credit-1' }), { flags: ['credit', 'auth-bypass'] }),
        c('credit-alone-with-keys', 'A credit without an assertion in a room that allow-lists keys is refused (upstream would admit it)', ['PRES-112'], { g: 'google', credits: true, ...KEYED }, agentEnters({ agentCredit: 'credit-1' }), { flags: ['hardening'] }),
        c('credit-oversize', 'A credit of 8193 characters is refused at once', ['PRES-102'], { require: false, bindsFingerprint: false, credits: true }, [[10, connect('c1')], [20, message('c1', agentJoin({ agentCredit: filler(8193) }))]], { flags: ['boundary'] }),
        c('credit-8192', 'A credit of 8192 characters goes to the verifier', ['PRES-102'], { require: false, bindsFingerprint: false, credits: true }, [...agentEnters({ agentCredit: filler(8192) }, null)], { flags: ['boundary'] }),
        c('reap-at-exp-plus-90', 'Two agents, credits expiring 1 s apart: the beat at second S0 + 9 reaps the one whose exp + 90 it is and keeps the other, reaped at the next beat', ['PRES-108', 'PRES-107'], { require: false, bindsFingerprint: false, credits: true }, [
          ...agentEnters({ agentCredit: 'credit-a' }, null, 'c1', 10, 1), [40, result(2, S0 - 81)],
          [50, connect('c2')], [60, message('c2', join('Bea', { agentCredit: 'credit-b' }))], [70, result(3, null)], [80, result(4, S0 - 80)],
          [2500, tick], [5000, tick], [6000, message('c2', { t: 'ping' })], [9000, tick], [11000, message('c2', { t: 'ping' })], [11500, tick], [14000, tick],
        ], { flags: ['boundary', 'credit'] }),
        c('reap-not-when-frozen', 'A beat after a freeze reaps nobody, lapsed credits included; the next beat does', ['PRES-108', 'PRES-24'], { require: false, bindsFingerprint: false, credits: true }, [
          ...agentEnters({ agentCredit: 'credit-a' }, null), [40, result(2, S0 - 85)],
          [2500, tick], [9000, tick], [11500, tick],
        ], { flags: ['credit'] }),
        c('kick-not-remembered', 'After a credit reap the same connection may come back with a fresh credit', ['PRES-108'], { require: false, bindsFingerprint: false, credits: true }, [
          ...agentEnters({ agentCredit: 'credit-a' }, null), [40, result(2, S0 - 88)],
          [2500, tick], [3000, message('c1', agentJoin({ agentCredit: 'credit-b' }))], [3010, result(3, null)], [3020, result(4, S0 + 60)],
        ], { flags: ['credit'] }),
        c('disconnect-forgets', 'A disconnect forgets the credit expiry: the connection id back as a person is not reaped', ['PRES-109'], { require: false, bindsFingerprint: false, credits: true }, [
          ...agentEnters({ agentCredit: 'credit-a' }, null), [40, result(2, S0 - 85)],
          [1000, disconnect('c1')], [1100, connect('c1')], [1200, message('c1', join('Ann'))],
          [2500, tick], [5000, tick], [7500, tick],
        ], { flags: ['credit'] }),
        c('knock-credit-expiry', 'A knock verifies a credit but only a voice stamps the slot: the slot keeps the voice\'s expiry', ['PRES-107'], { require: false, bindsFingerprint: false, credits: true, }, [
          ...agentEnters({ agentCredit: 'credit-a' }, null), [40, result(2, S0 - 80)],
          [100, message('c1', knock('Ada', { agentCredit: 'credit-b' }))], [110, result(3, null)], [120, result(4, S0 + 600)],
          [2500, tick], [5000, tick], [7500, tick], [10000, tick],
        ], { flags: ['credit'], comment: 'Upstream stamps a slot\'s credit expiry when a voice rosters it; a renewal that only knocked does not move it.' }),
      ],
    },
    {
      name: 'participant',
      description: 'The participant presents its agent credentials [PRES-110]',
      cases: [
        p('present-assertion', 'An assertion given after the call started: a knock, then the voice, both carrying it; later announces carry it', ['PRES-110'], [
          [0, { type: 'open' }], [100, local('self', { on: true, cam: false, name: 'Ada', avatar: '', voiceId: 'vAda' })],
          [200, local('agent', { assertion: assertion() })], [3100, tick],
        ]),
        p('present-credit', 'A renewed credit goes out at once, next to the assertion', ['PRES-110', 'CRED-05'], [
          [0, { type: 'open' }], [100, local('self', { on: true, cam: false, name: 'Ada', avatar: '', voiceId: 'vAda' })],
          [200, local('agent', { assertion: assertion() })], [300, local('credit', { credential: 'credit-1' })], [400, local('credit', { credential: 'credit-2' })],
        ]),
        p('before-announcing', 'Before the application announces, only the knock carries the assertion', ['PRES-110'], [
          [0, { type: 'open' }], [10, local('agent', { assertion: assertion() })],
        ]),
        p('reopen-carries', 'After the connection re-opens, the knock carries the credentials', ['PRES-110', 'PRES-35'], [
          [0, { type: 'open' }], [10, local('agent', { assertion: assertion() })], [20, { type: 'closed' }], [2020, tick], [2030, { type: 'open' }],
        ]),
        p('coordinator-frames-ignored', 'A roster with the agent in it changes nothing about its credentials', ['PRES-110'], [
          [0, { type: 'open' }], [10, local('agent', { assertion: assertion() })], [20, frame({ t: 'roster', members: [], lobby: false, host: '', locked: false })],
        ]),
      ],
    },
  ],
};
