// Op contracts of the `wire` profile (see ./types.ts): spec/11-data-connections.md 11.10. Values
// are in the tagged JSON form of 11.4, which a JSON Schema cannot pin down recursively without
// restating the chapter; the adapter checks the form and answers input.invalid (WIRE-51).
import Type from 'typebox';
import type { OpSchema } from './types.ts';
import { maybe, input, oneOf, output } from './shapes.ts';

const CH = 'spec/11-data-connections.md';

/** Hexadecimal of either case, two digits per byte (WIRE-51). */
const HEX_IN = '^(?:[0-9a-fA-F]{2})*$';
/** What adapters write: lower case. */
const HEX_OUT = '^(?:[0-9a-f]{2})*$';

const Tagged = (description: string) => Type.Unknown({ description: `${description} In the tagged JSON form (11.4).` });
const HexIn = (description: string) => Type.String({ pattern: HEX_IN, description });
const HexOut = (description: string) => Type.String({ pattern: HEX_OUT, description });

const DECODE_ERRORS = ['wire.truncated', 'wire.unknown-tag', 'wire.bad-utf8', 'wire.too-deep', 'wire.trailing-bytes'] as const;

const ChannelMessage = Type.Union(
  [HexIn('A binary data-channel message.'), Type.Object({ text: Type.String() }, { description: 'A text data-channel message.' })],
  { description: 'One data-channel message, as it arrived.' },
);
const Drop = Type.Object(
  {
    frame: Type.Integer({ minimum: 0, description: 'Index of the message that carried the fault or completed the dropped message.' }),
    error: Type.String({ pattern: '^wire\\.[a-z0-9-]+$', description: 'Why it was dropped.' }),
  },
  { additionalProperties: false },
);

export const WIRE_OP_SCHEMAS: OpSchema[] = [
  {
    op: 'wire.encode', profile: 'wire', chapter: CH,
    summary: 'The BinaryPack bytes of a value (WIRE-09 to WIRE-17).',
    input: input({ value: Tagged('The value to encode.') }),
    output: output({ hex: HexOut('The encoding, lower-case hexadecimal.') }),
    errors: ['wire.unencodable', 'wire.too-deep'],
  },
  {
    op: 'wire.decode', profile: 'wire', chapter: CH,
    summary: 'The value of a BinaryPack message, or the first fault in reading order (WIRE-19 to WIRE-30).',
    input: input({ hex: HexIn('One encoded message.') }),
    output: output({ value: Tagged('The decoded value, canonical (WIRE-32).') }),
    errors: DECODE_ERRORS,
  },
  {
    op: 'wire.chunk', profile: 'wire', chapter: CH,
    summary: 'The data-channel messages a sender emits for one encoded message: itself, or its chunk frames (WIRE-36, WIRE-37).',
    input: input({
      hex: HexIn('The encoded message.'),
      chunkId: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: "The connection's chunk counter." }),
    }),
    output: output({ frames: Type.Array(HexOut('One data-channel message.'), { minItems: 1, description: 'In sending order.' }) }),
    errors: ['wire.message-too-large'],
  },
  {
    op: 'wire.reassemble', profile: 'wire', chapter: CH,
    summary: 'What one fresh receiving connection makes of a sequence of data-channel messages (WIRE-33 to WIRE-46).',
    input: input({
      frames: Type.Array(ChannelMessage, { description: 'Fed in order.' }),
      serialization: maybe(oneOf(['binary', 'json'] as const, 'The connection\'s serialization.'), 'The connection\'s serialization; binary when absent or null (10.4).'),
    }),
    output: output({
      messages: Type.Array(Tagged('One delivered message, canonical.'), { description: 'Delivered, in order.' }),
      dropped: Type.Array(Drop, { description: 'Dropped, in order.' }),
      pending: Type.Integer({ minimum: 0, description: 'Incomplete chunked messages held at the end.' }),
      closed: Type.Boolean({ description: 'A close frame closed the connection; later messages were not processed.' }),
    }),
    errors: [],
  },
];
