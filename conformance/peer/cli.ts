// kibitz-conformance peer: judges an implementation running as a live peer (spec/10-adapter-protocol.md,
// "Peer mode") in rooms on a real PeerJS broker with the harness's observer peers and room-mates,
// from what it puts on the wire and what it reports. Reports look like the adapter suite's.
import type { CheckResult } from '../../schemas/src/report.ts';
import { UsageError } from '../cli.ts';
import { launcher, referenceCommand, shellQuote } from '../cli/launcher.ts';
import { expectationsFor, exitHelp, parseOptions, reportTargets, selection, subcommand, VERDICT_HELP, VERDICT_OPTIONS } from '../cli/subcommand.ts';
import type { ImplementationInfo } from '../impl/types.ts';
import { requirePackages } from '../lib/optional.ts';
import { buildReport } from '../report/build.ts';
import { emitAll } from '../report/emit.ts';
import { loadRequirements, type Requirement } from '../spec-index.ts';
import { identifyCheckSuite } from '../suite-digest.ts';
import { suiteInfo } from '../suite-info.ts';
import { startLoopbackBroker, type LoopbackBroker } from './broker.ts';
import { ControlStop, PeerControl } from './control.ts';
import { loadNdc } from './observer/link.ts';
import { brokerBase } from './observer/signal.ts';
import { DEFAULT_TIMEOUTS } from './scenario.ts';
import { PEER_CHECK_PROFILE, PEER_CHECKS, runPeerChecks } from './suite.ts';

const USAGE = `Usage: kibitz-conformance peer --impl reference | cmd:"<command>" [options]

Runs the implementation as a live peer behind the peer-mode control protocol (spec/10-adapter-protocol.md,
"Peer mode") in rooms on a real PeerJS broker on loopback, with the harness's observer peers (which
judge every byte it sends) and room-mates (other implementations behind the same protocol). Needs the
optional packages node-datachannel (the observers), peer (the loopback broker; not with
--broker-url), and for the reference peer program (--impl/--mate reference) peerjs.

  --impl reference | cmd:"<command>"   the implementation under test ("reference": the reference peer)
  --mate reference | cmd:"<command>"   the room-mate implementation (default: reference)
  --broker-url <url>     use this PeerJS broker instead of starting one on loopback
  --only <sel>           a check id, a group prefix (peer.coordinator) or a requirement ID (repeatable)
  --jobs <n>             scenarios run at once, each in its own room (default: 1)
${VERDICT_HELP}
  --timeout <ms>         per-request timeout of the control protocol (default: 30000)
  --list                 list the selected checks and exit
A program that does not declare the profile "peer" is not implemented; a step it answers
unsupported makes the verdict partial, a step that errored (a crash, a timeout) not conformant.
${exitHelp('peer')}`;

/** The reference peer program as a command (what `--impl reference` and the default room-mate mean). */
export function referencePeerCommand(): string {
  return referenceCommand('--peer');
}

export function commandOf(spec: string): string | null {
  if (spec === 'reference') return referencePeerCommand();
  if (spec.startsWith('cmd:') && spec.length > 4) return spec.slice(4);
  return null;
}

/** What a peer-mode run needs installed: observers, the loopback broker, the reference peer program. */
export function peerPackages(o: { brokerUrl: boolean; reference: boolean }): string[] {
  return ['node-datachannel', ...(o.brokerUrl ? [] : ['peer']), ...(o.reference ? ['peerjs'] : [])];
}

export function peerMain(argv: string[]): Promise<number> {
  return subcommand('peer', () => peerRun(argv));
}

