import type { Case, FileSpec } from './lib.ts';

const norm = (name: string, description: string, input: string, covers: string[], flags: string[] = []): Case => ({
  name, description, op: 'room.normalize', input: { name: input }, covers, flags,
});
const peer = (name: string, description: string, input: string, covers: string[], flags: string[] = [], error?: string): Case => ({
  name, description, op: 'room.peerId', input: { name: input }, covers, flags, ...(error ? { error } : {}),
});

export const roomVectors: FileSpec = {
  file: 'room',
  title: 'Room name normalisation and the authority peer id',
  profile: 'crypto',
  chapters: ['spec/02-room-ids.md', 'spec/01-conventions.md'],
  notes: {
    'upstream-golden': { bugType: 'UPSTREAM_GOLDEN', description: 'Value frozen by upstream Kibitz conformance tests; a peer that disagrees never meets upstream peers.' },
    'unicode-case': { bugType: 'INTEROP', description: 'Lower-casing must be the full Unicode mapping; an ASCII-only lower() drops or keeps different characters.' },
    'cut-after-trim': { bugType: 'WRONG_ORDER', description: 'The 40-character cut comes after stripping hyphens, so the id may end in "-"; cutting first or re-stripping gives another salt.' },
    'astral': { bugType: 'EDGE_CASE', description: 'Characters outside the BMP (surrogate pairs in UTF-16) form one run like any other.' },
    'unclaimable': { bugType: 'MISSING_STEP', description: 'The peer id fails the broker id syntax; a peer must refuse the room instead of retrying forever.' },
    'collapse-runs': { bugType: 'BASIC', description: 'Each maximal run of other characters becomes exactly one "-".' },
  },
  groups: [
    {
      name: 'normalize',
      description: 'room.normalize: name -> room id [ROOM-01], [ROOM-02]',
      cases: [
        norm('golden-standup', 'Plain lower-case name', 'standup', ['ROOM-01'], ['upstream-golden']),
        { ...norm('null-name', 'A null name is the empty string: the empty room id', '', ['ROOM-01']), input: { name: null } },
        { ...norm('absent-name', 'An absent name is the empty string too', '', ['ROOM-01']), input: {} },
        norm('golden-my-room', 'Space becomes a hyphen, capitals lower-cased', 'My Room', ['ROOM-01'], ['upstream-golden']),
        norm('golden-hello-world', 'Surrounding spaces and punctuation stripped', '  Hello, World!  ', ['ROOM-01'], ['upstream-golden']),
        norm('golden-a-b-c', 'Existing hyphens kept', 'A-B-C', ['ROOM-01'], ['upstream-golden']),
        norm('golden-cafe', 'Non-ASCII letters and emoji dropped', 'café ☕ chat', ['ROOM-01'], ['upstream-golden']),
        norm('golden-50x', '50 x cut to 40', 'x'.repeat(50), ['ROOM-01'], ['upstream-golden']),
        norm('golden-minted', 'A minted room code passes through', 'room-3f9k2mq7p1', ['ROOM-01'], ['upstream-golden']),
        norm('underscore-bang', 'Underscore and ! are separators', 'Stand_Up!', ['ROOM-01'], ['collapse-runs']),
        norm('runs-collapse', 'Runs of hyphens and spaces collapse to one hyphen', 'a -- _ b', ['ROOM-01'], ['collapse-runs']),
        norm('leading-trailing-hyphens', 'Leading and trailing hyphens stripped', '---a-b---', ['ROOM-01']),
        norm('digits-only', 'Digits are kept', '0123456789', ['ROOM-01']),
        norm('control-chars', 'Tab, newline and NUL are separators', 'a\tb\nc\u0000d', ['ROOM-01'], ['collapse-runs']),
        norm('kelvin-sign', 'U+212A KELVIN SIGN lower-cases to ASCII k', 'Room\u212Aey', ['CONV-09', 'ROOM-01'], ['unicode-case']),
        norm('dotted-capital-i', 'U+0130 lower-cases to i + U+0307; the combining dot becomes a separator', '\u0130stanbul', ['CONV-09', 'ROOM-01'], ['unicode-case']),
        norm('latin-capital-a-umlaut', 'Ä lower-cases to ä, which is not a-z', 'Äpfel', ['CONV-09', 'ROOM-01'], ['unicode-case']),
        norm('fullwidth-latin', 'Fullwidth letters are not a-z even after lower-casing', '\uFF21\uFF22\uFF23 room', ['CONV-09', 'ROOM-01'], ['unicode-case']),
        norm('astral-emoji', 'An astral emoji run becomes a single separator', '\u{1F600}team\u{1F600}\u{1F389}sync', ['ROOM-01'], ['astral']),
        norm('empty', 'The empty name has the empty room id', '', ['ROOM-01']),
        norm('punctuation-only', 'A punctuation-only name has the empty room id', '!!! ??? ...', ['ROOM-01']),
        norm('cut-leaves-hyphen', 'Character 40 is the hyphen between two words; it stays', `${'a'.repeat(39)} b`, ['ROOM-02', 'ROOM-01'], ['cut-after-trim']),
        norm('strip-before-cut', 'Leading separators are stripped before the cut, not counted in the 40', `${'-'.repeat(5)}${'y'.repeat(45)}`, ['ROOM-02', 'ROOM-01'], ['cut-after-trim']),
        norm('cut-inside-word', 'The cut may fall inside a word', `${'ab'.repeat(19)}xyz more`, ['ROOM-02', 'ROOM-01'], ['cut-after-trim']),
        norm('exactly-40', 'A 40-character id is kept whole', 'q'.repeat(40), ['ROOM-01']),
      ],
    },
    {
      name: 'peer-id',
      description: 'room.peerId: the authority peer id, and rooms that cannot be joined [ROOM-03], [ROOM-06]',
      cases: [
        peer('golden-standup', 'kbz-v1- prefix', 'standup', ['ROOM-03', 'ROOM-04'], ['upstream-golden']),
        peer('golden-my-room', 'Prefix on the normalized name', 'My Room', ['ROOM-03', 'ROOM-04'], ['upstream-golden']),
        peer('golden-hello-world', 'Prefix on the normalized name', '  Hello, World!  ', ['ROOM-03', 'ROOM-04'], ['upstream-golden']),
        peer('golden-minted', 'Prefix on a minted code', 'room-3f9k2mq7p1', ['ROOM-03', 'ROOM-04'], ['upstream-golden']),
        peer('forty-chars', 'The longest room id gives a 47-character peer id', 'z'.repeat(60), ['ROOM-03']),
        peer('kelvin', 'Unicode lower-casing reaches the peer id', '\u212A', ['CONV-09', 'ROOM-03'], ['unicode-case']),
        peer('empty', 'The empty room id gives "kbz-v1-", which no broker accepts', '', ['ROOM-06'], ['unclaimable'], 'room.unclaimable-id'),
        peer('punctuation-only', 'A punctuation-only name cannot be joined', '--- !!! ---', ['ROOM-06'], ['unclaimable'], 'room.unclaimable-id'),
        peer('whitespace-only', 'A whitespace-only name cannot be joined', ' \t\n ', ['ROOM-06'], ['unclaimable'], 'room.unclaimable-id'),
        peer('emoji-only', 'An emoji-only name cannot be joined', '\u{1F389}\u{1F389}', ['ROOM-06'], ['unclaimable', 'astral'], 'room.unclaimable-id'),
        peer('trailing-hyphen', 'A cut that leaves a trailing hyphen cannot be joined', `${'a'.repeat(39)} b`, ['ROOM-06', 'ROOM-02'], ['unclaimable', 'cut-after-trim'], 'room.unclaimable-id'),
        peer('fullwidth-only', 'Fullwidth letters only: empty id', '\uFF21\uFF22', ['ROOM-06', 'CONV-09'], ['unclaimable', 'unicode-case'], 'room.unclaimable-id'),
      ],
    },
  ],
};
