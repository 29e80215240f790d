// Types for implementations plugged in with `--impl module:<path>` (and for anyone writing an
// adapter in TypeScript): what the module exports and what `run` answers. They restate
// spec/10-adapter-protocol.md 10.2 without the `seq` (the harness calls `run` directly).
//
//   import type { ModuleAdapter } from 'kibitz-protocol/adapter';
//   export const info: ModuleAdapter['info'] = { name: 'my-kibitz', version: '1.0.0', language: 'typescript', profiles: ['crypto'] };
//   export async function run(op, input) { ... }
import type { JsonObject, JsonValue } from './lib/json.ts';

export type { JsonObject, JsonValue };

export interface AdapterInfo {
  name: string;
  version: string;
  language: string;
  homepage?: string;
  /** The profiles the implementation declares (spec/10-adapter-protocol.md, `start`). */
  profiles: string[];
}

/** The answer to one op: exactly one of these shapes (ADP-04). */
export type OpResponse =
  | { ok: true; output: JsonObject }
  | { ok: false; error: { code: string; message: string } }
  | { unsupported: true }
  | { errored: true; message: string };

export interface ModuleAdapter {
  info: AdapterInfo | (() => AdapterInfo | Promise<AdapterInfo>);
  run(op: string, input: JsonValue): OpResponse | Promise<OpResponse>;
  stop?(): void | Promise<void>;
}
