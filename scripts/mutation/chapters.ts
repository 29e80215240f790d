// The spec chapter each kibitz-py file implements, and the profile its mutants are scored under
// (the profile of that chapter; op modules under their own profile; the adapter's framing under
// `adapter`). A file shared by several profiles (text.py, hostcmd.py ...) is still run against all
// of them; this only decides which row of the report counts it.
const TABLE: [RegExp, string, string | null][] = [
  [/^adapter\.py$|^kbz\/errors\.py$|^kbz\/__init__\.py$/, '10 adapter protocol', 'adapter'],
  [/^kbz\/ops_([a-z]+)\.py$/, '10 adapter protocol', null],
  [/^kbz\/(b64u|jsonutil|text)\.py$/, '1 conventions', 'crypto'],
  [/^kbz\/room\.py$/, '2 room ids', 'crypto'],
  [/^kbz\/(token|ec)\.py$/, '3 signed token', 'crypto'],
  [/^kbz\/hostcmd\.py$/, '4 host commands', 'crypto'],
  [/^kbz\/(certbinding|idtoken)\.py$/, '5 cert-binding', 'crypto'],
  [/^kbz\/(fingerprint|sas)\.py$/, '6 safety code', 'crypto'],
  [/^kbz\/presence\//, '8 presence', 'presence'],
  [/^kbz\/wire\//, '11 data connections', 'wire'],
  [/^kbz\/(link|whatwg_url|invite|manifest|seal|joincode|exchange|rostergate|identity)\.py$/, '12 admission', 'admission'],
  [/^kbz\/agents\//, '13 agents', 'agents'],
  [/^kbz\/dataplane\//, '14 data plane', 'dataplane'],
];

export function chapterOf(file: string): string {
  return TABLE.find(([re]) => re.test(file))?.[1] ?? 'other';
}

export function profileOf(file: string, reaches: readonly string[]): string {
  const row = TABLE.find(([re]) => re.test(file));
  if (!row) return reaches[0] ?? 'other';
  return row[2] ?? row[0].exec(file)![1]!;
}
