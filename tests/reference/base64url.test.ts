import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { decodeBase64url, encodeBase64url } from '../../reference/encoding/base64url.ts';

const decoded = (t: string) => {
  const r = decodeBase64url(t);
  return r.ok ? Buffer.from(r.value).toString('hex') : r.error.code;
};

test('[CONV-04] encoder emits no padding and only the URL-safe alphabet', () => {
  assert.is(encodeBase64url(new Uint8Array([0xfb, 0xff])), '-_8');
  assert.is(encodeBase64url(new Uint8Array([0x61])), 'YQ');
  assert.is(encodeBase64url(new Uint8Array([])), '');
});

test('[CONV-05] decoder accepts unpadded and correctly padded text', () => {
  assert.is(decoded('YQ'), '61');
  assert.is(decoded('YQ=='), '61');
  assert.is(decoded('YWI='), '6162');
  assert.is(decoded('YWI'), '6162');
});

test('[CONV-06] decoder rejects length 1 mod 4', () => {
  assert.is(decoded('Y'), 'encoding.bad-base64url');
  assert.is(decoded('YWJjZ'), 'encoding.bad-base64url');
});

test('[CONV-07] decoder rejects the standard alphabet, whitespace, stray padding and dirty bits', () => {
  for (const bad of ['+_8', '-/8', 'YW I', 'Y=Q', 'YQ=', 'YQ===', 'Yg==x', 'YR', 'YWJ']) {
    assert.is(decoded(bad), 'encoding.bad-base64url', bad);
  }
});

test('[CONV-04] [CONV-05] round trip for random bytes (fast-check)', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => {
      const text = encodeBase64url(bytes);
      const back = decodeBase64url(text);
      return back.ok && Buffer.from(back.value).equals(Buffer.from(bytes)) && Buffer.from(bytes).toString('base64url') === text;
    }),
    { numRuns: 500 },
  );
});

test.run();
