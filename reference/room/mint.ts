// Minting a fresh room name [ROOM-07]: a word, "-", and 10 base-36 characters drawn without bias
// (rejection sampling: bytes >= 252 are discarded, 252 = 7 * 36), about 51.7 bits. Randomness is
// injected so tests can pin it.
import { claimablePeerId, normalizeRoom } from './normalize.ts';

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';
export const MINT_CODE_LENGTH = 10;
export const MINT_CODE_BITS = MINT_CODE_LENGTH * Math.log2(36);

export function randomCode(length: number, random: (n: number) => Uint8Array): string {
  let out = '';
  while (out.length < length) {
    for (const b of random(length)) {
      if (b >= 252) continue; // keeps every character equally likely
      out += BASE36[b % 36];
      if (out.length === length) break;
    }
  }
  return out;
}

export function mintRoomName(word: string, random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  const code = randomCode(MINT_CODE_LENGTH, random);
  const name = `${word}-${code}`;
  // The 40-character cut must not eat the random code, or the room id loses its entropy.
  if (!claimablePeerId(name).ok || !normalizeRoom(name).endsWith(code)) {
    throw new Error(`word ${JSON.stringify(word)} does not make a joinable room name that keeps its random code`);
  }
  return name;
}
