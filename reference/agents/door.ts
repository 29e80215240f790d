// The coordinator's state for agents at the door (spec/08-presence.md 8.10): the allow-list fixed
// when the role begins, each connection's verified credit expiry, the expiry its roster slot took,
// and which connections came in by key. The coordinator owns the frames and requests; this owns
// what the agent rules remember, so the coordinator's own changes stay a few lines.
import type { JsonObject } from '../encoding/json.ts';
import { isJsonObject } from '../encoding/json.ts';
import { CREDIT_REAP_S } from './constants.ts';
import { decideAgent, declaresAgent, manifestAgentKeys, presented, type AgentDecision, type AgentGateConfig, type Presented } from './gate.ts';

/** The gate config members this reads (chapter 8.8 configs, 8.9 link material, 8.10 `credits`). */
export interface AgentDoorGate {
  gk?: JsonObject | unknown;
  gm?: string;
  credits?: boolean;
}

export class AgentDoor {
  readonly cfg: AgentGateConfig;
  /** Connection → the credit expiry its last verification returned [PRES-105]. */
  readonly #creditExp = new Map<string, number>();
  /** Connection → the credit expiry its roster slot took at its last `voice` [PRES-107]. */
  readonly #slotExp = new Map<string, number>();
  /** Connections admitted by agent key [PRES-113]. */
  readonly #byKey = new Set<string>();

  constructor(room: string, gate: AgentDoorGate, startMs: number) {
    const keys = manifestAgentKeys(gate.gk as never, gate.gm, room, Math.floor(startMs / 1000)); // [PRES-104]
    this.cfg = { room, agentKeys: keys, credits: gate.credits === true };
  }

  get credits(): boolean {
    return this.cfg.credits;
  }

  /** [PRES-100] The gate takes this entering frame even while identity is not required. */
  declares(frame: { jwt?: unknown; agentAssertion?: unknown; agentCredit?: unknown }): boolean {
    return declaresAgent(this.cfg, presented(frame));
  }

  /** [PRES-104] The agent branch's decision at the fingerprint answer, at `floor(at / 1000)`. */
  decide(c: Presented, fp: string | null, atMs: number): AgentDecision {
    const d = decideAgent(this.cfg, c, fp, Math.floor(atMs / 1000));
    // [PRES-112] With keys allow-listed, a credit alone does not make an agent.
    if (d.path === 'credit' && !d.agent && (this.cfg.agentKeys?.length ?? 0) > 0) return { path: 'fail', code: 'agent.missing' };
    return d;
  }

  /** [PRES-105] A credit verified with this expiry. */
  recordCredit(conn: string, exp: number): void {
    this.#creditExp.set(conn, exp);
  }
  admittedByKey(conn: string): void {
    this.#byKey.add(conn);
  }

  /** [PRES-113] The meta a key-admitted connection is rostered with: `role` is `agent`. */
  metaFor(conn: string, meta: JsonObject | undefined): JsonObject | undefined {
    if (!this.#byKey.has(conn)) return meta;
    return { ...(isJsonObject(meta) ? meta : {}), role: 'agent' };
  }

  /** [PRES-107] A `voice` rostered the connection: its slot takes the recorded expiry. */
  stampSlot(conn: string): void {
    const exp = this.#creditExp.get(conn);
    if (exp === undefined) this.#slotExp.delete(conn);
    else this.#slotExp.set(conn, exp);
  }

  /** [PRES-108] Of these slot keys (in slot order), the ones whose credit lapsed 90 s ago or more. */
  lapsed(slotKeys: Iterable<string>, nowMs: number): string[] {
    if (!this.cfg.credits) return [];
    const now = Math.floor(nowMs / 1000);
    const out: string[] = [];
    for (const conn of slotKeys) {
      const exp = this.#slotExp.get(conn);
      if (exp !== undefined && now >= exp + CREDIT_REAP_S) out.push(conn);
    }
    return out;
  }

  /** A reaped agent's credit is forgotten with its slot [PRES-108]. */
  forgetCredit(conn: string): void {
    this.#creditExp.delete(conn);
    this.#slotExp.delete(conn);
  }

  /** [PRES-109] A disconnect forgets everything about the connection. */
  forget(conn: string): void {
    this.forgetCredit(conn);
    this.#byKey.delete(conn);
  }
}

/** The `agent` output of [PRES-104]: who proved which key on which certificate. */
export function agentOutput(conn: string, d: AgentDecision): JsonObject | null {
  if (d.path === 'human' || !d.agent || d.fp === undefined) return null;
  const out: JsonObject = { type: 'agent', conn, fp: d.fp, keyId: d.agent.keyId };
  if (d.agent.caps) out.caps = d.agent.caps;
  if (d.agent.label !== undefined) out.label = d.agent.label;
  return out;
}
