// What one `--only` selector picks (spec/10-adapter-protocol.md 10.5): a check id, a group prefix
// (`token.valid`, `broker.relay`), or a requirement ID (`SAS-05`: every check covering it). One
// rule for every subcommand, in a module small enough for the broker and peer CLIs to load.

const REQUIREMENT_ID = /^[A-Z]+-\d{2,3}$/;

export function selects(selector: string, c: { id: string; covers: readonly string[] }): boolean {
  if (REQUIREMENT_ID.test(selector)) return c.covers.includes(selector);
  return c.id === selector || c.id.startsWith(`${selector}.`);
}

/** The checks `only` selects (all when empty). */
export function selectOnly<T extends { id: string; covers: readonly string[] }>(checks: readonly T[], only: readonly string[]): T[] {
  return checks.filter((c) => only.length === 0 || only.some((o) => selects(o, c)));
}

/** Selectors that pick none of `checks` (a usage error: a typo must not pass as an empty run). */
export function deadSelectorsIn(checks: readonly { id: string; covers: readonly string[] }[], only: readonly string[]): string[] {
  return only.filter((o) => !checks.some((c) => selects(o, c)));
}
