// The room machine: the claim-or-join loop around one coordinator or participant role
// (spec/08-presence.md, "Roles and the claim loop", "Migration"). It asks the broker to claim
// the room's authority id, becomes the coordinator when it wins, a participant when the id is
// taken, and goes round again when its role is lost. What a new coordinator inherits is decided
// here, from what this peer last saw.
import type { JsonObject } from '../encoding/json.ts';
import { normalizeRoom } from '../room/normalize.ts';
import { CLAIM_RETRY_MS, CLAIM_TIMEOUT_MS, RECLAIM_DELAY_MS } from './constants.ts';
import { Coordinator, counter, type CoordinatorConfig, type GateConfig, type Traffic } from './coordinator.ts';
import { earliest, type LocalOp, type Output, type PresenceEvent, type PresenceMachine } from './machine.ts';
import { Participant, type CarriedState, type ParticipantConfig } from './participant.ts';
import { memberJson, type CallMember } from './wire.ts';

export type RoomStatus = 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface RoomConfig {
  /** The room name as shared (ROOM-01 normalizes it); must be claimable [ROOM-06]. */
  room: string;
  token: string;
  hostKey?: CoordinatorConfig['hostKey'];
  hostName?: string;
  hostEmail?: string;
  gate?: GateConfig;
  /** Start with the lobby on, as the first coordinator only [PRES-48]. */
  lobbyOnStart?: boolean;
  /** How this peer answers announcements while it coordinates [PRES-70], [PRES-71]. */
  traffic?: Traffic;
}

/** How the room machine builds its roles; mutants and tests swap these. */
export interface RoleFactories {
  coordinator(config: CoordinatorConfig, start: number, nextId: () => number): Coordinator;
  participant(config: ParticipantConfig, start: number, carried: CarriedState): Participant;
}
export const REFERENCE_FACTORIES: RoleFactories = {
  coordinator: (c, s, n) => new Coordinator(c, s, n),
  participant: (c, s, k) => new Participant(c, s, k),
};

type Phase =
  | { kind: 'claiming'; id: number; deadline: number }
  | { kind: 'waiting'; until: number }
  | { kind: 'coordinator'; role: Coordinator }
  | { kind: 'participant'; role: Participant }
  | { kind: 'closed' };

export class RoomMachine implements PresenceMachine {
  protected out: Output[] = [];
  protected phase: Phase;
  protected status: RoomStatus = 'connecting';
  protected readonly nextId = counter();
  protected readonly carried: CarriedState = { self: null, knockName: '', knockAvatar: '' };
  /** Survive role changes: what the next coordinator inherits [PRES-48]. */
  protected lastRoster: readonly CallMember[] = [];
  protected lastLobby: boolean;
  protected lastLocked = false;
  protected lastHost = '';
  protected coordinatorNow = false;

  constructor(
    readonly config: RoomConfig,
    start: number,
    protected readonly factories: RoleFactories = REFERENCE_FACTORIES,
  ) {
    this.lastLobby = config.lobbyOnStart === true;
    this.phase = this.claim(start);
  }

  initialOutputs(): Output[] {
    const o = this.out;
    this.out = [];
    return o;
  }

  wake(): number | null {
    const p = this.phase;
    switch (p.kind) {
      case 'claiming':
        return p.deadline;
      case 'waiting':
        return p.until;
      case 'coordinator':
      case 'participant':
        return p.role.wake();
      case 'closed':
        return null;
    }
  }

  step(at: number, event: PresenceEvent): Output[] {
    this.out = [];
    const p = this.phase;
    if (p.kind === 'closed') {
      // A closed room answers nothing, except that a claim won after it stopped waiting is handed back [PRES-46].
      if (event.type === 'claimed') this.releaseStale(event.id, event.result);
      return this.out;
    }
    if (event.type === 'local') this.remember(event);
    if (event.type === 'local' && event.op === 'close') {
      if (p.kind === 'claiming') this.out.push({ type: 'abandon', id: p.id }); // stop waiting for the claim in flight [PRES-46]
      this.forward(at, event);
      this.phase = { kind: 'closed' };
      this.setStatus('closed', false);
      return this.out;
    }
    switch (p.kind) {
      case 'claiming':
        if (event.type === 'claimed') this.onClaimed(at, event.id, event.result);
        else if (event.type === 'tick' && at >= p.deadline) this.retryLater(at, CLAIM_RETRY_MS, 'connecting', p.id); // [PRES-46]
        break;
      case 'waiting':
        if (event.type === 'claimed') this.releaseStale(event.id, event.result);
        else if (event.type === 'tick' && at >= p.until) this.phase = this.claim(at);
        break;
      case 'coordinator':
        if (event.type === 'claimed') this.releaseStale(event.id, event.result);
        else if (event.type === 'displaced') {
          // Our authority id was taken over while we were away: stand down and rejoin [PRES-47].
          this.out.push({ type: 'release' });
          this.retryLater(at, RECLAIM_DELAY_MS, 'reconnecting');
        } else if (isCoordinatorEvent(event)) this.forward(at, event);
        break;
      case 'participant':
        if (event.type === 'claimed') this.releaseStale(event.id, event.result);
        else if (isParticipantEvent(event)) this.forward(at, event);
        break;
    }
    return this.out;
  }

  // ---- the loop ----------------------------------------------------------------------------
  protected claim(at: number): Phase {
    const id = this.nextId();
    this.out.push({ type: 'claim', id });
    return { kind: 'claiming', id, deadline: at + CLAIM_TIMEOUT_MS };
  }

