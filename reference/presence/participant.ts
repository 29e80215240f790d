// The participant as a sans-IO state machine (spec/08-presence.md, "The participant"). It owns
// one presence link to the coordinator: dialing and re-dialing with backoff, the ping beacon and
// the silence check, the knock, re-announcing its call membership, and reading what the
// coordinator tells it. It gives up (`gone`) when the coordinator is unreachable; the room
// machine then re-enters the claim loop.
import type { JsonObject, JsonValue } from '../encoding/json.ts';
import {
  DEFAULT_NAME, FREEZE_GAP_MS, MAX_ATTEMPTS, OPEN_TIMEOUT_MS, PING_MS, REANNOUNCE_MS, REANNOUNCE_OFFSETS_MS, RETRY_BASE_MS, RETRY_STEP_MS, SILENCE_MS,
} from './constants.ts';
import { earliest, type LocalOp, type Output, type PresenceEvent, type PresenceMachine } from './machine.ts';
import { memberJson, parseAuthorityFrame, type CallMember } from './wire.ts';

export interface SelfState {
  on: boolean;
  cam: boolean;
  name: string;
  avatar: string;
  voiceId: string;
  meta?: JsonObject;
}

export interface ParticipantConfig {
  /** The stable identity token sent in every knock and voice [PRES-35]. */
  token: string;
}

/** What survives a role change: the room machine hands it to whichever role comes next. */
export interface CarriedState {
  self: SelfState | null;
  knockName: string;
  knockAvatar: string;
  jwt?: string;
  /** The agent key assertion and credit credential the application gave, sent in every knock and voice [PRES-110]. */
  agentAssertion?: string;
  agentCredit?: string;
}

export class Participant implements PresenceMachine {
  protected out: Output[] = [];
  protected open = false;
  protected dead = false; // gone or closed: the machine ignores everything from now on
  protected attempts = 0;
  protected retryAt: number | null = null;
  protected openDeadline: number | null;
  protected lastSeen = 0;
  protected lastBeat: number;
  protected nextBeat: number;
  protected waiting = false;
  protected kicked = false;
  protected reannounce: number[] = []; // pending one-shot re-announce times
  protected nextReannounce: number | null = null;
  /** Last roster-borne settings, what a migration inherits [PRES-39], [PRES-48]. */
  lastRoster: CallMember[] = [];
  lastLobby = false;
  lastLocked = false;
  lastHost = '';

  constructor(
    readonly config: ParticipantConfig,
    start: number,
    readonly carried: CarriedState = { self: null, knockName: '', knockAvatar: '' },
  ) {
    this.lastBeat = start;
    this.nextBeat = start + PING_MS;
    this.openDeadline = start + OPEN_TIMEOUT_MS;
    this.out.push({ type: 'dial' }); // [PRES-35] dial as soon as the role exists
    if (carried.self?.on) this.armReannounce(start);
  }

  /** Outputs produced by the constructor (the first dial). */
  initialOutputs(): Output[] {
    const o = this.out;
    this.out = [];
    return o;
  }

  isOpen(): boolean {
    return this.open;
  }

  wake(): number | null {
    if (this.dead) return null;
    return earliest(this.nextBeat, this.retryAt, this.openDeadline, this.reannounce[0], this.nextReannounce);
  }

  step(at: number, event: PresenceEvent): Output[] {
    this.out = [];
    if (this.dead) return [];
    switch (event.type) {
      case 'open':
        this.onOpen(at);
        break;
      case 'closed':
        this.scheduleRetry(at); // [PRES-37]
        break;
      case 'unavailable':
        this.giveUp('authority gone'); // [PRES-38]
        break;
      case 'frame':
        this.onFrame(event.msg, at);
        break;
      case 'tick':
        this.onTick(at);
        break;
      case 'local':
        this.onLocal(event, at);
        break;
      default:
        break;
    }
    return this.out;
  }

