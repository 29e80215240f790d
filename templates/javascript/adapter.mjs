#!/usr/bin/env node
// A minimal Kibitz conformance adapter in JavaScript, Node.js standard library only.
//
// It speaks the adapter protocol of spec/10-adapter-protocol.md (JSON Lines on stdin/stdout) and
// answers two crypto ops as examples. Replace them with calls into your implementation, add ops
// to OPS and list the profiles you implement in PROFILES. Everything else is done here: framing,
// bad requests (ADP-11), unknown ops (ADP-07), wrong input shapes (ADP-08), x- members (ADP-12),
// internal errors (ADP-09) and stop (ADP-10).
//
//   npx -p kibitz-protocol kibitz-conformance --impl "cmd:node adapter.mjs"
//
// In JavaScript you can also skip stdio: export `info` and `run(op, input)` from a module and use
// --impl module:./my-adapter.mjs (types: `import type { ModuleAdapter } from 'kibitz-protocol/adapter'`).
import { createInterface } from 'node:readline';

const IMPLEMENTATION = { name: 'my-kibitz', version: '0.0.0', language: 'javascript' };
const PROFILES = ['crypto'];

/** The input does not have the shape the op defines: answered input.invalid (ADP-08). */
class InputInvalid extends Error {}
/** The op rejected its input with a spec error code (ADP-06), e.g. room.unclaimable-id. */
class ProtocolError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

function text(input, name, fallback) {
  const v = input[name] ?? fallback;
  if (typeof v !== 'string') throw new InputInvalid(`${name} must be a string`);
  return v;
}

const OPS = {
  // spec/02-room-ids.md ROOM-01: lower-case, runs of non-[a-z0-9] to '-', strip '-', cut at 40.
  'room.normalize': (input) => ({ room: text(input, 'name', '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) }),
  // spec/01-conventions.md CONV-11: trim (String.prototype.trim is exactly the spec's set), lower-case.
  'fingerprint.canonical': (input) => ({ fp: text(input, 'fp').trim().toLowerCase() }),
};

// ADP-11: a bad request's answer carries the request's seq member unchanged, whatever it is, when it has one.
const badRequest = (why, msg) => ({ ...(msg && Object.hasOwn(msg, 'seq') ? { seq: msg.seq } : {}), ok: false, error: { code: 'adapter.bad-request', message: why } });

async function run(msg) {
  const { seq, op, input } = msg;
  if (!Number.isInteger(seq) || seq < 1 || typeof op !== 'string' || typeof input !== 'object' || input === null || Array.isArray(input)) {
    return badRequest('run needs a positive integer seq, a string op and an object input', msg);
  }
  const handler = Object.hasOwn(OPS, op) ? OPS[op] : undefined;
  if (!handler) return { seq, unsupported: true };
  try {
    return { seq, ok: true, output: await handler(input) };
  } catch (e) {
    if (e instanceof InputInvalid) return { seq, ok: false, error: { code: 'input.invalid', message: e.message } };
    if (e instanceof ProtocolError) return { seq, ok: false, error: { code: e.code, message: e.message } };
    return { seq, errored: true, message: String(e?.stack ?? e) }; // a bug here: answer errored, never crash (ADP-09)
  }
}

/** The reply to one request line, and whether to exit after it. */
async function answer(line) {
  let msg;
  try {
    msg = JSON.parse(line);
  } catch {
    return [badRequest('the line is not JSON'), false];
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return [badRequest('the line is not a JSON object'), false];
  switch (msg.cmd) { // members named x-* are never read (ADP-12)
    case 'start':
      if (msg.version !== 1) return [{ ok: false, error: { code: 'adapter.unsupported-version', message: 'only version 1' } }, false];
      return [{ ok: true, implementation: IMPLEMENTATION, profiles: PROFILES }, false];
    case 'run':
      return [await run(msg), false];
    case 'stop':
      return [{ ok: true }, true];
    default:
      return [badRequest(`unknown cmd ${JSON.stringify(msg.cmd)}`, msg), false];
  }
}

// One request per line; nothing but answers goes to stdout (ADP-01), diagnostics to stderr.
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  let reply;
  let stop = false;
  try {
    [reply, stop] = await answer(line);
    reply = JSON.stringify(reply);
  } catch (e) {
    reply = JSON.stringify({ errored: true, message: String(e) }); // still one answer (ADP-02)
  }
  process.stdout.write(`${reply}\n`);
  if (stop) process.exit(0);
}
