// The harness's model of spec/02-room-ids.md: the four normalisation steps of ROOM-01 in the
// order ROOM-02 fixes, and the broker id syntax of SIG-03 that decides ROOM-06.

export const AUTHORITY_PREFIX = 'kbz-v1-';

export function roomId(name: string): string {
  const lowered = name.toLowerCase(); // step 1 (CONV-09: full Unicode mapping, no locale)
  const dashed = lowered.replace(/[^a-z0-9]+/g, '-'); // step 2
  const stripped = dashed.replace(/^-+/, '').replace(/-+$/, ''); // step 3
  return stripped.slice(0, 40); // step 4, last: the id may end in '-'
}

/** SIG-03: what a PeerJS broker registers. */
export const BROKER_ID = /^[A-Za-z0-9]+(?:[ _-][A-Za-z0-9]+)*$/;
