// Progress on standard error: on a terminal one rewritten line with counts, the current check and
// an ETA; elsewhere (CI logs) a plain line every 5 s. Nothing on stdout, which holds the report.
import type { CheckResult } from '../../schemas/src/report.ts';

const clock = (ms: number): string => {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
};

export function progress(total: number, quiet = false, stream: NodeJS.WriteStream = process.stderr): { update: (done: number, total: number, r: CheckResult) => void; done: () => void } {
  const tty = Boolean(stream.isTTY) && !quiet;
  const t0 = Date.now();
  let last = 0;
  let bad = 0;
  return {
    update(done, all, r) {
      if (r.outcome === 'fail' || r.outcome === 'errored' || r.outcome === 'xpass') bad++;
      const elapsed = Date.now() - t0;
      const eta = done > 0 && done < all ? ` eta ${clock((elapsed / done) * (all - done))}` : '';
      const width = String(all).length;
      if (tty) {
        const line = `[${String(done).padStart(width)}/${all}] ${bad ? `${bad} bad ` : ''}${clock(elapsed)}${eta}  ${r.id}`;
        stream.write(`\r${line.slice(0, (stream.columns || 100) - 1).padEnd((stream.columns || 100) - 1)}`);
      } else if (!quiet && (Date.now() - last > 5000 || done === all)) {
        stream.write(`[${done}/${all}] checks run, ${bad} failed or errored, ${clock(elapsed)}${eta}\n`);
        last = Date.now();
      }
    },
    done() {
      if (tty && total > 0) stream.write(`\r${' '.repeat((stream.columns || 100) - 1)}\r`);
    },
  };
}
