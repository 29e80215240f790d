// The schema.validate adapter op contract (spec/07-messages.md, 7.10).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { listOps, runOp } from '../../reference/adapter/ops.ts';

const ROSTER = { t: 'roster', members: [] };
const run = (input: Record<string, unknown>) => runOp('schema.validate', input as never);

test('[MSG-41] schema names: full URN, bundle-relative and a unique bare name resolve alike', async () => {
  assert.ok(listOps().includes('schema.validate'));
  for (const schema of ['urn:kibitz:kbz-v1:presence#/$defs/RosterMsg', 'presence#/$defs/RosterMsg', 'RosterMsg']) {
    assert.equal(await run({ schema, message: ROSTER }), { ok: true, output: { valid: true } }, schema);
  }
});

test('[MSG-41] a rejected message is an op error with the msg.* code; the output has no other members', async () => {
  const out = await run({ schema: 'urn:kibitz:kbz-v1:presence#/$defs/RosterMsg', message: { t: 'roster' } });
  assert.equal(out, { ok: false, error: { code: 'msg.missing-field', message: 'required member is missing (at "/members")' } });
  const nul = await run({ schema: 'urn:kibitz:kbz-v1:presence#/$defs/PresenceMessage', message: null });
  assert.ok('ok' in nul && !nul.ok && nul.error.code === 'msg.wrong-type');
});

test('[MSG-41] wrong op input is input.invalid (ADP-08): unknown, ambiguous or non-string schema, missing message', async () => {
  for (const input of [
    { schema: 'urn:kibitz:kbz-v1:presence#/$defs/Nope', message: {} },
    { schema: 'urn:kibitz:kbz-v1:nope#/$defs/RosterMsg', message: {} },
    { schema: 'IceCandidate', message: {} }, // defined by two planes
    { schema: 'https://example.org/presence#/$defs/RosterMsg', message: {} },
    { schema: 7, message: {} },
    { schema: 'RosterMsg' },
  ]) {
    const out = await run(input);
    assert.ok('ok' in out && !out.ok && out.error.code === 'input.invalid', JSON.stringify(input));
  }
});

test.run();
