// vectors/wire.json: BinaryPack as Kibitz peers write and read it (spec/11-data-connections.md
// 11.3, 11.4). Encode vectors (value -> bytes), decode vectors (bytes -> value or error), round trips
// of every encode vector, and frames captured from live PeerJS. Every vector is cross-checked
// against peerjs-js-binarypack (wire-crosscheck.ts); where the package differs from the spec the
// vector says what the package does in intermediates.peerjs.
import type { JsonValue } from '../../reference/encoding/json.ts';
import { encode } from '../../reference/wire/encode.ts';
import { fromTagged, toHex } from '../../reference/wire/tagged-json.ts';
import { toTagged } from '../../reference/wire/tagged-json.ts';
import type { Case, FileSpec, Group } from './lib.ts';
import { CAPTURED_HEX } from './wire-captured.ts';
import { capturedValue } from './wire-captured-values.ts';
import { crossChecked } from './wire-crosscheck.ts';
import type { PeerjsOutcome } from './wire-peerjs.ts';

interface Extra {
  error?: string;
  peerjs?: PeerjsOutcome;
  comment?: string;
}

const withExtra = (c: Case, x: Extra): Case => ({
  ...c,
  ...(x.error ? { error: x.error } : {}),
  ...(x.peerjs ? { intermediates: { peerjs: x.peerjs as unknown as JsonValue } } : {}),
  ...(x.comment ? { comment: x.comment } : {}),
});

const enc = (name: string, description: string, value: JsonValue, covers: string[], flags: string[] = [], x: Extra = {}): Case =>
  withExtra({ name, description, op: 'wire.encode', input: { value }, covers, flags }, x);

/** Hex may be written with spaces for reading; they are removed. */
const dec = (name: string, description: string, hex: string, covers: string[], flags: string[] = [], x: Extra = {}): Case =>
  withExtra({ name, description, op: 'wire.decode', input: { hex: hex.replace(/\s+/g, '') }, covers, flags }, x);

const $int = (n: bigint | number): JsonValue => ({ $int: BigInt(n).toString() });
const $bytes = (hex: string): JsonValue => ({ $bytes: hex });
const $undef: JsonValue = { $undefined: true };
const $num = (s: 'NaN' | 'Infinity' | '-Infinity' | '-0'): JsonValue => ({ $num: s });
const nested = (levels: number, inner: string, open = '91'): string => open.repeat(levels) + inner;
const hexOfLength = (n: number): string => Array.from({ length: n }, (_, i) => ((i * 37 + 11) & 0xff).toString(16).padStart(2, '0')).join('');
const threw = (message: string): PeerjsOutcome => ({ throws: message });
const OUT_OF_RANGE = 'BinaryPackFailure: read index out of range';
const NOT_RUN_HUGE = { notRun: 'upstream allocates an array of the declared count and reads it past the end: out of memory' };

// ---- encode -------------------------------------------------------------------------------

const encodeInt: Case[] = [
  enc('int-0', 'Zero is a positive fixint', 0, ['WIRE-11'], ['width-boundary']),
  enc('int-127', 'The largest positive fixint', 127, ['WIRE-11'], ['width-boundary']),
  enc('int-128', '128 needs uint8', 128, ['WIRE-11'], ['width-boundary']),
  enc('int-255', 'The largest uint8', 255, ['WIRE-11'], ['width-boundary']),
  enc('int-256', '256 needs uint16', 256, ['WIRE-11'], ['width-boundary']),
  enc('int-65535', 'The largest uint16', 65535, ['WIRE-11'], ['width-boundary']),
  enc('int-65536', '65536 needs uint32', 65536, ['WIRE-11'], ['width-boundary']),
  enc('int-2p32-1', 'The largest uint32', 4294967295, ['WIRE-11'], ['width-boundary']),
  enc('int-2p32', '2^32 is an int64, not a uint64', 4294967296, ['WIRE-11'], ['width-boundary', 'int64-positive']),
  enc('int-timestamp', 'A millisecond timestamp is an int64', 1700000000123, ['WIRE-11'], ['int64-positive']),
  enc('int-2p53-1', 'The largest safe integer', 9007199254740991, ['WIRE-11'], ['width-boundary', 'int64-positive']),
  enc('int-2p53', '2^53 as a number is an int64', 9007199254740992, ['WIRE-11'], ['int64-positive']),
  enc('int-minus-1', '-1 is a negative fixint', -1, ['WIRE-11'], ['width-boundary']),
  enc('int-minus-32', 'The smallest negative fixint', -32, ['WIRE-11'], ['width-boundary']),
  enc('int-minus-33', '-33 needs int8', -33, ['WIRE-11'], ['width-boundary']),
  enc('int-minus-128', 'The smallest int8', -128, ['WIRE-11'], ['width-boundary']),
  enc('int-minus-129', '-129 needs int16', -129, ['WIRE-11'], ['width-boundary']),
  enc('int-minus-32768', 'The smallest int16', -32768, ['WIRE-11'], ['width-boundary']),
  enc('int-minus-32769', '-32769 needs int32', -32769, ['WIRE-11'], ['width-boundary']),
  enc('int-minus-2p31', 'The smallest int32', -2147483648, ['WIRE-11'], ['width-boundary']),
  enc('int-minus-2p31-1', '-2^31 - 1 needs int64', -2147483649, ['WIRE-11'], ['width-boundary']),
  enc('int-minus-2p53-1', 'The smallest safe integer', -9007199254740991, ['WIRE-11'], ['width-boundary']),
  enc('int-negative-zero', '-0 is integral and is written as the fixint 0', $num('-0'), ['WIRE-11'], ['special-float']),
  enc('int-exact-2p53-plus-1', 'An exact integer beyond 2^53 (not a JavaScript number)', $int(2n ** 53n + 1n), ['WIRE-11', 'WIRE-32'], ['int64-positive']),
  enc('int-2p63-1', 'The largest int64', $int(2n ** 63n - 1n), ['WIRE-11', 'WIRE-32'], ['width-boundary', 'upstream-divergent'], {
    peerjs: { value: -9223372036854775808 },
    comment: 'JavaScript cannot hold it; upstream reads these bytes as -2^63 (it rounds 2^63 - 1 up to 2^63, then subtracts 2^64).',
  }),
  enc('int-2p63', '2^63 (an exact binary64) needs uint64', 9223372036854775808, ['WIRE-11'], ['width-boundary', 'upstream-divergent'], {
    peerjs: { hex: 'd38000000000000000' },
    comment: 'Upstream writes the binary64 2^63 as int64 0x8000000000000000, which reads back as -2^63.',
  }),
  enc('int-2p64-1', 'The largest uint64', $int(2n ** 64n - 1n), ['WIRE-11', 'WIRE-32'], ['width-boundary']),
  enc('int-minus-2p63', 'The smallest int64', $int(-(2n ** 63n)), ['WIRE-11', 'WIRE-32'], ['width-boundary']),
  enc('int-small-as-int-tag', '$int of a small integer is the same integer', $int(5), ['WIRE-32', 'WIRE-11']),
];

