// Keeps the host slot after the host's connection has closed, so whoever reuses it stays "host".
import { Coordinator } from '../../../reference/presence/coordinator.ts';
import { presenceMutant } from './_lib.ts';

class StickyHost extends Coordinator {
  protected override onDisconnect(conn: string): void {
    if (this.hostConn === conn) this.hostConn = null; // forget whose slot it was, keep the id
    super.onDisconnect(conn);
  }
}
const m = presenceMutant('host-kept-after-disconnect', {
  bug: 'the host slot is not emptied when the host disconnects',
  breaks: 'PRES-32',
  mustFail: ['presence.mod.host-cleared-on-disconnect'],
  coordinator: StickyHost,
});
export const { info, run } = m;
export default m;
