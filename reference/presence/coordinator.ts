// The coordinator as a sans-IO state machine (spec/08-presence.md, "The coordinator").
// It keeps presence for the room: who is connected, who is in the call (the roster), the lobby,
// the lock, the kick lists and the host slot. Every decision a fork could get subtly wrong is a
// small protected method, so a deliberately broken coordinator (tests/mutants/presence/)
// is a one-method subclass rather than a copy.
//
// Cost: every participant re-announces every 3 s and pings every 2.5 s, so the common frame
// changes nothing. Such a frame costs O(1) here whatever the room size: connection lookups are
// set lookups, a token finds its slot through an index, and the roster frame and recipient
// lists are built once per change and shared by every output until the next one (outputs are
// read-only). bench/presence.bench.ts measures it against the previous version.
import type { JsonObject, JsonValue } from '../encoding/json.ts';
import type { Result } from '../result.ts';
import { makeDoor, type Door, type DoorConfig } from '../admission/door.ts';
import { AgentDoor, agentOutput } from '../agents/door.ts';
import { holdsWithoutFingerprint, oversize, presented, type Presented } from '../agents/gate.ts';
import { ModGate } from '../hostcmd/gate.ts';
import type { HostOp } from '../hostcmd/payload.ts';
import type { VerifiedHostCommand } from '../hostcmd/verify.ts';
import { BEAT_MS, DEFAULT_NAME, FREEZE_GAP_MS, MAX_GATE_TOKEN_CHARS, REAP_MS, SEEN_CAP } from './constants.ts';
import { RecentSet } from './recent-set.ts';
import type { LocalOp, Output, PresenceEvent, PresenceMachine } from './machine.ts';
import { ConnSet } from './conn-set.ts';
import { Slots } from './slots.ts';
import { memberJson, parseClientFrame, type CallMember, type ClientFrame, type KnockFrame, type VoiceFrame } from './wire.ts';

/** A gate may name a link gate mode and carry its material: the door of [PRES-75] (chapter 8.9). */
export interface GateConfig extends DoorConfig {
  /** The identity gate is on (the host can toggle it live) [PRES-09]. */
  require: boolean;
  /** The verifier binds credentials to the connection's certificate: an unreadable one holds [PRES-10]. */
  bindsFingerprint: boolean;
  /** Declared agents must present a valid credit credential [PRES-100] (chapter 8.10). */
  credits?: boolean;
}

export interface CoordinatorConfig {
  /** The room id (ROOM-01): the `room` every host command must name. */
  room: string;
  /** The committed host public JWK; absent: the room has no key-tier host [HCMD-01]. */
  hostKey?: JsonValue;
  /** Soft host tier: the committed display name, ignored when a host key is committed [PRES-33]. */
  hostName?: string;
  /** OIDC host tier: the committed e-mail (an enable flag here), ignored with a host key [PRES-34]. */
  hostEmail?: string;
  gate?: GateConfig;
  /** Lobby and lock flags to start with: lobbyOnStart or what a migration inherited [PRES-48]. */
  lobby: boolean;
  locked: boolean;
  /** Media ids of the last roster this peer saw before taking over [PRES-48]. */
  grandfathered: string[];
  /**
   * `upstream` (default): every `voice` is broadcast, as upstream does [PRES-15], [PRES-16].
   * `lean`: a `voice` that leaves the roster unchanged is answered on its own connection only [PRES-70].
   * `batched`: lean, and the roster reaches the whole fan-out set only on the beat [PRES-71].
   */
  traffic?: Traffic;
}

/** How a coordinator answers announcements: upstream's rule, or the hardening of [PRES-70], [PRES-71]. */
export type Traffic = 'upstream' | 'lean' | 'batched';
export const TRAFFIC_MODES: readonly Traffic[] = ['upstream', 'lean', 'batched'];

/** What the coordinator remembers about a waiting knocker [PRES-13]. */
export interface Knocker {
  name: string;
  avatar: string;
  token?: string;
  voiceId?: string;
}

type PendingRequest =
  | { kind: 'mod-fp'; conn: string; token: string }
  | { kind: 'gate-fp'; conn: string; frame: KnockFrame | VoiceFrame; jwt: string | undefined }
  | { kind: 'gate-verify'; conn: string; frame: KnockFrame | VoiceFrame }
  | { kind: 'gate-credit'; conn: string; frame: KnockFrame | VoiceFrame; byKey: boolean };

/** A stage of the processing order returns true when it consumed the frame [PRES-04]. */
export type Stage = (conn: string, frame: ClientFrame, at: number) => boolean;

