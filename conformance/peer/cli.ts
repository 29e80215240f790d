// kibitz-conformance peer: judges an implementation running as a live peer (spec/10-adapter-protocol.md,
// "Peer mode") in rooms on a real PeerJS broker with the harness's observer peers and room-mates,
// from what it puts on the wire and what it reports. Reports look like the adapter suite's.
import { parseArgs } from 'node:util';
import { loadExpectations, type Expectation } from '../expectations.ts';
import { fromRoot } from '../lib/paths.ts';
import { buildReport } from '../report/build.ts';
import { emitReport, REPORTERS } from '../report/emit.ts';
import { loadRequirements, type Requirement } from '../spec-index.ts';
import { suiteInfo } from '../suite-info.ts';
import { startLoopbackBroker, type LoopbackBroker } from './broker.ts';
import { PeerControl } from './control.ts';
import { loadNdc } from './observer/link.ts';
import { brokerBase } from './observer/signal.ts';
import { DEFAULT_TIMEOUTS } from './scenario.ts';
import { PEER_CHECK_PROFILE, PEER_CHECKS, runPeerChecks, selectSteps } from './suite.ts';

const USAGE = `Usage: kibitz-conformance peer --impl cmd:"<command>" [options]

Runs the implementation as a live peer behind the peer-mode control protocol (spec/10-adapter-protocol.md,
"Peer mode") in rooms on a real PeerJS broker on loopback, with the harness's observer peers (which
judge every byte it sends) and room-mates (other implementations behind the same protocol).

  --impl reference | cmd:"<command>"   the implementation under test ("reference": the reference peer)
  --mate reference | cmd:"<command>"   the room-mate implementation (default: reference)
  --broker-url <url>     use this PeerJS broker instead of starting one on loopback
  --only <id>            a check id, a group prefix (peer.coordinator) or a requirement ID (repeatable)
  --jobs <n>             scenarios run at once, each in its own room (default: 1)
  --reporter <name>      pretty | tap | junit | json | md (default: pretty)
  --out <file>           write the report there (a pretty summary still goes to stdout)
  --quiet                with --out: print nothing to stdout
  --expect <file>        expectations file: known failures (xfail) and skips
  --timeout <ms>         per-request timeout of the control protocol (default: 30000)
  --list                 list the checks and exit
Exit status: 0 when no MUST-level check failed (and none errored), 1 otherwise, 2 on usage errors.`;

/** The reference peer as a command (what `--impl reference` and the default room-mate mean). */
export function referencePeerCommand(): string {
  return `"${process.execPath}" "${fromRoot('bin', 'kibitz-reference.mjs')}" --peer`;
}

export function commandOf(spec: string): string | null {
  if (spec === 'reference') return referencePeerCommand();
  if (spec.startsWith('cmd:') && spec.length > 4) return spec.slice(4);
  return null;
}

export async function peerMain(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        impl: { type: 'string' },
        mate: { type: 'string', default: 'reference' },
        'broker-url': { type: 'string' },
        only: { type: 'string', multiple: true },
        jobs: { type: 'string', default: '1' },
        reporter: { type: 'string', default: 'pretty' },
        out: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        expect: { type: 'string' },
        timeout: { type: 'string', default: '30000' },
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
  const selected = selectSteps(only);
  if (args.list) {
    for (const c of PEER_CHECKS.filter((x) => selected.has(x.id))) console.log(`${c.id}\t${c.covers.join(',')}\t${c.description}`);
    return 0;
  }
  if (selected.size === 0) {
    console.error(`no peer check matches --only ${only.join(', ')} (see --list)`);
    return 2;
  }
  const implCmd = args.impl ? commandOf(args.impl) : null;
  const mateCmd = commandOf(args.mate!);
  if (!implCmd || !mateCmd) {
    console.error(`--impl and --mate take reference or cmd:"<command>"\n\n${USAGE}`);
    return 2;
  }
  if (!REPORTERS[args.reporter!]) {
    console.error(`unknown reporter ${args.reporter}\n\n${USAGE}`);
    return 2;
  }
  const jobs = Number(args.jobs);
  const timeoutMs = Number(args.timeout);
  if (!Number.isInteger(jobs) || jobs < 1 || !Number.isInteger(timeoutMs) || timeoutMs < 1) {
    console.error('--jobs and --timeout must be positive integers');
    return 2;
  }
  let expectations: Expectation[] = [];
  try {
    expectations = args.expect ? loadExpectations(args.expect) : [];
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }

  const all = loadRequirements();
  const covered = new Set(PEER_CHECKS.flatMap((c) => c.covers));
  const reqs = new Map<string, Requirement>([...all].filter(([id]) => covered.has(id)));
  for (const id of covered) if (!all.has(id)) console.error(`warning: a peer check covers ${id}, which no chapter defines`);

  let broker: LoopbackBroker | null = null;
  const iut = new PeerControl(implCmd, { timeoutMs });
  const startedAt = new Date();
  const t0 = performance.now();
  try {
    const url = args['broker-url'] ?? (broker = await startLoopbackBroker()).url;
    let info;
    try {
      info = await iut.start();
    } catch (e) {
      console.error(`could not start ${iut.label}: ${(e as Error).message}`);
      return 1;
    }
    const tty = process.stderr.isTTY && !args.quiet;
    const results = await runPeerChecks({
      broker: brokerBase(url),
      brokerUrl: url,
      iut,
      startMate: async () => {
        const m = new PeerControl(mateCmd, { timeoutMs });
        await m.start();
        return m;
      },
      reqs,
      selected,
      timeouts: DEFAULT_TIMEOUTS,
      expectations,
      jobs,
      replay: (id) => ['kibitz-conformance', 'peer', '--impl', shellQuote(args.impl!), ...(args.mate !== 'reference' ? ['--mate', shellQuote(args.mate!)] : []), '--only', id].join(' '),
      onProgress: (done, total, r) => {
        if (tty) process.stderr.write(`\r[${String(done).padStart(String(total).length)}/${total}] ${r.id.slice(0, 70).padEnd(70)}`);
      },
    });
    if (tty) process.stderr.write('\r' + ' '.repeat(90) + '\r');
    const report = buildReport({
      ...suiteInfo(),
      label: iut.label,
      info,
      options: { profiles: [PEER_CHECK_PROFILE], seed: 0, runs: 1, ...(only.length ? { only } : {}) },
      startedAt,
      durationMs: performance.now() - t0,
      results,
      reqs,
    });
    emitReport(report, args.reporter!, args.out, args.quiet);
    return report.exitCode;
  } finally {
    await iut.stop().catch(() => undefined);
    await broker?.close();
    (await loadNdc()).cleanup();
  }
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
