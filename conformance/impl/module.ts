// `--impl module:<path>`: a JavaScript module (or TypeScript under a loader) that exports
//   info: {name, version, language, profiles}      (or a function returning it)
//   run(op, input) => response | Promise<response>   (the adapter response shape, without seq)
//   stop?()                                          (optional)
// The types are `ModuleAdapter` in conformance/adapter-types.ts. The mutant implementations in
// tests/mutants/ use this form. The per-op timeout is applied by the guard (guard.ts).
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { JsonValue } from '../lib/json.ts';
import { guarded } from './in-process.ts';
import type { Implementation, ImplementationInfo, Response } from './types.ts';
import type { ModuleAdapter } from '../adapter-types.ts';

export class ModuleImplementation implements Implementation {
  readonly transport = 'module' as const;
  #mod: ModuleAdapter | null = null;
  constructor(readonly path: string) {}
  get label(): string {
    return `module:${this.path}`;
  }
  async start(): Promise<ImplementationInfo> {
    const mod = (await import(pathToFileURL(resolve(this.path)).href)) as ModuleAdapter;
    if (typeof mod.run !== 'function' || !mod.info) throw new Error(`${this.path} must export info and run(op, input)`);
    this.#mod = mod;
    const info = typeof mod.info === 'function' ? await mod.info() : mod.info;
    return { ...info, profiles: [...(info.profiles ?? [])] };
  }
  run(op: string, input: JsonValue): Promise<Response> {
    const mod = this.#mod;
    if (!mod) return Promise.resolve({ errored: true, message: 'start() first' });
    return guarded(async () => (await mod.run(op, input)) as Response);
  }
  async stop(): Promise<void> {
    await this.#mod?.stop?.();
  }
}