const encodeFloat: Case[] = [
  enc('float-half', '0.5 is a float64', 0.5, ['WIRE-12']),
  enc('float-minus-1.5', 'A negative float', -1.5, ['WIRE-12']),
  enc('float-tenth', '0.1 is its nearest binary64, exactly', 0.1, ['WIRE-12']),
  enc('float-sum', '0.1 + 0.2 keeps every bit', 0.30000000000000004, ['WIRE-12']),
  enc('float-pi', 'Pi', 3.141592653589793, ['WIRE-12']),
  enc('float-coordinate', 'An ink coordinate between 0 and 1', 0.7071067811865476, ['WIRE-12']),
  enc('float-min-normal', 'The smallest normal binary64', 2.2250738585072014e-308, ['WIRE-12'], ['special-float']),
  enc('float-large-fraction', 'The largest binary64 below 2^52 with a fraction', 4503599627370495.5, ['WIRE-12'], ['width-boundary', 'special-float', 'upstream-divergent'], {
    peerjs: { hex: 'cb43300000ffffffff' },
    comment: 'Just below a power of two: upstream gets the exponent one too high.',
  }),
  enc('float-below-power-of-two', 'One unit in the last place below 4', 3.9999999999999996, ['WIRE-12'], ['special-float', 'upstream-divergent'], {
    peerjs: { hex: 'cb40100000ffffffff' },
    comment: 'Upstream takes the exponent from Math.log, which rounds up here: its bytes read back as 4.000003814697265.',
  }),
  enc('float-subnormal', 'The smallest subnormal binary64', 5e-324, ['WIRE-12'], ['special-float', 'upstream-divergent'], {
    peerjs: { hex: 'cbfcd0000000000000' },
    comment: 'Upstream writes subnormal numbers with a negative biased exponent: garbage.',
  }),
];

const strOf = (n: number, ch = 'x'): string => ch.repeat(n);
const encodeString: Case[] = [
  enc('str-empty', 'The empty string is fixstr b0', '', ['WIRE-14'], ['width-boundary']),
  enc('str-1', 'A one-byte string', 'a', ['WIRE-14']),
  enc('str-15', '15 bytes: the longest fixstr', strOf(15), ['WIRE-14'], ['width-boundary', 'msgpack-confusion']),
  enc('str-16', '16 bytes: str16, where MessagePack would still use a fixstr', strOf(16), ['WIRE-14'], ['width-boundary', 'msgpack-confusion']),
  enc('str-31', '31 bytes: str16 (MessagePack: fixstr bf)', strOf(31), ['WIRE-14'], ['width-boundary', 'msgpack-confusion']),
  enc('str-32', '32 bytes: str16 (MessagePack: str8 d9 20)', strOf(32), ['WIRE-14'], ['width-boundary', 'msgpack-confusion']),
  enc('str-65535', '65535 bytes: the longest str16', strOf(65535), ['WIRE-14'], ['width-boundary']),
  enc('str-65536', '65536 bytes: str32', strOf(65536), ['WIRE-14'], ['width-boundary']),
  enc('str-two-byte', 'U+00E9 is two UTF-8 bytes', 'h\u00e9llo', ['WIRE-14']),
  enc('str-three-byte', 'U+20AC is three UTF-8 bytes', '\u20ac', ['WIRE-14']),
  enc('str-astral', 'An astral emoji is one 4-byte sequence, not two surrogates', '\u{1F600}', ['WIRE-14'], ['astral']),
  enc('str-astral-15', '3 emoji and 3 ASCII: 15 bytes, still fixstr', '\u{1F98A}\u{1F98A}\u{1F98A}abc', ['WIRE-14'], ['astral', 'width-boundary']),
  enc('str-astral-16', '4 emoji: 8 UTF-16 units but 16 bytes, so str16', '\u{1F98A}\u{1F98A}\u{1F98A}\u{1F98A}', ['WIRE-14'], ['astral', 'width-boundary']),
  enc('str-lone-high', 'An unpaired high surrogate becomes U+FFFD', '\ud800', ['WIRE-14'], ['lone-surrogate']),
  enc('str-lone-low', 'An unpaired low surrogate becomes U+FFFD', '\udc00', ['WIRE-14'], ['lone-surrogate']),
  enc('str-reversed-pair', 'Low then high is two unpaired surrogates', '\udc00\ud800', ['WIRE-14'], ['lone-surrogate']),
  enc('str-lone-inside', 'An unpaired surrogate between letters', 'a\ud83db', ['WIRE-14'], ['lone-surrogate']),
  enc('str-nul', 'U+0000 is one byte 00', 'a\u0000b', ['WIRE-14']),
  enc('str-bom', 'U+FEFF is kept', '\ufeffx', ['WIRE-14']),
];

const encodeBytes: Case[] = [
  enc('bytes-empty', 'No bytes is fixraw a0', $bytes(''), ['WIRE-15'], ['width-boundary']),
  enc('bytes-3', 'Three bytes', $bytes('00ff7f'), ['WIRE-15'], ['msgpack-confusion']),
  enc('bytes-15', '15 bytes: the longest fixraw', $bytes(hexOfLength(15)), ['WIRE-15'], ['width-boundary']),
  enc('bytes-16', '16 bytes: raw16', $bytes(hexOfLength(16)), ['WIRE-15'], ['width-boundary']),
  enc('bytes-65535', '65535 bytes: the longest raw16', $bytes(hexOfLength(65535)), ['WIRE-15'], ['width-boundary']),
  enc('bytes-65536', '65536 bytes: raw32', $bytes(hexOfLength(65536)), ['WIRE-15'], ['width-boundary']),
];

const encodeArray: Case[] = [
  enc('array-empty', 'The empty array', [], ['WIRE-16'], ['width-boundary']),
  enc('array-15', '15 elements: the longest fixarray', Array.from({ length: 15 }, (_, i) => i), ['WIRE-16'], ['width-boundary']),
  enc('array-16', '16 elements: array16', Array.from({ length: 16 }, (_, i) => i), ['WIRE-16'], ['width-boundary']),
  // 65535- and 65536-element arrays would add 2 MB of JSON here; tests/wire/codec.test.ts covers that boundary.
  enc('array-undefined', 'An undefined element is written as nil', [1, $undef, 3], ['WIRE-16', 'WIRE-10'], ['undefined-member']),
  enc('array-mixed', 'Elements of every kind, in order', [null, true, false, 1, -1, 0.5, 'a', $bytes('01'), [], {}], ['WIRE-16']),
  enc('array-nested-64', 'A value inside 64 arrays: the deepest a decoder must accept', nestedArray(64, null), ['WIRE-26', 'WIRE-16'], ['depth']),
];

