// The host command payload of spec/04-host-commands.md.

/** The kind tag that keeps a host command from being confused with other signed payloads [HCMD-02]. */
export const HOST_CMD_KIND = 'kbz-host-cmd.v1';

/** The ops, in the order the spec lists them [HCMD-04]. */
export const HOST_OPS = ['claim', 'lobbyon', 'lobbyoff', 'admit', 'deny', 'lock', 'unlock', 'reset', 'kick'] as const;
export type HostOp = (typeof HOST_OPS)[number];
export const isHostOp = (v: unknown): v is HostOp => typeof v === 'string' && (HOST_OPS as readonly string[]).includes(v);

/** Ops whose `target` is meaningful, and what it names [HCMD-05]. */
export const TARGET_KIND: Partial<Record<HostOp, 'media-id' | 'presence-connection-id'>> = {
  kick: 'media-id',
  admit: 'presence-connection-id',
  deny: 'presence-connection-id',
};

/** Freshness bounds, seconds, both inclusive [HCMD-11]. */
export const FUTURE_LEEWAY_S = 60;
export const MAX_AGE_S = 120;

/** Replay window capacity, entries [HCMD-13]. */
export const JTI_WINDOW = 256;

/** Largest `mod` token a coordinator looks at, characters [HCMD-12], counted per [CONV-17]. */
export const MAX_COMMAND_CHARS = 8192;

export interface HostCommandFields {
  room: string;
  fp: string;
  op: string;
  target?: string;
  iat: number;
  jti?: string;
}
