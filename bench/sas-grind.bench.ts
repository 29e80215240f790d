// Safety-code grinding (spec/06-safety-code.md 6.6), measured on the machine it runs on: how many
// candidate certificates per second an attacker tests, and so how long the expected 2^20 trials
// of the attack take. Three engines, best of several rounds each:
//   - JavaScript: SHA-256 in plain JavaScript (@noble/hashes), what a browser tab can do;
//   - node:crypto: OpenSSL's SHA-256 behind Node's API (per-call overhead included);
//   - native: bench/native/sas-grind.c, compiled here with the system C compiler against
//     libcrypto, whose SHA-256 uses the CPU's SHA extensions where present (skipped without cc).
// A trial is what the attack needs per candidate: SHA-256 over a certificate (408 bytes, the size
// of the fixture certificates), the colon-hex fingerprint, the pair string with the target's
// fingerprint, SHA-256 over that, and a compare of four 5-bit indices. The bench also times one
// ECDSA P-256 signature, the cost of each certificate in a pre-generated pool. Rates are per second
// of CPU time of this process (process.cpuUsage, CLOCK_PROCESS_CPUTIME_ID in C), so that a busy
// machine still reports what one idle core does; the load average is printed alongside.
//   npm run bench sas-grind
import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';

const CERT_BYTES = 408;
const TRIALS_NEEDED = 2 ** 20; // mean number of trials for one 20-bit match
const OTHER = 'ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89';
const TARGET = [1, 2, 3, 4];
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function certificateBuffer(): Uint8Array {
  const b = new Uint8Array(CERT_BYTES);
  for (let i = 0; i < b.length; i++) b[i] = (i * 131 + 7) & 0xff;
  return b;
}

const colonHex = (d: Uint8Array): string => {
  let s = HEX[d[0]!]!;
  for (let i = 1; i < 32; i++) s += ':' + HEX[d[i]!];
  return s;
};

type Hash = (bytes: Uint8Array | string) => Uint8Array;

/** CPU time of this process, ms (user + system). */
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Trials per CPU second of one engine: best of `rounds` rounds of at least `ms` CPU ms each. */
function trialsPerSecond(hash: Hash, rounds = 5, ms = 500): number {
  const cert = certificateBuffer();
  const view = new DataView(cert.buffer);
  let best = 0;
  let hits = 0;
  let counter = 0;
  for (let r = 0; r < rounds; r++) {
    const start = cpuMs();
    let n = 0;
    let now = start;
    while (now - start < ms) {
      for (let k = 0; k < 256; k++) {
        view.setUint32(16, counter++); // the varied field
        const fp = colonHex(hash(cert));
        const pair = fp < OTHER ? `${fp}|${OTHER}` : `${OTHER}|${fp}`;
        const d = hash(pair);
        if ((d[0]! & 31) === TARGET[0] && (d[1]! & 31) === TARGET[1] && (d[2]! & 31) === TARGET[2] && (d[3]! & 31) === TARGET[3]) hits++;
      }
      n += 256;
      now = cpuMs();
    }
    best = Math.max(best, (n * 1000) / (now - start));
  }
  if (hits < 0) console.log(hits); // keep the compare from being optimised away
  return best;
}

const nobleHash: Hash = (b) => sha256(typeof b === 'string' ? new TextEncoder().encode(b) : b);
const nodeHash: Hash = (b) => createHash('sha256').update(b).digest();

function nativeTrialsPerSecond(): { rate: number; midstate: number } | { skipped: string } {
  const src = new URL('./native/sas-grind.c', import.meta.url).pathname;
  const dir = mkdtempSync(join(tmpdir(), 'kbz-sas-grind-'));
  const bin = join(dir, 'sas-grind');
  try {
    execFileSync('cc', ['-O2', '-Wno-deprecated-declarations', src, '-o', bin, '-lcrypto'], { stdio: 'pipe' });
  } catch (e) {
    return { skipped: `no C compiler with libcrypto headers (${(e as Error).message.split('\n')[0]})` };
  }
  const best = (mode: string) => {
    let b = 0;
    for (let r = 0; r < 5; r++) {
      const out = JSON.parse(execFileSync(bin, [String(CERT_BYTES), '0.5', mode], { encoding: 'utf8' })) as { trials: number; seconds: number };
      b = Math.max(b, out.trials / out.seconds);
    }
    return b;
  };
  return { rate: best('whole'), midstate: best('midstate') };
}

function signaturesPerSecond(ms = 1500): number {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const tbs = certificateBuffer().subarray(0, 319);
  const start = cpuMs();
  let n = 0;
  while (cpuMs() - start < ms) {
    for (let k = 0; k < 32; k++) sign('sha256', tbs, privateKey);
    n += 32;
  }
  return (n * 1000) / (cpuMs() - start);
}

function shaExtensions(): string {
  try {
    const flags = readFileSync('/proc/cpuinfo', 'utf8');
    return /\bsha_ni\b/.test(flags) ? 'yes (sha_ni)' : /\bsha2\b/.test(flags) ? 'yes (sha2)' : 'no';
  } catch {
    return existsSync('/proc') ? 'unknown' : 'unknown (no /proc)';
  }
}

const fmtRate = (r: number) => `${Math.round(r).toLocaleString('en-US')} trials/s`.padStart(22);
const fmtTime = (r: number, cores: number) => {
  const s = TRIALS_NEEDED / (r * cores);
  return s < 1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(1)} s`;
};

export async function run(): Promise<void> {
  const cores = availableParallelism();
  console.log(`CPU: ${cpus()[0]?.model ?? 'unknown'}, ${cores} core(s); SHA extensions: ${shaExtensions()}; OpenSSL ${process.versions.openssl}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log(`A trial: SHA-256 of a ${CERT_BYTES}-byte certificate, colon hex, pair string, SHA-256, 4 x 5-bit compare. Mean trials for a match: 2^20 = ${TRIALS_NEEDED.toLocaleString('en-US')}.`);
  const rows: [string, number | string][] = [
    ['JavaScript (@noble/hashes)', trialsPerSecond(nobleHash)],
    ['node:crypto (OpenSSL)', trialsPerSecond(nodeHash)],
  ];
  const native = nativeTrialsPerSecond();
  rows.push(['native C (libcrypto)', 'rate' in native ? native.rate : `skipped: ${native.skipped}`]);
  if ('midstate' in native) rows.push(['native C, cached midstate', native.midstate]);
  console.log(`${'engine'.padEnd(28)}${'rate (one CPU second)'.padStart(22)}   mean time per match: one core / ${cores} cores`);
  for (const [name, r] of rows) {
    if (typeof r === 'string') console.log(`${name.padEnd(28)}${r}`);
    else console.log(`${name.padEnd(28)}${fmtRate(r)}   ${fmtTime(r, 1).padStart(8)} / ${fmtTime(r, cores)}`);
  }
  const sig = signaturesPerSecond();
  console.log(`ECDSA P-256 signatures (node:crypto), one core: ${Math.round(sig).toLocaleString('en-US')}/s: a pool of 2^20 valid self-signed certificates takes ${(TRIALS_NEEDED / sig / 60).toFixed(1)} min on one core.`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
