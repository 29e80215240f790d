// `kibitz-conformance --list`: the selected checks, one per line (id, profile, kind, covers,
// description), without starting the implementation and without loading what only a run needs
// (TypeBox, the drivers, the reporters): it answers in a fraction of a second.
import { UsageError, type CliArgs } from '../cli.ts';
import { loadVectorFiles } from '../checks/vectors.ts';
import { loadRequirements } from '../spec-index.ts';
import { ADAPTER_PROFILE, ALL_PROFILES, allChecks, deadSelectors, selectChecks } from '../suite.ts';

export function listMain(args: CliArgs): number {
  const requested = args.profile ?? [];
  for (const p of requested) if (!ALL_PROFILES.includes(p)) throw new UsageError(`unknown profile ${JSON.stringify(p)}; known: ${ALL_PROFILES.join(', ')}`);
  const stdio = args.impl?.startsWith('cmd:') ?? false;
  const profiles = requested.length ? requested : ALL_PROFILES.filter((p) => p !== ADAPTER_PROFILE || stdio);
  let files;
  try {
    files = args.vectors ? loadVectorFiles(args.vectors) : undefined;
  } catch (e) {
    throw new UsageError(`--vectors ${args.vectors}: ${(e as Error).message}`);
  }
  const every = allChecks(loadRequirements(), files);
  const only = args.only ?? [];
  const dead = deadSelectors(every, profiles, only);
  if (dead.length) throw new UsageError(`--only ${dead.join(', ')} selects no check of ${profiles.join(', ')}`);
  const lines = selectChecks(every, profiles, only).map((c) => `${c.id}\t${c.profile}\t${c.kind}\t${c.covers.join(',')}\t${c.description}\n`);
  process.stdout.write(lines.join(''));
  return 0;
}
