// An adapter never outlives the run that started it [ADP-17]: a failed start kills its process
// group at once, and SIGTERM or SIGINT to the harness stops the adapter's whole process group
// (the shell the command runs in and everything it started) before the harness exits.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { StdioImplementation } from '../../conformance/impl/stdio.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const FAKE = join(ROOT, 'tests/conformance/fixtures/fake-adapter.mjs');
const tmp = mkdtempSync(join(tmpdir(), 'kbz-groups-'));

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
async function waitFor(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return cond();
}

test('[ADP-17] a start that is never answered fails promptly and kills the adapter', async () => {
  const pidFile = join(tmp, 'never.pid');
  const impl = new StdioImplementation(`node ${FAKE} never-starts ${pidFile}`, { startTimeoutMs: 1500 });
  const t0 = Date.now();
  let error = '';
  try {
    await impl.start();
  } catch (e) {
    error = (e as Error).message;
  }
  assert.match(error, /did not answer start within 1500 ms/);
  assert.ok(Date.now() - t0 < 5000, 'promptly');
  assert.ok(await waitFor(() => existsSync(pidFile), 5000));
  const pid = Number(readFileSync(pidFile, 'utf8'));
  assert.ok(await waitFor(() => !alive(pid), 3000), `adapter ${pid} is gone`);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`[ADP-17] ${signal} to the harness stops the adapter's process group`, async () => {
    const pidFile = join(tmp, `${signal}.pid`);
    // The adapter never answers: the harness's driver is waiting on it when the signal comes.
    const cli = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/conformance/fixtures/hold-adapter.ts'), `node ${FAKE} never-starts ${pidFile}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    cli.stderr.on('data', (b: Buffer) => (stderr += b));
    assert.ok(await waitFor(() => existsSync(pidFile), 60_000), 'the adapter started');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(alive(pid));
    const exited = new Promise<number | null>((resolve) => cli.on('close', (code) => resolve(code)));
    cli.kill(signal);
    const code = await exited;
    assert.is(code, signal === 'SIGTERM' ? 143 : 130);
    assert.match(stderr, new RegExp(`${signal}, adapter stopped`));
    assert.ok(await waitFor(() => !alive(pid), 3000), `adapter ${pid} is gone`);
  });
}

test.after(() => rmSync(tmp, { recursive: true, force: true }));
test.run();
