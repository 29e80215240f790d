// Vectors for the room link and page rooms (spec/12-admission.md 12.1): fragment vs legacy query,
// which parameters are read in which mode, what a corrupt value does, the builder's exact bytes,
// what sharing strips, and roomForUrl's FNV-1a formula.
import type { JsonObject } from '../../reference/encoding/json.ts';
import { encodeBase64url } from '../../reference/encoding/base64url.ts';
import { utf8 } from '../../reference/encoding/text.ts';
import { ecKey, type Case, type FileSpec } from './lib.ts';

const creator = ecKey('room creator');
const host = ecKey('presence host');
const GK = encodeBase64url(utf8(JSON.stringify(creator.pub)));
const GH = encodeBase64url(utf8(JSON.stringify(host.pub)));
const BASE = 'https://kibitz.chat/';
/** The creator key with a filler member chosen so that its base64url has a "_", written as "/". */
const GK_SLASH = (() => {
  for (let i = 0; ; i++) {
    const text = encodeBase64url(utf8(JSON.stringify({ ...creator.pub, ext: true, pad: '?'.repeat(i) })));
    if (text.includes('_')) return text.replaceAll('_', '/');
  }
})();
const TOKEN = 'eyJuYW1lIjoiQW5uIn0.c2ln'; // opaque text to the codec: the link does not verify it

const parse = (name: string, description: string, url: string, covers: string[], o: { flags?: string[]; error?: string; comment?: string } = {}): Case => ({
  name, description, op: 'link.parse', covers, flags: o.flags ?? [], ...(o.error ? { error: o.error } : {}), ...(o.comment ? { comment: o.comment } : {}), input: { url },
});
const build = (name: string, description: string, params: Record<string, unknown>, covers: string[], o: { flags?: string[]; error?: string; base?: string; room?: string } = {}): Case => ({
  name, description, op: 'link.build', covers, flags: o.flags ?? [], ...(o.error ? { error: o.error } : {}),
  input: { base: o.base ?? BASE, room: o.room ?? 'standup', params: params as JsonObject },
});
const share = (name: string, description: string, url: string, covers: string[], flags: string[] = []): Case => ({ name, description, op: 'link.share', covers, flags, input: { url } });
const page = (name: string, description: string, url: string, covers: string[], o: { flags?: string[]; error?: string; comment?: string } = {}): Case => ({
  name, description, op: 'room.forUrl', covers, flags: o.flags ?? [], ...(o.error ? { error: o.error } : {}), ...(o.comment ? { comment: o.comment } : {}), input: { url },
});

