// Trophy T8: one WebSocket frame that is not JSON crashes a process that embeds the PeerJS server
// (`peer` 1.0.2) as a library without an 'error' listener. Prints the crash and exits 0 when the
// bug reproduces, 1 when the server survives.   node scripts/trophies/peer-non-json-crash.mjs
import { spawnSync } from 'node:child_process';

const child = `
const { PeerServer } = require('peer');
const WebSocket = require('ws');
PeerServer({ port: 0, path: '/' }, (s) => {
  const ws = new WebSocket('ws://127.0.0.1:' + s.address().port + '/peerjs?key=peerjs&id=abc&token=t1');
  ws.on('message', () => { ws.send('this is not json'); setTimeout(() => { console.log('SURVIVED'); process.exit(0); }, 1000); });
});`;
const r = spawnSync(process.execPath, ['-e', child], { cwd: new URL('../../', import.meta.url).pathname, encoding: 'utf8', timeout: 20_000 });
const crashed = r.status !== 0 && /not valid JSON/.test(r.stderr);
console.log(crashed ? `reproduced: the embedding process died (exit ${r.status}):\n${r.stderr.split('\n').find((l) => l.includes('SyntaxError'))}` : `not reproduced (exit ${r.status}): ${r.stdout.trim()}`);
process.exit(crashed ? 0 : 1);
