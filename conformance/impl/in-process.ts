// `--impl reference`: the bundled reference, called in process (the fastest path). The harness
// never imports the reference statically: this driver loads it by path on start(), exactly as a
// `module:` adapter would be loaded, so no harness code depends on the implementation it judges.
import type { JsonValue } from '../lib/json.ts';
import type { Implementation, ImplementationInfo, Response } from './types.ts';

/**
 * Runs an op on any in-process op function, turning a thrown exception into `errored`. An output is
 * passed through JSON, as an adapter's stdout would carry it: a value JSON cannot hold (an infinity
 * read from a number literal beyond binary64, CONV-16) is judged as the `null` a stdio adapter
 * writes, not as itself.
 */
export async function guarded(run: () => Promise<Response>): Promise<Response> {
  try {
    const r = await run();
    return 'ok' in r && r.ok ? { ok: true, output: JSON.parse(JSON.stringify(r.output)) } : r;
  } catch (e) {
    return { errored: true, message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}

interface ReferenceModules {
  runOp: (op: string, input: JsonValue) => Promise<Response>;
  referenceInfo: () => ImplementationInfo;
}

async function loadReference(): Promise<ReferenceModules> {
  // Dynamic imports by path: resolved at run time, never part of the harness's import graph.
  const [ops, info] = await Promise.all([import('../../reference/adapter/ops.ts'), import('../../reference/adapter/info.ts')]);
  return { runOp: ops.runOp as ReferenceModules['runOp'], referenceInfo: info.referenceInfo };
}

export class InProcessReference implements Implementation {
  readonly label = 'reference';
  readonly transport = 'in-process' as const;
  #ref: ReferenceModules | null = null;
  async start(): Promise<ImplementationInfo> {
    this.#ref = await loadReference();
    return this.#ref.referenceInfo();
  }
  run(op: string, input: JsonValue): Promise<Response> {
    const ref = this.#ref;
    if (!ref) return Promise.resolve({ errored: true, message: 'start() first' });
    return guarded(() => ref.runOp(op, input));
  }
  async stop(): Promise<void> {}
}
