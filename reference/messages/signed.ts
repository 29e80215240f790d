// Signed-payload decoders (spec/07-messages.md, 7.5). These check shape only; signatures, freshness
// and binding are chapters 3 and 4. Run after the signature verifies [TOK-09].
import type { HostCommandPayload } from '../../schemas/src/signed.ts';
import { catalogEntry } from './catalog.ts';
import type { MsgResult } from './codes.ts';
import { decodeWith } from './decode.ts';

const payload = catalogEntry('signed', 'HostCommandPayload');
const token = catalogEntry('signed', 'CompactToken');

/** The parsed body of a verified host command: strict, so unknown members are refused [MSG-32]. */
export const decodeSigned = (value: unknown): MsgResult<HostCommandPayload> => decodeWith(payload, value);
export const decodeCompactToken = (value: unknown): MsgResult<string> => decodeWith(token, value);
