// How Kibitz opens its data connections (spec/11-data-connections.md 11.1): the PeerJS options,
// which peer dials which, and how an inbound connection is recognised.

/** Label of the bulk connection; sig and presence connections have none (PeerJS then uses the connection id) [MSG-17]. */
export const BULK_LABEL = 'bulk';

/** PeerJS `connect` options of a presence or sig connection: reliable, default (BinaryPack) serialization [WIRE-01]. */
export const SIG_CONNECT_OPTIONS = { reliable: true } as const;
/** PeerJS `connect` options of a bulk connection [WIRE-01]. */
export const BULK_CONNECT_OPTIONS = { reliable: true, label: BULK_LABEL } as const;

/** True when `self` dials the sig connection with `peer`: the id that sorts first by UTF-16 code units [WIRE-04]. */
export const dialsSig = (self: string, peer: string): boolean => self < peer;

/** What an inbound connection is, by its label alone [MSG-17]. */
export const connectionRole = (label: string): 'bulk' | 'sig' => (label === BULK_LABEL ? 'bulk' : 'sig');

/** Whether a peer dials bulk now: it dialled sig, the other side sent `cap`, and no bulk is open or being dialled [WIRE-05]. */
export function dialsBulk(state: { dialledSig: boolean; capReceived: boolean; bulkOpenOrDialling: boolean }): boolean {
  return state.dialledSig && state.capReceived && !state.bulkOpenOrDialling;
}

/** The `cap` frame a peer sends when its sig connection opens [WIRE-05]. */
export const CAP_FRAME = { t: 'cap', bulk: 1 } as const;

/**
 * What is wrong with an observed data-connection OFFER payload for a Kibitz peer [WIRE-01]: an empty
 * list when nothing is. Used to judge live offers in tests.
 */
export function dataOfferProblems(payload: unknown): string[] {
  if (typeof payload !== 'object' || payload === null) return ['the payload is not an object'];
  const p = payload as Record<string, unknown>;
  const out: string[] = [];
  if (p.type !== 'data') out.push(`type is ${JSON.stringify(p.type)}, not "data"`);
  if (typeof p.connectionId !== 'string' || p.connectionId === '') out.push('connectionId is not a non-empty string');
  if (typeof p.label !== 'string') out.push('label is not a string');
  if (p.reliable !== true) out.push(`reliable is ${JSON.stringify(p.reliable)}, not true`);
  if (p.serialization !== 'binary') out.push(`serialization is ${JSON.stringify(p.serialization)}, not "binary"`);
  return out;
}
