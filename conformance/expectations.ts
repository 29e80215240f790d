// The implementation-side expectations file (spec/10-adapter-protocol.md 10.5): known gaps as
// xfail or skip, matched by check id or group prefix, longest key first.
import { readFileSync } from 'node:fs';
import { Compile } from 'typebox/compile';
import { Expectations } from '../schemas/src/expectations.ts';

export interface Expectation {
  key: string;
  expect: 'xfail' | 'skip';
  reason: string;
  issue?: string;
}

const check = Compile(Expectations);

export function loadExpectations(path: string): Expectation[] {
  const data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (!check.Check(data)) throw new Error(`${path}: not an expectations file: ${JSON.stringify(check.Errors(data).slice(0, 3))}`);
  return Object.entries(data.expectations)
    .map(([key, e]) => ({ key, ...e }))
    .sort((a, b) => b.key.length - a.key.length);
}

export function expectationFor(id: string, list: readonly Expectation[]): Expectation | undefined {
  return list.find((e) => id === e.key || id.startsWith(`${e.key}.`));
}

/** Keys that match no check of the whole suite: a typo would keep a failure expected forever. */
export function deadExpectations(checks: readonly { id: string }[], list: readonly Expectation[]): string[] {
  return list.filter((e) => !checks.some((c) => c.id === e.key || c.id.startsWith(`${e.key}.`))).map((e) => e.key);
}
