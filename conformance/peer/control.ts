// The harness's end of the peer-mode control protocol (spec/10-adapter-protocol.md, "Peer mode"):
// one implementation process hosting any number of peers, driven over the adapter framing, with
// every answer checked against schemas/json/peer-control.schema.json. A wrong answer is a
// ControlError naming the requirement of the op, which a check reports as that failure; a crash or
// timeout is `errored`, never a verdict about the protocol.
import { Compile } from 'typebox/compile';
import { isJsonObject, type JsonObject, type JsonValue } from '../lib/json.ts';
import { StdioImplementation } from '../impl/stdio.ts';
import type { ImplementationInfo, Response } from '../impl/types.ts';
import { PEER_OPS, type JoinInput, type StateOutput } from '../../schemas/src/peer-control.ts';

export const PEER_PROFILE = 'peer';

/** The requirement each op's contract comes from. */
export const OP_REQUIREMENT: Record<string, string> = {
  'peer.join': 'ADP-32',
  'peer.state': 'ADP-33',
  'peer.announce': 'ADP-34',
  'peer.knock': 'ADP-35',
  'peer.moderate': 'ADP-36',
  'peer.hostcmd': 'ADP-37',
  'peer.identity': 'ADP-38',
  'peer.leave': 'ADP-39',
  'peer.transcript': 'ADP-40',
};

const outputCheck = Object.fromEntries(Object.entries(PEER_OPS).map(([op, s]) => [op, Compile(s.output)]));

/** The implementation broke the control protocol: a failure of `requirement`. */
export class ControlError extends Error {
  constructor(
    readonly requirement: string,
    message: string,
  ) {
    super(message);
  }
}

/** The implementation could not be driven (crash, timeout, unsupported op): not a verdict. */
export class ControlStop extends Error {
  constructor(
    readonly status: 'unsupported' | 'errored',
    message: string,
  ) {
    super(message);
  }
}

export interface ControlOptions {
  /** Per-request timeout, ms (joining starts WebRTC stacks; the default is generous). */
  timeoutMs?: number;
  /** How long `start` may take: a browser stack compiles and launches Chromium first (default 120 s). */
  startTimeoutMs?: number;
}

/** One implementation process in peer mode. Requests are serialised: the protocol allows one at a time [ADP-02]. */
export class PeerControl {
  #impl: StdioImplementation;
  #queue: Promise<unknown> = Promise.resolve();
  #handles = new Set<string>();
  #born = new Map<string, number>();
  info: ImplementationInfo | null = null;

  constructor(
    readonly command: string,
    readonly options: ControlOptions = {},
  ) {
    this.#impl = new StdioImplementation(command, { timeoutMs: options.timeoutMs ?? 30_000, startTimeoutMs: options.startTimeoutMs ?? 120_000 });
  }

  get label(): string {
    return `cmd:${this.command}`;
  }

  diagnostics(): string {
    return this.#impl.diagnostics();
  }

  async start(): Promise<ImplementationInfo> {
    this.info = await this.#impl.start();
    if (!this.info.profiles.includes(PEER_PROFILE)) throw new ControlStop('unsupported', `${this.label} does not declare the "${PEER_PROFILE}" profile [ADP-30]`);
    return this.info;
  }

  /** Runs one op; resolves with the output of an `ok` answer, or throws. */
  async raw(op: string, input: JsonObject): Promise<Response> {
    const run = this.#queue.then(() => this.#impl.run(op, input));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** How often the driver restarted the implementation after a crash; handles die with a process. */
  restarts(): number {
    return (this.#impl as { restarts?: () => number }).restarts?.() ?? 0;
  }

  async call(op: string, input: JsonObject): Promise<JsonObject> {
    const before = this.restarts();
    const handle = typeof input.peer === 'string' ? input.peer : null;
    if (handle && this.#born.has(handle) && this.#born.get(handle) !== before) {
      throw new ControlStop('errored', `${op}: peer ${handle} is gone: the implementation crashed and was restarted`);
    }
    const r = await this.raw(op, input);
    if (this.restarts() !== before) throw new ControlStop('errored', `${op}: the implementation crashed (restarted by the driver)`);
    if ('unsupported' in r) throw new ControlStop('unsupported', `${op} is unsupported`);
    if ('errored' in r) throw new ControlStop('errored', `${op}: ${r.message}`);
    if (!r.ok) throw new ControlError(OP_REQUIREMENT[op] ?? 'ADP-31', `${op} refused a well-formed input: ${r.error.code}: ${r.error.message}`);
    const check = outputCheck[op];
    if (check && !check.Check(r.output)) {
      const why = [...check.Errors(r.output)].slice(0, 3).map((e: { instancePath?: string; message?: string }) => `${e.instancePath || '/'} ${e.message}`).join('; ');
      throw new ControlError(OP_REQUIREMENT[op] ?? 'ADP-31', `${op} answered an output that breaks schemas/json/peer-control.schema.json: ${why}`);
    }
    return r.output;
  }

  async join(input: JoinInput): Promise<{ peer: string; fingerprint: string }> {
    const o = await this.call('peer.join', input as unknown as JsonObject);
    this.#handles.add(String(o.peer));
    this.#born.set(String(o.peer), this.restarts());
    return { peer: String(o.peer), fingerprint: String(o.fingerprint) };
  }

  async state(peer: string): Promise<StateOutput> {
    return (await this.call('peer.state', { peer })) as unknown as StateOutput;
  }

  async leave(peer: string): Promise<void> {
    this.#handles.delete(peer);
    await this.call('peer.leave', { peer });
  }

  /** Leaves every peer a check left behind; errors here are not the check's verdict. */
  async leaveAll(): Promise<void> {
    for (const h of [...this.#handles]) {
      this.#handles.delete(h);
      await this.raw('peer.leave', { peer: h }).catch(() => undefined);
    }
  }

  async stop(): Promise<void> {
    await this.leaveAll().catch(() => undefined);
    await this.#impl.stop();
  }
}

/**
 * A view of one peer program for one scenario or case: the same requests, but `leaveAll` leaves
 * only the peers this view joined, so scenarios running at once never end each other's peers.
 */
export class ControlScope {
  #handles = new Set<string>();
  constructor(readonly ctl: PeerControl) {}
  get label(): string {
    return this.ctl.label;
  }
  diagnostics(): string {
    return this.ctl.diagnostics();
  }
  raw(op: string, input: JsonObject): Promise<Response> {
    return this.ctl.raw(op, input);
  }
  call(op: string, input: JsonObject): Promise<JsonObject> {
    return this.ctl.call(op, input);
  }
  async join(input: JoinInput): Promise<{ peer: string; fingerprint: string }> {
    const j = await this.ctl.join(input);
    this.#handles.add(j.peer);
    return j;
  }
  state(peer: string): Promise<StateOutput> {
    return this.ctl.state(peer);
  }
  async leave(peer: string): Promise<void> {
    this.#handles.delete(peer);
    await this.ctl.leave(peer);
  }
  async leaveAll(): Promise<void> {
    for (const h of [...this.#handles]) {
      this.#handles.delete(h);
      await this.ctl.raw('peer.leave', { peer: h }).catch(() => undefined);
    }
  }
}

export const asObject = (v: JsonValue | undefined): JsonObject => (isJsonObject(v) ? v : {});
