// Drives one presence machine of the implementation under test through the session ops of
// spec/08-presence.md 8.8. Anything but a clean answer becomes a HarnessStop, which the check
// turns into `unsupported` or `errored` (never into a verdict about presence).
import { isJsonObject, type JsonObject, type JsonValue } from '../../lib/json.ts';
import { isErrored, isUnsupported, type Implementation } from '../../impl/types.ts';

export type Output = JsonObject & { type: string };

export class HarnessStop extends Error {
  constructor(
    readonly status: 'unsupported' | 'errored',
    message: string,
  ) {
    super(message);
  }
}

/** A violated requirement, thrown from inside a model run so fast-check can shrink it. */
export class Violation extends Error {
  constructor(
    readonly requirement: string,
    message: string,
    readonly expected?: unknown,
    readonly actual?: unknown,
  ) {
    super(`[${requirement}] ${message}`);
  }
}

async function call(impl: Implementation, op: string, input: JsonObject): Promise<JsonObject> {
  const r = await impl.run(op, input);
  if (isUnsupported(r)) throw new HarnessStop('unsupported', `op ${op} is unsupported`);
  if (isErrored(r)) throw new HarnessStop('errored', `${op}: ${r.message}`);
  if (!r.ok) throw new HarnessStop('errored', `${op} refused a well-formed input: ${r.error.code}: ${r.error.message}`);
  return r.output;
}

const outputsOf = (o: JsonObject, op: string): Output[] => {
  if (!Array.isArray(o.outputs)) throw new HarnessStop('errored', `${op} answered without an outputs array`);
  return o.outputs as Output[];
};

export class Session {
  private constructor(
    private readonly impl: Implementation,
    readonly id: string,
    readonly initial: Output[],
    public wake: number | null,
  ) {}

  static async open(impl: Implementation, role: string, config: JsonObject, start: number): Promise<Session> {
    const o = await call(impl, 'presence.open', { role, config, start });
    if (typeof o.session !== 'string') throw new HarnessStop('errored', 'presence.open answered without a session');
    return new Session(impl, o.session, outputsOf(o, 'presence.open'), typeof o.wake === 'number' ? o.wake : null);
  }

  async step(at: number, event: JsonObject): Promise<Output[]> {
    const o = await call(this.impl, 'presence.step', { session: this.id, at, event });
    this.wake = typeof o.wake === 'number' ? o.wake : null;
    return outputsOf(o, 'presence.step');
  }

  async close(): Promise<void> {
    await call(this.impl, 'presence.close', { session: this.id });
  }
}

/** Every roster an output list shows: frames sent and rosters reported to the application. */
export function rostersIn(outs: Output[]): { ids: string[]; lobby: unknown; locked: unknown; to: string[] | null }[] {
  const out: { ids: string[]; lobby: unknown; locked: unknown; to: string[] | null }[] = [];
  for (const o of outs) {
    const frame = o.type === 'send' && isObj(o.msg) && o.msg.t === 'roster' ? o.msg : o.type === 'roster' ? o : null;
    if (!frame) continue;
    const members = Array.isArray(frame.members) ? frame.members : [];
    const ids = members.map((m) => (isObj(m) && typeof m.id === 'string' ? m.id : '?'));
    out.push({ ids, lobby: frame.lobby, locked: frame.locked, to: o.type === 'send' && Array.isArray(o.to) ? (o.to as string[]) : null });
  }
  return out;
}

export const isObj = (v: JsonValue | undefined): v is JsonObject => isJsonObject(v);
