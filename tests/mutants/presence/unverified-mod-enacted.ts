// Enacts a host command from its payload without checking the signature, the key, the room, the
// certificate binding or freshness.
import { decodeBase64url } from '../../../reference/encoding/base64url.ts';
import { isHostOp } from '../../../reference/hostcmd/payload.ts';
import type { VerifiedHostCommand } from '../../../reference/hostcmd/verify.ts';
import { Coordinator } from '../../../reference/presence/coordinator.ts';
import { fail, ok, type Result } from '../../../reference/result.ts';
import { presenceMutant } from './_lib.ts';

class TrustsPayload extends Coordinator {
  protected override verifyMod(token: string): Result<VerifiedHostCommand> {
    const body = decodeBase64url(token.split('.')[0] ?? '');
    if (!body.ok) return fail('hostcmd.malformed', 'no body');
    try {
      const p = JSON.parse(new TextDecoder().decode(body.value)) as { op?: unknown; target?: unknown };
      if (!isHostOp(p.op)) return fail('hostcmd.unknown-op', 'unknown op');
      return ok({ op: p.op, ...(typeof p.target === 'string' ? { target: p.target } : {}) });
    } catch {
      return fail('hostcmd.malformed', 'not JSON');
    }
  }
}
const m = presenceMutant('unverified-mod-enacted', {
  bug: 'mod commands are enacted without verification',
  breaks: 'PRES-07',
  mustFail: ['presence.mod.not-cert-bound', 'presence.mod.stranger-key', 'prop.presence.only-verified-mod'],
  coordinator: TrustsPayload,
});
export const { info, run } = m;
export default m;
