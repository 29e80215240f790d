// The bundled reference, called in process: the fastest path, and the oracle for differential checks.
import { runOp } from '../../reference/adapter/ops.ts';
import type { JsonValue } from '../../reference/encoding/json.ts';
import { referenceInfo } from '../../reference/adapter/info.ts';
import type { Implementation, ImplementationInfo, Response } from './types.ts';

export { referenceInfo };

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
