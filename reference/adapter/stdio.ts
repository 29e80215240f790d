// Serves the reference over the adapter protocol: JSON Lines on stdin/stdout, one response per
// request, in order (spec/10-adapter-protocol.md). Nothing but responses goes to stdout.
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';
import type { JsonValue } from '../encoding/json.ts';
import { runOp } from './ops.ts';
import { PROFILES } from './profiles.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export async function answer(line: string): Promise<object | null> {
  let msg: { cmd?: unknown; seq?: unknown; op?: unknown; input?: JsonValue; version?: unknown };
  try {
    msg = JSON.parse(line) as typeof msg;
  } catch {
    return null; // not a request: nothing sensible to answer
  }
  if (msg.cmd === 'start') {
    if (msg.version !== 1) return { ok: false, error: { code: 'adapter.unsupported-version', message: `only version 1, not ${String(msg.version)}` } };
    return { ok: true, implementation: { name: 'kibitz-reference', version: pkg.version, language: 'typescript' }, profiles: [...PROFILES] };
  }
  if (msg.cmd === 'run') {
    const seq = msg.seq;
    try {
      return { seq, ...(await runOp(String(msg.op), msg.input)) };
    } catch (e) {
      return { seq, errored: true, message: e instanceof Error ? e.message : String(e) };
    }
  }
  if (msg.cmd === 'stop') return { ok: true };
  return null;
}

export async function serveStdio(): Promise<void> {
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    const reply = await answer(line);
    if (reply) process.stdout.write(JSON.stringify(reply) + '\n');
    if (line.includes('"stop"') && (JSON.parse(line) as { cmd?: string }).cmd === 'stop') break;
  }
  rl.close();
}
