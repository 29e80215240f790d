// Vectors for capability grants and their enforcement (spec/13-agents.md 13.4 to 13.7): defaults,
// sanitizing, intersection, expiry, the grant of a peer, who receives each content kind, what a
// receiver keeps, media lanes, and how grants travel.
import type { JsonObject } from '../../reference/encoding/json.ts';
import { fingerprintOfBytes } from '../../reference/sas/fingerprint-source.ts';
import { certDer, type Case, type FileSpec } from './lib.ts';

const ALL_PERCEIVE = ['see-screen', 'hear-audio', 'read-chat', 'read-roster', 'receive-directed', 'read-media', 'read-files'];
const ALL_ACT = ['send-chat', 'speak', 'act'];
const FULL = { perceive: ALL_PERCEIVE, act: ALL_ACT };
const READ_ONLY = { perceive: ['read-chat', 'read-roster', 'receive-directed'], act: [] };
const NOW = 1_700_000_000;
const ALICE_FP = fingerprintOfBytes(certDer('alice'));
const BOB_FP = fingerprintOfBytes(certDer('bob'));

// A room: me (a human), Bea (a human), Ada (a read-only agent), Zed (a human), in roster order.
const ME = 'me-media';
const BEA = 'bea-media';
const ADA = 'ada-media';
const ZED = 'zed-media';
const AGENT_META = { role: 'agent' };
const ROSTER = [{ id: ME }, { id: BEA, meta: { seat: 2 } }, { id: ADA, meta: AGENT_META }, { id: ZED }];
const HUMANS = [{ id: ME }, { id: BEA }, { id: ZED }];

const g = (perceive: string[], act: string[] = [], extra: JsonObject = {}): JsonObject => ({ perceive, act, ...extra });
type ViewOpts = { roster?: JsonObject[]; grants?: JsonObject; now?: number; self?: string };
const view = (o: ViewOpts = {}): JsonObject => {
  const v: JsonObject = { self: o.self ?? ME, roster: (o.roster ?? ROSTER) as never };
  if (o.grants) v.grants = o.grants as never;
  v.now = o.now ?? NOW;
  return v;
};

const op = (opName: string) => (name: string, description: string, input: JsonObject, covers: string[], flags: string[] = [], error?: string): Case => ({
  name, description, op: opName, input, covers, flags, ...(error ? { error } : {}),
});
const dflt = op('caps.default');
const sanitize = op('caps.sanitize');
const intersect = op('caps.intersect');
const effective = op('caps.effective');
const of = op('caps.of');
const recipients = op('caps.recipients');
const accepts = op('caps.accepts');
const lanes = op('caps.lanes');
const receive = op('caps.receive');
const distribute = op('caps.distribute');
const bind = op('caps.bind');
const merge = op('caps.merge');
const media = op('caps.media.scenario');
const mstep = (event: JsonObject): JsonObject => ({ event });

const rcv = (o: JsonObject) => ({ host: 'host-media', cryptographicHost: true, coordinator: false, from: 'host-media', msg: { k: 'caps', grants: { [ADA]: g(['read-chat', 'see-screen'], ['send-chat']) } }, ...o });

