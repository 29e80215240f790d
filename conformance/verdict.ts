// Honest verdicts, one per selected profile (spec/10-adapter-protocol.md 10.5):
// - `not implemented`: the implementation does not declare the profile, or declares it but answers
//   every check `unsupported`; never conformant, not even with --allow-partial;
// - `not conformant`: a check failed at MUST level, errored, or passed against an xfail entry;
// - `partial`: nothing failed, but not every check of the profile ran clean (a narrower --only,
//   unsupported ops, skips, expected failures, a run that stopped early);
// - `conformant`: every check of the profile ran and none failed at MUST level.
// A suite that is not the one released (other vectors, vectors or checks removed) turns a
// conformant profile into `conformant (modified suite)`, which exits like partial.
import type { CheckResult, ProfileVerdict } from '../schemas/src/report.ts';

export type VerdictKind = ProfileVerdict['verdict'];

export interface VerdictInput {
  profile: string;
  declared: boolean;
  /** How many checks the suite has for this profile (whatever was selected). */
  total: number;
  results: readonly CheckResult[];
  notRun: number;
  modified: readonly string[];
}

export function profileVerdict(v: VerdictInput): ProfileVerdict {
  const count = (o: string) => v.results.filter((r) => r.outcome === o).length;
  const counts = {
    total: v.total,
    ran: count('pass') + count('non-strict') + count('xfail') + count('fail') + count('xpass'),
    clean: count('pass') + count('non-strict'),
    fail: count('fail'),
    errored: count('errored'),
    xpass: count('xpass'),
    unsupported: count('unsupported'),
    skipped: count('skipped'),
    xfail: count('xfail'),
    notRun: v.notRun,
    nonStrict: count('non-strict'),
  };
  if (!v.declared) {
    return { profile: v.profile, verdict: 'not implemented', line: `${v.profile}: not implemented (the implementation does not declare this profile)`, counts };
  }
  if (counts.fail + counts.errored + counts.xpass > 0) {
    const parts = [counts.fail && `${counts.fail} failed`, counts.errored && `${counts.errored} errored`, counts.xpass && `${counts.xpass} unexpectedly passed`].filter(Boolean);
    return { profile: v.profile, verdict: 'not conformant', line: `${v.profile}: not conformant (${parts.join(', ')}; ${counts.clean} of ${counts.total} checks passed)`, counts };
  }
  if (counts.clean + counts.xfail === 0 && counts.unsupported + counts.skipped > 0 && counts.notRun === 0) {
    // Declared, but not one check ran: an adapter that answers `unsupported` to everything
    // implements nothing, whatever it declares.
    return { profile: v.profile, verdict: 'not implemented', line: `${v.profile}: not implemented (declared, but all ${counts.unsupported + counts.skipped} checks run were unsupported or skipped)`, counts };
  }
  if (counts.total === 0) {
    return { profile: v.profile, verdict: 'partial', line: `${v.profile}: partial (this suite has no checks for the profile yet)`, counts };
  }
  const warn = counts.nonStrict ? `, ${counts.nonStrict} SHOULD-level warning${counts.nonStrict === 1 ? '' : 's'}` : '';
  if (counts.clean < counts.total) {
    const why = [
      counts.unsupported && `${counts.unsupported} unsupported`,
      counts.skipped && `${counts.skipped} skipped`,
      counts.xfail && `${counts.xfail} expected failures`,
      counts.notRun && `${counts.notRun} not run`,
      counts.total - counts.clean - counts.unsupported - counts.skipped - counts.xfail - counts.notRun > 0 && `${counts.total - counts.clean - counts.unsupported - counts.skipped - counts.xfail - counts.notRun} not selected`,
    ].filter(Boolean);
    return { profile: v.profile, verdict: 'partial', line: `${v.profile}: partial (${counts.ran} of ${counts.total} checks ran, ${why.join(', ')}${warn})`, counts };
  }
  if (v.modified.length) {
    return { profile: v.profile, verdict: 'conformant (modified suite)', line: `${v.profile}: conformant to a MODIFIED suite (${v.modified.join('; ')})`, counts };
  }
  return { profile: v.profile, verdict: 'conformant', line: `${v.profile}: conformant (${counts.total} of ${counts.total} checks${warn})`, counts };
}

/** 0 only when every selected profile is conformant (partial too with --allow-partial). */
export function exitCodeOfVerdicts(verdicts: readonly ProfileVerdict[], allowPartial: boolean): 0 | 1 {
  if (verdicts.length === 0) return 1;
  return verdicts.every((v) => v.verdict === 'conformant' || (allowPartial && (v.verdict === 'partial' || v.verdict === 'conformant (modified suite)'))) ? 0 : 1;
}

/** The one line every reporter leads with. */
export function overallLine(verdicts: readonly ProfileVerdict[], modified: readonly string[]): string {
  const kinds = new Set(verdicts.map((v) => v.verdict));
  const head =
    verdicts.length === 0 ? 'NOTHING CHECKED'
    : kinds.has('not conformant') ? 'NOT CONFORMANT'
    : kinds.has('not implemented') ? 'NOT CONFORMANT (a selected profile is not implemented)'
    : kinds.has('partial') ? 'PARTIAL'
    : kinds.has('conformant (modified suite)') ? 'CONFORMANT TO A MODIFIED SUITE'
    : 'CONFORMANT';
  const suffix = modified.length && head !== 'CONFORMANT TO A MODIFIED SUITE' ? ` — modified suite: ${modified.join('; ')}` : '';
  return `${head}: ${verdicts.map((v) => `${v.profile} ${v.verdict}`).join(', ')}${suffix}`;
}