function nestedArray(levels: number, inner: JsonValue): JsonValue {
  let v = inner;
  for (let i = 0; i < levels; i++) v = [v];
  return v;
}

const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${String(i).padStart(2, '0')}`, i]));
const encodeMap: Case[] = [
  enc('map-empty', 'The empty map', {}, ['WIRE-17'], ['width-boundary']),
  enc('map-one', 'One member', { t: 'ping' }, ['WIRE-17']),
  enc('map-15', '15 members: the longest fixmap', keys(15), ['WIRE-17'], ['width-boundary']),
  enc('map-16', '16 members: map16', keys(16), ['WIRE-17'], ['width-boundary']),
  enc('map-order', 'Members in the order given, not sorted', { t: 'cap', bulk: 1, a: 0 }, ['WIRE-17'], ['js-key-order']),
  enc('map-index-keys-first', 'Array-index keys first, ascending; then the rest in order', { b: 1, '10': 2, a: 3, '2': 4, '-1': 5, '01': 6, '4294967294': 7, '4294967295': 8 }, ['WIRE-17'], ['js-key-order']),
  // "0" is the first array index: a reader that takes a leading 0 as non-canonical even alone moves it after "7".
  enc('map-index-zero', 'The key "0" is an array index like any other: first', { b: 1, '7': 2, '0': 3 }, ['WIRE-17'], ['js-key-order']),
  enc('map-undefined-member', 'An undefined member is written, as nil', { t: 'voice', avatar: $undef, on: true }, ['WIRE-17', 'WIRE-10'], ['undefined-member']),
  enc('map-nested', 'Maps inside maps and arrays', { t: 'roster', members: [{ id: 'a', cam: false }, { id: 'b', cam: true }], lobby: false }, ['WIRE-17']),
  enc('map-proto-key', 'A member named __proto__ is an ordinary member', JSON.parse('{"__proto__":1,"t":"x"}') as JsonValue, ['WIRE-17', 'WIRE-32']),
  enc('map-tagged-int-keys', 'Integer keys, through $map (no JavaScript object has them)', { $map: [[1, 'one'], [2, 'two']] }, ['WIRE-32', 'WIRE-17'], ['tagged-form'], {
    peerjs: { value: { '1': 'one', '2': 'two' } },
    comment: 'Upstream reads the keys 1 and 2 as the strings "1" and "2".',
  }),
  enc('map-tagged-repeated-key', 'A repeated key, through $map', { $map: [['a', 1], ['a', 2]] }, ['WIRE-32', 'WIRE-17'], ['tagged-form'], {
    peerjs: { value: { a: 2 } },
    comment: 'Upstream keeps the last value.',
  }),
  enc('map-tagged-dollar-key', 'A single member whose name starts with $ must be written with $map', { $map: [['$bytes', 'not bytes']] }, ['WIRE-32', 'WIRE-17'], ['tagged-form']),
  enc('map-tagged-order', '$map keeps the given order, even for index keys', { $map: [['b', 1], ['1', 2]] }, ['WIRE-32', 'WIRE-17'], ['tagged-form', 'js-key-order'], {
    peerjs: { hex: '82b13102b16201' },
    comment: 'A JavaScript object cannot hold this order: upstream writes "1" first.',
  }),
];

const encodeOther: Case[] = [
  enc('nil', 'null is c0', null, ['WIRE-10']),
  enc('undefined', 'undefined is c0 too, never c1', $undef, ['WIRE-10'], ['undefined-member']),
  enc('true', 'true is c3', true, ['WIRE-10']),
  enc('false', 'false is c2', false, ['WIRE-10']),
  enc('message-voice', 'A voice frame as upstream builds it', { t: 'voice', on: true, cam: false, name: 'Ada', voiceId: 'v1', token: 'k', meta: $undef }, ['WIRE-09', 'WIRE-17']),
  enc('message-example', 'The example of the toolchain notes', { t: 'voice', on: true, n: -1, f: 1.5, s: 'h\u00e9llo', a: [1, 2, 3], z: null }, ['WIRE-09', 'WIRE-11', 'WIRE-12', 'WIRE-14']),
];

const encodeRefused: Case[] = [
  enc('refuse-nan', 'NaN cannot be sent', $num('NaN'), ['WIRE-13'], ['special-float', 'upstream-divergent'], {
    error: 'wire.unencodable',
    peerjs: { hex: 'cb0000000000000000' },
    comment: 'Upstream writes NaN as float64 zero bits, which it reads back as 2^-1023.',
  }),
  enc('refuse-infinity', '+Infinity cannot be sent', $num('Infinity'), ['WIRE-13'], ['special-float'], { error: 'wire.unencodable', peerjs: threw('Invalid integer') }),
  enc('refuse-minus-infinity', '-Infinity cannot be sent', $num('-Infinity'), ['WIRE-13'], ['special-float'], { error: 'wire.unencodable', peerjs: threw('Invalid integer') }),
  enc('refuse-1e20', 'An integral number beyond 2^64', 1e20, ['WIRE-13'], ['width-boundary'], { error: 'wire.unencodable', peerjs: threw('Invalid integer') }),
  enc('refuse-2p64', '2^64, one past the largest uint64', 18446744073709551616, ['WIRE-13'], ['width-boundary', 'upstream-divergent'], {
    error: 'wire.unencodable',
    peerjs: { hex: 'cf0000000000000000' },
    comment: 'Upstream writes 2^64 as uint64 0.',
  }),
  enc('refuse-int-2p64', 'The exact integer 2^64', $int(2n ** 64n), ['WIRE-13'], ['width-boundary'], { error: 'wire.unencodable', peerjs: { notRun: 'a JavaScript number cannot hold it exactly' } }),
  enc('refuse-int-below-int64', 'The exact integer -2^63 - 1', $int(-(2n ** 63n) - 1n), ['WIRE-13'], ['width-boundary'], { error: 'wire.unencodable', peerjs: { notRun: 'a JavaScript number cannot hold it exactly' } }),
  enc('refuse-int-5000-digits', 'An exact integer of 5000 decimal digits is refused as unencodable (and read without a failure of the reader)', { $int: '9'.repeat(5000) }, ['WIRE-13', 'WIRE-32'], ['width-boundary'], { error: 'wire.unencodable', peerjs: { notRun: 'a JavaScript number cannot hold it exactly' } }),
  enc('refuse-nan-inside', 'NaN deep inside a message refuses the whole message', { t: 'mh', v: 1, a: $num('NaN'), ov: 0, oa: 0 }, ['WIRE-13'], ['special-float', 'upstream-divergent'], {
    error: 'wire.unencodable',
    peerjs: { hex: '85b174b26d68b17601b161cb0000000000000000b26f7600b26f6100' },
  }),
  enc('refuse-too-deep', 'A value inside 65 arrays is not sent', nestedArray(65, null), ['WIRE-27'], ['depth'], {
    error: 'wire.too-deep',
    peerjs: { hex: '91'.repeat(65) + 'c0' },
  }),
  // wire.encode reports the first fault it meets writing the value, depth first in member order (11.10).
  enc('first-fault-nan-then-deep', 'NaN in the first member is met before a value nested 70 deep in the second', { a: $num('NaN'), b: nestedArray(70, null) }, ['WIRE-13', 'WIRE-27'], ['first-fault', 'upstream-divergent'], {
    error: 'wire.unencodable',
    peerjs: { hex: '82b161cb0000000000000000b162' + '91'.repeat(70) + 'c0' },
  }),
  enc('first-fault-deep-then-nan', 'A value nested 70 deep in the first member is met before NaN in the second', { a: nestedArray(70, null), b: $num('NaN') }, ['WIRE-27', 'WIRE-13'], ['first-fault', 'upstream-divergent'], {
    error: 'wire.too-deep',
    peerjs: { hex: '82b161' + '91'.repeat(70) + 'c0b162cb0000000000000000' },
  }),
];

const tagForm: Case[] = [
  enc('form-unknown-tag', 'A one-member object named $foo is not in the tagged form', { $foo: 1 }, ['WIRE-51'], ['tagged-form'], { error: 'input.invalid', peerjs: { notRun: 'not a value' } }),
  enc('form-odd-hex', '$bytes with an odd number of digits', { $bytes: 'abc' }, ['WIRE-51'], ['tagged-form'], { error: 'input.invalid', peerjs: { notRun: 'not a value' } }),
  enc('form-bad-int', '$int must be a plain decimal', { $int: '0x10' }, ['WIRE-51'], ['tagged-form'], { error: 'input.invalid', peerjs: { notRun: 'not a value' } }),
  enc('form-upper-hex', '$bytes may be upper case', { $bytes: 'ABCD' }, ['WIRE-51', 'WIRE-15'], ['tagged-form']),
  dec('form-odd-hex-input', 'Decode input of odd length', 'c', ['WIRE-51'], ['tagged-form'], { error: 'input.invalid', peerjs: { notRun: 'not bytes' } }),
  dec('form-upper-hex-input', 'Decode input may be upper case', 'C3', ['WIRE-51', 'WIRE-10'], ['tagged-form']),
  // Which objects are tags (11.4): only one-member ones, and only with the member value their row shows.
  enc('form-two-members-dollar', 'An object of two members is a map, even when a member is named like a tag', { $bytes: '00', x: 1 }, ['WIRE-51', 'WIRE-32'], ['tagged-form']),
  enc('form-undefined-false', '$undefined takes only true', { $undefined: false }, ['WIRE-51'], ['tagged-form'], { error: 'input.invalid', peerjs: { notRun: 'not a value' } }),
  enc('form-num-lower-case', '$num takes only NaN, Infinity, -Infinity and -0', { $num: 'nan' }, ['WIRE-51'], ['tagged-form'], { error: 'input.invalid', peerjs: { notRun: 'not a value' } }),
  enc('form-map-triple', 'A $map entry is a two-element array', { $map: [[1, 2, 3]] }, ['WIRE-51'], ['tagged-form'], { error: 'input.invalid', peerjs: { notRun: 'not a value' } }),
  enc('form-int-minus-zero', '$int "-0" matches the pattern and is the integer 0', { $int: '-0' }, ['WIRE-51', 'WIRE-11'], ['tagged-form']),
];

// ---- decode -------------------------------------------------------------------------------

const decodeValid: Case[] = [
  dec('fixint-0', 'Positive fixint 00', '00', ['WIRE-19']),
  dec('fixint-7f', 'Positive fixint 7f', '7f', ['WIRE-19']),
  dec('negative-fixint-ff', 'Negative fixint ff is -1', 'ff', ['WIRE-19']),
  dec('negative-fixint-e0', 'Negative fixint e0 is -32', 'e0', ['WIRE-19']),
  dec('uint8', 'cc ff', 'cc ff', ['WIRE-19']),
  dec('uint16', 'cd ff ff', 'cd ffff', ['WIRE-19']),
  dec('uint32', 'ce ff ff ff ff', 'ce ffffffff', ['WIRE-19']),
  dec('uint64-small', 'uint64 holding 1', 'cf 0000000000000001', ['WIRE-19', 'WIRE-20'], ['non-shortest']),
  dec('uint64-max', 'The largest uint64, exactly', 'cf ffffffffffffffff', ['WIRE-20'], ['upstream-divergent'], {
    peerjs: { value: 18446744073709552000 },
    comment: 'Upstream rounds to the nearest binary64.',
  }),
  dec('uint64-2p53-plus-1', '2^53 + 1, exactly', 'cf 0020000000000001', ['WIRE-20'], ['upstream-divergent'], { peerjs: { value: 9007199254740992 } }),
  dec('int8', 'd0 80 is -128', 'd0 80', ['WIRE-19']),
  dec('int16', 'd1 80 00 is -32768', 'd1 8000', ['WIRE-19']),
  dec('int32', 'd2 80 00 00 00 is -2^31', 'd2 80000000', ['WIRE-19']),
  dec('int64-positive', 'A positive int64 timestamp', 'd3 0000018bcfe5687b', ['WIRE-19', 'WIRE-20']),
  dec('int64-minus-1', 'int64 -1', 'd3 ffffffffffffffff', ['WIRE-20'], ['non-shortest', 'upstream-divergent'], {
    peerjs: { value: 0 },
    comment: 'Upstream computes 2^64 - 1 in binary64 (2^64) and subtracts 2^64: 0.',
  }),
  dec('int64-minus-2p31-1', 'int64 -2^31 - 1, as upstream itself writes it', 'd3 ffffffff7fffffff', ['WIRE-20'], ['upstream-divergent'], { peerjs: { value: -2147483648 } }),
  dec('int64-min', 'The smallest int64, exactly', 'd3 8000000000000000', ['WIRE-20']),
  dec('non-shortest-uint8', 'cc 05 is 5', 'cc 05', ['WIRE-19'], ['non-shortest']),
  dec('non-shortest-uint16', 'cd 00 05 is 5', 'cd 0005', ['WIRE-19'], ['non-shortest']),
  dec('non-shortest-int32', 'd2 ff ff ff ff is -1', 'd2 ffffffff', ['WIRE-19'], ['non-shortest']),
  dec('float32', 'ca 3f c0 00 00 is 1.5', 'ca 3fc00000', ['WIRE-19', 'WIRE-21']),
  dec('float32-tenth', 'float32 0.1 widens exactly', 'ca 3dcccccd', ['WIRE-21']),
  dec('float32-zero', 'float32 +0', 'ca 00000000', ['WIRE-21'], ['special-float', 'upstream-divergent'], { peerjs: { value: 5.877471754111438e-39 } }),
  dec('float32-infinity', 'float32 +Infinity', 'ca 7f800000', ['WIRE-21'], ['special-float', 'upstream-divergent'], { peerjs: { value: 3.402823669209385e38 } }),
  dec('float32-nan', 'float32 NaN', 'ca 7fc00000', ['WIRE-21'], ['special-float', 'upstream-divergent'], { peerjs: { value: 5.104235503814077e38 } }),
  dec('float64', 'cb 3f e0 00 … is 0.5', 'cb 3fe0000000000000', ['WIRE-21']),
  dec('float64-zero', 'float64 +0', 'cb 0000000000000000', ['WIRE-21'], ['special-float', 'upstream-divergent'], { peerjs: { value: 1.1125369292536007e-308 } }),
  dec('float64-negative-zero', 'float64 -0', 'cb 8000000000000000', ['WIRE-21'], ['special-float', 'upstream-divergent'], { peerjs: { value: -1.1125369292536007e-308 } }),
  dec('float64-infinity', 'float64 +Infinity', 'cb 7ff0000000000000', ['WIRE-21'], ['special-float']),
  dec('float64-minus-infinity', 'float64 -Infinity', 'cb fff0000000000000', ['WIRE-21'], ['special-float']),
  dec('float64-nan', 'float64 NaN', 'cb 7ff8000000000000', ['WIRE-21'], ['special-float', 'upstream-divergent'], { peerjs: { value: { $num: 'Infinity' } } }),
  dec('float64-nan-payload', 'A NaN with payload bits is NaN', 'cb fff0000000000001', ['WIRE-21'], ['special-float', 'upstream-divergent'], { peerjs: { value: { $num: '-Infinity' } } }),
  dec('float64-subnormal', 'The smallest subnormal', 'cb 0000000000000001', ['WIRE-21'], ['special-float', 'upstream-divergent'], { peerjs: { value: 1.1125369292536007e-308 } }),
  dec('float64-integral', 'A float64 holding 1 reads as the number 1', 'cb 3ff0000000000000', ['WIRE-21']),
  dec('float64-max', 'The largest binary64', 'cb 7fefffffffffffff', ['WIRE-21']),
  dec('float64-2p64', 'A float64 whose value is the integer 2^64 is a float: a JSON number, not $int', 'cb 43f0000000000000', ['WIRE-32', 'WIRE-21']),
  dec('nil', 'c0 is null', 'c0', ['WIRE-19']),
  dec('undefined', 'c1 is undefined', 'c1', ['WIRE-24']),
  dec('false', 'c2 is false', 'c2', ['WIRE-19']),
  dec('true', 'c3 is true', 'c3', ['WIRE-19']),
  dec('fixraw', 'a3 is three bytes, not a string', 'a3 616263', ['WIRE-19'], ['msgpack-confusion']),
  dec('raw16-short', 'raw16 holding one byte', 'da 0001 ff', ['WIRE-19'], ['non-shortest']),
  dec('raw32-short', 'raw32 holding two bytes', 'db 00000002 0102', ['WIRE-19'], ['non-shortest']),
  dec('fixstr', 'b3 "abc"', 'b3 616263', ['WIRE-19', 'WIRE-22']),
  dec('str16-short', 'str16 holding "a"', 'd8 0001 61', ['WIRE-19'], ['non-shortest', 'msgpack-confusion']),
  dec('str32-short', 'str32 holding "a"', 'd9 00000001 61', ['WIRE-19'], ['non-shortest', 'msgpack-confusion']),
  dec('str-astral', 'A 4-byte sequence is one astral code point', 'b4 f09f9880', ['WIRE-22'], ['astral']),
  dec('str-max-code-point', 'U+10FFFF', 'b4 f48fbfbf', ['WIRE-22'], ['astral']),
  dec('str-replacement-char', 'U+FFFD itself is valid', 'b3 efbfbd', ['WIRE-22'], ['lone-surrogate']),
  dec('array16-short', 'array16 holding one element', 'dc 0001 01', ['WIRE-19'], ['non-shortest']),
  dec('array32-short', 'array32 holding one element', 'dd 00000001 01', ['WIRE-19'], ['non-shortest']),
  dec('map16-short', 'map16 holding one entry', 'de 0001 b161 01', ['WIRE-19'], ['non-shortest']),
  dec('map32-short', 'map32 holding one entry', 'df 00000001 b161 01', ['WIRE-19'], ['non-shortest']),
  dec('map-int-keys', 'Integer keys are kept ($map)', '82 01 01 02 02', ['WIRE-32', 'WIRE-19'], ['tagged-form']),
  dec('map-repeated-key', 'A repeated key is kept twice ($map)', '82 b161 01 b161 02', ['WIRE-32', 'WIRE-19'], ['tagged-form'], { peerjs: { value: { a: 2 } } }),
  dec('map-bytes-key', 'A bytes key', '81 a0 01', ['WIRE-32', 'WIRE-19'], ['tagged-form'], { peerjs: { value: { '[object ArrayBuffer]': 1 } } }),
  dec('map-nil-key', 'A nil key', '81 c0 01', ['WIRE-32', 'WIRE-19'], ['tagged-form']),
  dec('map-dollar-key', 'A single $-named member comes back as $map', '81 b5 2462797465 b0', ['WIRE-32'], ['tagged-form']),
  dec('map-proto-key', 'A key __proto__ is an own member', '82 b9 5f5f70726f746f5f5f 81 b174 b46b69636b b174 b470696e67', ['WIRE-22', 'WIRE-32'], ['upstream-divergent'], {
    peerjs: { value: { t: 'ping', '(prototype)': { t: 'kick' } } },
    comment: 'Upstream sets the prototype of the decoded object instead.',
  }),
  dec('nested-64', 'A value inside 64 arrays', nested(64, 'c0'), ['WIRE-26'], ['depth']),
  dec('nested-64-maps', 'A value inside 64 maps', '81 b161'.repeat(64) + 'c0', ['WIRE-26'], ['depth']),
  dec('nested-64-empty', 'An empty array at depth 64 is fine', nested(64, '90'), ['WIRE-26'], ['depth']),
];

const decodeTruncated: Case[] = [
  dec('truncated-empty', 'No bytes at all', '', ['WIRE-25'], ['truncated', 'upstream-divergent'], { error: 'wire.truncated', peerjs: { value: 0 } }),
  ...(['ca', 'cb', 'cc', 'cd', 'ce', 'cf', 'd0', 'd1', 'd2', 'd3'] as const).map((tag) =>
    dec(`truncated-${tag}`, `Tag ${tag} and nothing after it`, tag, ['WIRE-25'], ['truncated'], {
      error: 'wire.truncated',
      peerjs: tag === 'cc' || tag === 'd0' ? { value: 0 } : threw(OUT_OF_RANGE),
    }),
  ),
  dec('truncated-float64-half', 'Half a float64', 'cb 3ff00000', ['WIRE-25'], ['truncated'], { error: 'wire.truncated', peerjs: threw(OUT_OF_RANGE) }),
  dec('truncated-str16-length', 'str16 with one length byte', 'd8 00', ['WIRE-25'], ['truncated'], { error: 'wire.truncated', peerjs: threw(OUT_OF_RANGE) }),
  dec('truncated-fixstr', 'fixstr of 5 with 3 bytes', 'b5 616263', ['WIRE-25'], ['length-overrun'], { error: 'wire.truncated', peerjs: threw(OUT_OF_RANGE) }),
  dec('truncated-str16', 'str16 of 5 with 3 bytes', 'd8 0005 616263', ['WIRE-25'], ['length-overrun'], { error: 'wire.truncated', peerjs: threw(OUT_OF_RANGE) }),
  dec('truncated-str32', 'str32 of 2^32 - 1', 'd9 ffffffff 61', ['WIRE-25'], ['length-overrun'], { error: 'wire.truncated', peerjs: threw(OUT_OF_RANGE) }),
  dec('truncated-fixraw', 'fixraw of 4 with 1 byte', 'a4 00', ['WIRE-25'], ['length-overrun'], { error: 'wire.truncated', peerjs: threw('BinaryPackFailure: index is out of range 1 4 2') }),
  dec('truncated-raw16', 'raw16 of 1 with nothing', 'da 0001', ['WIRE-25'], ['length-overrun'], { error: 'wire.truncated', peerjs: threw('BinaryPackFailure: index is out of range 3 1 3') }),
  dec('truncated-raw32', 'raw32 of 2^32 - 1', 'db ffffffff', ['WIRE-25'], ['length-overrun'], { error: 'wire.truncated', peerjs: threw('BinaryPackFailure: index is out of range 5 4294967295 5') }),
  dec('truncated-fixarray', 'fixarray of 2 with one element', '92 01', ['WIRE-25'], ['length-overrun', 'upstream-divergent'], { error: 'wire.truncated', peerjs: { value: [1, 0] } }),
  dec('truncated-fixarray-empty', 'fixarray of 2 with nothing', '92', ['WIRE-25'], ['length-overrun', 'upstream-divergent'], { error: 'wire.truncated', peerjs: { value: [0, 0] } }),
  dec('truncated-array16', 'array16 of 3 with one element', 'dc 0003 01', ['WIRE-25'], ['length-overrun', 'upstream-divergent'], { error: 'wire.truncated', peerjs: { value: [1, 0, 0] } }),
  dec('truncated-array16-count', 'array16 with one count byte', 'dc 00', ['WIRE-25'], ['truncated'], { error: 'wire.truncated', peerjs: threw(OUT_OF_RANGE) }),
  dec('truncated-array32-huge', 'array32 of 2^32 - 1 in five bytes: checked before allocating', 'dd ffffffff', ['WIRE-25'], ['huge-count'], { error: 'wire.truncated', peerjs: NOT_RUN_HUGE }),
  dec('truncated-map32-huge', 'map32 of 2^32 - 1 in five bytes', 'df ffffffff', ['WIRE-25'], ['huge-count'], { error: 'wire.truncated', peerjs: NOT_RUN_HUGE }),
  dec('truncated-array32-large', 'array32 of 2^24 in ten bytes', 'dd 01000000 0102030405', ['WIRE-25'], ['huge-count'], { error: 'wire.truncated', peerjs: { notRun: 'upstream returns 16,777,216 elements: too large to record' } }),
  dec('truncated-fixmap-value', 'fixmap of 1 with a key and no value', '81 b161', ['WIRE-25'], ['length-overrun', 'upstream-divergent'], { error: 'wire.truncated', peerjs: { value: { a: 0 } } }),
  dec('truncated-map16-entries', 'map16 of 2 with one entry: two bytes an entry', 'de 0002 b161 01', ['WIRE-25'], ['length-overrun', 'upstream-divergent'], { error: 'wire.truncated', peerjs: { value: { a: 1, '0': 0 } } }),
  dec('truncated-nested', 'The inner array of a valid outer one is cut', '91 92 01', ['WIRE-25'], ['length-overrun', 'upstream-divergent'], { error: 'wire.truncated', peerjs: { value: [[1, 0]] } }),
  dec('truncated-in-map', 'A map member whose str16 runs past the end', '81 b161 d8 0009 6161', ['WIRE-25'], ['length-overrun'], { error: 'wire.truncated', peerjs: threw(OUT_OF_RANGE) }),
  dec('truncated-before-bad-utf8', 'A count check comes before the element it would read', '93 b1ff', ['WIRE-30', 'WIRE-25'], ['first-fault', 'upstream-divergent'], { error: 'wire.truncated', peerjs: threw('Invalid code point 1835008') }),
];

const decodeUnknown: Case[] = [
  ...(['c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'd4', 'd5', 'd6', 'd7'] as const).map((tag) =>
    dec(`unknown-tag-${tag}`, `${tag} is unassigned in BinaryPack`, tag, ['WIRE-28'], ['msgpack-confusion', 'upstream-divergent'], { error: 'wire.unknown-tag', peerjs: { value: { $undefined: true } } }),
  ),
  dec('unknown-tag-msgpack-bin8', 'MessagePack bin8 (c4 03 …) is not bytes here', 'c4 03 616263', ['WIRE-28'], ['msgpack-confusion', 'upstream-divergent'], { error: 'wire.unknown-tag', peerjs: { value: { $undefined: true } } }),
  dec('unknown-tag-in-array', 'An unassigned tag inside an array', '92 01 d4', ['WIRE-28'], ['upstream-divergent'], { error: 'wire.unknown-tag', peerjs: { value: [1, { $undefined: true }] } }),
  dec('unknown-tag-before-trailing', 'The unassigned tag is the first fault, not the bytes after it', 'c5 00 00', ['WIRE-28', 'WIRE-30'], ['first-fault', 'upstream-divergent'], { error: 'wire.unknown-tag', peerjs: { value: { $undefined: true } } }),
];

const decodeUtf8: Case[] = [
  dec('utf8-stray-continuation', 'A continuation byte with no lead', 'b1 80', ['WIRE-23'], ['bad-utf8', 'upstream-divergent'], { error: 'wire.bad-utf8', peerjs: { value: '\u0080' } }),
  dec('utf8-c1-range', 'A byte 0x81 read as U+0081 upstream', 'b2 6181', ['WIRE-23'], ['bad-utf8', 'upstream-divergent'], { error: 'wire.bad-utf8', peerjs: { value: 'a\u0081' } }),
  dec('utf8-lead-alone', 'A 2-byte lead at the end of the string', 'b1 c3', ['WIRE-23'], ['bad-utf8', 'upstream-divergent'], { error: 'wire.bad-utf8', peerjs: { value: '\u00c0' } }),
  dec('utf8-truncated-3', 'A 3-byte sequence cut after two bytes', 'b2 e282', ['WIRE-23'], ['bad-utf8', 'upstream-divergent'], { error: 'wire.bad-utf8', peerjs: { value: '\u2080' } }),
  dec('utf8-overlong-2', 'Overlong "/" (c0 af)', 'b2 c0af', ['WIRE-23'], ['bad-utf8', 'upstream-divergent'], { error: 'wire.bad-utf8', peerjs: { value: '/' } }),
  dec('utf8-overlong-3', 'Overlong NUL (e0 80 80)', 'b3 e08080', ['WIRE-23'], ['bad-utf8', 'upstream-divergent'], { error: 'wire.bad-utf8', peerjs: { value: '\u0000' } }),
  dec('utf8-surrogate', 'An encoded surrogate U+D800 (ed a0 80)', 'b3 eda080', ['WIRE-23'], ['bad-utf8', 'lone-surrogate', 'upstream-divergent'], { error: 'wire.bad-utf8', peerjs: { value: '\ud800' } }),
  dec('utf8-surrogate-pair-cesu', 'A pair written as two encoded surrogates (CESU-8)', 'b6 eda0bdedb880', ['WIRE-23'], ['bad-utf8', 'lone-surrogate', 'upstream-divergent'], { error: 'wire.bad-utf8', peerjs: { value: '\u{1F600}' } }),
  dec('utf8-above-max', 'U+110000 (f4 90 80 80)', 'b4 f4908080', ['WIRE-23'], ['bad-utf8'], { error: 'wire.bad-utf8', peerjs: threw('Invalid code point 1114112') }),
  dec('utf8-ff', 'The byte ff', 'b1 ff', ['WIRE-23'], ['bad-utf8'], { error: 'wire.bad-utf8', peerjs: threw('Invalid code point 1835008') }),
  dec('utf8-five-byte', 'A 5-byte lead (f8)', 'b5 f888808080', ['WIRE-23'], ['bad-utf8', 'upstream-divergent'], { error: 'wire.bad-utf8', peerjs: { value: '\u{8000}\u0080' } }),
  dec('utf8-in-str16', 'Invalid UTF-8 in a str16', 'd8 0002 c0af', ['WIRE-23'], ['bad-utf8', 'upstream-divergent'], { error: 'wire.bad-utf8', peerjs: { value: '/' } }),
  dec('utf8-in-key', 'Invalid UTF-8 in a map key', '81 b1 80 01', ['WIRE-23'], ['bad-utf8', 'upstream-divergent'], { error: 'wire.bad-utf8', peerjs: { value: { '\u0080': 1 } } }),
];

const decodeOther: Case[] = [
  dec('too-deep-arrays', 'A value inside 65 arrays', nested(65, 'c0'), ['WIRE-27'], ['depth', 'upstream-divergent'], { error: 'wire.too-deep', peerjs: { value: nestedArray(65, null) } }),
  dec('too-deep-empty-65', 'An empty array at depth 65', nested(65, '90'), ['WIRE-27'], ['depth', 'upstream-divergent'], { error: 'wire.too-deep', peerjs: { value: nestedArray(65, []) } }),
  dec('truncated-before-too-deep', 'The innermost count check fails before its element would be too deep', nested(65, ''), ['WIRE-30', 'WIRE-25'], ['depth', 'first-fault', 'upstream-divergent'], { error: 'wire.truncated', peerjs: { value: nestedArray(65, 0) } }),
  dec('trailing-byte', 'A second value after the first', '00 01', ['WIRE-29'], ['upstream-divergent'], { error: 'wire.trailing-bytes', peerjs: { value: 0 } }),
  dec('trailing-nil', 'Two nils', 'c0 c0', ['WIRE-29'], ['upstream-divergent'], { error: 'wire.trailing-bytes', peerjs: { value: null } }),
  dec('trailing-after-map', 'A map followed by junk', '80 ff', ['WIRE-29'], ['upstream-divergent'], { error: 'wire.trailing-bytes', peerjs: { value: {} } }),
  dec('trailing-after-frame', 'A whole frame and one more byte', '81 b174 b470696e67 00', ['WIRE-29'], ['upstream-divergent'], { error: 'wire.trailing-bytes', peerjs: { value: { t: 'ping' } } }),
  dec('bad-utf8-before-trailing', 'The bad string is the first fault', 'b1 ff 00', ['WIRE-23'], ['first-fault'], { error: 'wire.bad-utf8', peerjs: threw('Invalid code point 1835008') }),
];

// ---- round trips and captured frames ------------------------------------------------------

/** What upstream reads for round trips it gets wrong: negative int64 and a __proto__ member. */
const ROUND_TRIP_UPSTREAM: Record<string, JsonValue> = {
  'int-minus-2p31-1': -2147483648,
  'int-minus-2p53-1': -9007199254740992,
  'map-proto-key': { t: 'x' },
};

/** The decode vector of every valid encode vector's bytes: decoding gives the canonical value back. */
function roundTrips(groups: Case[][]): Case[] {
  const out: Case[] = [];
  for (const c of groups.flat()) {
    if (c.error || c.flags?.some((f) => f === 'upstream-divergent' || f === 'special-float' || f === 'tagged-form')) continue;
    const v = fromTagged(c.input.value);
    if (!v.ok) continue;
    const bytes = encode(v.value);
    if (!bytes.ok || bytes.value.length > 4096) continue;
    const upstream = ROUND_TRIP_UPSTREAM[c.name];
    const flags = upstream === undefined ? ['round-trip'] : ['round-trip', 'upstream-divergent'];
    out.push(dec(c.name, `Decoding ${c.name} gives the value back`, toHex(bytes.value), ['WIRE-19', 'WIRE-32'], flags, upstream === undefined ? {} : { peerjs: { value: upstream } }));
  }
  return out;
}

const captured: Case[] = (['voice', 'roster', 'mod'] as const).flatMap((name) => [
  enc(`${name}-encode`, `A ${name} frame as upstream builds it encodes to the bytes PeerJS sent`, toTagged(capturedValue(name) as never), ['WIRE-09', 'WIRE-17', 'WIRE-10'], ['captured']),
  dec(`${name}-decode`, `The ${name} frame PeerJS sent decodes to the value upstream built`, CAPTURED_HEX[name], ['WIRE-19', 'WIRE-32'], ['captured']),
]);

const groups: Group[] = [
  { name: 'encode-int', description: 'wire.encode: integers take the first width whose range holds them [WIRE-11]', cases: encodeInt },
  { name: 'encode-float', description: 'wire.encode: non-integral numbers are float64, bit for bit [WIRE-12]', cases: encodeFloat },
  { name: 'encode-string', description: 'wire.encode: strings are UTF-8 with fixstr up to 15 bytes [WIRE-14]', cases: encodeString },
  { name: 'encode-bytes', description: 'wire.encode: bytes are raw values [WIRE-15]', cases: encodeBytes },
  { name: 'encode-array', description: 'wire.encode: arrays [WIRE-16]', cases: encodeArray },
  { name: 'encode-map', description: 'wire.encode: maps and their member order [WIRE-17]', cases: encodeMap },
  { name: 'encode-other', description: 'wire.encode: nil, undefined, booleans, whole messages [WIRE-09], [WIRE-10]', cases: encodeOther },
  { name: 'encode-refused', description: 'wire.encode: values that must not be sent [WIRE-13], [WIRE-27]', cases: encodeRefused },
  { name: 'tagged-form', description: 'The tagged JSON form of ops and vectors [WIRE-32], [WIRE-51]', cases: tagForm },
  { name: 'decode', description: 'wire.decode: every tag, every width, exact numbers and strings [WIRE-19] to [WIRE-24], [WIRE-26]', cases: decodeValid },
  { name: 'decode-truncated', description: 'wire.decode: input that ends inside a value [WIRE-25]', cases: decodeTruncated },
  { name: 'decode-unknown-tag', description: 'wire.decode: unassigned tags [WIRE-28]', cases: decodeUnknown },
  { name: 'decode-utf8', description: 'wire.decode: strings that are not UTF-8 [WIRE-23]', cases: decodeUtf8 },
  { name: 'decode-other', description: 'wire.decode: depth, trailing bytes and the first fault [WIRE-27], [WIRE-29], [WIRE-30]', cases: decodeOther },
  {
    name: 'round-trip',
    description: 'wire.decode of every encode vector gives its value back, canonical [WIRE-19], [WIRE-32]',
    cases: roundTrips([encodeInt, encodeFloat, encodeString, encodeBytes, encodeArray, encodeMap, encodeOther]),
  },
  { name: 'captured', description: 'Frames recorded from live PeerJS 1.5.5 peers [WIRE-09], [WIRE-17], [WIRE-19]', cases: captured },
];

export const wireVectors: FileSpec = crossChecked({
  file: 'wire',
  title: 'BinaryPack as Kibitz peers write and read it',
  profile: 'wire',
  chapters: ['spec/11-data-connections.md'],
  notes: {
    'width-boundary': { bugType: 'BOUNDARY', description: 'The last value of one width or length form, or the first of the next.' },
    'int64-positive': { bugType: 'EDGE_CASE', description: 'Positive integers from 2^32 are int64 (d3), not uint64 (cf); a MessagePack encoder picks cf.' },
    'special-float': { bugType: 'EDGE_CASE', description: 'Zero, -0, subnormal, infinite or NaN floats, or values next to a power of two.' },
    'msgpack-confusion': { bugType: 'ENCODING', description: 'A MessagePack codec writes or reads these bytes differently (strings a0-bf, str8, bin8, ext).' },
    'non-shortest': { bugType: 'MALLEABILITY', description: 'A width an encoder would not choose; decoders accept it.' },
    astral: { bugType: 'EDGE_CASE', description: 'Characters outside the BMP: one 4-byte UTF-8 sequence, two UTF-16 units.' },
    'lone-surrogate': { bugType: 'ENCODING', description: 'Unpaired surrogates: written as U+FFFD, never as encoded surrogates (CESU-8).' },
    'undefined-member': { bugType: 'MISSING_STEP', description: 'undefined is written as nil and members holding it are not left out (unlike JSON).' },
    'js-key-order': { bugType: 'WRONG_ORDER', description: 'Map members in ECMAScript own-property order: array indices ascending, then insertion order.' },
    depth: { bugType: 'BOUNDARY', description: 'Nesting at and just past 64 levels.' },
    truncated: { bugType: 'MISSING_STEP', description: 'The input ends inside a tag or fixed-width field.' },
    'length-overrun': { bugType: 'MISSING_STEP', description: 'A length or count runs past the end of the input.' },
    'huge-count': { bugType: 'MISSING_STEP', description: 'A count far larger than the input, which must be refused before allocating (upstream runs out of memory).' },
    'bad-utf8': { bugType: 'ENCODING', description: 'A string that is not valid UTF-8.' },
    'first-fault': { bugType: 'WRONG_ORDER', description: 'Several faults; the first in reading order is reported.' },
    'tagged-form': { bugType: 'BASIC', description: 'The tagged JSON form: bytes, undefined, special numbers, exact integers, maps JSON cannot hold.' },
    'round-trip': { bugType: 'BASIC', description: 'Decoding an encode vector\'s bytes gives its value back.' },
    captured: { bugType: 'UPSTREAM_GOLDEN', description: 'Bytes recorded from live peerjs 1.5.5 peers (vectors/gen/wire-captured.ts).' },
    'upstream-divergent': {
      bugType: 'INTEROP',
      description: 'peerjs-js-binarypack 2.1.0 does something else here; intermediates.peerjs records exactly what (a generator check keeps it true).',
    },
  },
  groups,
});
