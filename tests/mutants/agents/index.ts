// Every agents mutant, for tests/agents/mutants.test.ts.
import type { Mutant } from '../mutant.ts';

export const AGENTS_MUTANTS = [
  'agent-sees-screen-lane', 'caps-accepted-from-non-host', 'expired-grant-honoured', 'assertion-not-cert-bound',
  'send-chat-not-enforced', 'assertion-stale-off-by-one', 'assertion-falls-through', 'bad-jwk-sinks-check',
  'intersect-widens', 'sanitize-keeps-unknown', 'image-to-read-only-agent', 'directed-without-receive-directed',
  'credit-no-leeway', 'credit-room-not-scoped', 'thumbprint-whole-jwk', 'presenter-resigns-late',
  'directed-transfer-to-stranger',
] as const;

export async function loadAgentsMutant(name: string): Promise<Mutant> {
  return ((await import(`./${name}.ts`)) as { default: Mutant }).default;
}
