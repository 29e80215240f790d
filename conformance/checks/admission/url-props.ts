// The URL Standard under LINK-03, LINK-11, LINK-13 and LINK-14: room.forUrl and link.share over
// URLs built from the parts where parsers go wrong (scheme case and slashes, credentials, IPv4 in
// every radix and length, IPv6 with and without compression and with an embedded IPv4, ports at and
// past their bounds, percent-encoding, characters each component encodes, tabs and newlines, C0 and
// space at the ends), against the runtime's URL and URLSearchParams as oracle. Every URL stays
// outside LINK-14's corners: no dot segment in any spelling, no `^` or `|` in a path, ASCII hosts
// with no forbidden code point and no `xn--` label, special schemes only. Found missing by the
// mutation run of kibitz-py (scripts/mutate-python.ts): a transcription of the standard could get
// any of these wrong and still pass every link vector.
import fc from 'fast-check';
import type { Implementation } from '../../impl/types.ts';
import { jsonEqual } from '../../compare.ts';
import { call, isFailure, outputOf, propertyCheck, type Failure } from '../property.ts';
import type { Check } from '../types.ts';
import { pageRoomModel } from './models.ts';
import { shareLinkModel } from './url-model.ts';

const P = 'admission';

const mixCase = (s: string) => fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }).map((up) => [...s].map((c, i) => (up[i] ? c.toUpperCase() : c)).join(''));

