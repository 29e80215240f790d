// JUnit XML: one testsuite per profile, one testcase per check. MUST failures are <failure>,
// adapter faults <error> (with their root cause), unsupported/skipped/xfail <skipped>; non-strict
// passes keep a note. The verdict of each profile is a testsuite property.
import type { Report } from '../../schemas/src/report.ts';
import { showValue } from './elide.ts';

const xml = (s: string): string =>
  s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderJunit(report: Report): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const s = report.summary;
  out.push(`<testsuites name="kibitz-conformance" tests="${report.checks.length}" failures="${s.fail + s.xpass}" errors="${s.errored}" skipped="${s.skipped + s.unsupported + s.xfail}" time="${(report.durationMs / 1000).toFixed(3)}">`);
  for (const profile of Object.keys(report.profiles)) {
    const checks = report.checks.filter((c) => c.profile === profile);
    const c = report.profiles[profile]!;
    const verdict = report.verdicts?.find((v) => v.profile === profile);
    out.push(`  <testsuite name="${xml(profile)}" tests="${checks.length}" failures="${c.fail + c.xpass}" errors="${c.errored}" skipped="${c.skipped + c.unsupported + c.xfail}">`);
    out.push('    <properties>');
    if (verdict) out.push(`      <property name="verdict" value="${xml(verdict.line)}"/>`);
    out.push(`      <property name="overall" value="${xml(report.verdict ?? '')}"/>`);
    if (report.suite.modified?.length) out.push(`      <property name="modified-suite" value="${xml(report.suite.modified.join('; '))}"/>`);
    out.push('    </properties>');
    for (const k of checks) {
      const classname = xml(`${profile}.${k.id.split('.').slice(0, 2).join('.')}`);
      out.push(`    <testcase classname="${classname}" name="${xml(k.id)}" time="${(k.durationMs / 1000).toFixed(3)}">`);
      const detail = xml(
        [
          k.requirementText && `${k.failedRequirement}: ${k.requirementText}`,
          k.link,
          k.message,
          k.input !== undefined && `input: ${showValue(k.input, 2000)}`,
          k.expected !== undefined && `expected: ${showValue(k.expected, 2000)}`,
          k.actual !== undefined && `actual: ${showValue(k.actual, 2000)}`,
          k.replay && `replay: ${k.replay}`,
        ].filter(Boolean).join('\n'),
      );
      const req = xml(k.failedRequirement ?? k.covers.join(','));
      if (k.outcome === 'fail' || k.outcome === 'xpass') out.push(`      <failure message="${req}: ${xml((k.message ?? '').split('\n')[0]!)}" type="${k.outcome}">${detail}</failure>`);
      else if (k.outcome === 'errored') out.push(`      <error message="${xml(k.cause ?? (k.message ?? '').split('\n')[0]!)}" type="errored">${detail}</error>`);
      else if (k.outcome === 'skipped' || k.outcome === 'unsupported' || k.outcome === 'xfail') out.push(`      <skipped message="${k.outcome}: ${xml((k.message ?? k.expectation?.reason ?? '').split('\n')[0]!)}"/>`);
      else if (k.outcome === 'non-strict') out.push(`      <system-out>non-strict (SHOULD) ${req}: ${detail}</system-out>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
