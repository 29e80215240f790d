// The wire vector files: big enough, and cross-checked against peerjs-js-binarypack. The generator
// (vectors/gen/wire-crosscheck.ts) refuses to build a file whose vectors disagree with the package
// without saying how; importing the generators runs that check here, so npm test fails when the
// package, the reference or a vector moves.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

type File = { profile: string; groups: { tests: { id: string; result: string; flags: string[]; intermediates?: { peerjs?: unknown } }[] }[] };
const load = (f: string) => JSON.parse(readFileSync(new URL(`../../vectors/${f}.json`, import.meta.url), 'utf8')) as File;

test('[WIRE-09] [WIRE-19] [WIRE-36] every wire vector agrees with peerjs-js-binarypack, or records exactly how the package differs', async () => {
  const { wireVectors } = await import('../../vectors/gen/wire.ts'); // throws on any undeclared difference
  const { wireChunkingVectors } = await import('../../vectors/gen/wire-chunking.ts');
  assert.is(wireVectors.file, 'wire');
  assert.is(wireChunkingVectors.file, 'wirechunking');
  for (const f of ['wire', 'wirechunking']) {
    for (const t of load(f).groups.flatMap((g) => g.tests)) {
      if (t.flags.includes('upstream-divergent')) assert.ok(t.intermediates?.peerjs !== undefined, `${t.id} says it diverges but not how`);
    }
  }
});

test('the wire profile has at least 150 vectors, at least 50 of them negative', () => {
  const tests = ['wire', 'wirechunking'].map(load).flatMap((f) => {
    assert.is(f.profile, 'wire');
    return f.groups.flatMap((g) => g.tests);
  });
  const negative = tests.filter((t) => t.result === 'invalid').length;
  assert.ok(tests.length >= 150, `${tests.length} wire vectors`);
  assert.ok(negative >= 50, `${negative} negative wire vectors`);
});

test.run();
