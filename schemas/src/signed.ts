// Signed payloads (spec/07-messages.md, 7.5): the compact token envelope of chapter 3 as it appears
// on the wire, and the host command payload of chapter 4. The payload is the one strict object of
// kbz-v1: it is a signed statement versioned by its `k` tag, so a member a receiver does not know
// changes what was signed and must not be ignored silently [MSG-32], [MSG-33].
import Type, { type Static } from 'typebox';
import { defsContext, stringEnum, type DefsContext } from './defs.ts';
import { MOD_TOKEN_MAX } from './limits.ts';

/** `<body>.<signature>`, both base64url, optionally padded (CONV-05); split at the first dot (TOK-07). */
export const COMPACT_TOKEN_PATTERN = '^[A-Za-z0-9_-]+={0,2}[.][A-Za-z0-9_-]+={0,2}$';
export const HOST_COMMAND_KIND = 'kbz-host-cmd.v1';
export const HOST_OPS = ['claim', 'lobbyon', 'lobbyoff', 'admit', 'deny', 'lock', 'unlock', 'reset', 'kick'] as const;
/** A room id (ROOM-01): at most 40 characters of a-z, 0-9 and "-". */
export const ROOM_ID_PATTERN = '^[a-z0-9-]{0,40}$';
export const JTI_PATTERN = '^[0-9a-f]{24}$';

export const CompactToken = Type.String({
  pattern: COMPACT_TOKEN_PATTERN,
  description: 'A compact signed token (chapter 3): base64url body, ".", base64url 64-byte P-256 signature [MSG-31].',
});

export const HostCommandPayload = Type.Object(
  {
    k: Type.Literal(HOST_COMMAND_KIND, { description: 'Kind tag [HCMD-02].' }),
    room: Type.String({ pattern: ROOM_ID_PATTERN, description: 'The room id the command is for; compared exactly [HCMD-08].' }),
    fp: Type.String({ minLength: 1, description: "The signer's canonical certificate fingerprint (CONV-11) [HCMD-10]." }),
    op: stringEnum(HOST_OPS, 'The moderation op [HCMD-04].'),
    target: Type.Optional(Type.String({ minLength: 1, description: 'Media id (kick) or presence connection id (admit, deny); absent for other ops [HCMD-05].' })),
    iat: Type.Number({ description: 'Issue time, epoch seconds; any JSON number is compared (CONV-03) [HCMD-11].' }),
    jti: Type.Optional(Type.String({ pattern: JTI_PATTERN, description: '24 lower-case hex characters, fresh per command; absent only from old clients [HCMD-06], [HCMD-14].' })),
  },
  { additionalProperties: false, description: 'The signed body of a host command token [HCMD-03]. Strict [MSG-32].' },
);

export const HostCommandToken = Type.String({
  pattern: COMPACT_TOKEN_PATTERN,
  maxLength: MOD_TOKEN_MAX,
  description: 'A host command token: a compact token of at most 8192 characters; a coordinator drops longer ones unverified [HCMD-12].',
});

export const SIGNED_DEFS = { CompactToken, HostCommandToken, HostCommandPayload };

export type SignedContext = DefsContext<typeof SIGNED_DEFS>;
export const SIGNED_CONTEXT: SignedContext = defsContext(SIGNED_DEFS);

export type HostCommandPayload = Static<typeof HostCommandPayload, SignedContext>;
export type HostOpName = (typeof HOST_OPS)[number];