/** The coordinator's own slot key. Connection ids are non-empty, so '' never collides. */
export const SELF = '';

const present = (s: string | undefined): s is string => typeof s === 'string' && s !== '';
const normName = (s: string | undefined): string => (s ?? '').trim().toLowerCase();

// Fixed frames, built once (outputs are read-only).
const PING: JsonObject = Object.freeze({ t: 'ping' });
const KICK: JsonObject = Object.freeze({ t: 'kick' });
const RESET: JsonObject = Object.freeze({ t: 'reset' });
const lobbyFrame = (status: string): JsonObject => Object.freeze({ t: 'lobby', status });
const LOBBY = {
  waiting: lobbyFrame('waiting'),
  admitted: lobbyFrame('admitted'),
  denied: lobbyFrame('denied'),
  locked: lobbyFrame('locked'),
  unverified: lobbyFrame('unverified'),
};

/** The roster frame of one roster state, and the member list the application report shares. */
interface RosterCache {
  version: number;
  lobby: boolean;
  locked: boolean;
  host: string;
  frame: JsonObject;
}

export class Coordinator implements PresenceMachine {
  protected out: Output[] = [];
  protected readonly conns = new ConnSet(); // open connections, in the order they connected
  protected readonly lastSeen = new Map<string, number>();
  protected readonly slots = new Slots(); // insertion order is roster order [PRES-18]
  protected lobbyOn: boolean;
  protected locked: boolean;
  protected readonly admitted = new ConnSet();
  protected readonly pending = new Map<string, Knocker>();
  protected readonly admittedTokens = new Set<string>();
  protected readonly kickedTokens = new Set<string>();
  protected readonly kickedIds = new Set<string>();
  protected readonly kickedConns = new Set<string>();
  protected hostId = '';
  protected hostConn: string | null = null;
  protected readonly grandfathered: Set<string>;
  protected readonly seenTokens = new RecentSet(SEEN_CAP); // bounded [PRES-63]
  protected readonly seenIds: Set<string>;
  protected readonly idVerified = new Set<string>();
  protected readonly verifying = new Set<string>();
  protected gateRequire: boolean;
  protected readonly door: Door | undefined;
  /** Agents at the door: allow-list, credit expiries, key-admitted connections (chapter 8.10). */
  protected readonly agents: AgentDoor | undefined;
  protected readonly requests = new Map<number, PendingRequest>();
  protected readonly modGate: ModGate;
  protected readonly softHostName: string;
  protected readonly emailTier: boolean;
  protected lastBeat: number;
  protected nextBeat: number;
  protected closed = false;
  protected readonly lean: boolean;
  protected readonly batched: boolean;
  #roster: RosterCache | null = null;
  #fanout: { conns: number; admitted: number; list: readonly string[] } | null = null;
  #stages: Stage[] | null = null;
  /** The connection whose frame (or request answer) is being processed: who caused a change [PRES-71]. */
  #actor: string | null = null;
  #members: { version: number; list: readonly CallMember[] } | null = null;

  constructor(
    readonly config: CoordinatorConfig,
    start: number,
    /** Request ids; shared with the room machine so ids stay unique across roles. */
    protected readonly nextId: () => number = counter(),
  ) {
    const hasKey = config.hostKey !== undefined && config.hostKey !== null;
    this.modGate = new ModGate(hasKey ? config.hostKey : undefined, config.room);
    this.softHostName = hasKey ? '' : normName(config.hostName); // the key tier wins [PRES-33]
    this.emailTier = !hasKey && normName(config.hostEmail) !== '';
    this.lobbyOn = config.lobby;
    this.locked = config.locked;
    this.grandfathered = new Set(config.grandfathered);
    this.seenIds = new RecentSet(SEEN_CAP, config.grandfathered); // inherited members may come back into a locked room [PRES-48], bounded [PRES-63]
    this.gateRequire = config.gate?.require ?? false;
    this.door = config.gate ? makeDoor(config.gate, config.room, start) : undefined; // the mode's verifier [PRES-75]
    this.agents = config.gate ? new AgentDoor(config.room, config.gate, start) : undefined; // [PRES-100], [PRES-104]
    this.lastBeat = start;
    this.nextBeat = start + BEAT_MS;
    this.lean = config.traffic === 'lean' || config.traffic === 'batched';
    this.batched = config.traffic === 'batched';
  }

