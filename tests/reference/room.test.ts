import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mintRoomName, MINT_CODE_BITS, randomCode } from '../../reference/room/mint.ts';

test('[ROOM-07] minted names carry at least 50 bits and are joinable', () => {
  assert.ok(MINT_CODE_BITS >= 50, `${MINT_CODE_BITS} bits`);
  const name = mintRoomName('fjord');
  assert.match(name, /^fjord-[0-9a-z]{10}$/);
  assert.throws(() => mintRoomName('a'.repeat(39)), /joinable/); // cut leaves a trailing '-'
  assert.throws(() => mintRoomName('w'.repeat(35)), /random code/); // cut would eat the code
  assert.match(mintRoomName('w'.repeat(29)), /^w{29}-[0-9a-z]{10}$/);
});

test('[ROOM-07] rejection sampling discards bytes >= 252 (no modulo bias)', () => {
  const stream = [255, 252, 0, 35, 251, 36, 71, 72, 108, 143, 144, 200];
  let i = 0;
  const random = (n: number) => Uint8Array.from({ length: n }, () => stream[i++ % stream.length]!);
  // 255 and 252 are skipped; 0->'0', 35->'z', 251%36=35->'z', 36->'0', 71->'z', 72->'0', ...
  assert.is(randomCode(6, random), '0zz0z0');
});

test.run();
