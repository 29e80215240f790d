// Bare presence clients in tests (no presence machine) dial once. About 1 dial in 20 between
// reference peers in one loaded process fails its DTLS handshake right after ICE connects
// (libdatachannel: "certificate verify failed" / alert "unknown CA" at both ends; the cause is not
// found yet, see changes/live-stability.md), and the transport reports that dial closed [PRES-37].
// A test that judges something other than dialling re-dials the way the presence machine would,
// a bounded number of times, so that such a dial is not taken for the failure it looks for. A
// transport that never opens still fails the test's own bound on the open.
import type { ClientTransport } from '../../../reference/presence/transport.ts';

/** Re-dials when a dial is reported closed, at most `max` times. Replaces the onClosed handler. */
export function redialOnClose(client: ClientTransport, max = 3): void {
  let left = max;
  client.onClosed(() => {
    if (left-- > 0) client.dial();
  });
}
