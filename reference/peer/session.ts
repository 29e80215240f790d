// One reference peer in peer mode (spec/10-adapter-protocol.md, "Peer mode"): the presence engine
// on the PeerJS transport with a fresh certificate [SAS-18], driven by control ops and reporting
// what its user would see: status, roster, lobby statuses, kicks, knocks and safety codes.
import type { JsonObject, JsonValue } from '../encoding/json.ts';
import { verifyIdToken } from '../certbinding/idtoken.ts';
import { signHostCommand } from '../hostcmd/sign.ts';
import { joinRoom, type GateVerdict, type Room } from '../presence/engine.ts';
import type { CallMember } from '../presence/wire.ts';
import { normalizeRoom } from '../room/normalize.ts';
import type { RoomTransport } from '../presence/transport.ts';
import { safetyCode } from '../sas/code.ts';
import type { PeerHooks } from './hooks.ts';

/** The identity gate a coordinator applies to joiners [PRES-09], with the IDT-20 parameters by default. */
export interface GateInput {
  jwks: JsonValue;
  issuers: string[];
  audience: string;
  leeway?: number;
  maxAge?: number;
}

export interface JoinInput {
  broker: string;
  room: string;
  voiceId: string;
  name: string;
  avatar: string;
  cam: boolean;
  meta?: JsonObject;
  inCall: boolean;
  identity?: string;
  hostKey?: JsonValue;
  hostName?: string;
  lobby: boolean;
  gate?: GateInput;
  jwt?: string;
}

interface Self {
  on: boolean;
  cam: boolean;
  name: string;
  avatar: string;
  meta?: JsonObject;
}

/** What a platform (Node, a browser) gives one peer: a transport on its broker, with one certificate. */
export interface PeerNet {
  transport: RoomTransport & {
    /** The two fingerprints of every open presence connection, by remote broker id. */
    safety(): Map<string, { local: string; remote: string }>;
    presenceId(): string | null;
    closeAll(): void;
  };
  /** Canonical fingerprint of the certificate presented on every connection [BIND-04]. */
  fingerprint: string;
  dispose(): void;
}

export class PeerSession {
  readonly transport: PeerNet['transport'];
  readonly room: Room;
  readonly roomId: string;
  #self: Self;
  #hasRoster = false;
  readonly #lobby: string[] = [];
  #kicked = 0;
  #resets = 0;
  #knocks: JsonObject[] = [];
  #closed = false;

