// Parses `--impl reference | module:<path> | cmd:<command>`.
import { InProcessReference } from './in-process.ts';
import { ModuleImplementation } from './module.ts';
import { StdioImplementation, type StdioOptions } from './stdio.ts';
import type { Implementation } from './types.ts';

export function resolveImplementation(spec: string, stdio: StdioOptions = {}): Implementation {
  if (spec === 'reference') return new InProcessReference();
  if (spec.startsWith('module:')) return new ModuleImplementation(spec.slice('module:'.length));
  if (spec.startsWith('cmd:')) return new StdioImplementation(spec.slice('cmd:'.length), stdio);
  throw new Error(`--impl must be reference, module:<path> or cmd:<command>, not ${JSON.stringify(spec)}`);
}
