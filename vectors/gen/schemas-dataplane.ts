// Data-plane vectors (spec/07-messages.md, 7.6): sig control frames and the protocol-state
// content frames.
import type { JsonObject } from '../../reference/encoding/json.ts';
import type { Group } from './lib.ts';
import { def, invalid, valid, without, withMember } from './schemas-lib.ts';

const CONTROL = def('dataplane', 'SigControlFrame');
const CONTENT = def('dataplane', 'ContentFrame');
const GRANT = def('dataplane', 'Grant');

const MEDIA_A = '3f2b8c1e-9d4a-4e7b-8a61-0c5d2e9f7b13';
const MEDIA_B = 'b7e4a0d2-51c6-4f38-9e2a-7d90c1f3a845';
const SDP = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n';
const AGENT_GRANT: JsonObject = { perceive: ['read-chat', 'read-roster', 'receive-directed'], act: [] };
const FULL_GRANT: JsonObject = {
  perceive: ['see-screen', 'hear-audio', 'read-chat', 'read-roster', 'receive-directed', 'read-media', 'read-files'],
  act: ['send-chat', 'speak', 'act'],
};
const JWT = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IjFhMmIzYyJ9.eyJpc3MiOiJodHRwczovL2FjY291bnRzLmdvb2dsZS5jb20iLCJzdWIiOiIxIn0.c2lnbmF0dXJl';
const up = ['upstream-shape'];

