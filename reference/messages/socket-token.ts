// The `token` of a broker socket URL (SocketQuery.token): the only secret that lets a socket
// re-attach to a registered id, so it is drawn from a CSPRNG [MSG-11]. PeerJS's own default is
// Math.random in base 36; this is 128 bits in lower-case hex, which is also valid base 36, so
// brokers see nothing unusual. Pass it to PeerJS as the `token` option. Browser-safe (WebCrypto).
import { toHex } from '../encoding/text.ts';

export const SOCKET_TOKEN_BYTES = 16;

export function newSocketToken(random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  return toHex(random(SOCKET_TOKEN_BYTES));
}
