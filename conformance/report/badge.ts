// shields.io endpoint badges (https://shields.io/badges/endpoint-badge), one JSON document per
// profile: `{"schemaVersion":1,"label":"kibitz crypto","message":"conformant","color":"brightgreen"}`.
// Written to a directory as <profile>.json; a README points shields.io at the published file.
import type { Report } from '../../schemas/src/report.ts';

export interface Badge {
  schemaVersion: 1;
  label: string;
  message: string;
  color: string;
}

export function badges(report: Report): Record<string, Badge> {
  const out: Record<string, Badge> = {};
  for (const v of report.verdicts ?? []) {
    const c = v.counts;
    const [message, color] =
      v.verdict === 'conformant' ? ['conformant', 'brightgreen']
      : v.verdict === 'conformant (modified suite)' ? ['conformant (modified suite)', 'yellow']
      : v.verdict === 'partial' ? [`partial ${c.clean}/${c.total}`, 'yellow']
      : v.verdict === 'not implemented' ? ['not implemented', 'lightgrey']
      : [`not conformant ${c.clean}/${c.total}`, 'red'];
    out[v.profile] = { schemaVersion: 1, label: `kibitz ${v.profile}`, message, color };
  }
  return out;
}

/** The badge documents as one JSON object keyed by profile (what `--reporter badge` prints). */
export const renderBadges = (report: Report): string => JSON.stringify(badges(report), null, 2) + '\n';