export const agentsCapsVectors: FileSpec = {
  file: 'agentcaps',
  title: 'Capability grants: defaults, sanitizing, intersection, expiry, perceive and act enforcement, media lanes, distribution',
  profile: 'agents',
  chapters: ['spec/13-agents.md'],
  notes: {
    'defaults': { bugType: 'BASIC', description: 'The default grants of humans and agents, and who counts as an agent.' },
    'unknown-capability': { bugType: 'AUTH_BYPASS', description: 'A capability string this version does not know must never be granted.' },
    'duplicates': { bugType: 'EDGE_CASE', description: 'Repeated capabilities: kept once by sanitizing, kept as given by intersection.' },
    'not-a-list': { bugType: 'EDGE_CASE', description: 'A grant or a capability member of the wrong JSON type confers nothing (upstream throws).' },
    'backend-80': { bugType: 'BOUNDARY', description: 'The 80 UTF-16 code unit cut of the backend disclosure.' },
    'truthiness': { bugType: 'INTEROP', description: 'JavaScript truthiness, as upstream tests egress, caps and expiresAt.' },
    'expiry-boundary': { bugType: 'BOUNDARY', description: 'A grant confers nothing from expiresAt on (inclusive), and 0 means no expiry.' },
    'never-widens': { bugType: 'AUTH_BYPASS', description: 'An intersection never holds a capability one side lacks.' },
    'read-only-agent': { bugType: 'AUTH_BYPASS', description: 'A read-only agent must not receive media, images, files, or chat it was not granted.' },
    'fast-path': { bugType: 'EDGE_CASE', description: 'One broadcast only when every other member may perceive; transfers always per recipient.' },
    'directed': { bugType: 'AUTH_BYPASS', description: 'Directed sends need receive-directed (and the media capability for images and files).' },
    'raw-lanes': { bugType: 'EDGE_CASE', description: 'Engine lanes (ledger, ctl, blob, idtoken, caps) are never withheld by perceive grants.' },
    'act-check': { bugType: 'AUTH_BYPASS', description: 'A sender without send-chat is dropped by every receiver; idtoken and caps are exempt.' },
    'lanes': { bugType: 'AUTH_BYPASS', description: 'Audio needs hear-audio, the screen lanes see-screen; the camera is never withheld; no placeholder fails closed.' },
    'caps-trust': { bugType: 'AUTH_BYPASS', description: 'A caps frame applies only from the verified host, in a cryptographic-host room, at a non-coordinator.' },
    'distribution': { bugType: 'MISSING_STEP', description: 'Only the coordinator sends caps: after every change, and on roster changes while it holds overrides.' },
    'self-declared': { bugType: 'EDGE_CASE', description: 'The agent role and disclosures are what the member declares in meta.' },
    'hardening': { bugType: 'AUTH_BYPASS', description: 'A SHOULD this specification adds over upstream: a coordinator cannot widen grants behind a peer\'s back, and content goes only to roster members. An upstream-faithful peer fails it as non-strict.' },
    'regate': { bugType: 'MISSING_STEP', description: 'Lanes are set before the first track and re-applied on every change of grants, roster or time.' },
  },
  groups: [
    {
      name: 'default',
      description: 'caps.default: human everything, agent read-only [GRANT-02]',
      cases: [
        dflt('human', 'A human perceives and acts everything, in canonical order', { role: 'human' }, ['GRANT-02', 'GRANT-01'], ['defaults']),
        dflt('agent', 'An agent reads chat, the roster and what is sent to it; acts nothing', { role: 'agent' }, ['GRANT-02', 'GRANT-01'], ['defaults']),
        dflt('unknown-role', 'A role that is neither is refused as a shape error', { role: 'robot' }, ['GRANT-02', 'ADP-08'], [], 'input.invalid'),
      ],
    },
    {
      name: 'sanitize',
      description: 'caps.sanitize: what a receiver keeps of a grant [GRANT-05]',
      cases: [
        sanitize('full', 'A full grant is kept as is', { grant: FULL }, ['GRANT-05'], ['defaults']),
        sanitize('unknown-dropped', 'Unknown capabilities are dropped, never granted', { grant: g(['read-chat', 'see-everything', 'hear-audio'], ['send-chat', 'admin', 'root']) }, ['GRANT-05', 'MSG-38'], ['unknown-capability']),
        sanitize('case-sensitive', 'Capability names match exactly: Read-Chat is unknown', { grant: g(['Read-Chat', 'read-chat ', 'READ-MEDIA'], ['Send-Chat']) }, ['GRANT-05'], ['unknown-capability']),
        sanitize('act-in-perceive', 'An act capability in perceive (and the reverse) is dropped', { grant: g(['send-chat', 'read-chat'], ['read-chat', 'speak']) }, ['GRANT-05'], ['unknown-capability']),
        sanitize('duplicates', 'Repeats are kept once, at their first position', { grant: g(['read-media', 'read-chat', 'read-media', 'read-chat'], ['act', 'act', 'speak']) }, ['GRANT-05'], ['duplicates']),
        sanitize('non-strings', 'Entries that are not strings are dropped', { grant: g(['read-chat', 7, null, ['hear-audio'], { x: 1 }] as never, [true] as never) }, ['GRANT-05'], ['not-a-list']),
        sanitize('perceive-string', 'A perceive that is a string confers nothing (upstream throws)', { grant: { perceive: 'read-chat', act: ['send-chat'] } }, ['GRANT-05'], ['not-a-list']),
        sanitize('act-object', 'An act that is an object confers nothing', { grant: { perceive: ['read-chat'], act: { 'send-chat': true } } }, ['GRANT-05'], ['not-a-list']),
        sanitize('members-absent', 'A grant without perceive and act', { grant: {} }, ['GRANT-05'], ['not-a-list']),
        sanitize('members-null', 'perceive and act null', { grant: { perceive: null, act: null } }, ['GRANT-05'], ['not-a-list']),
        sanitize('grant-null', 'A null grant is the empty grant', { grant: null }, ['GRANT-05'], ['not-a-list']),
        sanitize('grant-absent', 'No grant at all is the empty grant', {}, ['GRANT-05'], ['not-a-list']),
        sanitize('grant-string', 'A grant that is a string is the empty grant', { grant: 'full' }, ['GRANT-05'], ['not-a-list']),
        sanitize('grant-array', 'A grant that is an array is the empty grant', { grant: [['read-chat'], ['send-chat']] }, ['GRANT-05'], ['not-a-list']),
        sanitize('backend-kept', 'A short backend is kept', { grant: g(['read-chat'], [], { backend: 'gpt-4o via example.com' }) }, ['GRANT-05'], ['backend-80']),
        sanitize('backend-80', 'A backend of exactly 80 characters is kept whole', { grant: g([], [], { backend: 'b'.repeat(80) }) }, ['GRANT-05'], ['backend-80']),
        sanitize('backend-81', 'A backend of 81 characters is cut to 80', { grant: g([], [], { backend: `${'b'.repeat(80)}X` }) }, ['GRANT-05', 'CONV-17'], ['backend-80']),
        sanitize('backend-utf16', 'The cut counts UTF-16 code units: 79 ASCII then an emoji keeps only its high surrogate', { grant: g([], [], { backend: `${'b'.repeat(79)}\u{1F916}tail` }) }, ['GRANT-05', 'CONV-17'], ['backend-80']),
        sanitize('backend-empty', 'An empty backend is not kept', { grant: g([], [], { backend: '' }) }, ['GRANT-05'], ['backend-80']),
        sanitize('backend-number', 'A backend that is not a string is not kept', { grant: g([], [], { backend: 42 }) }, ['GRANT-05'], ['backend-80']),
        sanitize('egress-true', 'egress true is kept', { grant: g([], [], { egress: true }) }, ['GRANT-05'], ['truthiness']),
        sanitize('egress-one', 'egress 1 is truthy: kept as true', { grant: g([], [], { egress: 1 }) }, ['GRANT-05'], ['truthiness']),
        sanitize('egress-string', 'egress "no" is a non-empty string, truthy: kept as true', { grant: g([], [], { egress: 'no' }) }, ['GRANT-05'], ['truthiness']),
        sanitize('egress-zero', 'egress 0 is falsy: not kept', { grant: g([], [], { egress: 0 }) }, ['GRANT-05'], ['truthiness']),
        sanitize('egress-false', 'egress false is not kept', { grant: g([], [], { egress: false }) }, ['GRANT-05'], ['truthiness']),
        sanitize('egress-empty-string', 'egress "" is falsy: not kept', { grant: g([], [], { egress: '' }) }, ['GRANT-05'], ['truthiness']),
        sanitize('expires-positive', 'A positive expiresAt is kept', { grant: g(['read-chat'], [], { expiresAt: NOW + 60 }) }, ['GRANT-05'], ['expiry-boundary']),
        sanitize('expires-fraction', 'A fractional expiresAt above 0 is kept', { grant: g([], [], { expiresAt: 0.5 }) }, ['GRANT-05'], ['expiry-boundary']),
        sanitize('expires-zero', 'expiresAt 0 is not kept', { grant: g([], [], { expiresAt: 0 }) }, ['GRANT-05'], ['expiry-boundary']),
        sanitize('expires-negative', 'A negative expiresAt is not kept', { grant: g([], [], { expiresAt: -5 }) }, ['GRANT-05'], ['expiry-boundary']),
        sanitize('expires-string', 'A string expiresAt is not kept', { grant: g([], [], { expiresAt: String(NOW) }) }, ['GRANT-05'], ['expiry-boundary']),
        sanitize('extra-members', 'Members a grant does not have are not kept', { grant: g(['read-chat'], [], { admin: true, role: 'host' }) }, ['GRANT-05', 'GRANT-01'], ['unknown-capability']),
      ],
    },
    {
      name: 'intersect',
      description: 'caps.intersect: the request cut down to what is allowed [GRANT-06]',
      cases: [
        intersect('subset', 'An agent asks for screen and chat; the host allows chat and roster', { request: g(['see-screen', 'read-chat'], ['send-chat', 'act']), allowed: g(['read-chat', 'read-roster'], ['send-chat']) }, ['GRANT-06'], ['never-widens']),
        intersect('request-order', 'The request\'s order is kept', { request: g(['read-files', 'read-chat', 'hear-audio']), allowed: FULL }, ['GRANT-06']),
        intersect('repeats-kept', 'Repeats in the request are kept (no sanitizing here)', { request: g(['read-chat', 'read-chat']), allowed: g(['read-chat']) }, ['GRANT-06'], ['duplicates']),
        intersect('nothing-common', 'Nothing in common is the empty grant', { request: g(['see-screen'], ['act']), allowed: g(['read-chat'], ['send-chat']) }, ['GRANT-06'], ['never-widens']),
        intersect('allowed-empty', 'An empty allowance grants nothing', { request: FULL, allowed: g([]) }, ['GRANT-06'], ['never-widens']),
        intersect('request-empty', 'An empty request gets nothing, whatever is allowed', { request: g([]), allowed: FULL }, ['GRANT-06'], ['never-widens']),
        intersect('disclosure-from-request', 'backend and egress come from the request', { request: g(['read-chat'], [], { backend: 'llm-a', egress: true }), allowed: g(['read-chat'], [], { backend: 'llm-b' }) }, ['GRANT-06']),
        intersect('allowed-disclosure-ignored', 'The allowance\'s disclosures are not taken', { request: g(['read-chat']), allowed: g(['read-chat'], [], { backend: 'host-says', egress: true }) }, ['GRANT-06']),
        intersect('egress-false', 'egress false in the request is not kept', { request: g(['read-chat'], [], { egress: false }), allowed: g(['read-chat']) }, ['GRANT-06'], ['truthiness']),
        intersect('expiry-min', 'The earlier of two expiries', { request: g(['read-chat'], [], { expiresAt: NOW + 600 }), allowed: g(['read-chat'], [], { expiresAt: NOW + 60 }) }, ['GRANT-06'], ['expiry-boundary']),
        intersect('expiry-one-side', 'One side\'s expiry is the expiry', { request: g(['read-chat']), allowed: g(['read-chat'], [], { expiresAt: NOW + 60 }) }, ['GRANT-06'], ['expiry-boundary']),
        intersect('expiry-zero-ignored', 'An expiry of 0 is no expiry', { request: g(['read-chat'], [], { expiresAt: 0 }), allowed: g(['read-chat'], [], { expiresAt: NOW + 60 }) }, ['GRANT-06'], ['expiry-boundary']),
        intersect('expiry-both-zero', 'Both 0: no expiresAt', { request: g(['read-chat'], [], { expiresAt: 0 }), allowed: g(['read-chat'], [], { expiresAt: 0 }) }, ['GRANT-06'], ['expiry-boundary']),
        intersect('unknown-in-both', 'A string both sides list is kept: intersection does not sanitize', { request: g(['read-chat', 'fly']), allowed: g(['fly', 'read-chat']) }, ['GRANT-06'], ['unknown-capability']),
      ],
    },
    {
      name: 'effective',
      description: 'caps.effective: the grant in force at now [GRANT-07]',
      cases: [
        effective('before-expiry', 'One second before expiresAt the grant is in force', { grant: g(['read-chat'], ['send-chat'], { expiresAt: NOW + 1, backend: 'x' }), now: NOW }, ['GRANT-07'], ['expiry-boundary']),
        effective('at-expiry', 'At exactly expiresAt the grant confers nothing', { grant: g(['read-chat'], ['send-chat'], { expiresAt: NOW }), now: NOW }, ['GRANT-07'], ['expiry-boundary']),
        effective('after-expiry', 'After expiresAt: nothing, disclosures dropped too', { grant: g(['read-chat'], ['send-chat'], { expiresAt: NOW - 1, backend: 'x', egress: true }), now: NOW }, ['GRANT-07'], ['expiry-boundary']),
        effective('zero', 'expiresAt 0 never expires', { grant: g(['read-chat'], [], { expiresAt: 0 }), now: NOW }, ['GRANT-07'], ['expiry-boundary']),
        effective('absent', 'No expiresAt never expires', { grant: FULL, now: NOW }, ['GRANT-07']),
        effective('as-given', 'A grant in force is answered as given: egress false, expiresAt 0 and an empty backend stay', { grant: { perceive: [], act: [], egress: false, expiresAt: 0, backend: '' }, now: NOW }, ['GRANT-07'], ['truthiness']),
        effective('null-members', 'A null member is absent (10.4): not answered', { grant: { perceive: ['read-chat'], act: [], backend: null, egress: null, expiresAt: null }, now: NOW }, ['GRANT-07'], ['truthiness']),
        effective('negative', 'A negative expiresAt has always passed', { grant: g(['read-chat'], [], { expiresAt: -5 }), now: NOW }, ['GRANT-07'], ['expiry-boundary', 'truthiness']),
        effective('fractional', 'A fractional expiresAt: in force just before, not at', { grant: g(['read-chat'], [], { expiresAt: NOW + 0.5 }), now: NOW + 0.5 }, ['GRANT-07'], ['expiry-boundary']),
      ],
    },
    {
      name: 'of',
      description: 'caps.of: the grant in force for a peer [GRANT-03], [GRANT-04]',
      cases: [
        of('human', 'A member without meta is a human: everything', { ...view(), peer: BEA }, ['GRANT-04'], ['defaults']),
        of('agent', 'A member with meta.role agent gets the agent default', { ...view(), peer: ADA }, ['GRANT-03', 'GRANT-04'], ['defaults', 'self-declared']),
        of('self', 'A peer never gates itself, even as an agent with a restrictive override', { ...view({ self: ADA, grants: { [ADA]: g([]) } }), peer: ADA }, ['GRANT-04']),
        of('override', 'An override wins over the default', { ...view({ grants: { [ADA]: g(['read-chat', 'see-screen'], ['send-chat']) } }), peer: ADA }, ['GRANT-04']),
        of('override-human', 'An override restricts a human too', { ...view({ grants: { [BEA]: g(['read-chat']) } }), peer: BEA }, ['GRANT-04']),
        of('override-expired', 'An expired override confers nothing (it does not fall back to the default)', { ...view({ grants: { [ADA]: g(['read-chat'], [], { expiresAt: NOW }) } }), peer: ADA }, ['GRANT-04', 'GRANT-07'], ['expiry-boundary']),
        of('agent-backend', 'A declared backend is disclosed and implies egress', { ...view({ roster: [{ id: ME }, { id: ADA, meta: { role: 'agent', backend: 'gpt-4o' } }] }), peer: ADA }, ['GRANT-04', 'GRANT-08'], ['self-declared']),
        of('agent-backend-81', 'A declared backend is cut to 80', { ...view({ roster: [{ id: ME }, { id: ADA, meta: { role: 'agent', backend: `${'m'.repeat(80)}!` } }] }), peer: ADA }, ['GRANT-04'], ['backend-80']),
        of('agent-egress-only', 'egress true without a backend', { ...view({ roster: [{ id: ME }, { id: ADA, meta: { role: 'agent', egress: true } }] }), peer: ADA }, ['GRANT-04'], ['self-declared']),
        of('agent-egress-string', 'egress "true" (a string) is not egress here (strict true)', { ...view({ roster: [{ id: ME }, { id: ADA, meta: { role: 'agent', egress: 'true' } }] }), peer: ADA }, ['GRANT-04'], ['truthiness']),
        of('agent-backend-empty', 'An empty backend is no backend', { ...view({ roster: [{ id: ME }, { id: ADA, meta: { role: 'agent', backend: '' } }] }), peer: ADA }, ['GRANT-04'], ['self-declared']),
        of('role-case', 'role "Agent" is not agent: a human', { ...view({ roster: [{ id: ME }, { id: ADA, meta: { role: 'Agent' } }] }), peer: ADA }, ['GRANT-03'], ['self-declared']),
        of('role-kibitzer', 'role "kibitzer" is not agent', { ...view({ roster: [{ id: ME }, { id: ADA, meta: { role: 'kibitzer' } }] }), peer: ADA }, ['GRANT-03'], ['self-declared']),
        of('meta-not-object', 'meta that is a string is no declaration', { ...view({ roster: [{ id: ME }, { id: ADA, meta: 'agent' }] }), peer: ADA }, ['GRANT-03'], ['self-declared']),
        of('not-in-roster', 'An id not in the roster gets the human default', { ...view(), peer: 'stranger-media' }, ['GRANT-04']),
        of('first-member-counts', 'Two members with one id: the first counts', { ...view({ roster: [{ id: ME }, { id: ADA, meta: AGENT_META }, { id: ADA }] }), peer: ADA }, ['GRANT-04']),
        of('disclosure-no-capability', 'A backend and egress never add capabilities', { ...view({ roster: [{ id: ME }, { id: ADA, meta: { role: 'agent', backend: 'x', egress: true, perceive: ['see-screen'] } }] }), peer: ADA }, ['GRANT-08'], ['self-declared']),
      ],
    },
    {
      name: 'recipients',
      description: 'caps.recipients: who a sender sends each content kind to [CAPS-09], [CAPS-10], [CAPS-11], [CAPS-17]',
      cases: [
        recipients('chat-fast-path', 'Chat: the default agent reads chat, so everyone gets it in one broadcast', { ...view(), kind: 'chat' }, ['CAPS-10', 'CAPS-09', 'CAPS-17'], ['fast-path']),
        recipients('chat-humans-only', 'A room of humans: one broadcast', { ...view({ roster: HUMANS }), kind: 'chat' }, ['CAPS-10'], ['fast-path']),
        recipients('chat-withheld', 'The host took read-chat from the agent: per recipient, agent left out', { ...view({ grants: { [ADA]: g(['read-roster', 'receive-directed']) } }), kind: 'chat' }, ['CAPS-09', 'CAPS-10', 'CAPS-12'], ['read-only-agent']),
        recipients('chat-expired-grant', 'An expired override withholds chat', { ...view({ grants: { [ADA]: g(['read-chat'], [], { expiresAt: NOW }) } }), kind: 'chat' }, ['CAPS-12', 'GRANT-07'], ['read-only-agent', 'expiry-boundary']),
        recipients('img-withheld', 'An image: the agent has no read-media, so per recipient without it', { ...view(), kind: 'img' }, ['CAPS-09', 'CAPS-10'], ['read-only-agent']),
        recipients('img-granted', 'An image when the agent was granted read-media: one broadcast', { ...view({ grants: { [ADA]: g(['read-chat', 'read-media']) } }), kind: 'img' }, ['CAPS-09', 'CAPS-10'], ['fast-path']),
        recipients('app', 'app needs read-chat', { ...view({ grants: { [ADA]: g([]) } }), kind: 'app' }, ['CAPS-09'], ['read-only-agent']),
        recipients('pay', 'pay needs read-chat', { ...view({ grants: { [ADA]: g([]) } }), kind: 'pay' }, ['CAPS-09'], ['read-only-agent']),
        recipients('ink', 'ink needs read-chat', { ...view({ grants: { [ADA]: g(['read-media']) } }), kind: 'ink' }, ['CAPS-09'], ['read-only-agent']),
        recipients('schema', 'schema needs read-chat', { ...view({ grants: { [ADA]: g([]) } }), kind: 'schema' }, ['CAPS-09']),
        recipients('widget', 'widget needs read-chat', { ...view({ grants: { [ADA]: g([]) } }), kind: 'widget' }, ['CAPS-09']),
        recipients('wevt', 'wevt needs read-chat', { ...view({ grants: { [ADA]: g([]) } }), kind: 'wevt' }, ['CAPS-09']),
        recipients('xfer-text', 'A text transfer needs read-chat and always goes per recipient', { ...view(), kind: 'xbegin', transfer: 'text' }, ['CAPS-09', 'CAPS-10'], ['fast-path']),
        recipients('xfer-image', 'An image transfer skips the read-only agent', { ...view(), kind: 'xbegin', transfer: 'image' }, ['CAPS-09', 'CAPS-10'], ['read-only-agent']),
        recipients('xfer-file', 'A file transfer skips the read-only agent', { ...view(), kind: 'xbegin', transfer: 'file' }, ['CAPS-09', 'CAPS-10'], ['read-only-agent']),
        recipients('xchunk-file', 'A file transfer\'s chunks follow its xbegin: not to the read-only agent, per recipient', { ...view(), kind: 'xchunk', transfer: 'file' }, ['CAPS-09', 'CAPS-10'], ['read-only-agent']),
        recipients('xend-text', 'A text transfer\'s end goes to everyone who may read chat, per recipient', { ...view(), kind: 'xend', transfer: 'text' }, ['CAPS-09', 'CAPS-10'], ['fast-path']),
        recipients('direct-xend-image-agent', 'A directed image transfer\'s end: the default agent has no read-media', { ...view(), kind: 'xend', transfer: 'image', to: ADA }, ['CAPS-11'], ['directed', 'read-only-agent']),
        recipients('xfer-file-granted', 'A file transfer to a room where everyone may: still per recipient', { ...view({ grants: { [ADA]: g(['read-files']) } }), kind: 'xbegin', transfer: 'file' }, ['CAPS-10'], ['fast-path']),
        recipients('ledger-raw', 'ledger goes to everyone, even a peer with nothing', { ...view({ grants: { [ADA]: g([]) } }), kind: 'ledger' }, ['CAPS-09'], ['raw-lanes']),
        recipients('ctl-raw', 'ctl goes to everyone', { ...view({ grants: { [ADA]: g([]) } }), kind: 'ctl' }, ['CAPS-09'], ['raw-lanes']),
        recipients('caps-raw', 'caps goes to everyone', { ...view({ grants: { [ADA]: g([]) } }), kind: 'caps' }, ['CAPS-09', 'CAPS-02'], ['raw-lanes']),
        recipients('blob-raw', 'blob goes to everyone', { ...view({ grants: { [ADA]: g([]) } }), kind: 'blob' }, ['CAPS-09'], ['raw-lanes']),
        recipients('direct-chat-agent', 'A directed chat to the default agent: it has receive-directed', { ...view(), kind: 'chat', to: ADA }, ['CAPS-11'], ['directed']),
        recipients('direct-chat-no-directed', 'A directed chat to an agent without receive-directed is not sent', { ...view({ grants: { [ADA]: g(['read-chat']) } }), kind: 'chat', to: ADA }, ['CAPS-11'], ['directed']),
        recipients('direct-chat-no-read-chat', 'A directed chat needs receive-directed only (upstream), not read-chat', { ...view({ grants: { [ADA]: g(['receive-directed']) } }), kind: 'chat', to: ADA }, ['CAPS-11'], ['directed']),
        recipients('direct-app', 'A directed app frame needs receive-directed', { ...view({ grants: { [ADA]: g([]) } }), kind: 'app', to: ADA }, ['CAPS-11'], ['directed']),
        recipients('direct-pay-human', 'A directed pay to a human', { ...view(), kind: 'pay', to: BEA }, ['CAPS-11'], ['directed']),
        recipients('direct-img-agent', 'A directed image to the default agent: no read-media, not sent', { ...view(), kind: 'img', to: ADA }, ['CAPS-11'], ['directed', 'read-only-agent']),
        recipients('direct-img-granted', 'A directed image to an agent with read-media and receive-directed', { ...view({ grants: { [ADA]: g(['read-media', 'receive-directed']) } }), kind: 'img', to: ADA }, ['CAPS-11'], ['directed']),
        recipients('direct-img-media-only', 'read-media without receive-directed: a directed image is not sent', { ...view({ grants: { [ADA]: g(['read-media']) } }), kind: 'img', to: ADA }, ['CAPS-11'], ['directed']),
        recipients('direct-file-agent', 'A directed file to the default agent: no read-files', { ...view(), kind: 'xbegin', transfer: 'file', to: ADA }, ['CAPS-11'], ['directed', 'read-only-agent']),
        recipients('direct-text-agent', 'A directed text transfer to the default agent', { ...view(), kind: 'xbegin', transfer: 'text', to: ADA }, ['CAPS-11'], ['directed']),
        recipients('direct-ctl-nothing', 'A directed ctl goes even to a peer with nothing', { ...view({ grants: { [ADA]: g([]) } }), kind: 'ctl', to: ADA }, ['CAPS-11'], ['raw-lanes']),
        recipients('direct-idtoken', 'An idtoken goes to its one peer without a check', { ...view({ grants: { [ADA]: g([]) } }), kind: 'idtoken', to: ADA }, ['CAPS-11'], ['raw-lanes']),
        recipients('direct-xack', 'An answer within a transfer goes without a check', { ...view({ grants: { [ADA]: g([]) } }), kind: 'xack', to: ADA }, ['CAPS-11'], ['raw-lanes']),
        recipients('direct-stranger', 'A directed chat to an id not in the roster is not sent (upstream sends it: a human grant)', { ...view(), kind: 'chat', to: 'stranger-media' }, ['CAPS-19', 'CAPS-11', 'GRANT-04'], ['hardening']),
        recipients('direct-ctl-stranger', 'A directed ctl to an id not in the roster is not sent (upstream sends it)', { ...view(), kind: 'ctl', to: 'stranger-media' }, ['CAPS-19'], ['hardening', 'raw-lanes']),
        recipients('direct-file-stranger', 'A directed transfer goes only to a roster member, as upstream', { ...view(), kind: 'xbegin', transfer: 'file', to: 'stranger-media' }, ['CAPS-11'], ['directed']),
        recipients('direct-self', 'A directed chat to the sender itself goes nowhere', { ...view(), kind: 'chat', to: ME }, ['CAPS-11'], ['directed']),
        recipients('roster-duplicate', 'A roster that lists an id twice is read with its first member: one recipient', { ...view({ roster: [{ id: ME }, { id: BEA }, { id: BEA }] }), kind: 'chat' }, ['CAPS-10', 'CAPS-17'], ['fast-path']),
        recipients('broadcast-xack-unchecked', 'A broadcast transfer answer goes to everyone without a check, transfer given or not', { ...view({ grants: { [ADA]: g([]) } }), kind: 'xack', transfer: 'file' }, ['CAPS-11', 'CAPS-17'], ['raw-lanes']),
        recipients('self-excluded', 'The sender is never among its recipients', { ...view({ self: BEA }), kind: 'chat' }, ['CAPS-10'], ['fast-path']),
        recipients('alone', 'Alone in the room: nobody, as one broadcast', { ...view({ roster: [{ id: ME }] }), kind: 'chat' }, ['CAPS-10'], ['fast-path']),
        recipients('roster-order', 'Per-recipient sends follow roster order', { ...view({ roster: [{ id: ZED }, { id: ADA, meta: AGENT_META }, { id: ME }, { id: BEA }] }), kind: 'img' }, ['CAPS-10'], ['read-only-agent']),
        recipients('direct-ink', 'ink is never sent directed', { ...view(), kind: 'ink', to: BEA }, ['CAPS-11', 'CAPS-17'], [], 'caps.not-directed'),
        recipients('direct-widget', 'widget is never sent directed', { ...view(), kind: 'widget', to: BEA }, ['CAPS-11', 'CAPS-17'], [], 'caps.not-directed'),
        recipients('unknown-kind', 'A kind that is not a content kind', { ...view(), kind: 'video' }, ['CAPS-17'], [], 'caps.unknown-kind'),
        recipients('xbegin-no-transfer', 'xbegin needs its transfer kind', { ...view(), kind: 'xbegin' }, ['CAPS-17', 'ADP-08'], [], 'input.invalid'),
        recipients('xchunk-no-transfer', 'xchunk needs its transfer kind too', { ...view(), kind: 'xchunk' }, ['CAPS-17', 'ADP-08'], [], 'input.invalid'),
      ],
    },
    {
      name: 'accepts',
      description: 'caps.accepts: what a receiver keeps [CAPS-15], [CAPS-16], [CAPS-18]',
      cases: [
        accepts('human-chat', 'A human\'s chat is kept', { ...view(), from: BEA, kind: 'chat' }, ['CAPS-15', 'CAPS-18'], ['act-check']),
        accepts('agent-chat-dropped', 'The default agent may not emit: its chat is dropped and audited', { ...view(), from: ADA, kind: 'chat' }, ['CAPS-15', 'CAPS-16', 'CAPS-18'], ['act-check', 'read-only-agent']),
        accepts('unknown-kind-act-only', 'caps.accepts answers the act check alone, whatever the kind string', { ...view(), from: BEA, kind: 'no-such-kind' }, ['CAPS-18', 'CAPS-15'], ['act-check']),
        accepts('agent-app-dropped', 'Its app frames too', { ...view(), from: ADA, kind: 'app' }, ['CAPS-15'], ['act-check']),
        accepts('agent-xbegin-dropped', 'Its transfers too', { ...view(), from: ADA, kind: 'xbegin' }, ['CAPS-15'], ['act-check']),
        accepts('agent-xchunk-dropped', 'Its transfer chunks too', { ...view(), from: ADA, kind: 'xchunk' }, ['CAPS-15'], ['act-check']),
        accepts('agent-ledger-dropped', 'The act check covers the raw lanes: ledger from the agent is dropped', { ...view(), from: ADA, kind: 'ledger' }, ['CAPS-15'], ['act-check', 'raw-lanes']),
        accepts('agent-ctl-dropped', 'ctl from the agent is dropped', { ...view(), from: ADA, kind: 'ctl' }, ['CAPS-15'], ['act-check', 'raw-lanes']),
        accepts('agent-idtoken-exempt', 'idtoken is exempt: how a peer becomes verified', { ...view(), from: ADA, kind: 'idtoken' }, ['CAPS-15'], ['act-check']),
        accepts('agent-caps-exempt', 'caps is exempt: how grants arrive', { ...view(), from: ADA, kind: 'caps' }, ['CAPS-15', 'CAPS-04'], ['act-check']),
        accepts('agent-granted', 'An agent granted send-chat is kept', { ...view({ grants: { [ADA]: g(['read-chat'], ['send-chat']) } }), from: ADA, kind: 'chat' }, ['CAPS-15'], ['act-check']),
        accepts('agent-speak-only', 'speak and act do not let content through', { ...view({ grants: { [ADA]: g(['read-chat'], ['speak', 'act']) } }), from: ADA, kind: 'chat' }, ['CAPS-15'], ['act-check']),
        accepts('human-muted', 'A human whose override lacks send-chat is dropped, not audited (not an agent)', { ...view({ grants: { [BEA]: g(ALL_PERCEIVE, ['speak']) } }), from: BEA, kind: 'chat' }, ['CAPS-15', 'CAPS-16'], ['act-check']),
        accepts('expired-override', 'An expired override leaves nothing: dropped', { ...view({ grants: { [ADA]: g(['read-chat'], ['send-chat'], { expiresAt: NOW }) } }), from: ADA, kind: 'chat' }, ['CAPS-15', 'GRANT-07'], ['act-check', 'expiry-boundary']),
        accepts('stranger', 'A sender not in the roster has a human grant here (roster membership is the data plane\'s check)', { ...view(), from: 'stranger-media', kind: 'chat' }, ['CAPS-15', 'GRANT-04']),
        accepts('undeclared-agent', 'An agent that does not declare itself is kept as a human', { ...view({ roster: [{ id: ME }, { id: ADA, meta: { backend: 'llm' } }] }), from: ADA, kind: 'chat' }, ['CAPS-15', 'GRANT-03'], ['self-declared']),
      ],
    },
    {
      name: 'lanes',
      description: 'caps.lanes: what each media lane carries [CAPS-13]',
      cases: [
        lanes('human', 'A human gets every real track', { grant: FULL }, ['CAPS-13'], ['lanes']),
        lanes('read-only-agent', 'The default agent: placeholders on audio and the screen lanes, the camera real', { grant: READ_ONLY }, ['CAPS-13'], ['lanes', 'read-only-agent']),
        lanes('hear-audio', 'hear-audio alone: the microphone, not the screen', { grant: g(['hear-audio']) }, ['CAPS-13'], ['lanes']),
        lanes('see-screen', 'see-screen alone: the screen and its sound, not the microphone', { grant: g(['see-screen']) }, ['CAPS-13'], ['lanes']),
        lanes('empty', 'Nothing granted: the camera still flows', { grant: g([]) }, ['CAPS-13'], ['lanes']),
        lanes('no-placeholders', 'No placeholder tracks: withheld lanes carry nothing (fail closed)', { grant: READ_ONLY, placeholders: { audio: false, video: false } }, ['CAPS-13'], ['lanes']),
        lanes('no-audio-placeholder', 'Only a video placeholder: the withheld audio lanes carry nothing', { grant: g(['read-chat']), placeholders: { audio: false, video: true } }, ['CAPS-13'], ['lanes']),
        lanes('read-media-not-screen', 'read-media does not open the screen lane', { grant: g(['read-media', 'read-files']) }, ['CAPS-13'], ['lanes']),
      ],
    },
    {
      name: 'receive',
      description: 'caps.receive: whether a caps frame replaces the override map [CAPS-03]',
      cases: [
        receive('from-host', 'From the verified host in a room with a host key: applied', rcv({}), ['CAPS-03', 'CAPS-18'], ['caps-trust']),
        receive('sanitized', 'Each entry is sanitized on receipt', rcv({ msg: { k: 'caps', grants: { [ADA]: g(['read-chat', 'fly', 'read-chat'], ['root'], { backend: 'b'.repeat(90), egress: 'yes', expiresAt: 0 }) } } }), ['CAPS-03', 'GRANT-05'], ['caps-trust', 'unknown-capability']),
        receive('replaces-map', 'The frame is the whole map: an empty one clears everything', rcv({ msg: { k: 'caps', grants: {} } }), ['CAPS-03'], ['caps-trust']),
        receive('grants-absent', 'A frame without grants is the empty map', rcv({ msg: { k: 'caps' } }), ['CAPS-03'], ['caps-trust']),
        receive('entry-not-object', 'An entry that is not an object is the empty grant', rcv({ msg: { k: 'caps', grants: { [ADA]: 'full', [BEA]: null } } }), ['CAPS-03', 'GRANT-05'], ['caps-trust', 'not-a-list']),
        receive('not-cryptographic', 'A soft-name host room: ignored', rcv({ cryptographicHost: false }), ['CAPS-03'], ['caps-trust']),
        receive('from-non-host', 'From a peer that is not the host: ignored', rcv({ from: BEA }), ['CAPS-03'], ['caps-trust']),
        receive('no-host', 'No host in the roster: ignored, even from the coordinator', rcv({ host: '', from: 'coord-media' }), ['CAPS-03'], ['caps-trust']),
        receive('at-coordinator', 'The coordinator ignores caps frames', rcv({ coordinator: true }), ['CAPS-03'], ['caps-trust']),
        receive('grants-array', 'grants that is an array is not a map: ignored', rcv({ msg: { k: 'caps', grants: [g(['read-chat'])] } }), ['CAPS-03', 'CONT-04'], ['caps-trust']),
        receive('not-caps', 'A chat frame is not a caps frame', rcv({ msg: { k: 'chat', text: 'hi' } }), ['CAPS-03']),
        receive('msg-not-object', 'A frame that is not an object', rcv({ msg: 'caps' }), ['CAPS-03']),
      ],
    },
    {
      name: 'distribute',
      description: 'caps.distribute: what the coordinator sends [CAPS-02]',
      cases: [
        distribute('change', 'The coordinator sends its whole map after a change', { coordinator: true, trigger: 'change', grants: { [ADA]: g(['read-chat', 'hear-audio'], ['send-chat']) } }, ['CAPS-02', 'CAPS-18'], ['distribution']),
        distribute('change-to-empty', 'Clearing the last override still sends the (empty) map', { coordinator: true, trigger: 'change', grants: {} }, ['CAPS-02'], ['distribution']),
        distribute('roster-with-overrides', 'A roster change re-sends the map while it holds overrides', { coordinator: true, trigger: 'roster', grants: { [ADA]: READ_ONLY } }, ['CAPS-02'], ['distribution']),
        distribute('roster-empty', 'A roster change with no override sends nothing', { coordinator: true, trigger: 'roster', grants: {} }, ['CAPS-02'], ['distribution']),
        distribute('not-coordinator', 'A peer that is not the coordinator never sends caps', { coordinator: false, trigger: 'change', grants: { [ADA]: READ_ONLY } }, ['CAPS-02'], ['distribution']),
        distribute('sanitized', 'Overrides are stored sanitized, so they go out sanitized', { coordinator: true, trigger: 'change', grants: { [ADA]: g(['read-chat', 'read-chat', 'fly'], [], { backend: 'b'.repeat(81) }) } }, ['CAPS-02', 'CAPS-01'], ['distribution', 'unknown-capability']),
      ],
    },
    {
      name: 'merge',
      description: 'caps.merge: a peer keeps its own overrides and learns which received grants widened [CAPS-07], [CAPS-08]',
      cases: [
        merge('no-own', 'Without own overrides the received map is used as is', { ...view(), received: { [ADA]: g(['read-chat', 'see-screen'], ['send-chat']) } }, ['CAPS-07', 'CAPS-08'], ['hardening']),
        merge('own-restricts', 'The local user took see-screen from Ada; the coordinator grants it back: the intersection keeps it off', { ...view(), own: { [ADA]: g(['read-chat'], []) }, received: { [ADA]: g(['read-chat', 'see-screen'], ['send-chat']) } }, ['CAPS-07'], ['hardening']),
        merge('own-only', 'An id only the local user set keeps its override', { ...view(), own: { [BEA]: g(['read-chat']) }, received: { [ADA]: READ_ONLY } }, ['CAPS-07'], ['hardening']),
        merge('received-empty', 'An empty received map leaves the local overrides', { ...view(), own: { [ADA]: READ_ONLY }, received: {} }, ['CAPS-07'], ['hardening']),
        merge('widened-from-default', 'Ada (default read-only) is granted hear-audio: reported as widened', { ...view(), received: { [ADA]: g(['read-chat', 'read-roster', 'receive-directed', 'hear-audio']) } }, ['CAPS-08'], ['hardening']),
        merge('narrowed-not-reported', 'A received grant that only takes away is not reported', { ...view(), received: { [BEA]: g(['read-chat'], ['send-chat']) } }, ['CAPS-08'], ['hardening']),
        merge('widened-from-previous', 'Compared with the previous override: adding send-chat is reported', { ...view(), previous: { [ADA]: READ_ONLY }, received: { [ADA]: g(['read-chat'], ['send-chat']) } }, ['CAPS-08'], ['hardening']),
        merge('previous-absent-not-view', 'Without previous the comparison is with the empty map; the view\'s grants are not used', { ...view({ grants: { [ADA]: g(['read-chat', 'read-roster', 'receive-directed', 'hear-audio']) } }), received: { [ADA]: g(['read-chat', 'read-roster', 'receive-directed', 'hear-audio']) } }, ['CAPS-08', 'CAPS-18'], ['hardening']),
        merge('sanitized', 'Both maps are taken sanitized', { ...view(), own: { [ADA]: g(['read-chat', 'fly']) }, received: { [ADA]: g(['fly', 'read-chat', 'read-chat']) } }, ['CAPS-07', 'GRANT-05'], ['hardening']),
      ],
    },
    {
      name: 'media',
      description: 'caps.media.scenario: lanes set when a connection appears and re-applied on every change [CAPS-13], [CAPS-14]',
      cases: [
        media('connect-sets-lanes', 'Each new connection gets its lanes before any track: the human all real, the agent placeholders', { ...view(), steps: [mstep({ type: 'connect', peer: BEA }), mstep({ type: 'connect', peer: ADA })] }, ['CAPS-14', 'CAPS-13'], ['regate', 'read-only-agent']),
        media('grant-opens-screen', 'Granting Ada see-screen swaps the real screen in on her connection only', { ...view(), steps: [mstep({ type: 'connect', peer: BEA }), mstep({ type: 'connect', peer: ADA }), mstep({ type: 'overrides', grants: { [ADA]: g(['read-chat', 'see-screen']) } })] }, ['CAPS-14'], ['regate']),
        media('clear-closes-again', 'Clearing the override puts the placeholders back', { ...view(), steps: [mstep({ type: 'connect', peer: ADA }), mstep({ type: 'overrides', grants: { [ADA]: g(['hear-audio', 'see-screen']) } }), mstep({ type: 'overrides', grants: {} })] }, ['CAPS-14'], ['regate']),
        media('unchanged-silent', 'An override that changes no lane reports nothing', { ...view(), steps: [mstep({ type: 'connect', peer: ADA }), mstep({ type: 'overrides', grants: { [ADA]: g(['read-chat', 'read-files']) } })] }, ['CAPS-14'], ['regate']),
        media('restrict-human', 'Taking hear-audio from a human puts the silent placeholder on its audio lane', { ...view(), steps: [mstep({ type: 'connect', peer: BEA }), mstep({ type: 'overrides', grants: { [BEA]: g(['see-screen', 'read-chat']) } })] }, ['CAPS-14', 'CAPS-13'], ['regate']),
        media('expiry-closes', 'An override that expires at the tick\'s second closes the lanes again', { ...view({ now: NOW - 10 }), steps: [mstep({ type: 'overrides', grants: { [ADA]: g(['hear-audio'], [], { expiresAt: NOW }) } }), mstep({ type: 'connect', peer: ADA }), mstep({ type: 'tick', now: NOW - 1 }), mstep({ type: 'tick', now: NOW })] }, ['CAPS-14', 'GRANT-07'], ['regate', 'expiry-boundary']),
        media('roster-declares-agent', 'A member that declares role agent in a new roster loses its audio and screen', { ...view({ roster: HUMANS }), steps: [mstep({ type: 'connect', peer: ZED }), mstep({ type: 'roster', roster: [{ id: ME }, { id: BEA }, { id: ZED, meta: AGENT_META }] })] }, ['CAPS-14', 'GRANT-03'], ['regate', 'self-declared']),
        media('reconnect-reapplies', 'A peer that reconnects gets its lanes set again', { ...view(), steps: [mstep({ type: 'connect', peer: ADA }), mstep({ type: 'disconnect', peer: ADA }), mstep({ type: 'connect', peer: ADA })] }, ['CAPS-14'], ['regate']),
        media('no-placeholder', 'Without placeholder tracks the withheld lanes carry nothing', { ...view(), placeholders: { audio: false, video: false }, steps: [mstep({ type: 'connect', peer: ADA })] }, ['CAPS-13'], ['lanes']),
      ],
    },
    {
      name: 'bind',
      description: 'caps.bind: manifest caps applied to the agent presenting the certificate [CAPS-05]',
      cases: [
        bind('agent-matched', 'The agent whose data connection presents the recorded certificate gets the caps', { ...view(), records: { [ALICE_FP]: g(['read-chat', 'see-screen'], ['send-chat']) }, fps: { [ADA]: ALICE_FP, [BEA]: BOB_FP } }, ['CAPS-05', 'CAPS-18'], ['self-declared']),
        bind('fp-uppercase', 'The live fingerprint is canonicalised before the lookup', { ...view(), records: { [ALICE_FP]: g(['read-chat'], ['send-chat']) }, fps: { [ADA]: ALICE_FP.toUpperCase() } }, ['CAPS-05', 'CONV-11']),
        bind('already-same', 'A grant already conferring the same capabilities is not set again', { ...view({ grants: { [ADA]: g(['see-screen', 'read-chat'], ['send-chat']) } }), records: { [ALICE_FP]: g(['read-chat', 'see-screen'], ['send-chat']) }, fps: { [ADA]: ALICE_FP } }, ['CAPS-05']),
        bind('default-equals-record', 'A record equal to the agent default changes nothing', { ...view(), records: { [ALICE_FP]: READ_ONLY }, fps: { [ADA]: ALICE_FP } }, ['CAPS-05']),
        bind('not-declared', 'A member that does not declare role agent is not bound (upstream; CAPS-06 is the hardening)', { ...view({ roster: [{ id: ME }, { id: ADA, meta: { backend: 'llm' } }] }), records: { [ALICE_FP]: g(['read-chat'], ['send-chat']) }, fps: { [ADA]: ALICE_FP } }, ['CAPS-05', 'CAPS-06'], ['self-declared']),
        bind('fp-unreadable', 'No readable fingerprint yet: nothing', { ...view(), records: { [ALICE_FP]: g(['read-chat'], ['send-chat']) }, fps: { [ADA]: null } }, ['CAPS-05']),
        bind('other-fp', 'The agent presents another certificate: nothing', { ...view(), records: { [ALICE_FP]: g(['read-chat'], ['send-chat']) }, fps: { [ADA]: BOB_FP } }, ['CAPS-05']),
        bind('no-records', 'No records: nothing', { ...view(), records: {}, fps: { [ADA]: ALICE_FP } }, ['CAPS-05']),
        bind('self-skipped', 'The coordinator never binds itself', { ...view({ self: ADA }), records: { [ALICE_FP]: g(['read-chat']) }, fps: { [ADA]: ALICE_FP } }, ['CAPS-05']),
      ],
    },
  ],
};