export const dataplaneGroups: Group[] = [
  {
    name: 'dataplane-control',
    description: 'Control frames on the sig data connection [MSG-34], [MSG-35]',
    cases: [
      valid('cap', 'Bulk capability hello', CONTROL, { t: 'cap', bulk: 1 }, { covers: ['MSG-35'], flags: up }),
      valid('mh-keepalive', 'Bare sig keep-alive', CONTROL, { t: 'mh', v: 0, a: 0, ov: 0, oa: 0 }, { covers: ['MSG-35'], flags: up }),
      valid('mh-health', 'Media health with fractional kbps', CONTROL, { t: 'mh', v: 812.5, a: 31.9, ov: 1204, oa: 32 }, { covers: ['MSG-35'] }),
      valid('mh-dead', 'Half-open report', CONTROL, { t: 'mh-dead' }, { flags: up }),
      valid('m-dial', 'Ask the initiator to start media', CONTROL, { t: 'm-dial' }, { flags: up }),
      valid('m-sdp-offer', 'Media offer; relay absent', CONTROL, { t: 'm-sdp', d: { type: 'offer', sdp: SDP } }, { covers: ['MSG-35'] }),
      valid('m-sdp-relay-null', 'relay null reads as absent', CONTROL, { t: 'm-sdp', d: { type: 'answer', sdp: SDP }, relay: null }, { covers: ['MSG-06'], flags: ['binarypack-null'] }),
      valid('m-ice', 'Media ICE candidate', CONTROL, { t: 'm-ice', c: { candidate: 'candidate:1 1 udp 2122260223 192.0.2.4 61665 typ host generation 0', sdpMid: '0', sdpMLineIndex: 0 } }, { covers: ['MSG-35'] }),
      valid('m-recreate-relay', 'Rebuild relay-only', CONTROL, { t: 'm-recreate', relay: true }, { covers: ['MSG-35'] }),
      valid('bye', 'Leaving', CONTROL, { t: 'bye' }, { flags: up }),
      invalid('cap-bulk-2', 'bulk is exactly 1', CONTROL, { t: 'cap', bulk: 2 }, 'msg.bad-value', '/bulk', { covers: ['MSG-35'], flags: ['bad-value'] }),
      invalid('cap-missing-bulk', 'bulk is required', CONTROL, { t: 'cap' }, 'msg.missing-field', '/bulk', { covers: ['MSG-35'], flags: ['missing-field'] }),
      invalid('mh-negative', 'Rates are not negative', CONTROL, { t: 'mh', v: -1, a: 0, ov: 0, oa: 0 }, 'msg.bad-value', '/v', { covers: ['MSG-35'], flags: ['bad-value'] }),
      invalid('mh-missing-oa', 'All four rates are required', CONTROL, { t: 'mh', v: 0, a: 0, ov: 0 }, 'msg.missing-field', '/oa', { covers: ['MSG-35'], flags: ['missing-field'] }),
      invalid('mh-string-rate', 'Rates are numbers', CONTROL, { t: 'mh', v: '0', a: 0, ov: 0, oa: 0 }, 'msg.wrong-type', '/v', { covers: ['MSG-35'], flags: ['type-confusion'] }),
      invalid('m-sdp-pranswer', 'Media descriptions are offers or answers only', CONTROL, { t: 'm-sdp', d: { type: 'pranswer', sdp: SDP } }, 'msg.bad-value', '/d/type', { covers: ['MSG-35'], flags: ['bad-value'] }),
      invalid('m-sdp-relay-string', 'relay is a boolean', CONTROL, { t: 'm-sdp', d: { type: 'offer', sdp: SDP }, relay: 'yes' }, 'msg.wrong-type', '/relay', { covers: ['MSG-35'], flags: ['type-confusion'] }),
      invalid('m-ice-missing-c', 'c is required', CONTROL, { t: 'm-ice' }, 'msg.missing-field', '/c', { covers: ['MSG-35'], flags: ['missing-field'] }),
      invalid('unknown-t', 'A control kind this version does not define', CONTROL, { t: 'm-pause' }, 'msg.unknown-type', '/t', { covers: ['MSG-02', 'MSG-34'], flags: ['forward-compat', 'bad-discriminator'] }),
    ],
  },
  {
    name: 'dataplane-grant',
    description: 'The Grant record [MSG-38]',
    cases: [
      valid('agent-default', 'The agent default grant', GRANT, AGENT_GRANT, { flags: up }),
      valid('full', 'Every capability, with disclosure and expiry', GRANT, { ...FULL_GRANT, backend: 'example-llm', egress: true, expiresAt: 1767229200 }),
      valid('unknown-capability', 'An unknown capability string is well-formed and dropped, never granted [MSG-38]', GRANT, { perceive: ['read-chat', 'read-minds'], act: ['levitate'] }, { covers: ['MSG-38'], flags: ['forward-compat'] }),
      valid('long-backend', 'backend longer than 80 is kept as its first 80 characters, not rejected [MSG-38]', GRANT, { ...AGENT_GRANT, backend: 'b'.repeat(200) }, { covers: ['MSG-38'] }),
      invalid('perceive-string', 'perceive is an array', GRANT, { perceive: 'read-chat', act: [] }, 'msg.wrong-type', '/perceive', { flags: ['type-confusion'] }),
      invalid('missing-act', 'act is required', GRANT, { perceive: [] }, 'msg.missing-field', '/act', { flags: ['missing-field'] }),
      invalid('act-item-number', 'Capabilities are strings', GRANT, { perceive: [], act: [1] }, 'msg.wrong-type', '/act/0', { flags: ['type-confusion'] }),
      invalid('egress-number', 'egress is a boolean', GRANT, { ...AGENT_GRANT, egress: 1 }, 'msg.wrong-type', '/egress', { flags: ['type-confusion'] }),
    ],
  },
  {
    name: 'dataplane-content',
    description: 'Content frames: idtoken, caps, and the envelope of every other kind [MSG-36], [MSG-37]',
    cases: [
      valid('idtoken', 'A cert-bound ID token', CONTENT, { k: 'idtoken', jwt: JWT }, { covers: ['MSG-37'], flags: up }),
      valid('idtoken-at-limit', 'An 8192-character token', CONTENT, { k: 'idtoken', jwt: 'j'.repeat(8192) }, { covers: ['MSG-37'], flags: ['over-limit'] }),
      valid('caps', 'Overrides for two members', CONTENT, { k: 'caps', grants: { [MEDIA_A]: AGENT_GRANT, [MEDIA_B]: FULL_GRANT } }, { flags: up }),
      valid('caps-empty', 'An empty override map clears every override', CONTENT, { k: 'caps', grants: {} }),
      valid('chat', 'A chat line: only the envelope is checked here', CONTENT, { k: 'chat', text: 'hello', mid: `${MEDIA_A}#1`, ts: 1767225600123 }, { covers: ['MSG-36'], flags: up }),
      valid('app', 'An app payload', CONTENT, { k: 'app', data: { ns: 'whist', t: 'play', card: 'QH' } }, { covers: ['MSG-36'], flags: up }),
      valid('xchunk', 'A transfer chunk', CONTENT, { k: 'xchunk', id: 'x1', i: 0, data: 'AAEC' }, { covers: ['MSG-36'] }),
      // Content bodies (7.6.2; receiver rules in chapter 14): one valid example per definition.
      valid('img', 'A legacy inline image', CONTENT, { k: 'img', mime: 'image/png', data: 'iVBORw0KGgo=', name: 'dot.png', w: 1, h: 1, mid: `${MEDIA_A}#2`, ts: 1767225600200 }, { covers: ['MSG-36'], flags: up }),
      valid('xbegin', 'A transfer opens', CONTENT, { k: 'xbegin', id: 'x1', kind: 'file', size: 49153, n: 2, mime: 'application/pdf', name: 'a.pdf', dm: null }, { covers: ['MSG-36', 'MSG-06'], flags: up }),
      valid('xend', 'A transfer ends with its hash', CONTENT, { k: 'xend', id: 'x1', hash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }, { covers: ['MSG-36'], flags: up }),
      valid('xack', 'The receiver releases the retained source', CONTENT, { k: 'xack', id: 'x1' }, { covers: ['MSG-36'] }),
      valid('xresume', 'Resume from chunk 3', CONTENT, { k: 'xresume', id: 'x1', have: 3 }, { covers: ['MSG-36'] }),
      valid('pay', 'A pay-me link', CONTENT, { k: 'pay', url: 'https://pay.example/ada', label: 'lunch', dm: true }, { covers: ['MSG-36'], flags: up }),
      valid('ink', 'A pointer move', CONTENT, { k: 'ink', e: { k: 'ptr', x: 0.25, y: 0.75 }, n: 'Ada', c: 'hsl(200 85% 62%)' }, { covers: ['MSG-36'], flags: up }),
      valid('schema', 'An app describes its view', CONTENT, { k: 'schema', name: 'whist.view', version: '1.0.0', schema: { type: 'object' } }, { covers: ['MSG-36'] }),
      valid('ledger', 'A ledger request', CONTENT, { k: 'ledger', m: { v: 1, op: 'request' } }, { covers: ['MSG-36'] }),
      valid('ctl', 'Stage control', CONTENT, { k: 'ctl', m: { op: 'play' } }, { covers: ['MSG-36'] }),
      valid('blob', 'A blob want', CONTENT, { k: 'blob', m: { v: 1, op: 'want', hash: 'abc' } }, { covers: ['MSG-36'] }),
      valid('widget', 'A map widget', CONTENT, { k: 'widget', id: 'w1', kind: 'map', data: { lat: 1, lng: 2 }, ts: 1767225600300 }, { covers: ['MSG-36'] }),
      valid('wevt', 'A pin on the map', CONTENT, { k: 'wevt', id: 'w1', e: { pin: [1, 2] } }, { covers: ['MSG-36'] }),
      invalid('img-mime', 'An image type outside the allow-list', CONTENT, { k: 'img', mime: 'image/svg+xml', data: 'PHN2Zz4=' }, 'msg.bad-value', '/mime', { covers: ['MSG-01'], flags: ['bad-value'] }),
      invalid('xbegin-kind', 'A transfer kind outside text, image and file', CONTENT, { k: 'xbegin', id: 'x1', kind: 'video', size: 0, n: 0 }, 'msg.bad-value', '/kind', { covers: ['MSG-01'], flags: ['bad-value'] }),
      invalid('chat-text-number', 'Chat text is a string', CONTENT, { k: 'chat', text: 5 }, 'msg.wrong-type', '/text', { covers: ['MSG-01'], flags: ['type-confusion'] }),
      invalid('idtoken-over-limit', '8193 characters: dropped', CONTENT, { k: 'idtoken', jwt: 'j'.repeat(8193) }, 'msg.too-long', '/jwt', { covers: ['MSG-37'], flags: ['over-limit'] }),
      invalid('idtoken-missing-jwt', 'jwt is required', CONTENT, { k: 'idtoken' }, 'msg.missing-field', '/jwt', { covers: ['MSG-37'], flags: ['missing-field'] }),
      invalid('idtoken-jwt-null', 'jwt is required, so null is a wrong type', CONTENT, { k: 'idtoken', jwt: null }, 'msg.wrong-type', '/jwt', { covers: ['MSG-37'], flags: ['type-confusion'] }),
      invalid('caps-grants-array', 'grants is a map', CONTENT, { k: 'caps', grants: [AGENT_GRANT] }, 'msg.wrong-type', '/grants', { flags: ['type-confusion'] }),
      invalid('caps-bad-grant', 'The grant of the second member (in key order) lacks perceive', CONTENT, { k: 'caps', grants: { [MEDIA_B]: without(FULL_GRANT, 'perceive'), [MEDIA_A]: AGENT_GRANT } }, 'msg.missing-field', `/grants/${MEDIA_B}/perceive`, { flags: ['missing-field'] }),
      invalid('caps-key-escaping', 'Pointer escaping of "/" and "~" in a map key', CONTENT, { k: 'caps', grants: { 'a/b~c': { perceive: [], act: 'none' } } }, 'msg.wrong-type', '/grants/a~1b~0c/act', { covers: ['MSG-39'], flags: ['type-confusion'] }),
      invalid('unknown-k', 'A content kind this version does not define', CONTENT, { k: 'poll', question: '?' }, 'msg.unknown-type', '/k', { covers: ['MSG-02', 'MSG-36'], flags: ['forward-compat', 'bad-discriminator'] }),
      invalid('missing-k', 'No discriminator', CONTENT, { text: 'hi' }, 'msg.missing-field', '/k', { flags: ['bad-discriminator'] }),
      invalid('control-on-content', 'A control frame is not a content frame', CONTENT, { t: 'cap', bulk: 1 }, 'msg.missing-field', '/k', { covers: ['MSG-34'], flags: ['bad-discriminator'] }),
      invalid('boolean', 'true is not a frame', CONTENT, true, 'msg.wrong-type', '', { covers: ['MSG-07'], flags: ['not-object'] }),
      invalid('k-case', 'Kinds are case-sensitive', CONTENT, withMember({ text: 'hi' }, 'k', 'Chat'), 'msg.unknown-type', '/k', { flags: ['bad-discriminator'] }),
    ],
  },
];
