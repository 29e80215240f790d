// The bundled reference, called in process: the fastest path, and the oracle for differential checks.
import { readFileSync } from 'node:fs';
import { runOp } from '../../reference/adapter/ops.ts';
import type { JsonValue } from '../../reference/encoding/json.ts';
import { PROFILES } from '../../reference/adapter/profiles.ts';
import type { Implementation, ImplementationInfo, Response } from './types.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export function referenceInfo(): ImplementationInfo {
  return { name: 'kibitz-reference', version: pkg.version, language: 'typescript', profiles: [...PROFILES] };
}

/** Runs an op on any in-process op function, turning a thrown exception into `errored`. */
export async function guarded(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (e) {
    return { errored: true, message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}

export class InProcessReference implements Implementation {
  readonly label = 'reference';
  async start(): Promise<ImplementationInfo> {
    return referenceInfo();
  }
  run(op: string, input: JsonValue): Promise<Response> {
    return guarded(() => runOp(op, input));
  }
  async stop(): Promise<void> {}
}
