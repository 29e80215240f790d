// kibitz-conformance broker: black-box checks of a PeerJS-protocol broker against
// spec/09-signaling.md, over WebSocket and HTTP. Reports look like the adapter suite's.
import { parseArgs } from 'node:util';
import { loadExpectations, type Expectation } from '../expectations.ts';
import { buildReport } from '../report/build.ts';
import { loadRequirements, type Requirement } from '../spec-index.ts';
import { fetchText } from './checks/http.ts';
import { parseEndpoint, rootUrl, socketUrl, type BrokerEndpoint } from './endpoint.ts';
import { BrokerSocket } from './socket.ts';
import { BROKER_CHECKS, BROKER_PROFILE, DEFAULT_TIMEOUTS, runBrokerChecks, selectBrokerChecks } from './suite.ts';
import { emitReport, REPORTERS } from '../report/emit.ts';
import { suiteInfo } from '../suite-info.ts';

const USAGE = `Usage: kibitz-conformance broker --url ws://HOST:PORT/PATH [options]

Checks a PeerJS-protocol signaling broker against spec/09-signaling.md. --url is the broker the way
a PeerJS client is configured: scheme (ws or wss), host, port and the PeerJS "path" option (default
"/"). The suite connects to <url>peerjs?key=..&id=..&token=.. and GETs <url><key>/id.

  --url <url>              the broker (required), e.g. ws://127.0.0.1:9000/ or wss://signal.example/
  --key <key>              PeerJS API key (default: peerjs, the only key Kibitz uses)
  --only <id>              run only this check id or group prefix, e.g. broker.relay (repeatable)
  --reporter <name>        pretty | tap | junit | json | md (default: pretty)
  --out <file>             write the report there (a pretty summary still goes to stdout)
  --quiet                  with --out: print nothing to stdout
  --expect <file>          expectations file: known failures (xfail) and skips
  --step-timeout <ms>      longest wait for a relayed frame (default: 5000)
  --quiet-window <ms>      how long to listen before concluding nothing arrives (default: 300)
  --expire-timeout <ms>    longest wait for EXPIRE (default: 15000, the bound of SIG-11)
  --register-timeout <ms>  longest wait for the answer to a registration (default: 8000, the bound of SIG-28)
  --alive-window <ms>      how long a registration stays silent before the suite checks it is kept
                           (default: 5000; SIG-16 requires 15000, which --alive-window 14000 checks fully)
  --serial                 run the checks one at a time (default: together, those that may bring a
                           broker down last and alone); finds the check that stops a broker
  --allow-partial          exit 0 when a selection (--only) ran without failures
  --list                   list the checks and exit
Checks run at the same time on fresh random ids, so the suite takes about as long as its slowest
check (an EXPIRE wait: 5-6 s on the stock server). A broker that stops accepting connections during
a check fails that check's requirement (SIG-18 for malformed frames).
Exit status: 0 when the broker is conformant (every check ran, none failed at MUST level), 1
otherwise, 2 on usage errors.`;

const CHAPTER = 'spec/09-signaling.md';

const positiveInt = (s: string | undefined): number | null => {
  const n = Number(s);
  return Number.isInteger(n) && n > 0 ? n : null;
};

/** Null when a WebSocket to the broker opens at all; otherwise why not (so 19 checks need not say it). */
async function unreachable(ep: BrokerEndpoint, timeoutMs: number): Promise<string | null> {
  const probe = new BrokerSocket(socketUrl(ep, { key: ep.key, id: `kbzc-probe-${Date.now()}`, token: `probe${Math.random().toString(36).slice(2)}` }));
  const ok = await probe.opened(timeoutMs);
  const why = ok ? null : (probe.error ?? probe.closed?.reason ?? `no WebSocket handshake within ${timeoutMs} ms`);
  await probe.close(500);
  return why;
}

/** The broker's own description, when it offers one at its root (the stock server does). */
async function describeBroker(ep: BrokerEndpoint, timeoutMs: number): Promise<string> {
  const res = await fetchText(rootUrl(ep), Math.min(timeoutMs, 3000));
  if ('error' in res || res.status !== 200) return 'broker';
  try {
    const doc = JSON.parse(res.body) as { name?: unknown };
    return typeof doc.name === 'string' && doc.name.trim() ? doc.name.trim().slice(0, 80) : 'broker';
  } catch {
    return 'broker';
  }
}

