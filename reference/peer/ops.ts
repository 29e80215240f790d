// The ops of the `peer` profile (spec/10-adapter-protocol.md, "Peer mode") over reference peer
// sessions. A session is named by the handle `peer.join` returns; ops on an unknown handle answer
// `adapter.unknown-peer` [ADP-41]. Input shapes are checked before anything happens [ADP-08].
import { isJsonObject, type JsonObject, type JsonValue } from '../encoding/json.ts';
import { InputError, optStr, str } from '../adapter/input.ts';
import type { OpHandler, OpOutcome } from '../adapter/outcome.ts';
import { claimablePeerId } from '../room/normalize.ts';
import type { PeerHooks } from './hooks.ts';
import { PeerSession, type GateInput, type JoinInput, type PeerNet } from './session.ts';

/** What the host platform provides: a network per peer, and optionally a transcript. */
export interface PeerPlatform {
  /** Runs once before the first peer starts. */
  prepare?(): Promise<void>;
  net(input: JoinInput): PeerNet | Promise<PeerNet>;
  /** Data-channel messages on connections presenting certificate `fp` [ADP-40]; absent: unsupported. */
  transcript?(fp: string): JsonObject[];
}

/** Sessions one process hosts at once [ADP-43]. */
export const MAX_PEERS = 16;

const HOST_OPS = ['claim', 'lobbyon', 'lobbyoff', 'admit', 'deny', 'lock', 'unlock', 'reset', 'kick'];
const LOCAL_OPS = ['lobbyon', 'lobbyoff', 'admit', 'deny', 'lock', 'unlock', 'reset', 'kick'];

const ok = (output: JsonObject = {}): OpOutcome => ({ ok: true, output });
const err = (code: string, message: string): OpOutcome => ({ ok: false, error: { code, message } });

function optBool(o: JsonObject, k: string, dflt: boolean): boolean {
  const v = o[k];
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'boolean') throw new InputError(`${k} must be a boolean`);
  return v;
}
function optObj(o: JsonObject, k: string): JsonObject | undefined {
  const v = o[k];
  if (v === undefined || v === null) return undefined;
  if (!isJsonObject(v)) throw new InputError(`${k} must be an object`);
  return v;
}
function strArray(v: JsonValue | undefined, k: string): string[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new InputError(`${k} must be an array of strings`);
  return v as string[];
}
function optNum(o: JsonObject, k: string): number | undefined {
  const v = o[k];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(`${k} must be a number`);
  return v;
}

function gateInput(o: JsonObject | undefined): GateInput | undefined {
  if (!o) return undefined;
  if (o.jwks === undefined) throw new InputError('gate.jwks is required');
  const leeway = optNum(o, 'leeway');
  const maxAge = optNum(o, 'maxAge');
  return {
    jwks: o.jwks,
    issuers: strArray(o.issuers, 'gate.issuers'),
    audience: str(o, 'audience'),
    ...(leeway !== undefined ? { leeway } : {}),
    ...(maxAge !== undefined ? { maxAge } : {}),
  };
}

function joinInput(i: JsonObject): JoinInput {
  const meta = optObj(i, 'meta');
  const identity = optStr(i, 'identity');
  const hostName = optStr(i, 'hostName');
  const jwt = optStr(i, 'jwt');
  const gate = gateInput(optObj(i, 'gate'));
  const voiceId = str(i, 'voiceId');
  if (voiceId === '') throw new InputError('voiceId must not be empty');
  return {
    broker: str(i, 'broker'),
    room: str(i, 'room'),
    voiceId,
    name: optStr(i, 'name') ?? '',
    avatar: optStr(i, 'avatar') ?? '',
    cam: optBool(i, 'cam', false),
    ...(meta ? { meta } : {}),
    inCall: optBool(i, 'inCall', true),
    ...(identity ? { identity } : {}),
    ...(i.hostKey !== undefined && i.hostKey !== null ? { hostKey: i.hostKey } : {}),
    ...(hostName !== undefined ? { hostName } : {}),
    lobby: optBool(i, 'lobby', false),
    ...(gate ? { gate } : {}),
    ...(jwt !== undefined ? { jwt } : {}),
  };
}

export interface PeerOps {
  ops: Record<string, OpHandler>;
  /** Leaves every room (on stop) [ADP-44]. */
  closeAll(): Promise<void>;
}