  protected send(msg: JsonObject): void {
    if (this.open) this.out.push({ type: 'send', msg });
  }

  // ---- link ----------------------------------------------------------------------------------
  protected onOpen(at: number): void {
    if (this.open) return;
    this.open = true;
    this.attempts = 0; // a healthy link resets the backoff and cancels any pending retry [PRES-37]
    this.retryAt = null;
    this.openDeadline = null;
    this.lastSeen = at;
    this.lastBeat = at;
    this.nextBeat = at + PING_MS;
    this.sendKnock(); // [PRES-35]
    if (this.carried.self) this.sendVoice();
  }

  protected scheduleRetry(at: number): void {
    this.open = false;
    this.openDeadline = null;
    if (this.retryAt !== null) return;
    if (this.attempts >= MAX_ATTEMPTS) return this.giveUp('authority unreachable');
    this.retryAt = at + RETRY_BASE_MS + this.attempts * RETRY_STEP_MS;
  }

  protected giveUp(reason: string): void {
    this.dead = true;
    this.open = false;
    this.out.push({ type: 'gone', reason });
  }

  protected dial(at: number): void {
    this.open = false;
    this.openDeadline = at + OPEN_TIMEOUT_MS;
    this.out.push({ type: 'dial' });
  }

  // ---- frames from the coordinator -------------------------------------------------------------
  protected onFrame(raw: JsonValue, at: number): void {
    if (!this.open) return; // a frame on a link we consider closed is stale
    this.lastSeen = at; // every inbound frame is a sign of life [PRES-36]
    const frame = parseAuthorityFrame(raw);
    if (!frame) return void this.out.push({ type: 'drop', code: 'presence.malformed' });
    switch (frame.t) {
      case 'roster': {
        this.lastRoster = frame.members;
        this.lastLobby = frame.lobby ?? false; // [PRES-39] missing means false / ''
        this.lastLocked = frame.locked ?? false;
        this.lastHost = frame.host ?? '';
        this.out.push({ type: 'roster', members: frame.members.map(memberJson), lobby: this.lastLobby, locked: this.lastLocked, host: this.lastHost });
        this.selfHeal(frame.members);
        return;
      }
      case 'lobby':
        this.out.push({ type: 'lobby', status: frame.status });
        if (frame.status === 'waiting') this.waiting = true;
        else if (frame.status === 'admitted') {
          if (this.waiting && this.carried.self) this.sendVoice(); // [PRES-42] the held announce goes again
          this.waiting = false;
        }
        return;
      case 'kick':
        this.kicked = true; // [PRES-120] stop re-announcing; the application decides to leave
        this.out.push({ type: 'kicked' }); // [PRES-43]
        return;
      case 'reset':
        this.out.push({ type: 'reset' });
        return;
      default:
        return; // ping and unknown kinds: liveness only
    }
  }

  /** [PRES-40] A roster without us while we are in the call; [PRES-41] one with us while we are not. */
  protected selfHeal(members: CallMember[]): void {
    const self = this.carried.self;
    if (!self || this.kicked || !self.voiceId) return;
    const listed = members.some((m) => m.id === self.voiceId);
    if (self.on && !listed) this.sendVoice();
    else if (!self.on && listed) this.sendVoice();
  }

  // ---- outgoing frames -------------------------------------------------------------------------
  protected sendKnock(): void {
    const c = this.carried;
    const msg: JsonObject = { t: 'knock', name: c.knockName || c.self?.name || DEFAULT_NAME, avatar: c.knockAvatar || c.self?.avatar || '', token: this.config.token };
    if (c.self?.voiceId) msg.voiceId = c.self.voiceId;
    if (c.jwt !== undefined) msg.jwt = c.jwt;
    this.addAgentCredentials(msg);
    this.send(msg);
  }
  protected sendVoice(): void {
    const s = this.carried.self;
    if (!s) return;
    const msg: JsonObject = { t: 'voice', on: s.on, cam: s.cam, name: s.name || DEFAULT_NAME, avatar: s.avatar, voiceId: s.voiceId, token: this.config.token };
    if (s.meta !== undefined) msg.meta = s.meta;
    if (this.carried.jwt !== undefined) msg.jwt = this.carried.jwt;
    this.addAgentCredentials(msg);
    this.send(msg);
  }
  protected addAgentCredentials(msg: JsonObject): void {
    if (this.carried.agentAssertion !== undefined) msg.agentAssertion = this.carried.agentAssertion;
    if (this.carried.agentCredit !== undefined) msg.agentCredit = this.carried.agentCredit;
  }