export async function brokerMain(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        url: { type: 'string' },
        key: { type: 'string', default: 'peerjs' },
        only: { type: 'string', multiple: true },
        reporter: { type: 'string', default: 'pretty' },
        out: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        expect: { type: 'string' },
        'step-timeout': { type: 'string', default: String(DEFAULT_TIMEOUTS.stepMs) },
        'quiet-window': { type: 'string', default: String(DEFAULT_TIMEOUTS.quietMs) },
        'expire-timeout': { type: 'string', default: String(DEFAULT_TIMEOUTS.expireMs) },
        'register-timeout': { type: 'string', default: String(DEFAULT_TIMEOUTS.registerMs) },
        'alive-window': { type: 'string', default: String(DEFAULT_TIMEOUTS.aliveMs) },
        serial: { type: 'boolean', default: false },
        'allow-partial': { type: 'boolean', default: false },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const only = args.only ?? [];
  const checks = selectBrokerChecks(only);
  if (args.list) {
    for (const c of checks) console.log(`${c.id}\t${c.covers.join(',')}\t${c.description}`);
    return 0;
  }
  if (!args.url) {
    console.error(`--url is required\n\n${USAGE}`);
    return 2;
  }
  const endpoint = parseEndpoint(args.url, args.key);
  if (typeof endpoint === 'string') {
    console.error(`${endpoint}\n\n${USAGE}`);
    return 2;
  }
  if (!REPORTERS[args.reporter!]) {
    console.error(`unknown reporter ${args.reporter}\n\n${USAGE}`);
    return 2;
  }
  const stepMs = positiveInt(args['step-timeout']);
  const quietMs = positiveInt(args['quiet-window']);
  const expireMs = positiveInt(args['expire-timeout']);
  const registerMs = positiveInt(args['register-timeout']);
  const aliveMs = positiveInt(args['alive-window']);
  if (!stepMs || !quietMs || !expireMs || !registerMs || !aliveMs) {
    console.error('--step-timeout, --quiet-window, --expire-timeout, --register-timeout and --alive-window must be positive integers (ms)');
    return 2;
  }
  if (checks.length === 0) {
    console.error(`no broker check matches --only ${only.join(', ')} (see --list)`);
    return 2;
  }
  let expectations: Expectation[] = [];
  try {
    expectations = args.expect ? loadExpectations(args.expect) : [];
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }

  // The report grid shows this chapter only: the broker suite tests nothing else.
  const all = loadRequirements();
  const reqs = new Map<string, Requirement>([...all].filter(([, q]) => q.chapter === CHAPTER));
  const base = ['kibitz-conformance', 'broker', '--url', endpoint.base, ...(args.key !== 'peerjs' ? ['--key', args.key!] : [])];
  const down = await unreachable(endpoint, registerMs);
  if (down) {
    console.error(`cannot open a WebSocket to ${socketUrl(endpoint, { key: endpoint.key, id: '…', token: '…' })}: ${down}`);
    return 1;
  }
  const startedAt = new Date();
  const t0 = performance.now();
  const name = await describeBroker(endpoint, stepMs);
  const tty = process.stderr.isTTY && !args.quiet;
  const results = await runBrokerChecks({
    endpoint,
    timeouts: { stepMs, quietMs, expireMs, registerMs, aliveMs },
    checks,
    reqs,
    expectations,
    serial: args.serial,
    replay: (id) => [...base, '--only', id].join(' '),
    onProgress: (done, total, r) => {
      if (tty) process.stderr.write(`\r[${String(done).padStart(String(total).length)}/${total}] ${r.id.slice(0, 70).padEnd(70)}`);
    },
  });
  if (tty) process.stderr.write('\r' + ' '.repeat(90) + '\r');
  const report = buildReport({
    ...suiteInfo(),
    label: `broker ${endpoint.base}`,
    info: { name, version: 'version unknown', language: 'PeerJS server protocol', profiles: [BROKER_PROFILE] },
    options: { profiles: [BROKER_PROFILE], seed: 0, runs: 1, ...(only.length ? { only } : {}) },
    startedAt,
    durationMs: performance.now() - t0,
    results,
    reqs,
    // Verdicts as the adapter suite gives them: conformant only when every broker check ran.
    suiteChecks: BROKER_CHECKS.map((c) => ({ id: c.id, profile: BROKER_PROFILE, covers: c.covers })),
    declared: [BROKER_PROFILE],
    allowPartial: args['allow-partial'],
  });
  emitReport(report, args.reporter!, args.out, args.quiet);
  return report.exitCode;
}