  constructor(
    readonly input: JoinInput,
    private readonly hooks: PeerHooks,
    private readonly net: PeerNet,
  ) {
    this.transport = net.transport;
    this.roomId = normalizeRoom(input.room);
    const gate = input.gate;
    this.room = joinRoom(input.room, {
      transport: this.transport,
      ...(input.identity ? { identity: input.identity } : {}),
      ...(input.hostKey !== undefined ? { hostKey: input.hostKey } : {}),
      ...(input.hostName !== undefined ? { hostName: input.hostName } : {}),
      lobbyOnStart: input.lobby,
      ...(gate ? { gate: { require: true, verify: (jwt: string, fp: string | null) => this.#verify(gate, jwt, fp) } } : {}),
      ...(hooks.factories ? { factories: hooks.factories } : {}),
    });
    this.room.onRoster(() => (this.#hasRoster = true));
    this.room.onLobby((s) => this.#lobby.push(s));
    this.room.onKicked(() => (this.#kicked += 1));
    this.room.onReset(() => (this.#resets += 1));
    this.room.onKnocks((list) => (this.#knocks = list.map((k) => ({ conn: k.conn, name: k.name, avatar: k.avatar }))));
    if (input.jwt !== undefined) this.room.setIdentityToken(input.jwt);
    this.#self = { on: input.inCall, cam: input.cam, name: input.name, avatar: input.avatar, ...(input.meta ? { meta: input.meta } : {}) };
    if (input.inCall) this.#announce();
  }

  get fingerprint(): string {
    return this.net.fingerprint;
  }

  async #verify(gate: GateInput, jwt: string, remoteFp: string | null): Promise<GateVerdict> {
    const args = {
      jwt,
      jwks: gate.jwks,
      issuers: gate.issuers,
      audience: gate.audience,
      now: Math.floor(Date.now() / 1000),
      leeway: gate.leeway ?? 30, // [IDT-20]
      maxAge: gate.maxAge ?? 3600,
      remoteFp,
      salt: this.roomId, // [BIND-02]
    };
    const r = await (this.hooks.verifyIdToken ?? verifyIdToken)(args);
    return r.ok ? 'ok' : 'fail';
  }

  #announce(): void {
    const s = this.#self;
    this.room.setSelf(s.on, s.cam, s.name, s.avatar, this.input.voiceId, s.meta);
  }

  announce(change: { on: boolean; cam?: boolean; name?: string; avatar?: string; meta?: JsonObject | null }): void {
    const s = this.#self;
    const next: Self = { on: change.on, cam: change.cam ?? s.cam, name: change.name ?? s.name, avatar: change.avatar ?? s.avatar };
    const meta = change.meta === null ? undefined : (change.meta ?? s.meta);
    if (meta) next.meta = meta;
    this.#self = next;
    this.#announce();
  }

  knock(name: string, avatar: string): void {
    this.room.knock(name, avatar);
  }

  identity(jwt: string): void {
    this.room.setIdentityToken(jwt);
  }

  /** The coordinator's own controls; a participant ignores them, as upstream's room does. */
  moderate(op: string, target: string | undefined): void {
    const r = this.room;
    switch (op) {
      case 'lobbyon':
        return r.setLobby(true);
      case 'lobbyoff':
        return r.setLobby(false);
      case 'lock':
        return r.setLocked(true);
      case 'unlock':
        return r.setLocked(false);
      case 'reset':
        return r.resetRoom();
      case 'admit':
        return target ? r.admit(target) : undefined;
      case 'deny':
        return target ? r.deny(target) : undefined;
      case 'kick':
        return target ? r.kick(target) : undefined;
    }
  }

  /** Signs a host command with our own certificate's fingerprint [HCMD-07] and sends it. */
  hostCommand(op: string, target: string | undefined, privateJwk: JsonValue): { ok: true; token: string } | { ok: false; code: string; message: string } {
    const r = signHostCommand({ privateJwk, room: this.roomId, fp: this.fingerprint, op, ...(target ? { target } : {}), now: Math.floor(Date.now() / 1000) });
    if (!r.ok) return { ok: false, code: r.error.code, message: r.error.message };
    this.room.sendModCommand(r.value.token);
    return { ok: true, token: r.value.token };
  }

  sendToken(token: string): void {
    this.room.sendModCommand(token);
  }

  state(): JsonObject {
    const r = this.room;
    const safety: JsonObject[] = [];
    for (const [remote, s] of this.transport.safety()) {
      const code = (this.hooks.safetyCode ?? referenceCode)(s.local, s.remote);
      if (code) safety.push({ remote, code: code.code, indices: code.indices, localFp: s.local, remoteFp: s.remote });
    }
    safety.sort((a, b) => (String(a.remote) < String(b.remote) ? -1 : 1));
    return {
      status: r.status(),
      coordinator: r.isCoordinator(),
      presenceId: this.transport.presenceId(),
      roster: this.#hasRoster
        ? { members: r.roster().map((m: CallMember) => ({ ...m }) as unknown as JsonObject), lobby: r.isLobby(), locked: r.isLocked(), host: r.hostId() }
        : null,
      lobby: [...this.#lobby],
      kicked: this.#kicked,
      resets: this.#resets,
      knocks: r.isCoordinator() ? [...this.#knocks] : [],
      safety,
    };
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Leaves the room: `leave` on the presence connection, then every registration goes [PRES-44, SIG-25]. */
  async leave(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.room.close();
    // Let the leave frame go out before the channel closes (upstream's mesh waits 250 ms after bye).
    await new Promise((r) => setTimeout(r, 250));
    this.transport.closeAll();
    this.net.dispose();
  }
}

function referenceCode(local: string, remote: string): { code: string; indices: number[] } | null {
  const r = safetyCode(local, remote);
  return r.ok ? { code: r.value.code, indices: r.value.indices } : null;
}