const scheme = () => fc.constantFrom('http', 'https', 'ws', 'wss', 'ftp').chain(mixCase);
const slashes = () => fc.constantFrom('://', '://', '://', ':/', ':', ':///', ':\\\\', ':/\\', ':\\/');
const userinfo = () => fc.constantFrom('', '', '', 'user@', 'user:pass@', 'us er:p@ss@', 'a:b:c@', ':@', 'u%41:%zz@', 'é:€@', 'a"b<c>`{}@');
const label = () => fc.stringMatching(/^[a-zA-Z0-9]([a-zA-Z0-9-]{0,6}[a-zA-Z0-9])?$/).filter((l) => !/^xn--/i.test(l));
const domain = () => fc.tuple(fc.array(label(), { minLength: 1, maxLength: 3 }), fc.constantFrom('', '', '.'), fc.boolean()).map(([ls, dot, pct]) => {
  const d = ls.join('.') + dot;
  // A percent-encoded ASCII letter in a host decodes to itself.
  return pct ? d.replace(/[a-z]/i, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`) : d;
});
const ipv4 = () => fc.constantFrom(
  '127.0.0.1', '0x7f.1', '0X7F.0.0.1', '0177.0.0.1', '127.1', '127.0.1', '2130706433', '0x7f000001', '017700000001', '1.2.3.4.', '0.0.0.0', '255.255.255.255',
  '4294967295', '4294967296', '256.1.1.1', '1.256.1.1', '1.2.3.09', '1.2.3.0x', '0x.1', '1..2.3', '1.2.3.4.5', 'foo.1', 'foo.0x1', '1.2.3.4x', '08', '0x100000000', '1.0xffffff',
);
const ipv6 = () => fc.constantFrom(
  '[::1]', '[::]', '[1:2:3:4:5:6:7:8]', '[1::]', '[::ffff:192.168.0.1]', '[0:0:1:0:0:0:0:1]', '[1:0:0:2:0:0:0:3]', '[1:0:0:0:2:0:0:3]', '[FFFF::A]', '[0::0:0]', '[1:2:3:4:5:6:1.2.3.4]',
  '[::1.2.3.4]', '[1:2:3:4:5:6:7::]', '[::2:3:4:5:6:7:8]', '[1:0::0:1]', '[001:0002::0003]',
  '[1:::2]', '[12345::]', '[::1', '[1:2:3:4:5:6:7:8:9]', '[::1.2.3]', '[::1.2.3.256]', '[::1.2.3.4.5]', '[g::]', '[1:2]', '[:1]', '[1:]', '[::01.2.3.4]', '[1::2::3]', '[]',
);
const host = () => fc.oneof({ weight: 3, arbitrary: domain() }, { weight: 2, arbitrary: ipv4() }, { weight: 2, arbitrary: ipv6() });
const port = () => fc.constantFrom('', '', '', ':', ':80', ':443', ':21', ':0', ':65535', ':65536', ':8080', ':0080', ':1a', ':99999999999');
/** Path characters: what each component encodes differs (space, quotes, <>, `, {}, non-ASCII, %). */
const pathChar = () => fc.constantFrom('a', 'Z', '0', '-', '_', '~', '%20', '%2F', '%41', '%', '%zz', ' ', '"', '<', '>', '`', '{', '}', 'é', '€', '😀', '@', ':', ';', '=', '+', ',', '!', '$', '&', "'", '(', ')', '*', '\\', '\t', '\n', '\u0000', '\u007f', '[', ']');
const segment = () => fc.array(pathChar(), { maxLength: 4 }).map((cs) => cs.join(''));
const path = () => fc.oneof(fc.constantFrom('', '/'), fc.array(segment(), { minLength: 1, maxLength: 4 }).map((ss) => `/${ss.join('/')}`));
const queryChar = () => fc.constantFrom('a', '=', '&', '+', ' ', '"', "'", '<', '>', '`', 'é', '%', '%zz', '%20', '%3D', '/', '?', '\t', '\u0001');
const param = () => fc.tuple(fc.constantFrom('a', 'b', 'g', 'gn', 'mk', 'sk', 'st', 'gt', 'x y', 'é', ''), fc.array(queryChar(), { maxLength: 3 })).map(([k, v]) => `${k}=${v.join('')}`);
const params = () => fc.array(param(), { maxLength: 4 }).map((ps) => ps.join('&'));
const query = () => fc.oneof(fc.constant(''), fc.constant('?'), params().map((p) => `?${p}`));
// A room text starting with `#` is pinned by its own vector (admissionlink share.room-starts-with-hash).
const roomText = () => fc.array(fc.constantFrom('a', 'Room', ' ', '"', '<', '>', '`', 'é', '%', '%41', '#', '-', '/'), { maxLength: 4 }).map((cs) => cs.join('')).filter((r) => !r.startsWith('#'));
// A bare `#` is pinned by its own vector (admissionlink share.bare-hash-kept), so that an adapter
// that gets it wrong still has its parser judged here.
const fragment = () => fc.oneof(fc.constant(''), roomText().filter((r) => r !== '').map((r) => `#${r}`), fc.tuple(roomText(), params()).map(([r, p]) => `#${r}?${p}`));
const ends = () => fc.constantFrom('', '', '', ' ', '\t', '\u0001', ' \u001f');

/** Dot segments in any spelling (LINK-14 corner 1), with `\` as a separator in special schemes. */
const DOT_SEGMENT = /(^|[/\\])(\.|%2e){1,2}(?=$|[/\\?#])/i;

export const url = () => fc
  .tuple(ends(), scheme(), slashes(), userinfo(), host(), port(), path(), query(), fragment(), ends())
  .map(([a, s, sl, ui, h, p, pa, q, f, z]) => `${a}${s}${sl}${ui}${h}${p}${pa}${q}${f}${z}`)
  .filter((u) => {
    const trimmed = u.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
    const beforeQuery = trimmed.split(/[?#]/)[0]!;
    return !trimmed.endsWith('#') && !DOT_SEGMENT.test(beforeQuery.replace(/^[^:]*:\/*/, '/')) && !/[\^|]/.test(beforeQuery);
  });

const agree = async (impl: Implementation, op: string, input: { url: string }, requirement: string, expected: unknown, pick: (o: Record<string, unknown>) => unknown): Promise<Failure | null> => {
  const r = await call(impl, op, input);
  if (expected === 'link.bad-url') {
    if ('ok' in r && !r.ok && r.error.code === 'link.bad-url') return null;
    return { requirement, message: `${op}: the URL Standard does not parse this URL, so it is link.bad-url`, expected: { error: 'link.bad-url' }, actual: 'ok' in r ? (r.ok ? r.output : r.error) : r };
  }
  const out = outputOf(r, requirement);
  if (isFailure(out)) return out;
  const got = pick(out);
  return jsonEqual(expected as never, got as never) ? null : { requirement, message: `${op} differs from the URL Standard (the runtime's URL)`, expected, actual: got };
};

const parses = (u: string): boolean => {
  try {
    new URL(u);
    return true;
  } catch {
    return false;
  }
};

export const URL_PROPERTIES: Check[] = [
  propertyCheck({
    id: 'prop.admission.url.page-room',
    profile: P,
    covers: ['LINK-14', 'LINK-13'],
    description: 'room.forUrl parses every URL as the URL Standard does (hosts in every IPv4 and IPv6 form, ports, credentials, encodings): the page room of its hostname and pathname, or link.bad-url',
    probe: { op: 'room.forUrl', input: { url: 'https://example.com/' } },
    arbitrary: url,
    runsFactor: 5, // cheap, and the grammar is wide
    examples: ['http://0x7f.1/a', 'http://[0:0:1:0:0:0:0:1]/', 'https://ex%41mple.com./%7e', 'http://1.2.3.4.5/', 'http://a:65536/', 'HTTP:\\\\Example.COM\\a b'],
    predicate: (impl, u) => agree(impl, 'room.forUrl', { url: u }, 'LINK-14', parses(u) ? pageRoomModel(u) : 'link.bad-url', (o) => o.room),
  }),
  propertyCheck({
    id: 'prop.admission.url.share-serialises',
    profile: P,
    covers: ['LINK-14', 'LINK-11', 'LINK-12'],
    description: 'link.share parses and re-serialises every URL as the URL Standard does (every component, its percent-encoding and defaults), with mk, sk, st and gt removed and each part re-serialised by URLSearchParams',
    probe: { op: 'link.share', input: { url: 'https://k.chat/#r' } },
    arbitrary: url,
    runsFactor: 5,
    examples: ['http://user:pa ss@[::ffff:1.2.3.4]:80/a"b?q=1&mk=2#room?gt=x&n=1', 'wss://0177.1:443/%zz?é#é', ' ftp://a.b:21/x\t\ny '],
    predicate: (impl, u) => agree(impl, 'link.share', { url: u }, 'LINK-14', shareLinkModel(u), (o) => o.url),
  }),
];
