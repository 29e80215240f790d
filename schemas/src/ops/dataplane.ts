// Op contracts of the `dataplane` profile (see ./types.ts): spec/14-data-plane.md 14.9. Frames,
// events and views are JSON objects whose exact members the chapter states per kind; these
// contracts pin the envelopes and leave the bodies to the chapter and the vectors.
import Type from 'typebox';
import type { OpSchema } from './types.ts';
import { input, maybe, oneOf, output } from './shapes.ts';

const CH = 'spec/14-data-plane.md';

const HEX_IN = '^(?:[0-9a-fA-F]{2})*$';
const HEX_OUT = '^(?:[0-9a-f]{2})*$';
const HexIn = (description: string) => Type.String({ pattern: HEX_IN, description });
const HexOut = (description: string) => Type.String({ pattern: HEX_OUT, description });
const Json = (description: string) => Type.Unknown({ description });
const Time = (description: string) => Type.Integer({ minimum: -(2 ** 53 - 1), maximum: 2 ** 53 - 1, description });
const XferKind = oneOf(['text', 'image', 'file'] as const, 'What the payload is.');
const Strings = (description: string) => Type.Array(Type.String(), { description });

/** Receiver state of content.receive, also the receiver part of xfer.receive's config [CONT-32]. */
const receiverState = {
  now: maybe(Type.Number(), 'Receive time, ms (0).'),
  recvSeq: maybe(Type.Number(), 'The line counter before this frame (0).'),
  roster: maybe(Type.Array(Type.Object({ id: Type.String(), name: Type.String() })), 'Present peers and their names.'),
  held: maybe(Type.Array(Type.Object({ mid: Type.String(), replayed: maybe(Type.Boolean(), 'Held from a replay.') })), 'Public mids held.'),
  schemas: maybe(Type.Array(Type.Object({ from: Type.String(), name: Type.String() })), 'Schemas held, in the order added.'),
  widgets: maybe(Type.Array(Type.Object({ id: Type.String(), author: Type.String() })), 'Widgets held and their display authors.'),
  ledger: maybe(Type.Object({}), 'The ledger replica ({}).'),
  chatledger: maybe(Type.Object({}), 'The chat ledger replica ({}).'),
  sink: maybe(oneOf(['memory', 'disk'] as const, 'Where ordinary transfers go.'), 'The transfer sink (memory).'),
  senderMayAct: maybe(Type.Boolean(), 'The capability policy lets the sender act (true).'),
};

const Step = (event: string) =>
  Type.Object({ at: Time('Virtual time, ms; never earlier than start or the previous step.'), event: Type.Object({ type: Type.String() }, { description: event }) });
const Outputs = Type.Array(
  Type.Object({ step: Type.Integer({ minimum: 1 }), at: Type.Integer(), type: Type.String() }, { description: 'One output, tagged with its step.' }),
  { description: 'Every output, in order.' },
);

const CONTENT_ERRORS = [
  'cont.not-object', 'cont.unknown-kind', 'cont.bad-field', 'cont.not-permitted', 'cont.empty', 'cont.too-long', 'cont.too-large',
  'cont.bad-mime', 'cont.bad-base64', 'cont.duplicate', 'cont.limit', 'cont.not-owner',
  'xfer.bad-id', 'xfer.bad-kind', 'xfer.bad-size', 'xfer.too-large', 'xfer.bad-count', 'xfer.bad-index', 'xfer.bad-chunk',
] as const;

