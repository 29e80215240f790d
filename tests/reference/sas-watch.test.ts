import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SafetyPoll } from '../../reference/sas/watch.ts';

test('[SAS-11] safety codes are re-read every 4000 ms, starting at once', () => {
  const poll = new SafetyPoll();
  const due = [0, 1000, 3999, 4000, 4001, 7999, 8000, 12500].filter((t) => poll.due(t));
  assert.equal(due, [0, 4000, 8000, 12500]);
  poll.reset();
  assert.ok(poll.due(12600), 'a new call polls immediately');
});

test.run();
