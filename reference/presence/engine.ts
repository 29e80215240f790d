// The presence engine: the sans-IO room machine (room.ts) wired to a transport and a clock.
// `joinRoom` mirrors upstream's entry point: the first peer to claim the room's authority id
// coordinates, everyone else participates, and the loop re-claims when the coordinator goes.
// All protocol decisions are the machine's; this file only performs its outputs and feeds
// back what the world answered, one event at a time (run-to-completion, so a synchronous
// transport cannot re-enter the machine mid-step).
import type { JsonObject, JsonValue } from '../encoding/json.ts';
import { toHex } from '../encoding/text.ts';
import { claimablePeerId, normalizeRoom } from '../room/normalize.ts';
import { systemClock, type Clock } from './clock.ts';
import type { GateConfig, Traffic } from './coordinator.ts';
import type { Output, PresenceEvent } from './machine.ts';
import { REFERENCE_FACTORIES, RoomMachine, type RoleFactories, type RoomStatus } from './room.ts';
import type { AuthorityTransport, ClientTransport, RoomTransport } from './transport.ts';
import type { CallMember, LobbyStatus } from './wire.ts';

export type GateVerdict = 'ok' | 'fail' | 'hold';

export interface JoinOptions {
  transport: RoomTransport;
  clock?: Clock;
  /** Stable identity token; 128 random bits from `random` when absent [PRES-61]. */
  identity?: string;
  /** Source of random bytes (injected for tests); crypto.getRandomValues by default. */
  random?: (n: number) => Uint8Array;
  hostKey?: JsonValue;
  hostName?: string;
  hostEmail?: string;
  /** Identity gate: `verify` checks a joiner's ID token against the connection's fingerprint. */
  gate?: Partial<GateConfig> & {
    require: boolean;
    verify: (jwt: string, remoteFp: string | null) => GateVerdict | Promise<GateVerdict>;
    /** A credit credential's expiry (epoch seconds) when it verifies, else fail or hold (chapter 8.10) [PRES-105]. */
    verifyCredit?: (credential: string) => number | 'fail' | 'hold' | Promise<number | 'fail' | 'hold'>;
  };
  lobbyOnStart?: boolean;
  /** How this peer answers announcements when it coordinates: `lean` unless asked otherwise [PRES-70]. */
  traffic?: Traffic;
  factories?: RoleFactories;
}

export interface Knock {
  conn: string;
  name: string;
  avatar: string;
}

export interface Room {
  readonly room: string;
  status(): RoomStatus;
  isCoordinator(): boolean;
  /** Set when the room can never be joined (`room.unclaimable-id`, ROOM-06). */
  error(): string | null;
  onChange(cb: () => void): void;
  onRoster(cb: (members: CallMember[]) => void): void;
  onLobby(cb: (status: LobbyStatus) => void): void;
  onKnocks(cb: (list: Knock[]) => void): void;
  onKicked(cb: () => void): void;
  onReset(cb: () => void): void;
  roster(): CallMember[];
  /** An agent proved an allow-listed key at this coordinator's door [PRES-104]. */
  onAgent(cb: (agent: JsonObject) => void): void;
  hostId(): string;
  isLobby(): boolean;
  isLocked(): boolean;
  setSelf(on: boolean, cam: boolean, name: string, avatar: string, voiceId: string, meta?: JsonObject): void;
  /** Alias of setSelf(true, …) with the last values: re-send our announcement. */
  announce(): void;
  knock(name: string, avatar: string): void;
  setIdentityToken(jwt: string): void;
  /** The agent key assertion and credit credential to present from now on [PRES-110]. */
  setAgentAssertion(assertion: string): void;
  setAgentCredit(credential: string): void;
  setRequireVerified(on: boolean): void;
  setLobby(on: boolean): void;
  setLocked(on: boolean): void;
  resetRoom(): void;
  admit(conn: string): void;
  deny(conn: string): void;
  kick(voiceId: string): void;
  declareHost(voiceId: string): void;
  sendModCommand(token: string): void;
  close(): void;
}

/** The coordinator's gate config from the join options: the door's link material passes through. */
function gateConfig(g: NonNullable<JoinOptions['gate']>): GateConfig {
  const { verify: _verify, verifyCredit: _credit, ...rest } = g;
  return { ...rest, require: g.require, bindsFingerprint: g.bindsFingerprint ?? true };
}