export function makePeerOps(platform: PeerPlatform, hooks: PeerHooks = {}): PeerOps {
  const sessions = new Map<string, PeerSession>();
  let next = 0;
  let prepared: Promise<void> | null = null;

  const session = (i: JsonObject): PeerSession => {
    const handle = str(i, 'peer');
    const s = sessions.get(handle);
    if (!s) throw new UnknownPeer(handle);
    return s;
  };

  const ops: Record<string, OpHandler> = {
    'peer.join': async (i) => {
      const input = joinInput(i);
      if (!brokerUrl(input.broker)) throw new InputError('broker must be a ws:// or wss:// URL with a host'); // [ADP-32]
      const claimable = claimablePeerId(input.room);
      if (!claimable.ok) return err(claimable.error.code, claimable.error.message); // [ROOM-06]
      if (sessions.size >= MAX_PEERS) return err('adapter.too-many-peers', `this process hosts at most ${MAX_PEERS} peers`);
      prepared ??= platform.prepare?.() ?? Promise.resolve();
      await prepared;
      hooks.onJoin?.(input);
      const s = new PeerSession(input, hooks, await platform.net(input));
      const handle = `p${++next}`;
      sessions.set(handle, s);
      return ok({ peer: handle, fingerprint: s.fingerprint });
    },
    'peer.state': (i) => ok(session(i).state()),
    'peer.announce': (i) => {
      const s = session(i);
      const meta = i.meta === null ? null : optObj(i, 'meta');
      const name = optStr(i, 'name');
      const avatar = optStr(i, 'avatar');
      const on = i.on;
      if (typeof on !== 'boolean') throw new InputError('on must be a boolean');
      const cam = i.cam === undefined || i.cam === null ? undefined : optBool(i, 'cam', false);
      s.announce({ on, ...(cam !== undefined ? { cam } : {}), ...(name !== undefined ? { name } : {}), ...(avatar !== undefined ? { avatar } : {}), ...(meta !== undefined ? { meta } : {}) });
      return ok();
    },
    'peer.knock': (i) => {
      const s = session(i);
      s.knock(str(i, 'name'), optStr(i, 'avatar') ?? '');
      return ok();
    },
    'peer.identity': (i) => {
      const s = session(i);
      s.identity(str(i, 'jwt'));
      return ok();
    },
    'peer.moderate': (i) => {
      const s = session(i);
      const op = str(i, 'op');
      if (!LOCAL_OPS.includes(op)) throw new InputError(`op must be one of ${LOCAL_OPS.join(', ')}`);
      s.moderate(op, optStr(i, 'target'));
      return ok();
    },
    'peer.hostcmd': (i) => {
      const s = session(i);
      const token = optStr(i, 'token');
      if (token !== undefined) {
        s.sendToken(token);
        return ok({ token });
      }
      const op = str(i, 'op');
      if (!HOST_OPS.includes(op)) throw new InputError(`op must be one of ${HOST_OPS.join(', ')}`);
      if (!isJsonObject(i.privateJwk)) throw new InputError('privateJwk must be an object (or give token)');
      const r = s.hostCommand(op, optStr(i, 'target'), i.privateJwk);
      return r.ok ? ok({ token: r.token }) : err(r.code, r.message);
    },
    'peer.leave': async (i) => {
      const s = session(i);
      sessions.delete(str(i, 'peer'));
      await s.leave();
      return ok();
    },
    'peer.transcript': (i) => {
      const s = session(i);
      if (!platform.transcript) return { unsupported: true };
      return ok({ messages: latestThatFit(platform.transcript(s.fingerprint)) });
    },
  };

  // An unknown handle is a protocol answer, not a crash.
  for (const [name, h] of Object.entries(ops)) {
    ops[name] = async (i) => {
      try {
        return await h(i);
      } catch (e) {
        if (e instanceof UnknownPeer) return err('adapter.unknown-peer', `no peer ${JSON.stringify(e.handle)} in this process`);
        throw e;
      }
    };
  }

  return {
    ops,
    async closeAll() {
      const all = [...sessions.values()];
      sessions.clear();
      await Promise.all(all.map((s) => s.leave()));
    },
  };
}

/** A broker URL of [ADP-32]: scheme ws or wss, with a host. */
function brokerUrl(s: string): URL | null {
  try {
    const u = new URL(s);
    return (u.protocol === 'ws:' || u.protocol === 'wss:') && u.hostname !== '' ? u : null;
  } catch {
    return null;
  }
}

/** Room left in a response line for the transcript's messages: 16 MiB [ADP-13], less a margin for the envelope. */
const TRANSCRIPT_BUDGET = 15 * 1024 * 1024;

/** The latest messages whose JSON fits one response line, oldest first [ADP-40]. */
function latestThatFit(messages: JsonObject[]): JsonObject[] {
  let size = 0;
  let from = messages.length;
  while (from > 0) {
    const next = Buffer.byteLength(JSON.stringify(messages[from - 1])) + 1;
    if (size + next > TRANSCRIPT_BUDGET) break;
    size += next;
    from -= 1;
  }
  return messages.slice(from);
}

class UnknownPeer extends Error {
  constructor(readonly handle: string) {
    super(`unknown peer ${handle}`);
  }
}
