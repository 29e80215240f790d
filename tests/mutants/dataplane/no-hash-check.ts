// Completes transfers without comparing the xend hash.
import { isJsonObject } from '../../../reference/encoding/json.ts';
import { TransferReceiver } from '../../../reference/dataplane/xfer/receiver.ts';
import { dataplaneMutant } from './_lib.ts';

const m = dataplaneMutant('no-hash-check', {
  bug: 'the SHA-256 in xend is never compared',
  breaks: 'XFER-11',
  mustFail: ['dataplanexfer.receive.wrong-hash', 'prop.dataplane.xfer.receive-model'],
  factories: {
    transferReceiver: (s, c) => {
      const r = new TransferReceiver(s, c);
      return {
        step: (at, e) => {
          if (e.type === 'frame' && isJsonObject(e.msg) && e.msg.k === 'xend') {
            const { hash: _hash, ...rest } = e.msg;
            return r.step(at, { ...e, msg: rest });
          }
          return r.step(at, e);
        },
      };
    },
  },
});
export const { info, run } = m;
export default m;