  // ---- observers (used by the room machine and by tests) -------------------------------------
  /** The members in roster order; shared and frozen until the roster next changes. */
  roster(): readonly CallMember[] {
    const c = this.#members;
    if (c && c.version === this.slots.version) return c.list;
    const list = Object.freeze(Array.from(this.slots.values(), (s) => s.member));
    this.#members = { version: this.slots.version, list };
    return list;
  }
  flags(): { lobby: boolean; locked: boolean; host: string } {
    return { lobby: this.lobbyOn, locked: this.locked, host: this.hostId };
  }

  wake(): number | null {
    return this.closed ? null : this.nextBeat;
  }

  /** A new coordinator announces its (empty) roster at once [PRES-51]. */
  begin(): Output[] {
    this.out = [];
    this.broadcast();
    return this.out;
  }

  step(at: number, event: PresenceEvent): Output[] {
    this.out = [];
    if (this.closed) return [];
    switch (event.type) {
      case 'connect':
        this.onConnect(event.conn, at);
        break;
      case 'disconnect':
        this.onDisconnect(event.conn);
        break;
      case 'message':
        this.onMessage(event.conn, event.msg, at);
        break;
      case 'result':
        this.onResult(event.id, event.value, at);
        break;
      case 'tick':
        this.onTick(at);
        break;
      case 'local':
        this.onLocal(event, at);
        break;
      default:
        break; // participant and room events mean nothing to a bare coordinator
    }
    return this.out;
  }

  // ---- outputs --------------------------------------------------------------------------------
  protected send(to: readonly string[], msg: JsonObject): void {
    if (to.length > 0) this.out.push({ type: 'send', to: to as string[], msg });
  }
  protected sendOne(conn: string, msg: JsonObject): void {
    if (this.conns.has(conn)) this.send([conn], msg);
  }
  protected drop(conn: string | null, code: string): void {
    this.out.push({ type: 'drop', conn, code });
  }
  protected request(req: PendingRequest, extra: JsonObject): void {
    const id = this.nextId();
    this.requests.set(id, req);
    this.out.push({ type: 'request', id, ...extra });
  }

  // ---- connections ----------------------------------------------------------------------------
  protected onConnect(conn: string, at: number): void {
    if (this.conns.has(conn)) return this.drop(conn, 'presence.duplicate-conn');
    this.conns.add(conn);
    this.lastSeen.set(conn, at);
    this.connectCatchUp(conn);
  }
  /** Lobby off: the newcomer gets the roster at once; lobby on: nothing until admitted [PRES-20]. */
  protected connectCatchUp(conn: string): void {
    if (!this.lobbyOn) this.sendOne(conn, this.rosterFrame());
  }

  protected onDisconnect(conn: string): void {
    if (!this.conns.delete(conn)) return this.drop(conn, 'presence.unknown-conn');
    // Per-connection state goes; identity state (kick lists, seen, admitted tokens) stays [PRES-21].
    this.lastSeen.delete(conn);
    this.admitted.delete(conn);
    this.kickedConns.delete(conn);
    this.idVerified.delete(conn);
    this.verifying.delete(conn);
    this.door?.forget(conn); // the code limiter's record [PRES-82]
    this.agents?.forget(conn); // [PRES-109]
    const wasHost = this.hostConn === conn;
    if (wasHost) {
      this.hostId = '';
      this.hostConn = null;
    }
    if (this.pending.delete(conn)) this.emitKnocks();
    if (this.slots.delete(conn) || wasHost) this.broadcast();
  }

  // ---- frames ---------------------------------------------------------------------------------
  protected onMessage(conn: string, raw: JsonValue, at: number): void {
    if (!this.conns.has(conn)) return this.drop(conn, 'presence.unknown-conn');
    this.lastSeen.set(conn, at); // liveness first, whatever the frame [PRES-05]
    const frame = parseClientFrame(raw);
    if (!frame) return this.drop(conn, 'presence.malformed');
    this.#actor = conn;
    this.process(conn, frame, at);
    this.#actor = null;
  }