async function peerRun(argv: string[]): Promise<number> {
  const args = parseOptions(argv, {
    impl: { type: 'string' },
    mate: { type: 'string', default: 'reference' },
    'broker-url': { type: 'string' },
    only: { type: 'string', multiple: true },
    jobs: { type: 'string', default: '1' },
    ...VERDICT_OPTIONS,
    timeout: { type: 'string', default: '30000' },
    list: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  // ---- everything that can be a usage error, before anything starts ----------------------------
  const only = args.only ?? [];
  const chosen = selection(PEER_CHECKS, only);
  if (args.list) {
    for (const c of chosen) console.log(`${c.id}\t${c.covers.join(',')}\t${c.description}`);
    return 0;
  }
  if (!args.impl) throw new UsageError('--impl is required: reference or cmd:"<command>"');
  const implCmd = commandOf(args.impl);
  const mateCmd = commandOf(args.mate!);
  if (!implCmd) throw new UsageError(`--impl takes reference or cmd:"<command>", not ${JSON.stringify(args.impl)}`);
  if (!mateCmd) throw new UsageError(`--mate takes reference or cmd:"<command>", not ${JSON.stringify(args.mate)}`);
  const jobs = Number(args.jobs);
  const timeoutMs = Number(args.timeout);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a positive integer, not ${JSON.stringify(args.jobs)}`);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new UsageError(`--timeout must be a positive integer (ms), not ${JSON.stringify(args.timeout)}`);
  const targets = reportTargets(args.reporter, args.out);
  const expectations = expectationsFor(args.expect, PEER_CHECKS);
  requirePackages(peerPackages({ brokerUrl: Boolean(args['broker-url']), reference: args.impl === 'reference' || args.mate === 'reference' }), 'kibitz-conformance peer');
  const selected = new Set(chosen.map((c) => c.id));

  const all = loadRequirements();
  const covered = new Set(PEER_CHECKS.flatMap((c) => c.covers));
  const reqs = new Map<string, Requirement>([...all].filter(([id]) => covered.has(id)));
  for (const id of covered) if (!all.has(id)) console.error(`warning: a peer check covers ${id}, which no chapter defines`);
  const base = [...launcher(), 'peer', '--impl', shellQuote(args.impl), ...(args.mate !== 'reference' ? ['--mate', shellQuote(args.mate!)] : [])];

  let broker: LoopbackBroker | null = null;
  const iut = new PeerControl(implCmd, { timeoutMs });
  const startedAt = new Date();
  const t0 = performance.now();
  const report = (info: ImplementationInfo, results: CheckResult[]) =>
    buildReport({
      ...suiteInfo(),
      label: iut.label,
      info,
      options: {
        profiles: [PEER_CHECK_PROFILE],
        seed: 0,
        runs: 1,
        ...(only.length ? { only } : {}),
        ...(args['allow-partial'] ? { allowPartial: true } : {}),
        timeoutMs,
        ...(args.expect ? { expect: args.expect } : {}),
        replayBase: base.join(' '),
      },
      startedAt,
      durationMs: performance.now() - t0,
      results,
      reqs,
      // The adapter suite's verdict rule [ADP-50]: conformant only when every peer check ran clean.
      suiteChecks: PEER_CHECKS.map((c) => ({ id: c.id, profile: PEER_CHECK_PROFILE, covers: c.covers })),
      declared: info.profiles.includes(PEER_CHECK_PROFILE) ? [PEER_CHECK_PROFILE] : [],
      identity: identifyCheckSuite(PEER_CHECK_PROFILE, PEER_CHECKS),
      allowPartial: args['allow-partial'],
    });
  try {
    const url = args['broker-url'] ?? (broker = await startLoopbackBroker()).url;
    let info: ImplementationInfo;
    try {
      info = await iut.start();
    } catch (e) {
      if (e instanceof ControlStop && e.status === 'unsupported' && iut.info) {
        // It started, but is no peer program: the profile is not implemented [ADP-14].
        const r = report(iut.info, []);
        emitAll(r, targets, args.quiet);
        return r.exitCode;
      }
      console.error(`kibitz-conformance peer: could not start ${iut.label}: ${(e as Error).message}\nRESULT: NOT CONFORMANT: the implementation did not start (exit 1)`);
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
      replay: (id) => [...base, '--only', id].join(' '),
      onProgress: (done, total, r) => {
        if (tty) process.stderr.write(`\r[${String(done).padStart(String(total).length)}/${total}] ${r.id.slice(0, 70).padEnd(70)}`);
      },
    });
    if (tty) process.stderr.write('\r' + ' '.repeat(90) + '\r');
    const r = report(info, results);
    emitAll(r, targets, args.quiet);
    return r.exitCode;
  } finally {
    await iut.stop().catch(() => undefined);
    await broker?.close();
    (await loadNdc()).cleanup();
  }
}
