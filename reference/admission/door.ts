// The coordinator's door for each gate mode of the link [PRES-75..PRES-85]. Upstream builds every
// mode as a verifier the coordinator consults; so does this: `names`, `invite` and `code` decide
// locally from the link (and the host-held codes), `google` and `email` leave the decision to the
// external ID-token verifier (chapter 5) and only contribute the "humans open" rule.
import type { JsonObject, JsonValue } from '../encoding/json.ts';
import { lowerUnicode, trimEcma } from '../encoding/text.ts';
import { importPublicJwk } from '../token/keys.ts';
import { verifyInvite } from './invite.ts';
import { matchCode, type CodeEntry } from './join-code.ts';
import type { GateMode } from './link.ts';
import { humansOpen, manifestAdmits, verifyManifest } from './manifest.ts';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitConfig } from './rate-limit.ts';

/** A gate's link material, named as in the link (`g`, `gn`, `gk`, `gm`) plus the host-held codes. */
export interface DoorConfig {
  g?: GateMode;
  gn?: string[];
  gk?: JsonValue;
  gm?: string;
  codes?: CodeEntry[];
  limit?: RateLimitConfig;
}

export type Verdict = 'ok' | 'fail' | 'locked-out';

export interface Door {
  readonly mode: GateMode;
  /** The door decides itself (no external verifier request) [PRES-78]. */
  readonly local: boolean;
  /** A credential-less joiner is admitted directly [PRES-81]. */
  readonly humansOpen: boolean;
  decide(conn: string, credential: string, atMs: number): Verdict;
  /** The connection went: forget its failures [CODE-03]. */
  forget(conn: string): void;
}

/** Modes whose credential does not bind the connection's certificate [PRES-77]. */
export const LOCAL_MODES: readonly GateMode[] = ['names', 'invite', 'code'];

/** [PRES-79] Trim and lower-case both sides (no NFKC: upstream's name list does not use it). */
export function nameAllowed(picked: string, allowed: readonly string[]): boolean {
  const p = lowerUnicode(trimEcma(picked));
  if (p === '') return false;
  return allowed.map((a) => lowerUnicode(trimEcma(a))).filter((a) => a !== '').includes(p);
}

/**
 * [PRES-81], [PRES-85] Humans are open when the link's manifest verifies (no mode pinned, at the
 * start of the role) and commits agents but no human allow-list. Unlike upstream, a non-empty `mh`
 * counts as a human allow-list.
 */
function manifestOpensHumans(gk: JsonValue | undefined, gm: string | undefined, room: string, nowS: number): boolean {
  if (gk === undefined || gm === undefined) return false;
  const m = verifyManifest(gm, gk, room, nowS);
  if (!m.ok) return false;
  const open = humansOpen(m.value);
  return open.ok && open.value && !((m.value.mh as string[] | undefined)?.length);
}

export function makeDoor(cfg: DoorConfig, room: string, startMs: number): Door {
  const mode = cfg.g ?? 'google';
  const startS = Math.floor(startMs / 1000);
  const openHumans = manifestOpensHumans(cfg.gk, cfg.gm, room, startS);
  const base = { mode, local: LOCAL_MODES.includes(mode), humansOpen: openHumans, forget: (_conn: string) => {} };
  switch (mode) {
    case 'names': {
      const names = cfg.gn ?? [];
      return { ...base, decide: (_conn, cred) => (nameAllowed(cred, names) ? 'ok' : 'fail') };
    }
    case 'invite': {
      // [PRES-80] No usable creator key: nobody gets in. A manifest is verified once, pinned to
      // the invite mode; a manifest that fails shuts the door for every credential.
      if (cfg.gk === undefined || !importPublicJwk(cfg.gk).ok) return { ...base, decide: () => 'fail' };
      const key = cfg.gk;
      let roster: JsonObject | null = null;
      if (cfg.gm !== undefined) {
        const m = verifyManifest(cfg.gm, key, room, startS, 'invite');
        if (!m.ok) return { ...base, decide: () => 'fail' };
        roster = m.value;
        if (openHumans) return { ...base, decide: () => 'ok' }; // agent-only: humans open [PRES-81]
      }
      return {
        ...base,
        decide: (_conn, cred, atMs) => {
          const name = verifyInvite(cred, key, room, Math.floor(atMs / 1000));
          if (!name.ok) return 'fail';
          if (roster && !(manifestAdmits(roster, name.value) as { ok: true; value: boolean }).value) return 'fail';
          return 'ok';
        },
      };
    }
    case 'code': {
      // [PRES-82] Codes are held by the coordinator, never in the link; guesses are rate-limited
      // per connection [CODE-03].
      const entries = cfg.codes ?? [];
      const limiter = new RateLimiter(cfg.limit ?? DEFAULT_RATE_LIMIT);
      return {
        ...base,
        forget: (conn) => limiter.clear(conn),
        decide: (conn, cred, atMs) => {
          if (!limiter.check(conn, atMs).allowed) return 'locked-out';
          if (matchCode(entries, cred)) {
            limiter.clear(conn);
            return 'ok';
          }
          limiter.fail(conn, atMs);
          return 'fail';
        },
      };
    }
    default:
      // google, email: the external verifier decides (chapter 5) [PRES-83].
      return { ...base, local: false, decide: () => 'fail' };
  }
}
