// kibitz-conformance broker: black-box checks of a PeerJS-protocol broker against
// spec/09-signaling.md, over WebSocket and HTTP. Reports look like the adapter suite's.
import { UsageError } from '../cli.ts';
import { launcher, shellQuote } from '../cli/launcher.ts';
import { expectationsFor, exitHelp, parseOptions, reportTargets, selection, subcommand, VERDICT_HELP, VERDICT_OPTIONS } from '../cli/subcommand.ts';
import { buildReport } from '../report/build.ts';
import { emitAll } from '../report/emit.ts';
import { identifyCheckSuite } from '../suite-digest.ts';
import { loadRequirements, type Requirement } from '../spec-index.ts';
import { fetchText } from './checks/http.ts';
import { parseEndpoint, rootUrl, socketUrl, type BrokerEndpoint } from './endpoint.ts';
import { BrokerSocket } from './socket.ts';
import { BROKER_CHECKS, BROKER_PROFILE, DEFAULT_TIMEOUTS, runBrokerChecks } from './suite.ts';
import { suiteInfo } from '../suite-info.ts';

const USAGE = `Usage: kibitz-conformance broker --url ws://HOST:PORT/PATH [options]

Checks a PeerJS-protocol signaling broker against spec/09-signaling.md. --url is the broker the way
a PeerJS client is configured: scheme (ws or wss), host, port and the PeerJS "path" option (default
"/"). The suite connects to <url>peerjs?key=..&id=..&token=.. and GETs <url><key>/id.

  --url <url>              the broker (required), e.g. ws://127.0.0.1:9000/ or wss://signal.example/
  --key <key>              PeerJS API key (default: peerjs, the only key Kibitz uses)
  --only <sel>             a check id, a group prefix (broker.relay) or a requirement ID (SIG-11); repeatable
${VERDICT_HELP}
  --step-timeout <ms>      longest wait for a relayed frame (default: 5000)
  --quiet-window <ms>      how long to listen before concluding nothing arrives (default: 300)
  --expire-timeout <ms>    longest wait for EXPIRE (default: 15000, the bound of SIG-11)
  --register-timeout <ms>  longest wait for the answer to a registration (default: 8000, the bound of SIG-28)
  --alive-window <ms>      how long a registration stays silent before the suite checks it is kept
                           (default: 5000; SIG-16 requires 15000, which --alive-window 14000 checks fully)
  --serial                 run the checks one at a time (default: together, those that may bring a
                           broker down last and alone); finds the check that stops a broker
  --list                   list the selected checks and exit
Checks run at the same time on fresh random ids, so the suite takes about as long as its slowest
check (an EXPIRE wait: 5-6 s on the stock server). A broker that stops accepting connections during
a check fails that check's requirement (SIG-18 for malformed frames); the checks after it are not
run, which makes the verdict not conformant whatever they would have given.
${exitHelp('broker')}`;

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

export function brokerMain(argv: string[]): Promise<number> {
  return subcommand('broker', () => brokerRun(argv));
}

async function brokerRun(argv: string[]): Promise<number> {
  const args = parseOptions(argv, {
    url: { type: 'string' },
    key: { type: 'string', default: 'peerjs' },
    only: { type: 'string', multiple: true },
    ...VERDICT_OPTIONS,
    'step-timeout': { type: 'string', default: String(DEFAULT_TIMEOUTS.stepMs) },
    'quiet-window': { type: 'string', default: String(DEFAULT_TIMEOUTS.quietMs) },
    'expire-timeout': { type: 'string', default: String(DEFAULT_TIMEOUTS.expireMs) },
    'register-timeout': { type: 'string', default: String(DEFAULT_TIMEOUTS.registerMs) },
    'alive-window': { type: 'string', default: String(DEFAULT_TIMEOUTS.aliveMs) },
    serial: { type: 'boolean', default: false },
    list: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  // ---- everything that can be a usage error, before anything connects ------------------------
  const only = args.only ?? [];
  const checks = selection(BROKER_CHECKS, only);
  if (args.list) {
    for (const c of checks) console.log(`${c.id}\t${c.covers.join(',')}\t${c.description}`);
    return 0;
  }
  if (!args.url) throw new UsageError('--url is required');
  const endpoint = parseEndpoint(args.url, args.key);
  if (typeof endpoint === 'string') throw new UsageError(endpoint);
  const timeouts: Record<string, number> = {};
  for (const name of ['step-timeout', 'quiet-window', 'expire-timeout', 'register-timeout', 'alive-window'] as const) {
    const n = positiveInt(args[name]);
    if (!n) throw new UsageError(`--${name} must be a positive integer (ms), not ${JSON.stringify(args[name])}`);
    timeouts[name] = n;
  }
  const stepMs = timeouts['step-timeout']!;
  const quietMs = timeouts['quiet-window']!;
  const expireMs = timeouts['expire-timeout']!;
  const registerMs = timeouts['register-timeout']!;
  const aliveMs = timeouts['alive-window']!;
  const targets = reportTargets(args.reporter, args.out);
  const expectations = expectationsFor(args.expect, BROKER_CHECKS);

  // The report grid shows this chapter only: the broker suite tests nothing else.
  const all = loadRequirements();
  const reqs = new Map<string, Requirement>([...all].filter(([, q]) => q.chapter === CHAPTER));
  const base = [...launcher(), 'broker', '--url', shellQuote(endpoint.base), ...(args.key !== 'peerjs' ? ['--key', shellQuote(args.key!)] : [])];
  const down = await unreachable(endpoint, registerMs);
  if (down) {
    console.error(`kibitz-conformance broker: cannot open a WebSocket to ${socketUrl(endpoint, { key: endpoint.key, id: '…', token: '…' })}: ${down}\nRESULT: NOT CONFORMANT: the broker could not be reached (exit 1)`);
    return 1;
  }
  const startedAt = new Date();
  const t0 = performance.now();
  const name = await describeBroker(endpoint, stepMs);
  const tty = process.stderr.isTTY && !args.quiet;
  const outcome = await runBrokerChecks({
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
    options: {
      profiles: [BROKER_PROFILE],
      seed: 0,
      runs: 1,
      ...(only.length ? { only } : {}),
      ...(args['allow-partial'] ? { allowPartial: true } : {}),
      ...(args.expect ? { expect: args.expect } : {}),
      replayBase: base.join(' '),
    },
    startedAt,
    durationMs: performance.now() - t0,
    results: outcome.results,
    reqs,
    // The adapter suite's verdict rule [ADP-50]: conformant only when every broker check ran clean.
    suiteChecks: BROKER_CHECKS.map((c) => ({ id: c.id, profile: BROKER_PROFILE, covers: c.covers })),
    notRun: outcome.notRun.map((c) => ({ id: c.id, profile: BROKER_PROFILE, covers: c.covers })),
    declared: [BROKER_PROFILE],
    identity: identifyCheckSuite(BROKER_PROFILE, BROKER_CHECKS),
    allowPartial: args['allow-partial'],
    ...(outcome.stopped ? { stopped: outcome.stopped } : {}),
  });
  emitAll(report, targets, args.quiet);
  return report.exitCode;
}
