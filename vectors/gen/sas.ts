import type { JsonObject } from '../../reference/encoding/json.ts';
import { safetyCode } from '../../reference/sas/code.ts';
import { fingerprintOfBytes } from '../../reference/sas/fingerprint-source.ts';
import { b64u } from './craft.ts';
import { certDer, type Case, type FileSpec } from './lib.ts';

const FP = Object.fromEntries(['alice', 'bob', 'carol', 'mallory'].map((w) => [w, fingerprintOfBytes(certDer(w))])) as Record<string, string>;
const A = FP.alice!;
const B = FP.bob!;
const C = FP.carol!;
const M = FP.mallory!;
/** Found by scripts/grind-sas-collision.ts: mallory's certificate re-signed until SAS(alice, M1) = SAS(mallory, bob). */
const M1 = fingerprintOfBytes(certDer('mallory-ground'));

function code(name: string, description: string, fpA: string, fpB: string, covers: string[], flags: string[] = [], symbols?: number, error?: string): Case {
  const input: JsonObject = { fpA, fpB };
  if (symbols !== undefined) input.symbols = symbols;
  const r = safetyCode(fpA, fpB, symbols);
  return {
    name, description, op: 'sas.code', input, covers, flags, ...(error ? { error } : {}),
    ...(r.ok ? { intermediates: { pair: r.value.pair, digest: r.value.digestHex } } : {}),
  };
}

/** Finds two strings whose UTF-16 order and code-point order disagree and give different codes. */
const SURROGATE_LOW = `${A}\u{10000}`; // UTF-16: D800 DC00 ... sorts before U+FFFF
const BMP_HIGH = `${A}\uFFFF`;

const SDP = (fpLines: string[]) =>
  ['v=0', 'o=- 4611731400430051336 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=group:BUNDLE 0', 'a=msid-semantic: WMS',
   'm=application 9 UDP/DTLS/SCTP webrtc-datachannel', 'c=IN IP4 0.0.0.0', 'a=ice-ufrag:Vx3s', 'a=ice-pwd:b4d7c3f5a6e1d2c9b8a7f6e5',
   ...fpLines, 'a=setup:actpass', 'a=mid:0', 'a=sctp-port:5000', 'a=max-message-size:262144', ''].join('\r\n');

const next = (name: string, description: string, input: JsonObject, covers: string[], flags: string[] = []): Case => ({
  name, description, op: 'sas.nextState', input, covers, flags,
});
const st = (code: string | null, remoteFp: string | null, verified: boolean, changed: boolean): JsonObject => ({ code, remoteFp, verified, changed });
const reading = (fp: string): JsonObject => ({ code: safetyCode(A, fp).ok ? (safetyCode(A, fp) as { value: { code: string } }).value.code : '', remoteFp: fp });