export function joinRoom(roomName: string, opts: JoinOptions): Room {
  const clock = opts.clock ?? systemClock;
  const random = opts.random ?? ((n: number) => crypto.getRandomValues(new Uint8Array(n)));
  // The token is a bearer credential (lock bypass, silent re-admission): unguessable [PRES-61].
  const token = opts.identity || toHex(random(16));
  const roomId = normalizeRoom(roomName);
  const claimable = claimablePeerId(roomName);

  let members: CallMember[] = [];
  let flags = { lobby: opts.lobbyOnStart === true, locked: false, host: '' };
  let status: RoomStatus = claimable.ok ? 'connecting' : 'closed';
  let coordinator = false;
  let lastSelf: Parameters<Room['setSelf']> | null = null;
  const cb: {
    change?: () => void;
    roster?: (m: CallMember[]) => void;
    lobby?: (s: LobbyStatus) => void;
    knocks?: (l: Knock[]) => void;
    kicked?: () => void;
    reset?: () => void;
    agent?: (a: JsonObject) => void;
  } = {};

  const config = {
    room: roomName,
    token,
    ...(opts.hostKey !== undefined ? { hostKey: opts.hostKey } : {}),
    ...(opts.hostName !== undefined ? { hostName: opts.hostName } : {}),
    ...(opts.hostEmail !== undefined ? { hostEmail: opts.hostEmail } : {}),
    ...(opts.gate ? { gate: gateConfig(opts.gate) } : {}),
    ...(opts.lobbyOnStart !== undefined ? { lobbyOnStart: opts.lobbyOnStart } : {}),
    traffic: opts.traffic ?? 'lean',
  };

  // ---- I/O state, one generation per role so stale callbacks are ignored -------------------------
  let auth: AuthorityTransport | null = null;
  let client: ClientTransport | null = null;
  const claims = new Map<number, AuthorityTransport>(); // won claims not yet accepted by the machine
  let cancelTimer: (() => void) | null = null;
  const queue: PresenceEvent[] = [];
  let running = false;
  let machine: RoomMachine | null = null;

  const run = (event: PresenceEvent): void => {
    if (!machine) return; // closed, or a room that can never be joined
    queue.push(event);
    if (running) return;
    running = true;
    try {
      while (queue.length > 0) perform(machine.step(clock.now(), queue.shift()!));
    } finally {
      running = false;
    }
    schedule();
  };

  const schedule = (): void => {
    cancelTimer?.();
    cancelTimer = null;
    const wake = machine?.wake() ?? null;
    if (wake !== null) cancelTimer = clock.setTimer(wake, () => run({ type: 'tick' }));
  };

  const bindAuthority = (t: AuthorityTransport): void => {
    auth = t;
    t.onConnect((conn) => auth === t && run({ type: 'connect', conn }));
    t.onMessage((conn, msg) => auth === t && run({ type: 'message', conn, msg: msg as JsonValue }));
    t.onDisconnect((conn) => auth === t && run({ type: 'disconnect', conn }));
    t.onGone(() => auth === t && run({ type: 'displaced' }));
  };

  const bindClient = (): ClientTransport => {
    const c = opts.transport.connect(roomId);
    client = c;
    c.onOpen(() => client === c && run({ type: 'open' }));
    c.onMessage((msg) => client === c && run({ type: 'frame', msg: msg as JsonValue }));
    c.onClosed(() => client === c && run({ type: 'closed' }));
    c.onUnavailable(() => client === c && run({ type: 'unavailable' }));
    return c;
  };

  const dropClient = (): void => {
    const c = client;
    client = null;
    c?.close();
  };

  const perform = (outs: Output[]): void => {
    for (const o of outs) {
      switch (o.type) {
        case 'claim': {
          const id = o.id as number;
          void opts.transport.claim(roomId).then((r) => {
            if (machine === null) {
              // The room closed while the claim was in flight: release a late win at once, or the
              // authority id stays registered to nobody until the process exits.
              if (typeof r === 'object') r.transport.close();
              return;
            }
            if (typeof r === 'object') claims.set(id, r.transport);
            run({ type: 'claimed', id, result: typeof r === 'object' ? 'won' : r });
          });
          break;
        }
        case 'status': {
          const wasCoordinator = coordinator;
          status = o.status as RoomStatus;
          coordinator = o.coordinator === true;
          if (coordinator && !wasCoordinator) {
            dropClient();
            const won = [...claims.values()].pop();
            claims.clear();
            if (won) bindAuthority(won);
          }
          if (!coordinator && status !== 'connected') dropClient();
          cb.change?.();
          break;
        }
        case 'release': {
          if (typeof o.id === 'number') {
            claims.get(o.id)?.close();
            claims.delete(o.id);
          } else {
            const a = auth;
            auth = null;
            a?.close();
          }
          break;
        }
        case 'abandon':
          break; // a claim we stopped waiting for: a late win comes back and is released
        case 'dial':
          (client ?? bindClient()).dial();
          break;
        case 'send':
          if (Array.isArray(o.to)) for (const conn of o.to) auth?.send(conn as string, o.msg as JsonObject);
          else client?.send(o.msg as JsonObject);
          break;
        case 'request':
          void answer(o);
          break;
        case 'gone':
        case 'hangup':
          dropClient();
          break;
        case 'roster':
          members = o.members as unknown as CallMember[];
          flags = { lobby: o.lobby === true, locked: o.locked === true, host: typeof o.host === 'string' ? o.host : '' };
          cb.roster?.(members);
          cb.change?.();
          break;
        case 'knocks':
          cb.knocks?.((o.list as unknown as Knock[]) ?? []);
          break;
        case 'lobby':
          cb.lobby?.(o.status as LobbyStatus);
          break;
        case 'agent':
          cb.agent?.(o);
          break;
        case 'kicked':
          cb.kicked?.();
          break;
        case 'reset':
          cb.reset?.();
          break;
        default:
          break; // drop records are diagnostics only
      }
    }
  };

  const answer = async (o: Output): Promise<void> => {
    const id = o.id as number;
    const t = auth;
    let value: JsonValue = null;
    try {
      if (o.kind === 'fingerprint') value = t ? await t.remoteFingerprint(o.conn as string) : null;
      else if (o.kind === 'verify') value = opts.gate ? await opts.gate.verify(o.jwt as string, (o.fp as string | null) ?? null) : 'hold';
      else if (o.kind === 'credit') value = opts.gate?.verifyCredit ? await opts.gate.verifyCredit(o.credential as string) : 'hold';
    } catch {
      value = o.kind === 'fingerprint' ? null : 'hold'; // a failing verifier holds, never admits [IDT-19], [PRES-105]
    }
    if (auth === t) run({ type: 'result', id, value });
  };

  if (claimable.ok) {
    machine = new RoomMachine(config, clock.now(), opts.factories ?? REFERENCE_FACTORIES);
    const initial = machine.initialOutputs();
    running = true;
    try {
      perform(initial);
    } finally {
      running = false;
    }
    schedule();
  }

  const local = (op: Extract<PresenceEvent, { type: 'local' }>): void => run(op);

  return {
    room: roomId,
    status: () => status,
    isCoordinator: () => coordinator,
    error: () => (claimable.ok ? null : claimable.error.code),
    onChange: (f) => void (cb.change = f),
    onRoster: (f) => {
      cb.roster = f;
      if (members.length) f(members);
    },
    onLobby: (f) => void (cb.lobby = f),
    onKnocks: (f) => void (cb.knocks = f),
    onKicked: (f) => void (cb.kicked = f),
    onReset: (f) => void (cb.reset = f),
    roster: () => members,
    onAgent: (f) => void (cb.agent = f),
    hostId: () => flags.host,
    isLobby: () => flags.lobby,
    isLocked: () => flags.locked,
    setSelf: (on, cam, name, avatar, voiceId, meta) => {
      lastSelf = [on, cam, name, avatar, voiceId, meta];
      local({ type: 'local', op: 'self', on, cam, name, avatar, voiceId, ...(meta !== undefined ? { meta } : {}) });
    },
    announce: () => {
      if (lastSelf) {
        const [on, cam, name, avatar, voiceId, meta] = lastSelf;
        local({ type: 'local', op: 'self', on, cam, name, avatar, voiceId, ...(meta !== undefined ? { meta } : {}) });
      }
    },
    knock: (name, avatar) => local({ type: 'local', op: 'knock', name, avatar }),
    setIdentityToken: (jwt) => local({ type: 'local', op: 'identity', jwt }),
    setAgentAssertion: (assertion) => local({ type: 'local', op: 'agent', assertion }),
    setAgentCredit: (credential) => local({ type: 'local', op: 'credit', credential }),
    setRequireVerified: (on) => local({ type: 'local', op: 'gate', on }),
    setLobby: (on) => local({ type: 'local', op: 'lobby', on }),
    setLocked: (on) => local({ type: 'local', op: 'lock', on }),
    resetRoom: () => local({ type: 'local', op: 'reset' }),
    admit: (conn) => local({ type: 'local', op: 'admit', conn }),
    deny: (conn) => local({ type: 'local', op: 'deny', conn }),
    kick: (id) => local({ type: 'local', op: 'kick', id }),
    declareHost: (id) => local({ type: 'local', op: 'declare-host', id }),
    sendModCommand: (t) => local({ type: 'local', op: 'mod', token: t }),
    close: () => {
      local({ type: 'local', op: 'close' });
      cancelTimer?.();
      cancelTimer = null;
      machine = null;
      status = 'closed';
      for (const t of claims.values()) t.close();
      claims.clear();
    },
  };
}