  protected armReannounce(at: number): void {
    this.reannounce = REANNOUNCE_OFFSETS_MS.map((d) => at + d);
    this.nextReannounce = at + REANNOUNCE_MS;
  }

  // ---- timers ----------------------------------------------------------------------------------
  protected onTick(at: number): void {
    if (this.openDeadline !== null && at >= this.openDeadline) this.scheduleRetry(at); // [PRES-37]
    if (this.retryAt !== null && at >= this.retryAt) {
      this.retryAt = null;
      this.attempts += 1;
      this.dial(at);
    }
    if (at >= this.nextBeat) this.beat(at);
    if (this.dead) return;
    let due = false;
    while (this.reannounce.length > 0 && at >= this.reannounce[0]!) {
      this.reannounce.shift();
      due = true;
    }
    if (this.nextReannounce !== null && at >= this.nextReannounce) {
      this.nextReannounce = at + REANNOUNCE_MS;
      due = true;
    }
    if (due && this.carried.self?.on && !this.kicked) this.sendVoice();
  }

  /** [PRES-36] Beacon, and give up on a silent coordinator unless we were the ones frozen. */
  protected beat(at: number): void {
    const gap = at - this.lastBeat;
    this.lastBeat = at;
    this.nextBeat = at + PING_MS;
    if (!this.open) return;
    this.send({ t: 'ping' });
    if (this.frozen(gap)) {
      this.lastSeen = at;
      return;
    }
    if (this.silent(at)) this.giveUp('authority silent');
  }
  protected frozen(gap: number): boolean {
    return gap > FREEZE_GAP_MS;
  }
  protected silent(at: number): boolean {
    return at - this.lastSeen > SILENCE_MS;
  }

  // ---- local ops -------------------------------------------------------------------------------
  protected onLocal(op: LocalOp, at: number): void {
    switch (op.op) {
      case 'self': {
        const wasOn = this.carried.self?.on === true;
        const self: SelfState = { on: op.on, cam: op.cam, name: op.name, avatar: op.avatar, voiceId: op.voiceId };
        if (op.meta !== undefined) self.meta = op.meta;
        this.carried.self = self;
        if (op.on && !wasOn) {
          this.kicked = false; // joining again is the application's decision
          this.armReannounce(at);
        } else if (!op.on) {
          this.reannounce = [];
          this.nextReannounce = null;
        }
        return this.sendVoice();
      }
      case 'knock':
        this.carried.knockName = op.name;
        this.carried.knockAvatar = op.avatar;
        return this.sendKnock();
      case 'identity':
        this.carried.jwt = op.jwt;
        this.sendKnock();
        return this.sendVoice();
      case 'agent': // [PRES-110] present at once: knock, then the announcement if there is one
        this.carried.agentAssertion = op.assertion;
        this.sendKnock();
        return this.sendVoice();
      case 'credit':
        this.carried.agentCredit = op.credential;
        this.sendKnock();
        return this.sendVoice();
      case 'mod':
        return this.send({ t: 'mod', token: op.token });
      case 'close':
        this.send({ t: 'leave' }); // [PRES-44]
        this.dead = true;
        this.open = false;
        this.out.push({ type: 'hangup' });
        return;
      default:
        return; // coordinator-only ops are no-ops here
    }
  }
}