export const sasVectors: FileSpec = {
  file: 'sas',
  title: 'The emoji safety code: fingerprint sources, derivation, table, display and the changed-key alarm',
  profile: 'crypto',
  chapters: ['spec/06-safety-code.md', 'spec/01-conventions.md'],
  notes: {
    'symmetry': { bugType: 'BASIC', description: 'Both peers compute the same code whichever fingerprint is theirs.' },
    'canonical-fp': { bugType: 'ENCODING', description: 'Case and surrounding whitespace must not change the code.' },
    'no-prefix-strip': { bugType: 'ENCODING', description: 'An algorithm prefix is part of the fingerprint string.' },
    'utf16-sort': { bugType: 'INTEROP', description: 'Sorting by code points (Python, Rust, Swift defaults) differs from UTF-16 code-unit order for astral characters.' },
    'low-bits': { bugType: 'WRONG_PRIMITIVE', description: 'The index is the low five bits of each digest byte; high bits or a bit-stream reading give other symbols.' },
    'symbol-count': { bugType: 'BOUNDARY', description: 'Symbol counts at and beyond the defined range.' },
    'table': { bugType: 'BASIC', description: 'The normative symbol table, code point by code point.' },
    'real-certificates': { bugType: 'BASIC', description: 'Fingerprints of real self-signed P-256 certificates (vectors/fixtures/certs).' },
    'cert-count': { bugType: 'MISSING_STEP', description: 'Exactly one non-empty remote certificate is required; anything else gives no code.' },
    'sdp-source': { bugType: 'EDGE_CASE', description: 'Reading the local fingerprint from our own SDP.' },
    'blip': { bugType: 'EDGE_CASE', description: 'An unavailable reading keeps the last state.' },
    'key-change': { bugType: 'AUTH_BYPASS', description: 'A changed remote key must raise the alarm unless the new key is verified.' },
    'pins': { bugType: 'EDGE_CASE', description: 'TOFU pins keyed by trimmed, lower-cased display name.' },
    'caps': { bugType: 'BOUNDARY', description: 'The 100-entry verified set and the 200-entry pin store.' },
    'ground-collision': { bugType: 'AUTH_BYPASS', description: 'A real safety-code collision found by grinding (6.6): both legs of a machine in the middle show the same four symbols.' },
  },
  groups: [
    {
      name: 'code',
      description: 'sas.code [SAS-04..SAS-08]',
      cases: [
        code('alice-bob', 'Two real certificate fingerprints', A, B, ['SAS-04', 'SAS-05', 'SAS-06', 'SAS-07', 'SAS-08', 'SAS-09'], ['real-certificates']),
        code('bob-alice', 'The same pair from the other side gives the same code', B, A, ['SAS-05'], ['symmetry', 'real-certificates']),
        code('alice-carol', 'Another pair gives another code', A, C, ['SAS-06', 'SAS-07'], ['real-certificates']),
        code('mallory-leg-a', 'A machine in the middle: A sees the code of (A, M)', A, M, ['SAS-06'], ['real-certificates']),
        code('mallory-leg-b', '... and B sees the code of (M, B)', M, B, ['SAS-06'], ['real-certificates']),
        code('uppercase', 'Upper-case hex gives the same code as lower case', A.toUpperCase(), B, ['SAS-04', 'CONV-11'], ['canonical-fp']),
        code('whitespace', 'Surrounding whitespace is trimmed', `\t${A}\n`, ` ${B} `, ['SAS-04', 'CONV-08'], ['canonical-fp']),
        code('sha256-prefix', 'A "sha-256 " prefix is kept and changes the code', `sha-256 ${A}`, B, ['SAS-04', 'CONV-11'], ['no-prefix-strip']),
        code('same-fingerprint', 'Both sides with the same certificate', A, A, ['SAS-05']),
        code('empty-strings', 'The derivation is total: two empty strings still hash', '', '', ['SAS-06']),
        code('utf16-order', 'U+10000 sorts before U+FFFF in UTF-16 code units', SURROGATE_LOW, BMP_HIGH, ['SAS-05'], ['utf16-sort']),
        code('utf16-order-swapped', 'The same pair swapped', BMP_HIGH, SURROGATE_LOW, ['SAS-05'], ['utf16-sort', 'symmetry']),
        code('one-symbol', 'One symbol', A, B, ['SAS-08'], ['symbol-count'], 1),
        code('eight-symbols', 'Eight symbols', A, B, ['SAS-07', 'SAS-08'], ['symbol-count', 'low-bits'], 8),
        code('thirty-two-symbols', 'All 32 digest bytes', A, B, ['SAS-07', 'SAS-08'], ['symbol-count', 'low-bits'], 32),
        code('zero-symbols', 'Zero symbols is not a code', A, B, ['SAS-08'], ['symbol-count'], 0, 'sas.bad-symbol-count'),
        code('thirty-three-symbols', 'More symbols than digest bytes', A, B, ['SAS-08'], ['symbol-count'], 33, 'sas.bad-symbol-count'),
        code('negative-symbols', 'A negative count', A, B, ['SAS-08'], ['symbol-count'], -4, 'sas.bad-symbol-count'),
        code('fractional-symbols', 'A fractional count', A, B, ['SAS-08'], ['symbol-count'], 2.5, 'sas.bad-symbol-count'),
        { name: 'table', description: 'The implementation\'s symbol table, in index order', op: 'sas.alphabet', input: {}, covers: ['SAS-07'], flags: ['table'] },
      ],
    },
    {
      name: 'collision',
      description: 'A machine in the middle that ground a matching certificate: Alice and Bob see the same code [SAS-06], [SAS-17]',
      cases: [
        code('mitm-leg-alice', 'Alice sees the code of (alice, M1), where M1 is a valid self-signed certificate found after 1 045 026 re-signatures', A, M1, ['SAS-06', 'SAS-17'], ['ground-collision', 'real-certificates']),
        code('mitm-leg-bob', 'Bob sees the code of (M2, bob), M2 being the attacker\'s own certificate: the same four symbols', M, B, ['SAS-06', 'SAS-17'], ['ground-collision', 'real-certificates']),
        code('mitm-legs-differ-at-eight', 'With 8 symbols the two legs no longer match: a longer code defeats this grind (SAS-17)', A, M1, ['SAS-17', 'SAS-08'], ['ground-collision'], 8),
        code('mitm-legs-differ-at-eight-bob', 'The 8-symbol code of Bob\'s leg, for comparison', M, B, ['SAS-17', 'SAS-08'], ['ground-collision'], 8),
        { name: 'ground-certificate', description: 'M1 is a real certificate: its fingerprint from its DER', op: 'fingerprint.fromCertificates', input: { certificates: [b64u(certDer('mallory-ground'))] }, covers: ['SAS-01', 'CONV-10'], flags: ['ground-collision', 'real-certificates'] },
      ],
    },
    {
      name: 'remote-fingerprint',
      description: 'fingerprint.fromCertificates: the live remote certificate [SAS-01], [SAS-02], [CONV-10]',
      cases: [
        ...['alice', 'bob', 'carol', 'mallory'].map((who): Case => ({
          name: who, description: `SHA-256 fingerprint of ${who}'s DER certificate`, op: 'fingerprint.fromCertificates',
          input: { certificates: [b64u(certDer(who))] }, covers: ['SAS-01', 'CONV-10'], flags: ['real-certificates'],
        })),
        { name: 'two-certificates', description: 'A chain of two certificates gives no fingerprint', op: 'fingerprint.fromCertificates', input: { certificates: [b64u(certDer('alice')), b64u(certDer('bob'))] }, covers: ['SAS-02'], flags: ['cert-count'], error: 'sas.remote-cert-count' },
        { name: 'no-certificate', description: 'No certificate (not connected yet) gives no fingerprint', op: 'fingerprint.fromCertificates', input: { certificates: [] }, covers: ['SAS-02', 'SAS-10'], flags: ['cert-count'], error: 'sas.remote-cert-count' },
        { name: 'two-empty-certificates', description: 'The count is checked before emptiness', op: 'fingerprint.fromCertificates', input: { certificates: ['', ''] }, covers: ['SAS-02'], flags: ['cert-count'], error: 'sas.remote-cert-count' },
        { name: 'not-base64url', description: 'Certificate input that is not base64url is bad adapter input', op: 'fingerprint.fromCertificates', input: { certificates: ['@@@@'] }, covers: ['ADP-08'], flags: ['cert-count'], error: 'input.invalid' },
        { name: 'empty-certificate', description: 'A zero-length buffer (an API stub) is not a certificate', op: 'fingerprint.fromCertificates', input: { certificates: [''] }, covers: ['SAS-02', 'SAS-10'], flags: ['cert-count'], error: 'sas.empty-certificate' },
      ],
    },
    {
      name: 'local-fingerprint',
      description: 'fingerprint.fromLocalSdp: our own certificate from our own SDP [SAS-03]',
      cases: [
        { name: 'chrome-style', description: 'An upper-case sha-256 fingerprint line is read and lower-cased', op: 'fingerprint.fromLocalSdp', input: { sdp: SDP([`a=fingerprint:sha-256 ${A.toUpperCase()}`]) }, covers: ['SAS-03'], flags: ['sdp-source'] },
        { name: 'sha1-first', description: 'A sha-1 line before the sha-256 line is skipped', op: 'fingerprint.fromLocalSdp', input: { sdp: SDP([`a=fingerprint:sha-1 ${'AA:'.repeat(19)}AA`, `a=fingerprint:sha-256 ${B}`]) }, covers: ['SAS-03'], flags: ['sdp-source'] },
        { name: 'first-of-two', description: 'With two sha-256 lines the first one counts', op: 'fingerprint.fromLocalSdp', input: { sdp: SDP([`a=fingerprint:sha-256 ${C}`, `a=fingerprint:sha-256 ${B}`]) }, covers: ['SAS-03'], flags: ['sdp-source'] },
        { name: 'unanchored', description: 'The pattern is searched anywhere, not only at the start of a line', op: 'fingerprint.fromLocalSdp', input: { sdp: `x-note: a=fingerprint:sha-256 ${C}\r\n` }, covers: ['SAS-03'], flags: ['sdp-source'] },
        { name: 'no-line', description: 'No fingerprint line: no local fingerprint', op: 'fingerprint.fromLocalSdp', input: { sdp: SDP([]) }, covers: ['SAS-03', 'SAS-10'], flags: ['sdp-source'], error: 'sas.no-local-fingerprint' },
        { name: 'only-sha1', description: 'Only a sha-1 line: no local fingerprint', op: 'fingerprint.fromLocalSdp', input: { sdp: SDP([`a=fingerprint:sha-1 ${'AA:'.repeat(19)}AA`]) }, covers: ['SAS-03'], flags: ['sdp-source'], error: 'sas.no-local-fingerprint' },
        { name: 'algorithm-upper-case', description: 'The algorithm token is matched case-sensitively (SHA-256 does not match)', op: 'fingerprint.fromLocalSdp', input: { sdp: SDP([`a=fingerprint:SHA-256 ${A}`]) }, covers: ['SAS-03'], flags: ['sdp-source'], error: 'sas.no-local-fingerprint' },
      ],
    },
    {
      name: 'alarm',
      description: 'sas.nextState: the changed-key alarm [SAS-12], [SAS-13]',
      cases: [
        next('first-reading', 'The first reading of an unverified peer', { reading: reading(B), verifiedFps: [] }, ['SAS-13']),
        next('first-reading-verified', 'The first reading of a verified fingerprint', { reading: reading(B), verifiedFps: [B] }, ['SAS-13']),
        next('blip-keeps-state', 'An unavailable reading keeps the previous state, alarm included', { prev: st('x', B, false, true), reading: null, verifiedFps: [] }, ['SAS-12'], ['blip']),
        next('blip-without-history', 'An unavailable first reading yields an empty state', { reading: null, verifiedFps: [] }, ['SAS-12'], ['blip']),
        next('reading-absent', 'An absent reading is an unavailable reading, like null', { prev: st('x', B, true, false), verifiedFps: [B] }, ['SAS-12'], ['blip']),
        next('same-key', 'The same remote key again: no alarm', { prev: st('x', B, false, false), reading: reading(B), verifiedFps: [] }, ['SAS-13']),
        next('key-changed', 'A different, unverified remote key raises the alarm', { prev: st('x', B, false, false), reading: reading(M), verifiedFps: [] }, ['SAS-13'], ['key-change']),
        next('key-changed-to-verified', 'A change to an already-verified key is no alarm', { prev: st('x', B, false, false), reading: reading(M), verifiedFps: [M] }, ['SAS-13'], ['key-change']),
        next('verified-then-changed', 'Verified peer presents a new key: unverified and alarmed', { prev: st('x', B, true, false), reading: reading(M), verifiedFps: [B] }, ['SAS-13'], ['key-change']),
        next('pin-mismatch', 'A pinned contact on a different key raises the alarm on first reading', { reading: reading(M), verifiedFps: [], pin: 'mismatch' }, ['SAS-13', 'SAS-15'], ['key-change', 'pins']),
        next('pin-mismatch-but-verified', 'A pin mismatch on a key verified in the set is no alarm', { reading: reading(M), verifiedFps: [M], pin: 'mismatch' }, ['SAS-13'], ['pins']),
        next('pin-match', 'A pinned contact on the pinned key', { reading: reading(B), verifiedFps: [B], pin: 'match' }, ['SAS-13'], ['pins']),
        next('empty-prev-fp-counts-as-set', 'A previous fingerprint of "" is not null, so a new key raises the alarm', { prev: st('x', '', false, false), reading: reading(B), verifiedFps: [] }, ['SAS-13'], ['key-change']),
        next('exact-string-compare', 'The same fingerprint in upper case is a different key here (exact strings)', { prev: st('x', B, false, false), reading: { code: 'x', remoteFp: B.toUpperCase() }, verifiedFps: [] }, ['SAS-13'], ['key-change']),
        next('alarm-clears-on-same-key', 'A stale alarm is recomputed on the next reading of the same key', { prev: st('x', M, false, true), reading: reading(M), verifiedFps: [] }, ['SAS-13']),
      ],
    },
    {
      name: 'trust',
      description: 'sas.trustStore and sas.pinStatus: verified set and TOFU pins [SAS-14..SAS-16]',
      cases: [
        { name: 'verify-pins', description: 'Verifying adds the fingerprint and pins it to the normalized name', op: 'sas.trustStore', input: { actions: [{ action: 'verify', name: '  Alice ', fp: A }] }, covers: ['SAS-14', 'SAS-15'], flags: ['pins'] },
        { name: 'empty-name-not-pinned', 'description': 'A peer without a usable name is verified but never pinned', op: 'sas.trustStore', input: { actions: [{ action: 'verify', name: ' \t', fp: A }] }, covers: ['SAS-15'], flags: ['pins'] },
        { name: 'unverify-removes', description: 'Withdrawing removes the fingerprint and the pin', op: 'sas.trustStore', input: { actions: [{ action: 'verify', name: 'Alice', fp: A }, { action: 'verify', name: 'Bob', fp: B }, { action: 'unverify', name: 'alice', fp: A }] }, covers: ['SAS-14', 'SAS-15'], flags: ['pins'] },
        { name: 'unverify-other-fp-drops-pin', description: 'Withdrawing drops the pin under the name whatever fingerprint it holds', op: 'sas.trustStore', input: { actions: [{ action: 'verify', name: 'Alice', fp: A }, { action: 'unverify', name: 'alice', fp: M }] }, covers: ['SAS-15'], flags: ['pins'] },
        { name: 'reverify-moves-to-end', description: 'Re-verifying makes an entry the most recent', op: 'sas.trustStore', input: { actions: [{ action: 'verify', name: 'A', fp: A }, { action: 'verify', name: 'B', fp: B }, { action: 'verify', name: 'A', fp: A }] }, covers: ['SAS-14'] },
        { name: 'repin-new-key', description: 'Verifying a contact on a new key moves the pin', op: 'sas.trustStore', input: { actions: [{ action: 'verify', name: 'Alice', fp: A }, { action: 'verify', name: 'alice', fp: M }] }, covers: ['SAS-15'], flags: ['pins'] },
        { name: 'verified-cap-100', description: '101 verifications keep the 100 most recent', op: 'sas.trustStore', input: { actions: Array.from({ length: 101 }, (_, i) => ({ action: 'verify', name: '', fp: `fp-${i}` })) }, covers: ['SAS-19', 'SAS-14'], flags: ['caps'] },
        { name: 'connect-never-pins', description: 'Connecting to a named peer, however often, writes no pin and verifies nothing (no trust on first use)', op: 'sas.trustStore', input: { actions: [{ action: 'connect', name: 'Alice', fp: A }, { action: 'connect', name: 'Alice', fp: A }] }, covers: ['SAS-15'], flags: ['pins'] },
        { name: 'connect-keeps-pin', description: 'A connect on another key leaves the pin written by verify as it is', op: 'sas.trustStore', input: { actions: [{ action: 'verify', name: 'Alice', fp: A }, { action: 'connect', name: 'alice', fp: M }] }, covers: ['SAS-15'], flags: ['pins'] },
        { name: 'connect-then-verify', description: 'Only the verify writes the pin, with the fingerprint verified', op: 'sas.trustStore', input: { actions: [{ action: 'connect', name: 'Alice', fp: M }, { action: 'verify', name: 'Alice', fp: A }] }, covers: ['SAS-15', 'SAS-14'], flags: ['pins'] },
        { name: 'pin-cap-200', description: '201 pins keep the 200 most recently written', op: 'sas.trustStore', input: { actions: Array.from({ length: 201 }, (_, i) => ({ action: 'verify', name: `peer ${i}`, fp: `fp-${i % 90}` })) }, covers: ['SAS-16'], flags: ['caps'] },
        { name: 'pin-status-match', description: 'Pinned name on the pinned key', op: 'sas.pinStatus', input: { pins: { alice: A }, name: ' ALICE ', fp: A }, covers: ['SAS-15'], flags: ['pins'] },
        { name: 'pin-status-mismatch', description: 'Pinned name on another key', op: 'sas.pinStatus', input: { pins: { alice: A }, name: 'Alice', fp: M }, covers: ['SAS-15'], flags: ['pins'] },
        { name: 'pin-status-unpinned', description: 'Name without a pin', op: 'sas.pinStatus', input: { pins: { alice: A }, name: 'Bob', fp: B }, covers: ['SAS-15'], flags: ['pins'] },
        { name: 'pin-status-empty-name', description: 'An empty name is never pinned, even if the store has an empty key', op: 'sas.pinStatus', input: { pins: { '': A }, name: '  ', fp: M }, covers: ['SAS-15'], flags: ['pins'] },
        // U+001C..U+001F are whitespace to Python's str.strip, not to CONV-08's trim: the pin of "alice" is not this name's.
        { name: 'pin-status-trim-set', description: 'The pin key is trimmed by the CONV-08 set only: an information separator (U+001F) stays part of the name', op: 'sas.pinStatus', input: { pins: { alice: A }, name: '\u001falice', fp: M }, covers: ['SAS-15', 'CONV-08'], flags: ['pins'] },
        { name: 'pin-status-exact-compare', description: 'Pins compare fingerprints as exact strings (no canonicalisation)', op: 'sas.pinStatus', input: { pins: { alice: A }, name: 'alice', fp: A.toUpperCase() }, covers: ['SAS-15'], flags: ['pins'] },
      ],
    },
  ],
};
