// `--impl module:<path>`: a JavaScript/TypeScript module that exports
//   info: {name, version, language, profiles}      (or a function returning it)
//   run(op, input) => response | Promise<response>   (the adapter response shape, without seq)
//   stop?()                                          (optional)
// The mutant implementations in tests/mutants/ use this form.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { JsonValue } from '../lib/json.ts';
import { guarded } from './in-process.ts';
import type { Implementation, ImplementationInfo, Response } from './types.ts';

interface AdapterModule {
  info: ImplementationInfo | (() => ImplementationInfo | Promise<ImplementationInfo>);
  run: (op: string, input: JsonValue) => Response | Promise<Response>;
  stop?: () => void | Promise<void>;
}

export class ModuleImplementation implements Implementation {
  #mod: AdapterModule | null = null;
  constructor(readonly path: string) {}
  get label(): string {
    return `module:${this.path}`;
  }
  async start(): Promise<ImplementationInfo> {
    const mod = (await import(pathToFileURL(resolve(this.path)).href)) as AdapterModule;
    if (typeof mod.run !== 'function' || !mod.info) throw new Error(`${this.path} must export info and run(op, input)`);
    this.#mod = mod;
    return typeof mod.info === 'function' ? await mod.info() : mod.info;
  }
  run(op: string, input: JsonValue): Promise<Response> {
    const mod = this.#mod;
    if (!mod) throw new Error('start() first');
    return guarded(async () => mod.run(op, input));
  }
  async stop(): Promise<void> {
    await this.#mod?.stop?.();
  }
}
