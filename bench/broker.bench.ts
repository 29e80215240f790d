// Wall time of the broker suite (`kibitz-conformance broker`) against the stock PeerJS server with
// its default timers (EXPIRE after 5000 ms plus up to one 1000 ms sweep), with the suite's default
// timeouts: checks together (the default) and one after another (--serial, what the suite did
// before). Target: under 8 s together. A broker suite is mostly waiting, so wall time is the measure.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brokerMain } from '../conformance/broker/cli.ts';
import type { Report } from '../schemas/src/report.ts';
import { startStockPeerServer } from '../tests/broker/stock-server.ts';

async function timed(url: string, extra: string[], dir: string, name: string): Promise<{ s: number; report: Report; code: number }> {
  const out = join(dir, `${name}.json`);
  const t0 = performance.now();
  const code = await brokerMain(['--url', url, ...extra, '--reporter', 'json', '--out', out, '--quiet']);
  return { s: (performance.now() - t0) / 1000, report: JSON.parse(readFileSync(out, 'utf8')) as Report, code };
}

export async function run(): Promise<string[]> {
  const server = await startStockPeerServer(); // stock defaults: expire_timeout 5000, cleanup_out_msgs 1000
  const dir = mkdtempSync(join(tmpdir(), 'kbz-broker-bench-'));
  try {
    const together = await timed(server.url, [], dir, 'together');
    const serial = await timed(server.url, ['--serial'], dir, 'serial');
    const slowest = [...together.report.checks].sort((a, b) => b.durationMs - a.durationMs)[0]!;
    const sum = together.report.checks.reduce((n, c) => n + c.durationMs, 0) / 1000;
    console.log(`stock PeerJS server (peer 1.0.2, default timers), default suite timeouts, ${together.report.checks.length} checks`);
    console.log(`${'mode'.padEnd(32)}${'wall s'.padStart(8)}${'exit'.padStart(6)}  verdict`);
    console.log(`${'together (default)'.padEnd(32)}${together.s.toFixed(2).padStart(8)}${String(together.code).padStart(6)}  ${together.report.verdict}`);
    console.log(`${'one after another (--serial)'.padEnd(32)}${serial.s.toFixed(2).padStart(8)}${String(serial.code).padStart(6)}  ${serial.report.verdict}`);
    console.log(`together: the checks' own times add up to ${sum.toFixed(1)} s; the slowest is ${slowest.id} (${(slowest.durationMs / 1000).toFixed(2)} s)`);
    return [`broker suite against the stock server: ${together.s.toFixed(2)} s (target < 8 s; one after another ${serial.s.toFixed(2)} s)`];
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