  protected retryLater(at: number, delay: number, status: RoomStatus, abandonedClaim?: number): void {
    if (abandonedClaim !== undefined) this.out.push({ type: 'abandon', id: abandonedClaim });
    this.phase = { kind: 'waiting', until: at + delay };
    this.setStatus(status, false);
  }

  /** A claim answer that arrives after we stopped waiting for it: a win is handed back [PRES-46]. */
  protected releaseStale(id: number, result: string): void {
    if (result === 'won') this.out.push({ type: 'release', id });
  }

  protected onClaimed(at: number, id: number, result: 'won' | 'taken' | 'error'): void {
    const p = this.phase;
    if (p.kind !== 'claiming' || p.id !== id) return this.releaseStale(id, result);
    if (result === 'error') return this.retryLater(at, CLAIM_RETRY_MS, this.status === 'reconnecting' ? 'reconnecting' : 'connecting'); // [PRES-45]
    if (result === 'taken') {
      const role = this.factories.participant({ token: this.config.token }, at, this.carried);
      this.phase = { kind: 'participant', role };
      this.setStatus(this.status === 'reconnecting' ? 'reconnecting' : 'connecting', false);
      this.collect(role.initialOutputs());
      return;
    }
    this.becomeCoordinator(at);
  }

  /** [PRES-48] The new coordinator inherits the last roster's media ids and the two flags. */
  protected becomeCoordinator(at: number): void {
    const c = this.config;
    const cfg: CoordinatorConfig = {
      room: normalizeRoom(c.room), // host commands name the room id [ROOM-05]
      lobby: this.lastLobby,
      locked: this.lastLocked,
      grandfathered: this.lastRoster.map((m) => m.id),
    };
    if (c.hostKey !== undefined) cfg.hostKey = c.hostKey;
    if (c.hostName !== undefined) cfg.hostName = c.hostName;
    if (c.hostEmail !== undefined) cfg.hostEmail = c.hostEmail;
    if (c.gate !== undefined) cfg.gate = c.gate;
    if (c.traffic !== undefined) cfg.traffic = c.traffic;
    const role = this.factories.coordinator(cfg, at, this.nextId);
    this.phase = { kind: 'coordinator', role };
    this.setStatus('connected', true);
    // [PRES-51] Start from an empty roster: broadcast it, then replay our own announcement.
    this.collect(role.begin());
    const self = this.carried.self;
    if (self) this.collect(role.step(at, { type: 'local', op: 'self', ...self }));
  }

  // ---- routing ------------------------------------------------------------------------------
  protected forward(at: number, event: PresenceEvent): void {
    const p = this.phase;
    if (p.kind !== 'coordinator' && p.kind !== 'participant') return;
    const outs = p.role.step(at, event);
    if (p.kind === 'participant' && event.type === 'open' && p.role.isOpen()) this.setStatus('connected', false);
    this.collect(outs);
    if (p.kind === 'participant') {
      this.lastRoster = p.role.lastRoster;
      this.lastLobby = p.role.lastLobby;
      this.lastLocked = p.role.lastLocked;
      this.lastHost = p.role.lastHost;
    } else {
      const f = p.role.flags();
      this.lastRoster = p.role.roster();
      this.lastLobby = f.lobby;
      this.lastLocked = f.locked;
      this.lastHost = f.host;
    }
    const gone = outs.find((o) => o.type === 'gone');
    if (gone && p.kind === 'participant' && this.phase === p) this.retryLater(at, RECLAIM_DELAY_MS, 'reconnecting'); // [PRES-47]
  }

  protected collect(outs: Output[]): void {
    for (const o of outs) this.out.push(o);
  }

  /** Local ops that must outlive the current role: our announcement, knock name and credential. */
  protected remember(op: LocalOp): void {
    if (op.op === 'self') {
      const self: CarriedState['self'] = { on: op.on, cam: op.cam, name: op.name, avatar: op.avatar, voiceId: op.voiceId };
      if (op.meta !== undefined) self.meta = op.meta;
      if (this.phase.kind !== 'participant') this.carried.self = self; // the participant role keeps it itself
    } else if (op.op === 'knock' && this.phase.kind !== 'participant') {
      this.carried.knockName = op.name;
      this.carried.knockAvatar = op.avatar;
    } else if (op.op === 'identity' && this.phase.kind !== 'participant') {
      this.carried.jwt = op.jwt;
    } else if (op.op === 'agent' && this.phase.kind !== 'participant') {
      this.carried.agentAssertion = op.assertion; // [PRES-110]
    } else if (op.op === 'credit' && this.phase.kind !== 'participant') {
      this.carried.agentCredit = op.credential;
    }
  }

  protected setStatus(status: RoomStatus, coordinator: boolean): void {
    if (status === this.status && coordinator === this.coordinatorNow) return;
    this.status = status;
    this.coordinatorNow = coordinator;
    this.out.push({ type: 'status', status, coordinator });
  }

  // ---- observers -------------------------------------------------------------------------------
  currentStatus(): { status: RoomStatus; coordinator: boolean } {
    return { status: this.status, coordinator: this.coordinatorNow };
  }
  view(): JsonObject {
    return { members: this.lastRoster.map(memberJson), lobby: this.lastLobby, locked: this.lastLocked, host: this.lastHost };
  }
}

const COORDINATOR_EVENTS = new Set(['connect', 'message', 'disconnect', 'result', 'tick', 'local']);
const PARTICIPANT_EVENTS = new Set(['open', 'frame', 'closed', 'unavailable', 'tick', 'local']);
const isCoordinatorEvent = (e: PresenceEvent): boolean => COORDINATOR_EVENTS.has(e.type);
const isParticipantEvent = (e: PresenceEvent): boolean => PARTICIPANT_EVENTS.has(e.type);
