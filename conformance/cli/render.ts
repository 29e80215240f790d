// `kibitz-conformance render report.json --reporter junit:out.xml --reporter md`: renders a saved
// JSON report again, in any format, without rerunning anything. Exits with the report's own exit
// status, so a CI step can gate on a report produced elsewhere.
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Compile } from 'typebox/compile';
import { Report } from '../../schemas/src/report.ts';
import { UsageError } from '../cli.ts';
import { checkWritable, emitAll, parseTargets, ReporterError } from '../report/emit.ts';

export async function renderMain(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { reporter: { type: 'string', multiple: true }, out: { type: 'string' }, quiet: { type: 'boolean', default: false } }, strict: true, allowPositionals: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const [file, ...rest] = parsed.positionals;
  if (!file || rest.length) throw new UsageError('render needs exactly one saved JSON report: kibitz-conformance render report.json --reporter md');
  if (!existsSync(file)) throw new UsageError(`render ${file}: no such file`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`render ${file}: not JSON (${(e as Error).message})`);
  }
  const check = Compile(Report);
  if (!check.Check(data)) throw new UsageError(`render ${file}: not a kibitz-conformance report: ${JSON.stringify(check.Errors(data).slice(0, 3))}`);
  try {
    const targets = parseTargets(parsed.values.reporter ?? [], parsed.values.out);
    checkWritable(targets);
    emitAll(data, targets, parsed.values.quiet);
  } catch (e) {
    if (e instanceof ReporterError) throw new UsageError(e.message);
    throw e;
  }
  return data.exitCode;
}