  /** Runs a parsed frame through the stages, in the order of [PRES-04]. */
  protected process(conn: string, frame: ClientFrame, at: number): void {
    for (const stage of (this.#stages ??= this.stages())) if (stage(conn, frame, at)) return;
  }

  protected stages(): Stage[] {
    return [this.kickedStage, this.modStage, this.lockedStage, this.gateStage, this.knockStage, this.lobbyStage, this.applyStage];
  }

  /** [PRES-06] A removed peer's every frame is answered with `kick`. */
  protected kickedStage: Stage = (conn, frame) => {
    const ident = frame.t === 'voice' || frame.t === 'knock' ? frame : undefined;
    if (!this.kickedConns.has(conn) && !(ident && this.isKickedIdentity(ident))) return false;
    this.kickedConns.add(conn);
    this.sendOne(conn, KICK);
    return true;
  };
  protected isKickedIdentity(who: { token?: string; voiceId?: string }): boolean {
    return (present(who.token) && this.kickedTokens.has(who.token)) || (present(who.voiceId) && this.kickedIds.has(who.voiceId));
  }

  /** [PRES-07] A host command is verified (chapter 4) and, if accepted, enacted; never answered. */
  protected modStage: Stage = (conn, frame, at) => {
    if (frame.t !== 'mod') return false;
    this.receiveMod(conn, frame.token, at);
    return true;
  };

  /** [PRES-08] A locked room turns away identities it has never rostered. */
  protected lockedStage: Stage = (conn, frame) => {
    if (!this.locked) return false;
    const entering = frame.t === 'knock' || (frame.t === 'voice' && frame.on);
    if (!entering || !this.isLockedOut(frame)) return false;
    this.sendOne(conn, LOBBY.locked);
    return true;
  };
  protected isLockedOut(who: { token?: string; voiceId?: string }): boolean {
    if (present(who.token) && this.seenTokens.has(who.token)) return false;
    if (present(who.voiceId) && this.seenIds.has(who.voiceId)) return false;
    return true;
  }

  /** [PRES-09] The identity gate: verify before any lobby or roster processing. */
  protected gateStage: Stage = (conn, frame, at) => {
    if (!this.config.gate || this.idVerified.has(conn)) return false;
    if (frame.t !== 'knock' && !(frame.t === 'voice' && frame.on)) return false;
    if (!this.gateRequire && !this.agents!.declares(frame)) return false; // agents pass the door even when people need not [PRES-100]
    if (frame.t === 'voice' && present(frame.voiceId) && this.grandfathered.has(frame.voiceId)) return false; // [PRES-50]
    this.gateIdentity(conn, frame, at);
    return true;
  };

  /** [PRES-12] A knock matters only while the lobby is on. */
  protected knockStage: Stage = (conn, frame) => {
    if (frame.t !== 'knock') return false;
    if (this.lobbyOn) this.gateEntry(conn, knocker(frame));
    return true;
  };

  /** [PRES-14] With the lobby on, a join attempt from a connection not admitted is a knock. */
  protected lobbyStage: Stage = (conn, frame) => {
    if (!this.lobbyOn || this.admitted.has(conn) || frame.t !== 'voice' || !frame.on) return false;
    if (this.claimsSoftHost(frame)) return false; // the first soft-host claimant is never held [PRES-33]
    this.gateEntry(conn, knocker(frame));
    return !this.admitted.has(conn);
  };

  /** [PRES-15], [PRES-16], [PRES-17] Membership changes; [PRES-70], [PRES-71] the lean answers. */
  protected applyStage: Stage = (conn, frame) => {
    if (frame.t === 'voice') {
      // The frame is cached per roster state, so "the same frame" is "nothing changed" [PRES-70].
      const before = this.lean ? this.rosterFrame() : null;
      if (frame.on && present(frame.voiceId)) this.upsert(conn, frame, frame.voiceId);
      else this.slots.delete(conn);
      if (this.lean && this.rosterFrame() === before) this.answerSender(conn);
      else this.broadcast();
    } else if (frame.t === 'leave') {
      this.admitted.delete(conn);
      if (this.pending.delete(conn)) this.emitKnocks();
      if (this.slots.delete(conn)) this.broadcast();
    }
    return true; // ping and unknown kinds: liveness only
  };

  protected upsert(conn: string, frame: VoiceFrame, voiceId: string): void {
    if (present(frame.token)) {
      // The same person reconnecting under a new connection replaces its old slot [PRES-15].
      const other = this.slots.keyOfToken(frame.token);
      if (other !== undefined && other !== conn) this.slots.delete(other);
    }
    const member: CallMember = { id: voiceId, name: frame.name || DEFAULT_NAME, cam: frame.cam, avatar: frame.avatar ?? '' };
    const meta = this.agents ? this.agents.metaFor(conn, frame.meta) : frame.meta; // [PRES-113]
    if (meta !== undefined) member.meta = meta;
    this.slots.set(conn, { member, ...(frame.token !== undefined ? { token: frame.token } : {}) });
    this.agents?.stampSlot(conn); // [PRES-107]
    if (present(frame.token)) this.seenTokens.add(frame.token);
    this.seenIds.add(voiceId);
    this.matchSoftHost(voiceId, conn, frame.name);
  }

  // ---- lobby ----------------------------------------------------------------------------------
  /** Silent admission of a known or inherited identity, else the queue [PRES-13]. */
  protected gateEntry(conn: string, info: Knocker): void {
    if (this.silentAdmit(info)) return this.admitNow(conn, info);
    const prev = this.pending.get(conn);
    this.pending.set(conn, info);
    if (!prev) this.sendOne(conn, LOBBY.waiting);
    if (!prev || prev.name !== info.name || prev.avatar !== info.avatar) this.emitKnocks();
  }
  protected silentAdmit(info: Knocker): boolean {
    return (present(info.token) && this.admittedTokens.has(info.token)) || (present(info.voiceId) && this.grandfathered.has(info.voiceId));
  }
  protected admitNow(conn: string, info: Knocker): void {
    const wasPending = this.pending.delete(conn);
    this.admitted.add(conn);
    if (present(info.token)) this.admittedTokens.add(info.token);
    this.sendOne(conn, LOBBY.admitted);
    this.sendOne(conn, this.rosterFrame());
    if (wasPending) this.emitKnocks();
  }
  protected emitKnocks(): void {
    this.out.push({ type: 'knocks', list: [...this.pending].map(([conn, k]) => ({ conn, name: k.name, avatar: k.avatar })) });
  }

  // ---- identity gate --------------------------------------------------------------------------
  protected gateIdentity(conn: string, frame: KnockFrame | VoiceFrame, at: number): void {
    if (this.verifying.has(conn)) return this.drop(conn, 'presence.gate-busy');
    const c = presented(frame); // jwt, agentAssertion, agentCredit: the non-empty ones [PRES-101]
    const none = c.jwt === undefined && c.agentAssertion === undefined && c.agentCredit === undefined;
    if (none && this.door?.humansOpen) return this.passDoor(conn, frame, at); // agent-only room: humans open [PRES-81]
    if (none) return this.drop(conn, 'presence.no-credential'); // quiet hold [PRES-10]
    if (oversize(c, MAX_GATE_TOKEN_CHARS)) return this.sendOne(conn, LOBBY.unverified); // [PRES-102]
    this.verifying.add(conn);
    this.request({ kind: 'gate-fp', conn, frame, jwt: c.jwt }, { kind: 'fingerprint', conn });
  }
  /** The door's own verdict for names, code and invite, at the fingerprint answer's time [PRES-78], [PRES-82]. */
  protected decideAtDoor(conn: string, frame: KnockFrame | VoiceFrame, jwt: string, at: number): void {
    this.verifying.delete(conn);
    const verdict = this.door!.decide(conn, jwt, at);
    if (verdict === 'ok') return this.passDoor(conn, frame, at);
    if (verdict === 'locked-out') return this.drop(conn, 'presence.gate-locked-out');
    this.sendOne(conn, LOBBY.unverified);
  }
  /** Verified: process the same frame again from the top, as PRES-10 does on `ok`. */
  protected passDoor(conn: string, frame: KnockFrame | VoiceFrame, at: number): void {
    this.idVerified.add(conn);
    this.lastSeen.set(conn, at);
    this.process(conn, frame, at);
  }

  /**
   * [PRES-104], [PRES-105] The agent branch at the fingerprint answer: an assertion is verified here
   * against the manifest's allow-list, a credit goes to the verifier. False: the human path decides.
   */
  protected agentBranch(conn: string, frame: KnockFrame | VoiceFrame, c: Presented, fp: string | null, at: number): boolean {
    const d = this.agents!.decide(c, fp, at);
    if (d.path === 'human') return false;
    const report = agentOutput(conn, d);
    if (report) this.out.push(report as Output);
    if (d.path === 'fail') {
      this.verifying.delete(conn);
      this.sendOne(conn, LOBBY.unverified);
    } else if (d.path === 'ok') {
      this.verifying.delete(conn);
      this.admitAgent(conn, frame, at, true);
    } else {
      this.request({ kind: 'gate-credit', conn, frame, byKey: d.agent !== undefined }, { kind: 'credit', conn, credential: d.credit });
    }
    return true;
  }
  /** [PRES-106] Admitted as an agent; in a credit room, verified again at its next entering frame. */
  protected admitAgent(conn: string, frame: KnockFrame | VoiceFrame, at: number, byKey: boolean): void {
    if (byKey) this.agents!.admittedByKey(conn);
    this.passDoor(conn, frame, at);
    if (this.agents!.credits) this.idVerified.delete(conn);
  }

  protected onResult(id: number, value: JsonValue, at: number): void {
    const req = this.requests.get(id);
    this.requests.delete(id);
    if (!req) return this.drop(null, 'presence.stale-result');
    // A connection that went away while we waited leaves no ghost behind [PRES-11].
    if (!this.lastSeen.has(req.conn)) {
      this.verifying.delete(req.conn);
      return this.drop(req.conn, 'presence.stale-result');
    }
    const fp = typeof value === 'string' && value !== '' ? value : null;
    this.#actor = req.conn;
    try {
      this.answer(req, value, fp, at);
    } finally {
      this.#actor = null;
    }
  }

  protected answer(req: PendingRequest, value: JsonValue, fp: string | null, at: number): void {
    switch (req.kind) {
      case 'mod-fp': {
        const r = this.verifyMod(req.token, fp, Math.floor(at / 1000));
        if (!r.ok) return this.drop(req.conn, r.error.code);
        return this.enact(r.value, req.conn);
      }
      case 'gate-fp': {
        const c = presented(req.frame);
        if (fp === null && holdsWithoutFingerprint(this.config.gate?.bindsFingerprint !== false, c)) { // [PRES-103]
          this.verifying.delete(req.conn);
          return this.drop(req.conn, 'presence.no-remote-fp');
        }
        if (this.agentBranch(req.conn, req.frame, c, fp, at)) return; // [PRES-104], [PRES-105]
        if (req.jwt === undefined) {
          this.verifying.delete(req.conn);
          return this.sendOne(req.conn, LOBBY.unverified); // the human path needs a jwt [PRES-111]
        }
        if (this.door?.local) return this.decideAtDoor(req.conn, req.frame, req.jwt, at); // names, code, invite [PRES-78]
        return this.request({ kind: 'gate-verify', conn: req.conn, frame: req.frame }, { kind: 'verify', conn: req.conn, jwt: req.jwt, fp });
      }
      case 'gate-credit': // [PRES-105]
        this.verifying.delete(req.conn);
        if (typeof value === 'number') {
          this.agents!.recordCredit(req.conn, value);
          return this.admitAgent(req.conn, req.frame, at, req.byKey);
        }
        if (value === 'fail') return this.sendOne(req.conn, LOBBY.unverified);
        return this.drop(req.conn, 'presence.gate-hold');
      case 'gate-verify':
        this.verifying.delete(req.conn);
        if (value === 'ok') {
          this.idVerified.add(req.conn);
          this.lastSeen.set(req.conn, at);
          return this.process(req.conn, req.frame, at); // re-run from the top, now verified [PRES-10]
        }
        if (value === 'fail') return this.sendOne(req.conn, LOBBY.unverified);
        return this.drop(req.conn, 'presence.gate-hold');
    }
  }

  // ---- host commands --------------------------------------------------------------------------
  /** `conn` null: a command the coordinator's own host issued, verified without binding [HCMD-10]. */
  protected receiveMod(conn: string | null, token: JsonValue | undefined, at: number): void {
    if (typeof token === 'string' && token.length > 8192) return this.drop(conn, 'hostcmd.oversize'); // [HCMD-12]
    if (typeof token !== 'string' || token === '') return this.drop(conn, 'hostcmd.missing');
    if (this.config.hostKey === undefined || this.config.hostKey === null) return this.drop(conn, 'hostcmd.no-host-key');
    if (conn === null) {
      const r = this.verifyMod(token, undefined, Math.floor(at / 1000));
      if (!r.ok) return this.drop(null, r.error.code);
      return this.enact(r.value, null);
    }
    this.request({ kind: 'mod-fp', conn, token }, { kind: 'fingerprint', conn });
  }
  /** Size cap, full verification and the jti window, all in ModGate [HCMD-08..HCMD-14]. */
  protected verifyMod(token: string, remoteFp: string | null | undefined, nowS: number): Result<VerifiedHostCommand> {
    return this.modGate.receive(token, remoteFp, nowS);
  }
  /** [PRES-31] What each accepted op does, through the same functions local moderation uses. */
  protected enact(cmd: VerifiedHostCommand, conn: string | null): void {
    const op: HostOp = cmd.op;
    const target = cmd.target;
    switch (op) {
      case 'claim':
        this.hostId = this.slots.get(conn ?? SELF)?.member.id ?? '';
        this.hostConn = conn ?? SELF;
        return this.broadcast();
      case 'lobbyon':
      case 'lobbyoff':
        return this.setLobby(op === 'lobbyon');
      case 'lock':
      case 'unlock':
        return this.setLocked(op === 'lock');
      case 'reset':
        return this.reset();
      case 'kick':
        if (present(target)) this.remove(target);
        return;
      case 'admit':
        if (present(target)) this.admit(target);
        return;
      case 'deny':
        if (present(target)) this.deny(target);
        return;
    }
  }

  // ---- moderation (local ops and enacted commands) ---------------------------------------------
  /** [PRES-25] */
  protected setLobby(on: boolean): void {
    this.lobbyOn = on;
    if (on) {
      this.admitted.clear();
      for (const k of this.slots.keys()) if (k !== SELF) this.admitted.add(k);
    } else {
      for (const [conn, info] of [...this.pending]) this.admitNow(conn, info);
    }
    this.broadcast();
  }
  /** [PRES-26] */
  protected setLocked(on: boolean): void {
    this.locked = on;
    this.broadcast();
  }
  /** [PRES-27] */
  protected reset(): void {
    this.fanout(RESET);
    this.out.push({ type: 'reset' });
  }
  /** [PRES-28] */
  protected admit(conn: string): void {
    const info = this.pending.get(conn);
    if (info) this.admitNow(conn, info);
  }
  /** [PRES-29] Not sticky: the peer may knock again. */
  protected deny(conn: string): void {
    if (this.pending.delete(conn)) this.emitKnocks();
    this.sendOne(conn, LOBBY.denied);
  }
  /** [PRES-30] Kick by media id; blocks the id, and the token of the connection that holds it. */
  protected remove(voiceId: string): void {
    if (!present(voiceId) || voiceId === this.slots.get(SELF)?.member.id) return;
    this.kickedIds.add(voiceId);
    let target: string | undefined;
    for (const [conn, slot] of this.slots) {
      if (conn !== SELF && slot.member.id === voiceId) {
        target = conn;
        if (present(slot.token)) this.kickedTokens.add(slot.token);
        break;
      }
    }
    if (target !== undefined) {
      this.kickedConns.add(target);
      this.sendOne(target, KICK);
      this.slots.delete(target);
      this.admitted.delete(target);
      if (this.pending.delete(target)) this.emitKnocks();
    }
    this.broadcast();
  }

  // ---- host slot -------------------------------------------------------------------------------
  protected claimsSoftHost(frame: VoiceFrame): boolean {
    return this.softHostName !== '' && this.hostId === '' && normName(frame.name) === this.softHostName;
  }
  /** [PRES-33] First member announcing the committed name while the slot is empty. */
  protected matchSoftHost(voiceId: string, conn: string, name: string | undefined): void {
    if (this.softHostName === '' || this.hostId !== '' || normName(name) !== this.softHostName) return;
    this.hostId = voiceId;
    this.hostConn = conn;
    this.admitted.add(conn);
  }
  /** [PRES-34] */
  protected declareHost(voiceId: string): void {
    if (!this.emailTier || !present(voiceId) || this.hostId !== '') return;
    for (const [conn, slot] of this.slots) {
      if (slot.member.id === voiceId) {
        this.hostId = voiceId;
        this.hostConn = conn;
        return this.broadcast();
      }
    }
  }

  // ---- roster ------------------------------------------------------------------------------------
  /** The current roster frame [PRES-18], built once per roster state and frozen. */
  protected rosterFrame(): JsonObject {
    const c = this.#roster;
    if (c && c.version === this.slots.version && c.lobby === this.lobbyOn && c.locked === this.locked && c.host === this.hostId) return c.frame;
    const members = Object.freeze(Array.from(this.slots.values(), (s) => (s.json ??= Object.freeze(memberJson(s.member)))));
    const frame = Object.freeze({ t: 'roster', members: members as JsonObject[], lobby: this.lobbyOn, host: this.hostId, locked: this.locked });
    this.#roster = { version: this.slots.version, lobby: this.lobbyOn, locked: this.locked, host: this.hostId, frame };
    return frame;
  }
  /** Lobby off: every open connection; lobby on: admitted connections only [PRES-19]. */
  protected fanoutTargets(): readonly string[] {
    if (!this.lobbyOn) return this.conns.list();
    const f = this.#fanout;
    if (f && f.conns === this.conns.version && f.admitted === this.admitted.version) return f.list;
    const list = Object.freeze(this.conns.list().filter((c) => this.admitted.has(c)));
    this.#fanout = { conns: this.conns.version, admitted: this.admitted.version, list };
    return list;
  }
  protected fanout(msg: JsonObject): void {
    this.send(this.fanoutTargets(), msg);
  }
  protected notifyRoster(): void {
    const f = this.rosterFrame();
    this.out.push({ type: 'roster', members: f.members!, lobby: this.lobbyOn, locked: this.locked, host: this.hostId });
  }
  /**
   * [PRES-19] Roster to the fan-out set, report to the application. Batched [PRES-71]: the fan-out
   * set waits for the beat, and only the connection whose frame caused the change hears now.
   */
  protected broadcast(): void {
    if (!this.batched) this.fanout(this.rosterFrame());
    else if (this.#actor !== null) this.answerSender(this.#actor);
    this.notifyRoster();
  }
  /**
   * [PRES-70] The answer to a `voice` that changed nothing: the roster on that connection alone,
   * if it is in the fan-out set at all. The beat still re-sends it to everyone [PRES-22].
   */
  protected answerSender(conn: string): void {
    if (!this.lobbyOn || this.admitted.has(conn)) this.sendOne(conn, this.rosterFrame());
  }

  // ---- timers ------------------------------------------------------------------------------------
  /** [PRES-22] The heartbeat: ping everyone, reap (unless frozen), re-send the roster. */
  protected onTick(at: number): void {
    if (at < this.nextBeat) return;
    const gap = at - this.lastBeat;
    this.lastBeat = at;
    this.nextBeat = at + BEAT_MS;
    this.send(this.conns.list(), PING);
    let changed = false;
    if (this.frozen(gap)) {
      for (const conn of this.lastSeen.keys()) this.lastSeen.set(conn, at); // [PRES-24]
    } else {
      for (const [conn, seen] of this.lastSeen) {
        if (this.reapDue(at, seen)) {
          this.lastSeen.delete(conn); // [PRES-23] the connection itself stays open
          if (this.slots.delete(conn)) changed = true;
        }
      }
      for (const conn of this.agents?.lapsed(this.slots.keys(), at) ?? []) {
        if (conn === SELF) continue;
        this.lastSeen.delete(conn); // a credit that lapsed 90 s ago: out, and told so [PRES-108]
        this.agents!.forgetCredit(conn);
        if (this.slots.delete(conn)) changed = true;
        this.sendOne(conn, KICK);
      }
    }
    this.fanout(this.rosterFrame());
    if (changed) this.notifyRoster();
  }
  protected frozen(gap: number): boolean {
    return gap > FREEZE_GAP_MS;
  }
  protected reapDue(at: number, seen: number): boolean {
    return at - seen > REAP_MS;
  }

  // ---- local ops ---------------------------------------------------------------------------------
  protected onLocal(op: LocalOp, at: number): void {
    switch (op.op) {
      case 'self':
        if (op.on && present(op.voiceId)) {
          const member: CallMember = { id: op.voiceId, name: op.name || DEFAULT_NAME, cam: op.cam, avatar: op.avatar };
          if (op.meta !== undefined) member.meta = op.meta;
          this.slots.set(SELF, { member });
          this.matchSoftHost(op.voiceId, SELF, op.name);
        } else {
          this.slots.delete(SELF);
        }
        return this.broadcast();
      case 'lobby':
        return this.setLobby(op.on);
      case 'lock':
        return this.setLocked(op.on);
      case 'reset':
        return this.reset();
      case 'admit':
        return this.admit(op.conn);
      case 'deny':
        return this.deny(op.conn);
      case 'kick':
        return this.remove(op.id);
      case 'declare-host':
        return this.declareHost(op.id);
      case 'mod':
        return this.receiveMod(null, op.token, at);
      case 'gate':
        if (!this.config.gate) return;
        if (op.on && !this.gateRequire) this.idVerified.clear(); // re-enabling forces re-proof [PRES-09]
        this.gateRequire = op.on;
        return;
      case 'close':
        this.closed = true;
        this.out.push({ type: 'release' });
        return;
      default:
        return; // knock / identity are participant ops: no-ops on a coordinator
    }
  }
}

function knocker(frame: KnockFrame | VoiceFrame): Knocker {
  const k: Knocker = { name: frame.name || DEFAULT_NAME, avatar: frame.avatar ?? '' };
  if (frame.token !== undefined) k.token = frame.token;
  if (frame.voiceId !== undefined) k.voiceId = frame.voiceId;
  return k;
}

export function counter(): () => number {
  let n = 0;
  return () => ++n;
}
