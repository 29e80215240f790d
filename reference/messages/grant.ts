// What a receiver keeps of a Grant from a caps frame [MSG-38]: a peer must never gain a capability
// from a string this version does not know, and disclosure text is bounded.
import { ACT_CAPABILITIES, PERCEIVE_CAPABILITIES, type Grant } from '../../schemas/src/dataplane.ts';

export const GRANT_BACKEND_MAX = 80;

export interface SanitizedGrant {
  perceive: (typeof PERCEIVE_CAPABILITIES)[number][];
  act: (typeof ACT_CAPABILITIES)[number][];
  backend?: string;
  egress?: true;
  expiresAt?: number;
}

const known = <T extends string>(list: readonly T[], xs: readonly string[]): T[] =>
  [...new Set(xs)].filter((x): x is T => (list as readonly string[]).includes(x));

export function sanitizeGrant(g: Grant): SanitizedGrant {
  const out: SanitizedGrant = { perceive: known(PERCEIVE_CAPABILITIES, g.perceive), act: known(ACT_CAPABILITIES, g.act) };
  // Sliced by UTF-16 code units, as upstream does.
  if (typeof g.backend === 'string' && g.backend !== '') out.backend = g.backend.slice(0, GRANT_BACKEND_MAX);
  if (g.egress === true) out.egress = true;
  if (typeof g.expiresAt === 'number' && g.expiresAt > 0) out.expiresAt = g.expiresAt;
  return out;
}
