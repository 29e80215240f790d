// Runs broken peer programs (tests/peer/fixtures/) through the peer-mode checks on one broker, a few
// at a time, and returns each check's verdict.
import { loadRequirements } from '../../../conformance/spec-index.ts';
import { PeerControl } from '../../../conformance/peer/control.ts';
import { referencePeerCommand } from '../../../conformance/peer/cli.ts';
import { brokerBase } from '../../../conformance/peer/observer/signal.ts';
import { DEFAULT_TIMEOUTS } from '../../../conformance/peer/scenario.ts';
import { runPeerChecks } from '../../../conformance/peer/suite.ts';

export interface BrokenVerdict {
  name: string;
  check: string;
  outcome: string;
  failedRequirement?: string;
  message: string;
}

export const brokenPeerCommand = (name: string): string => `"${process.execPath}" --import tsx tests/peer/fixtures/broken-peer.ts ${name}`;

export async function runBroken(brokerUrl: string, jobs: { name: string; checks: string[] }[], concurrency: number): Promise<BrokenVerdict[]> {
  const reqs = loadRequirements();
  const out: BrokenVerdict[] = [];
  const queue = [...jobs];
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const iut = new PeerControl(brokenPeerCommand(job.name));
      try {
        await iut.start();
        const results = await runPeerChecks({
          broker: brokerBase(brokerUrl),
          brokerUrl,
          iut,
          startMate: async () => {
            const m = new PeerControl(referencePeerCommand());
            await m.start();
            return m;
          },
          reqs,
          selected: new Set(job.checks),
          timeouts: DEFAULT_TIMEOUTS,
          replay: (id) => id,
        });
        for (const r of results) out.push({ name: job.name, check: r.id, outcome: r.outcome, ...(r.failedRequirement ? { failedRequirement: r.failedRequirement } : {}), message: r.message ?? '' });
      } catch (e) {
        out.push({ name: job.name, check: job.checks.join(','), outcome: 'errored', message: (e as Error).message });
      } finally {
        await iut.stop().catch(() => undefined);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out;
}
