// Known answers the chapter states, checked against the reference and, where a public library can
// compute them, against that library too: upstream's golden member hash, the worked page-room and
// join-code examples, and a version 2 seal against node:crypto.
import { createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatCode } from '../../reference/admission/join-code.ts';
import { parseLink } from '../../reference/admission/link.ts';
import { memberHash } from '../../reference/admission/member-hash.ts';
import { fnv1a32, roomForUrl } from '../../reference/admission/page-room.ts';
import { open, seal } from '../../reference/admission/seal.ts';

test('[MAN-05] upstream\'s frozen member hash (src/core/rosterHash.test.ts)', () => {
  assert.is(memberHash('alice@acme.com', 'standup'), 'TutGnM0TOGVPG7s_K53tYqMBp0ZsSLPALCjoxSR5TCk');
});

test('[LINK-13] the worked page-room example of 12.1', () => {
  assert.is(fnv1a32('example.com/foo/bar'), 0x65eb9d27);
  assert.equal(roomForUrl('https://www.Example.com/Foo/Bar/?q=1'), { ok: true, value: 'example-com-sa1y5j' });
});

test('[CODE-01] the worked join-code examples of 12.5', () => {
  assert.is(formatCode(Uint8Array.from([0, 1, 2, 3, 4, 5])), 'ABC-DEF');
  assert.is(formatCode(Uint8Array.from([0xff, 0x1f, 0x3e, 0x7c, 0x20, 0xf7])), 'HAA-AB9');
});

test('[LINK-03] [LINK-04] the link example of 12.1 reads the fragment', () => {
  const r = parseLink('https://kibitz.chat/?g=names&gn=Eve#standup-6ezatsa2ps?g=names&gn=Ann');
  assert.equal(r, { ok: true, value: { room: 'standup-6ezatsa2ps', params: { g: 'names', gn: ['Ann'] } } });
});

test('[SEAL-01] [SEAL-02] [SEAL-03] a version 2 seal opens with node:crypto, and node:crypto\'s key opens it back', async () => {
  const salt = new Uint8Array(16).fill(3);
  const iv = new Uint8Array(12).fill(5);
  const r = await seal({ passphrase: 'ﬁsh', plaintext: 'the manifest token', version: 2, salt, iv });
  assert.ok(r.ok);
  const blob = Buffer.from(r.value, 'base64url');
  assert.is(blob[0], 2);
  const key = pbkdf2Sync('fish', salt, 600_000, 32, 'sha256'); // NFKC of "ﬁsh"
  assert.equal([...blob.subarray(1, 17)], [...salt]);
  assert.equal([...blob.subarray(17, 29)], [...iv]);
  const d = createDecipheriv('aes-256-gcm', key, blob.subarray(17, 29));
  d.setAuthTag(blob.subarray(blob.length - 16));
  const text = Buffer.concat([d.update(blob.subarray(29, blob.length - 16)), d.final()]).toString('utf8');
  assert.is(text, 'the manifest token');
  assert.equal(await open(r.value, 'fish'), { ok: true, value: 'the manifest token' });
});

test.run();
