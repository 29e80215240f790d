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

/**
 * Why an adapter could not give a verdict-worthy answer: a root cause, named once, with the
 * adapter-protocol requirement it breaks. Errored checks are grouped by `cause` in every report,
 * so one broken adapter reads as one problem, not as a hundred failures.
 */
export interface Fault {
  /** One line, stable across checks for the same problem, e.g. "adapter wrote non-JSON to stdout". */
  cause: string;
  /** The adapter-protocol requirement the adapter broke, when it broke one (ADP-01, ADP-02, ...). */
  requirement?: string;
  /** Detail for this occurrence (the offending line, the exit code). */
  detail?: string;
  /** The adapter is gone for good: the run stops, and the checks left are reported as not run. */
  fatal?: boolean;
}

export type Response =
  | { ok: true; output: JsonObject }
  | { ok: false; error: { code: string; message: string } }
  | { unsupported: true }
  | { errored: true; message: string; fault?: Fault };

export type Transport = 'in-process' | 'module' | 'cmd';

export interface Implementation {
  /** A short label for reports, e.g. `reference` or `cmd:python3 adapter.py`. */
  readonly label: string;
  /** How the harness reaches it; absent means in process. */
  readonly transport?: Transport;
  start(): Promise<ImplementationInfo>;
  run(op: string, input: JsonValue): Promise<Response>;
  stop(): Promise<void>;
  /** Recent diagnostics (an adapter's stderr), shown next to errored checks. */
  diagnostics?(): string;
  /** Protocol faults seen since the last call that no response carried (noise, duplicates). */
  takeFaults?(): Fault[];
  /** How many times the driver restarted the adapter. */
  restarts?(): number;
  /** For `cmd:` adapters: the command, so the `adapter` profile can open raw sessions. */
  readonly command?: string;
}

export const isErrored = (r: Response): r is Extract<Response, { errored: true }> => 'errored' in r;
export const isUnsupported = (r: Response): r is { unsupported: true } => 'unsupported' in r;
