// Parses `--impl reference | module:<path> | cmd:<command>` and wraps the driver in the guard
// (per-op timeout for in-process code, quarantine of ops that keep erroring, fault records).
import { GuardedImplementation } from './guard.ts';
import { InProcessReference } from './in-process.ts';
import { ModuleImplementation } from './module.ts';
import { DEFAULT_TIMEOUT_MS, StdioImplementation, type StdioOptions } from './stdio.ts';

export class ImplSpecError extends Error {}

export function resolveImplementation(spec: string, stdio: StdioOptions = {}): GuardedImplementation {
  const timeout = stdio.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (spec === 'reference') return new GuardedImplementation(new InProcessReference(), timeout);
  if (spec.startsWith('module:') && spec.length > 'module:'.length) return new GuardedImplementation(new ModuleImplementation(spec.slice('module:'.length)), timeout);
  if (spec.startsWith('cmd:') && spec.slice(4).trim()) return new GuardedImplementation(new StdioImplementation(spec.slice('cmd:'.length), stdio), timeout);
  throw new ImplSpecError(`--impl must be reference, module:<path> or cmd:<command>, not ${JSON.stringify(spec)}`);
}
