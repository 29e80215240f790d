// What the harness needs from an implementation under test, whatever the transport
// (spec/10-adapter-protocol.md). Every driver maps its transport onto this.
import type { JsonObject, JsonValue } from '../lib/json.ts';

export interface ImplementationInfo {
  name: string;
  version: string;
  language: string;
  homepage?: string;
  profiles: string[];
}

export type Response =
  | { ok: true; output: JsonObject }
  | { ok: false; error: { code: string; message: string } }
  | { unsupported: true }
  | { errored: true; message: string };

export interface Implementation {
  /** A short label for reports, e.g. `reference` or `cmd:python3 adapter.py`. */
  readonly label: string;
  start(): Promise<ImplementationInfo>;
  run(op: string, input: JsonValue): Promise<Response>;
  stop(): Promise<void>;
  /** Recent diagnostics (an adapter's stderr), shown next to errored checks. */
  diagnostics?(): string;
}

export const isErrored = (r: Response): r is { errored: true; message: string } => 'errored' in r;
export const isUnsupported = (r: Response): r is { unsupported: true } => 'unsupported' in r;
