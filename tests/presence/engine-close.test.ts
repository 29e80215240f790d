// A claim that wins after the room was closed must be released, not kept registered to nobody.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { joinRoom } from '../../reference/presence/engine.ts';
import type { AuthorityTransport, RoomTransport } from '../../reference/presence/transport.ts';

test('[PRES-45] a claim won after close() is released at once', async () => {
  const pending: ((r: { transport: AuthorityTransport }) => void)[] = [];
  let closed = 0;
  const authority = { onConnect() {}, onMessage() {}, onDisconnect() {}, onGone() {}, send() {}, remoteFingerprint: async () => null, close: () => void closed++ } as unknown as AuthorityTransport;
  const transport = {
    claim: () => new Promise((resolve) => pending.push(resolve)),
    connect: () => { throw new Error('not used'); },
  } as unknown as RoomTransport;
  const room = joinRoom('late-claim', { transport });
  await new Promise((r) => setTimeout(r, 10));
  assert.is(pending.length, 1, 'the room claimed its id');
  room.close();
  pending[0]!({ transport: authority });
  await new Promise((r) => setTimeout(r, 10));
  assert.is(closed, 1, 'the late win was closed');
});

test.run();