export const DATAPLANE_OP_SCHEMAS: OpSchema[] = [
  {
    op: 'content.receive', profile: 'dataplane', chapter: CH,
    summary: 'What a receiver keeps of one content frame from one sender, or why it drops it (CONT-32).',
    input: input({
      from: Type.String({ description: 'The sender: the remote peer id of the connection (CONT-01).' }),
      frame: Json('The frame as received, any JSON value.'),
      state: maybe(Type.Object(receiverState), 'The receiver\'s state (CONT-32).'),
    }),
    output: output({ content: Type.Object({ k: Type.String(), sender: Type.String() }, { description: 'The view of 14.7 for the frame\'s kind.' }) }),
    errors: CONTENT_ERRORS,
  },
  {
    op: 'content.recipients', profile: 'dataplane', chapter: CH,
    summary: 'Who a sender sends a frame of a kind to, broadcast or directed (CONT-07, CONT-33).',
    input: input({
      self: Type.String({ description: 'The sender.' }),
      roster: Strings('Present peers, in roster order.'),
      k: Type.String({ description: 'The content kind.' }),
      kind: maybe(XferKind, 'For xbegin, xchunk and xend: the transfer kind (text when absent).'),
      to: maybe(Type.String(), 'The recipient of a directed send.'),
      withhold: maybe(Type.Array(Type.Object({ peer: Type.String(), perceive: Type.String() })), 'Capabilities the policy refuses.'),
    }),
    output: output({ to: Strings('Recipients, in roster order.') }),
    errors: [],
  },
  {
    op: 'xfer.plan', profile: 'dataplane', chapter: CH,
    summary: 'The chunk arithmetic, route and negotiated framing of one transfer to one peer (XFER-01, XFER-02, XFER-21).',
    input: input({
      size: Type.Number({ description: 'Payload bytes.' }),
      kind: XferKind,
      features: Strings('The peer\'s ~kbz.f tags.'),
      self: maybe(Strings('This sender\'s tags (all transfer tags).'), 'This sender\'s tags.'),
    }),
    output: output({
      n: Type.Integer({ minimum: 0 }),
      chunkBytes: Type.Integer({ minimum: 1 }),
      lastChunkBytes: Type.Integer({ minimum: 0 }),
      route: oneOf(['inline', 'stream', 'offer', 'legacy-chat', 'legacy-img', 'skip'] as const, 'XFER-02.'),
      framing: Type.Optional(oneOf(['binary', 'base64'] as const, 'For routes that send chunks.')),
      resume: Type.Boolean({ description: 'Both sides advertise xfer.resume.' }),
    }),
    errors: ['xfer.bad-size', 'xfer.too-large'],
  },
  {
    op: 'xfer.send', profile: 'dataplane', chapter: CH,
    summary: 'Every frame a sender emits for one transfer, an offer, or a resumed leg (XFER-13, XFER-19, XFER-22).',
    input: input({
      id: Type.String(),
      kind: XferKind,
      payload: HexIn('The payload.'),
      framing: oneOf(['binary', 'base64'] as const, 'How chunks travel.'),
      mime: maybe(Type.String(), 'Media type.'),
      name: maybe(Type.String(), 'File name.'),
      dm: maybe(Type.Boolean(), 'Directed.'),
      mid: maybe(Type.String(), 'Stable id.'),
      ts: maybe(Time('Send time, ms.'), 'Send time, ms.'),
      author: maybe(Type.String(), 'Replay author.'),
      authorName: maybe(Type.String(), 'Replay author name.'),
      offer: maybe(Type.Boolean(), 'A pull offer.'),
      from: maybe(Type.Integer({ minimum: 0 }), 'Resume from this chunk.'),
    }),
    output: output({
      frames: Type.Array(Type.Union([Type.Object({ msg: Type.Object({ k: Type.String() }) }, { additionalProperties: false }), Type.Object({ hex: HexOut('A binary frame.') }, { additionalProperties: false })]), { description: 'In sending order.' }),
    }),
    errors: ['wire.header-id-length'],
  },
  {
    op: 'xfer.chunkFrame', profile: 'dataplane', chapter: CH,
    summary: 'The binary chunk frame of WIRE-48 (XFER-23).',
    input: input({ id: Type.String(), i: Type.Number({ description: 'Chunk index.' }), payload: HexIn('The chunk.') }),
    output: output({ hex: HexOut('The frame.') }),
    errors: ['wire.header-id-length', 'wire.header-index'],
  },
  {
    op: 'xfer.parseChunkFrame', profile: 'dataplane', chapter: CH,
    summary: 'The id, index and payload of a binary chunk frame (XFER-10, XFER-23).',
    input: input({ hex: HexIn('The frame.') }),
    output: output({ id: Type.String(), i: Type.Integer({ minimum: 0 }), payload: HexOut('The payload.') }),
    errors: ['wire.header-truncated', 'wire.header-id-length', 'wire.header-id-utf8'],
  },
  {
    op: 'xfer.receive', profile: 'dataplane', chapter: CH,
    summary: 'One transfer receiver through a script of frames, ticks and local choices (XFER-24).',
    input: input({
      config: maybe(Type.Object({ ...receiverState, resume: maybe(Type.Boolean(), 'Both sides advertise xfer.resume.'), download: maybe(Type.Boolean(), 'This receiver advertises xfer.dl.') }), 'The receiver.'),
      start: Time('Creation time, ms.'),
      steps: Type.Array(Step('frame, binary, tick, link-open or local.')),
    }),
    output: output({ outputs: Outputs }),
    errors: [],
  },
  {
    op: 'meshpair.scenario', profile: 'dataplane', chapter: CH,
    summary: 'One mesh pair through a script of roster, connection, frame, media and timer events (MESH-28).',
    input: input({
      config: Type.Object({ self: Type.String({ minLength: 1 }), peer: Type.String({ minLength: 1 }), media: maybe(Type.Boolean(), 'Takes part in media.'), rosterHold: maybe(Type.Boolean(), 'Roster hold on.') }),
      start: Time('Creation time, ms.'),
      steps: Type.Array(Step('roster, incoming, open, closed, frame, tick, local, description, pc-state or stats.')),
    }),
    output: output({ outputs: Outputs }),
    errors: [],
  },
];
