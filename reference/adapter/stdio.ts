// Serves the reference over the adapter protocol: JSON Lines on stdin/stdout, one response per
// request, in order (spec/10-adapter-protocol.md). Nothing but responses goes to stdout.
// No input line may crash it: every step that can throw on hostile input (parsing a deeply nested
// or huge line, an op, serialising an answer) is caught and answered, and a line longer than
// MAX_LINE_BYTES is dropped up to its newline and answered adapter.bad-request [ADP-11], so one
// answer goes out for every request line [ADP-02] and memory stays bounded.
import type { JsonValue } from '../encoding/json.ts';
import { runOp } from './ops.ts';
import { REFERENCE_IMPLEMENTATION } from './info.ts';
import { PROFILES } from './profiles.ts';

/** The longest request line the reference reads; the harness's own bound for responses is 16 MiB [ADP-13]. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

interface Request {
  cmd?: unknown;
  seq?: unknown;
  op?: unknown;
  input?: JsonValue;
  version?: unknown;
}

/** [ADP-11] The answer carries the request's `seq` member unchanged, whatever its value, when it has one. */
const badRequest = (why: string, request?: object) => ({
  ...(request && 'seq' in request ? { seq: (request as { seq: unknown }).seq } : {}),
  ok: false,
  error: { code: 'adapter.bad-request', message: why }, // [ADP-11]
});

const why = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The response to one request line, and whether the adapter should exit afterwards. */
export async function answer(line: string): Promise<{ reply: object; stop: boolean }> {
  let msg: Request;
  try {
    msg = JSON.parse(line) as Request;
  } catch (e) {
    // A RangeError here is nesting deeper than the parser's stack: still not a request.
    return { reply: badRequest(e instanceof RangeError ? `the line is nested too deeply to parse: ${e.message}` : 'the line is not JSON'), stop: false };
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return { reply: badRequest('the line is not a JSON object'), stop: false };
  switch (msg.cmd) {
    case 'start':
      // Members named x-* are ignored [ADP-12]: only `version` is read.
      if (msg.version !== 1) {
        return { reply: { ok: false, error: { code: 'adapter.unsupported-version', message: `only version 1, not ${safeJson(msg.version)}` } }, stop: false };
      }
      return { reply: { ok: true, implementation: REFERENCE_IMPLEMENTATION, profiles: [...PROFILES] }, stop: false };
    case 'run':
      if (!Number.isInteger(msg.seq) || (msg.seq as number) < 1 || typeof msg.op !== 'string' || typeof msg.input !== 'object' || msg.input === null || Array.isArray(msg.input)) {
        return { reply: badRequest('run needs a positive integer seq, a string op and an object input', msg), stop: false };
      }
      try {
        return { reply: { seq: msg.seq, ...(await runOp(String(msg.op), msg.input)) }, stop: false };
      } catch (e) {
        return { reply: { seq: msg.seq, errored: true, message: why(e) }, stop: false }; // [ADP-09]
      }
    case 'stop':
      return { reply: { ok: true }, stop: true };
    default:
      return { reply: badRequest(`unknown cmd ${safeJson(msg.cmd)}`, msg), stop: false };
  }
}

function safeJson(v: unknown): string {
  try {
    return String(JSON.stringify(v)).slice(0, 200);
  } catch {
    return '(a value too deep to print)';
  }
}

/** One line of JSON for a reply; an answer that cannot be serialised becomes an `errored` answer. */
export function serialise(reply: object): string {
  try {
    return JSON.stringify(reply);
  } catch (e) {
    const seq = (reply as { seq?: unknown }).seq;
    return JSON.stringify({ ...(typeof seq === 'number' ? { seq } : {}), errored: true, message: `the answer could not be serialised: ${why(e)}` });
  }
}

/** Splits stdin into lines, bounded: an overlong line is reported as `null` once, then skipped. */
async function* lines(input: NodeJS.ReadableStream, max: number): AsyncGenerator<string | null> {
  let parts: Buffer[] = [];
  let size = 0;
  let skipping = false;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      const piece = chunk.subarray(start, nl === -1 ? chunk.length : nl);
      if (!skipping && size + piece.length > max) {
        skipping = true;
        parts = [];
        size = 0;
      } else if (!skipping && piece.length) {
        parts.push(Buffer.from(piece));
        size += piece.length;
      }
      if (nl === -1) break;
      if (skipping) yield null;
      else yield Buffer.concat(parts).toString('utf8');
      parts = [];
      size = 0;
      skipping = false;
      start = nl + 1;
    }
  }
  if (skipping) yield null;
  else if (size > 0) yield Buffer.concat(parts).toString('utf8');
}

export async function serveStdio(input: NodeJS.ReadableStream = process.stdin, write: (s: string) => void = (s) => process.stdout.write(s)): Promise<void> {
  for await (const line of lines(input, MAX_LINE_BYTES)) {
    let reply: object;
    let stop = false;
    try {
      ({ reply, stop } = line === null ? { reply: badRequest(`the line is longer than ${MAX_LINE_BYTES} bytes`), stop: false } : await answer(line));
    } catch (e) {
      reply = { errored: true, message: `the adapter failed on this line: ${why(e)}` };
    }
    write(serialise(reply) + '\n');
    if (stop) break;
  }
}