export const admissionLinkVectors: FileSpec = {
  file: 'admissionlink',
  title: 'Admission: room links (fragment and legacy query), link parameters, sharing, page rooms',
  profile: 'admission',
  chapters: ['spec/12-admission.md', 'spec/02-room-ids.md'],
  notes: {
    'fragment-vs-query': { bugType: 'EDGE_CASE', description: 'Which parameter set is read: the fragment when it carries a gate key, else the legacy query.' },
    'mode-scope': { bugType: 'MISSING_STEP', description: 'gn, gk, gm and ge are read only in a gated mode; host and display fields in every mode.' },
    'corrupt-value': { bugType: 'EDGE_CASE', description: 'A corrupt key or list is dropped, never fatal; the gate then fails closed.' },
    'sealed-wins': { bugType: 'AUTH_BYPASS', description: 'A cleartext gm beside a sealed ge is ignored.' },
    'form-encoding': { bugType: 'ENCODING', description: 'application/x-www-form-urlencoded: + is a space, percent-decoding, first value of a repeated name, the serializer\'s safe set.' },
    'secrets': { bugType: 'AUTH_BYPASS', description: 'Secrets (gt, mk, sk, st) must not leave the fragment or reach other people.' },
    'fnv': { bugType: 'WRONG_PRIMITIVE', description: 'FNV-1a-32 over host + lower-cased path, base 36, cut and normalised twice.' },
    'upstream': { bugType: 'INTEROP', description: 'Upstream behaviour kept as the chapter states.' },
    'url-parser': { bugType: 'EDGE_CASE', description: 'A WHATWG URL parser corner: an own parser that differs from the runtime\'s URL reads or writes another URL.' },
  },
  groups: [
    {
      name: 'parse',
      description: 'link.parse: the room and the decoded parameters [LINK-03..LINK-09]',
      cases: [
        parse('invite-fragment', 'A guest\'s personal invite link, fragment form', `${BASE}#standup?g=invite&gk=${GK}&gt=${TOKEN}`, ['LINK-03', 'LINK-04', 'LINK-08']),
        parse('legacy-query', 'A legacy link: parameters in the query, room in the fragment', `${BASE}?g=names&gn=Ann,Bob#standup`, ['LINK-04'], { flags: ['fragment-vs-query'] }),
        parse('fragment-wins', 'With gate keys in both, the fragment is read and the query ignored', `${BASE}?g=names&gn=Eve#standup?g=names&gn=Ann`, ['LINK-04'], { flags: ['fragment-vs-query'] }),
        parse('fragment-without-gate-keys', 'A fragment with no gate key: the query is read', `${BASE}?g=names&gn=Eve#standup?x=1`, ['LINK-04'], { flags: ['fragment-vs-query'] }),
        parse('display-key-selects-fragment', 'A display-only key (d) is a gate key: the fragment is read, the query ignored', `${BASE}?g=names&gn=Eve#standup?d=Weekly%20sync`, ['LINK-04', 'LINK-06'], { flags: ['fragment-vs-query'] }),
        parse('no-params', 'A bare room link: open mode', `${BASE}#standup`, ['LINK-05']),
        parse('no-fragment', 'No fragment at all: an empty room id, parameters from the query', `${BASE}?g=names&gn=Ann`, ['LINK-03', 'LINK-04']),
        parse('open-ignores-gated', 'In the open mode gn, gk, gm and ge are not read; gc, gh, ghk, ghn, gho, gl, gd are', `${BASE}#standup?gn=Ann&gk=${GK}&gm=${TOKEN}&ge=AQID&gc=client.apps&gh=${GH}&ghk=AQID&ghn=Host&gho=h%40x.com&gl=1&gd=a%40x.com,Guest`, ['LINK-06'], { flags: ['mode-scope'] }),
        parse('mode-case', 'Mode names are case-sensitive: Invite is open', `${BASE}#standup?g=Invite&gk=${GK}`, ['LINK-05'], { flags: ['mode-scope'] }),
        parse('mode-unknown', 'An unknown mode is open', `${BASE}#standup?g=sso&gn=Ann`, ['LINK-05'], { flags: ['mode-scope'] }),
        parse('mode-empty', 'An empty g is open', `${BASE}#standup?g=&gn=Ann`, ['LINK-05', 'LINK-06'], { flags: ['mode-scope'] }),
        parse('every-mode-names', 'Each gated mode reads gn', `${BASE}#standup?g=code&gn=Ann`, ['LINK-05', 'LINK-06']),
        parse('email-mode', 'email mode with a client id', `${BASE}#standup?g=email&gc=kibitz-email`, ['LINK-05', 'LINK-06']),
        parse('list-trim', 'List entries are trimmed and empty entries dropped; + and %20 are spaces', `${BASE}#standup?g=names&gn=%20Ann+,,Bob%20Smith,%20,`, ['LINK-07', 'LINK-04'], { flags: ['form-encoding'] }),
        parse('list-only-commas', 'A list value of only separators is present and empty: gn is [] (the value was not empty)', `${BASE}#standup?g=names&gn=,`, ['LINK-07', 'LINK-06']),
        parse('repeated-name', 'The first value of a repeated name counts', `${BASE}#standup?g=names&g=invite&gn=Ann`, ['LINK-04'], { flags: ['form-encoding'] }),
        parse('empty-is-absent', 'Empty values are absent', `${BASE}#standup?g=invite&gc=&gt=&gk=`, ['LINK-06']),
        parse('gl-exact', 'gl is true only for exactly 1', `${BASE}#standup?g=names&gl=true&gd=x`, ['LINK-06']),
        parse('gk-corrupt-base64', 'A gk that is not base64url is dropped', `${BASE}#standup?g=invite&gk=%25%25%25`, ['LINK-08'], { flags: ['corrupt-value'] }),
        parse('gk-standard-alphabet', 'A gk with "/" from the standard base64 alphabet is dropped (CONV-07)', `${BASE}#standup?g=invite&gk=${GK_SLASH}`, ['CONV-07'], { flags: ['corrupt-value'], comment: 'Upstream\'s lenient decoder would accept it; the chapter rejects (a SHOULD of CONV-07).' }),
        parse('gk-not-json', 'A gk that decodes to text that is not JSON is dropped', `${BASE}#standup?g=invite&gk=${encodeBase64url(utf8('{kty:EC'))}`, ['LINK-08'], { flags: ['corrupt-value'] }),
        parse('gk-json-array', 'A gk that decodes to a JSON array is dropped', `${BASE}#standup?g=invite&gk=${encodeBase64url(utf8('[1,2]'))}`, ['LINK-08'], { flags: ['corrupt-value', 'upstream'] }),
        parse('gk-bom', 'A gk whose UTF-8 starts with a byte-order mark is dropped: the mark is kept and the JSON step fails', `${BASE}#standup?g=invite&gk=${encodeBase64url(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(JSON.stringify(creator.pub))]))}`, ['LINK-08'], { flags: ['corrupt-value'] }),
        parse('gk-invalid-utf8', 'A gk whose bytes are not UTF-8 (even inside a JSON string) is dropped: decoding is strict', `${BASE}#standup?g=invite&gk=${encodeBase64url(Uint8Array.from([...utf8('{"kty":"EC","x":"'), 0xff, ...utf8('"}')]))}`, ['LINK-08'], { flags: ['corrupt-value'] }),
        parse('gk-not-a-key-kept', 'A gk that is a JSON object but not a key is kept (the door rejects it later)', `${BASE}#standup?g=invite&gk=${encodeBase64url(utf8('{"kty":"RSA"}'))}`, ['LINK-08']),
        parse('gh-corrupt', 'A corrupt host key is dropped, in any mode', `${BASE}#standup?gh=bm90IGpzb24&ghk=AQID`, ['LINK-08', 'LINK-06'], { flags: ['corrupt-value'] }),
        parse('sealed-wins', 'ge and gm together: gm is ignored', `${BASE}#standup?g=google&gm=${TOKEN}&ge=AQIDBA`, ['LINK-09'], { flags: ['sealed-wins'] }),
        parse('room-percent', 'The room is percent-decoded, then normalised', `${BASE}#My%20Room?g=names&gn=Ann`, ['LINK-03', 'ROOM-01']),
        parse('room-utf8', 'A percent-encoded UTF-8 room name', `${BASE}#caf%C3%A9%20chat`, ['LINK-03', 'ROOM-01']),
        parse('room-plus-literal', 'In the room part + is not a space', `${BASE}#stand+up?g=names`, ['LINK-03']),
        parse('display-fields', 'd, ag and n are read as strings', `${BASE}#standup?d=Weekly+sync&ag=audio&n=This+call+is+transcribed`, ['LINK-06']),
        parse('gt-in-open', 'gt is read in the open mode too', `${BASE}#standup?gt=${TOKEN}`, ['LINK-06']),
        parse('host-fields', 'Host fields in a gated room', `${BASE}#standup?g=invite&gk=${GK}&gh=${GH}&ghk=AQIDBAUG&ghn=Kim&gho=kim%40acme.com`, ['LINK-06', 'LINK-08']),
        parse('not-a-url', 'Not an absolute URL', 'standup?g=names', ['LINK-03'], { error: 'link.bad-url' }),
        parse('empty-url', 'The empty string', '', ['LINK-03'], { error: 'link.bad-url' }),
        parse('room-bad-percent', 'A room with a broken percent sequence', `${BASE}#50%25%?g=names`, ['LINK-03'], { error: 'link.bad-room' }),
        parse('room-bad-utf8', 'A room whose percent sequences are not UTF-8', `${BASE}#%C3%28`, ['LINK-03'], { error: 'link.bad-room' }),
      ],
    },
    {
      name: 'build',
      description: 'link.build: every parameter in the fragment, in order, form-encoded [LINK-01], [LINK-02], [LINK-10]',
      cases: [
        build('invite-room', 'The shared invite room link: mode and creator key', { g: 'invite', gk: creator.pub }, ['LINK-01', 'LINK-02']),
        build('guest-link', 'A guest\'s personal link: gt last among the gate parameters', { gt: TOKEN, g: 'invite', gk: creator.pub }, ['LINK-02', 'LINK-10'], { flags: ['secrets'] }),
        build('verified-room', 'A verified google room: mode, key, manifest, client id', { g: 'google', gk: creator.pub, gm: TOKEN, gc: 'client.apps.googleusercontent.com' }, ['LINK-02']),
        build('names-list', 'Names are joined by "," (written %2C); spaces become +', { g: 'names', gn: ['Ann', 'Bob Smith'] }, ['LINK-02'], { flags: ['form-encoding'] }),
        build('open-with-host', 'An open room with a key-tier host: g is not written', { g: 'open', gh: host.pub, ghk: 'AQIDBAUG', gl: true }, ['LINK-02']),
        build('gl-false-omitted', 'gl false and empty strings are not written', { g: 'names', gn: ['Ann'], gl: false, gc: '', d: '' }, ['LINK-02']),
        build('safe-set', 'The serializer keeps * - . _ and escapes ~ ! \' ( )', { g: 'names', gn: ['a*b-c.d_e', 'f~g!h\'i(j)'] }, ['LINK-02'], { flags: ['form-encoding'] }),
        build('unicode', 'Non-ASCII values are UTF-8 percent-encoded', { g: 'names', gn: ['Zoë'], d: 'Réunion ☕' }, ['LINK-02'], { flags: ['form-encoding'] }),
        build('display-last', 'd, ag and n come after gt', { n: 'Recorded', ag: 'audio', d: 'Sync', gt: TOKEN, g: 'invite', gk: creator.pub }, ['LINK-02']),
        build('base-with-query', 'A base that has a query keeps it; the parameters still go into the fragment', { g: 'names', gn: ['Ann'] }, ['LINK-01', 'LINK-10'], { base: 'https://kibitz.chat/?grant=abc', flags: ['secrets'] }),
        build('no-params', 'No parameters: no "?" after the room', {}, ['LINK-01']),
        build('room-encoded', 'The room is written with encodeURIComponent', { g: 'names', gn: ['Ann'] }, ['LINK-01'], { room: 'a b/c' }),
        build('host-key-order', 'All host fields, in order', { gho: 'kim@acme.com', ghn: 'Kim', ghk: 'AQID', gh: host.pub, gc: 'c', gd: ['a@x.com', 'Guest'] }, ['LINK-02']),
        build('list-empty-entry', 'A list with one empty entry is written (gn=): only a list with no entries is left out', { g: 'names', gn: [''] }, ['LINK-02']),
        build('list-no-entries', 'A list with no entries is not written', { g: 'names', gn: [], gd: [] }, ['LINK-02']),
        build('room-lone-surrogate', 'A room that encodeURIComponent refuses (a lone surrogate) is not a room id', { g: 'names', gn: ['Ann'] }, ['LINK-01', 'ADP-08'], { room: 'a\ud800b', error: 'input.invalid' }),
        build('comma-in-name', 'A list entry containing "," is refused', { g: 'names', gn: ['Smith, Ann'] }, ['LINK-02'], { error: 'link.bad-param' }),
        build('comma-in-claims', 'A gd entry containing "," is refused', { gd: ['a,b'] }, ['LINK-02'], { error: 'link.bad-param' }),
        build('base-with-fragment', 'A base that already has a fragment', { g: 'names', gn: ['Ann'] }, ['LINK-01', 'ADP-08'], { base: 'https://kibitz.chat/#old', error: 'input.invalid' }),
        build('unknown-mode', 'A mode that is not one of the six', { g: 'sso' }, ['LINK-05', 'ADP-08'], { error: 'input.invalid' }),
      ],
    },
    {
      name: 'share',
      description: 'link.share: control secrets (and gt) removed from a copy for others [LINK-11], [LINK-12]',
      cases: [
        share('strips-control-secrets', 'mk, sk and st are removed from the fragment', `${BASE}#standup?g=names&gn=Ann&mk=secret1&sk=secret2&st=secret3`, ['LINK-11'], ['secrets']),
        share('strips-query-too', 'Control secrets are removed from a legacy query as well', `${BASE}?sk=secret2&grant=g1#standup?g=names&gn=Ann`, ['LINK-11'], ['secrets']),
        share('strips-gt', 'A guest\'s invite token is removed from a shared copy', `${BASE}#standup?g=invite&gk=${GK}&gt=${TOKEN}`, ['LINK-12'], ['secrets']),
        share('all-stripped', 'When nothing is left, the fragment is just the room', `${BASE}#standup?mk=secret1`, ['LINK-11'], ['secrets']),
        share('nothing-to-strip', 'A link without secrets is re-serialised (spaces as +)', `${BASE}#standup?g=names&gn=Ann%20Lee`, ['LINK-11']),
        share('repeated-name', 'A repeated name keeps its first position and its last value', `${BASE}#standup?gn=Ann&g=names&gn=Bob`, ['LINK-11'], ['form-encoding']),
        share('unparseable', 'A string that is not a URL is returned unchanged', 'not a url?mk=1', ['LINK-11'], ['upstream']),
        share('empty-room-keeps-params', 'An empty room part with parameters left: the fragment is #?<params>', `${BASE}#?g=names&gn=Ann&mk=secret1`, ['LINK-11'], ['secrets']),
        share('bare-hash-kept', 'An empty fragment (a bare #) is not rewritten: the copy keeps it', `${BASE}?mk=secret1#`, ['LINK-11'], ['secrets', 'upstream']),
        share('room-as-it-stands', 'The room part is copied as it stands, percent-encoding included', `${BASE}#My%20Room?g=names&gn=Ann&sk=secret2`, ['LINK-11']),
        share('room-starts-with-hash', 'The room part is the fragment before its first ?, as it stands, even when it starts with #: only the fragment delimiter goes', `${BASE}##standup?g=names&mk=secret1`, ['LINK-11'], ['secrets']),
        share('legacy-query-secrets', 'gt and the control secrets are removed from a legacy query too', `${BASE}?g=invite&gt=${TOKEN}&mk=secret1#standup`, ['LINK-11', 'LINK-12'], ['secrets']),
      ],
    },
    {
      name: 'url-parser',
      description: 'WHATWG URL corners the kibitz-py mutation run found unguarded: hosts, paths, percent-decoding [LINK-14]',
      cases: [
        share('ipv6-compressed-at-end', 'An IPv6 address compressed at its end serialises with its last piece', 'http://[1:2:3:4:5:6:7::]/#standup', ['LINK-14', 'LINK-11'], ['url-parser']),
        share('non-special-authority-path', 'A non-special URL with // after its scheme has a host and a hierarchical path: .. is resolved and the path follows the host', 'foo://h.example/a/../b#standup', ['LINK-14', 'LINK-11'], ['url-parser']),
        share('path-dot-dot', 'A .. segment removes the segment before it', 'http://h.example/a/b/../c#standup', ['LINK-14', 'LINK-11'], ['url-parser']),
        share('path-c0-1f', 'U+001F in a path is percent-encoded (a C0 control)', 'http://h.example/a\u001fb#standup', ['LINK-14', 'LINK-11'], ['url-parser']),
        share('host-eszett', 'ß in a host is kept, not mapped to ss (UTS 46 nontransitional)', 'https://fa\u00df.example/#standup', ['LINK-14', 'LINK-11'], ['url-parser']),
        parse('ipv4-five-parts', 'A host of five dotted numbers ending in a number is no URL', 'http://1.2.3.4.5/#standup', ['LINK-14', 'LINK-03'], { flags: ['url-parser'], error: 'link.bad-url' }),
        parse('host-percent', 'A host that percent-decodes to % is no URL (a forbidden domain code point)', 'http://a%25b.example/#standup', ['LINK-14', 'LINK-03'], { flags: ['url-parser'], error: 'link.bad-url' }),
        parse('host-zwnj', 'A ZERO WIDTH NON-JOINER outside its context in a host is no URL (CheckJoiners)', 'https://a\u200cb.example/#standup', ['LINK-14', 'LINK-03'], { flags: ['url-parser'], error: 'link.bad-url' }),
        parse('host-zwj', 'A ZERO WIDTH JOINER outside its context in a host is no URL (CheckJoiners)', 'https://a\u200db.example/#standup', ['LINK-14', 'LINK-03'], { flags: ['url-parser'], error: 'link.bad-url' }),
        parse('room-u10ffff', 'A room of U+10FFFF (F4 8F BF BF) decodes', 'https://h.example/#%F4%8F%BF%BF', ['LINK-03', 'LINK-14'], { flags: ['url-parser'] }),
        parse('leading-c0-1f', 'A leading U+001F is stripped like every C0 control', '\u001fhttps://h.example/#standup', ['LINK-14', 'LINK-03'], { flags: ['url-parser'] }),
        parse('ipv4-five-zero-parts', 'Five dotted zeros are no IPv4 address: no URL', 'http://0.0.0.0.0/#standup', ['LINK-14', 'LINK-03'], { flags: ['url-parser'], error: 'link.bad-url' }),
        share('host-zwj-after-virama', 'A ZERO WIDTH JOINER after a virama is kept (a deviation, nontransitional)', 'https://\u0915\u094d\u200d\u0937.example/#standup', ['LINK-14', 'LINK-11'], ['url-parser']),
        parse('scheme-with-z', 'Z is an ASCII letter of a scheme', 'Zap://host/#standup', ['LINK-14', 'LINK-03'], { flags: ['url-parser'] }),
      ],
    },
    {
      name: 'page-room',
      description: 'room.forUrl: FNV-1a-32 page rooms [LINK-13]',
      cases: [
        page('basic', 'www, trailing slash, case, query and fragment', 'https://www.Example.com/Foo/Bar/?q=1#x', ['LINK-13'], { flags: ['fnv'] }),
        page('same-page', 'The same page without www and with other query: the same room', 'https://example.com/foo/bar?utm=2', ['LINK-13'], { flags: ['fnv'] }),
        page('root', 'A site root', 'https://news.example.org/', ['LINK-13'], { flags: ['fnv'] }),
        page('many-slashes', 'Every trailing slash is removed', 'https://example.com/a///', ['LINK-13'], { flags: ['fnv'] }),
        page('www-once', 'Only one leading www. is removed', 'https://www.www.example.com/x', ['LINK-13'], { flags: ['fnv'] }),
        page('port-ignored', 'The port is not part of the hostname', 'http://localhost:8080/app', ['LINK-13'], { flags: ['fnv'] }),
        page('long-host', 'A long host is cut to 38 - len(tag) characters; a cut ending in - collapses', 'https://a-very-long-subdomain-name-for-testing.example.com/page', ['LINK-13', 'ROOM-01'], { flags: ['fnv'] }),
        page('idn-host', 'An IDN host as a browser reports it, already IDNA-encoded (a non-ASCII host is outside LINK-14)', 'https://xn--bcher-kva.example/Katalog', ['LINK-13', 'LINK-14'], { flags: ['fnv'] }),
        page('percent-path', 'A percent-encoded path is lower-cased with its hex digits', 'https://example.com/Caf%C3%A9', ['LINK-13'], { flags: ['fnv'] }),
        page('utf8-path', 'A raw non-ASCII path is percent-encoded first', 'https://example.com/café', ['LINK-13'], { flags: ['fnv'] }),
        page('no-host', 'A URL without a host: the room is the tag alone', 'file:///home/ann/notes.txt', ['LINK-13'], { flags: ['fnv'] }),
        page('ip-host', 'An IP address host', 'http://192.168.1.10/dashboard', ['LINK-13'], { flags: ['fnv'] }),
        page('not-a-url', 'Not an absolute URL', 'example.com/page', ['LINK-13'], { error: 'link.bad-url' }),
        page('empty', 'The empty string', '', ['LINK-13'], { error: 'link.bad-url' }),
      ],
    },
  ],
};

