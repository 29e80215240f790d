// A broker and a network for several `room` sessions of the implementation under test. The
// harness plays only what a broker and a network do (exactly-one-wins claims, peer-unavailable,
// connection events, frame delivery with loss, duplication, reordering, latency, partitions and
// crashes); every presence decision is the implementation's. Deterministic for a given seed.
import type { JsonObject, JsonValue } from '../../lib/json.ts';
import type { Implementation } from '../../impl/types.ts';
import { mulberry32 } from '../../oracles/prng.ts';
import { isObj, Session, type Output } from './driver.ts';

export interface Faults {
  loss: number;
  duplicate: number;
  reorder: number;
  latency: [number, number];
}
export const QUIET: Faults = { loss: 0, duplicate: 0, reorder: 0, latency: [1, 50] };

export interface SimPeer {
  name: string;
  voiceId: string;
  session: Session;
  alive: boolean;
  status: string;
  coordinator: boolean;
  /** The media ids of the last roster this peer saw or sent, and its flags. */
  roster: string[] | null;
  flags: { lobby: unknown; locked: unknown };
  conn: string | null; // current presence connection (participant side)
  dials: number;
  tickAt: number | null;
}

interface Job {
  at: number;
  seq: number;
  run: () => Promise<void>;
}

export class Sim {
  now: number;
  peers: SimPeer[] = [];
  holder: SimPeer | null = null;
  faults: Faults = QUIET;
  partitioned = new Set<string>();
  readonly log: string[] = [];
  private readonly links = new Map<string, SimPeer>(); // connection id -> participant peer
  private jobs: Job[] = [];
  private seq = 0;
  private readonly random: () => number;
  private readonly lastOnLink = new Map<string, number>();

  constructor(
    private readonly impl: Implementation,
    start: number,
    seed: number,
    private readonly room = 'standup',
  ) {
    this.now = start;
    this.random = mulberry32(seed); // mulberry32: reproducible in any language
  }

  // ---- scheduling ------------------------------------------------------------------------------
  schedule(at: number, run: () => Promise<void>): void {
    const job = { at: Math.max(at, this.now), seq: this.seq++, run };
    let i = this.jobs.length;
    while (i > 0 && (this.jobs[i - 1]!.at > job.at || (this.jobs[i - 1]!.at === job.at && this.jobs[i - 1]!.seq > job.seq))) i--;
    this.jobs.splice(i, 0, job);
  }
  async runUntil(until: number): Promise<void> {
    while (this.jobs.length > 0 && this.jobs[0]!.at <= until) {
      const job = this.jobs.shift()!;
      this.now = job.at;
      await job.run();
    }
    this.now = until;
  }
  private latency(): number {
    const [lo, hi] = this.faults.latency;
    return lo + Math.floor(this.random() * (hi - lo + 1));
  }
  /** A data frame on a link: the faults apply. Per-link order holds unless a reorder is drawn. */
  private frame(link: string, run: () => Promise<void>): void {
    if (this.random() < this.faults.loss) return;
    const copies = this.random() < this.faults.duplicate ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      let at = this.now + this.latency();
      if (!(this.random() < this.faults.reorder)) at = Math.max(at, this.lastOnLink.get(link) ?? 0);
      this.lastOnLink.set(link, Math.max(at, this.lastOnLink.get(link) ?? 0));
      this.schedule(at, run);
    }
  }
  /** A link or broker event: never lost, in order. */
  private control(run: () => Promise<void>): void {
    this.schedule(this.now + this.latency(), run);
  }

  // ---- peers -------------------------------------------------------------------------------------
  async addPeer(name: string, extra: JsonObject = {}): Promise<SimPeer> {
    const session = await Session.open(this.impl, 'room', { room: this.room, token: `tok-${name}`, ...extra }, this.now);
    const peer: SimPeer = { name, voiceId: `media-${name}`, session, alive: true, status: 'connecting', coordinator: false, roster: null, flags: { lobby: undefined, locked: undefined }, conn: null, dials: 0, tickAt: null };
    this.peers.push(peer);
    await this.handle(peer, session.initial);
    return peer;
  }

  async feed(peer: SimPeer, event: JsonObject): Promise<void> {
    if (!peer.alive) return;
    const outs = await peer.session.step(this.now, event);
    await this.handle(peer, outs);
  }

  private armTick(peer: SimPeer): void {
    const wake = peer.session.wake;
    if (wake === null || !peer.alive) return;
    if (peer.tickAt !== null && peer.tickAt <= wake && peer.tickAt >= this.now) return;
    peer.tickAt = wake;
    this.schedule(wake, async () => {
      if (peer.tickAt !== wake) return;
      peer.tickAt = null;
      await this.feed(peer, { type: 'tick' });
    });
  }

  private coordinatorOf(): SimPeer | null {
    return this.holder && this.holder.alive ? this.holder : null;
  }

  private async handle(peer: SimPeer, outs: Output[]): Promise<void> {
    for (const o of outs) {
      switch (o.type) {
        case 'claim': {
          const id = o.id as number;
          this.control(async () => {
            let result = 'taken';
            if (!this.coordinatorOf()) {
              this.holder = peer;
              result = 'won';
            }
            this.log.push(`${this.now} ${peer.name} claim ${id}: ${result}`);
            await this.feed(peer, { type: 'claimed', id, result });
          });
          break;
        }
        case 'release':
          if (this.holder === peer) this.dropCoordinator(peer, false);
          break;
        case 'status':
          peer.status = String(o.status);
          peer.coordinator = o.coordinator === true;
          break;
        case 'roster':
          peer.roster = Array.isArray(o.members) ? o.members.map((m) => (isObj(m as JsonValue) ? String((m as JsonObject).id) : '?')) : null;
          peer.flags = { lobby: o.lobby, locked: o.locked };
          break;
        case 'dial':
          this.dial(peer);
          break;
        case 'gone':
        case 'hangup':
          this.hangUp(peer);
          break;
        case 'send':
          if (Array.isArray(o.to)) {
            for (const conn of o.to as string[]) {
              const to = this.links.get(conn);
              if (!to || this.partitioned.has(to.name)) continue;
              this.frame(`${conn}:down`, async () => {
                if (to.conn === conn && this.links.get(conn) === to) await this.feed(to, { type: 'frame', msg: o.msg as JsonValue });
              });
            }
          } else {
            const conn = peer.conn;
            const coord = this.coordinatorOf();
            if (!conn || !coord || this.links.get(conn) !== peer || this.partitioned.has(peer.name)) break;
            this.frame(`${conn}:up`, async () => {
              if (this.coordinatorOf() === coord && this.links.get(conn) === peer) await this.feed(coord, { type: 'message', conn, msg: o.msg as JsonValue });
            });
          }
          break;
        case 'request': {
          const id = o.id as number;
          const conn = String(o.conn);
          const value: JsonValue = o.kind === 'fingerprint' ? (this.links.has(conn) ? `fp:${this.links.get(conn)!.name}` : null) : 'ok';
          this.schedule(this.now + 1, () => this.feed(peer, { type: 'result', id, value }));
          break;
        }
        default:
          break;
      }
    }
    this.armTick(peer);
  }

  private dial(peer: SimPeer): void {
    this.hangUp(peer);
    const conn = `${peer.name}.${++peer.dials}`;
    peer.conn = conn;
    this.control(async () => {
      if (peer.conn !== conn || !peer.alive) return;
      const coord = this.coordinatorOf();
      if (!coord) {
        peer.conn = null;
        return this.feed(peer, { type: 'unavailable' });
      }
      if (this.partitioned.has(peer.name)) {
        peer.conn = null;
        return this.feed(peer, { type: 'closed' });
      }
      this.links.set(conn, peer);
      await this.feed(coord, { type: 'connect', conn });
      if (peer.conn === conn && this.links.get(conn) === peer) await this.feed(peer, { type: 'open' });
    });
  }

  private hangUp(peer: SimPeer): void {
    const conn = peer.conn;
    peer.conn = null;
    if (!conn || this.links.get(conn) !== peer) return;
    this.links.delete(conn);
    const coord = this.coordinatorOf();
    if (coord) this.control(() => this.feed(coord, { type: 'disconnect', conn }));
  }

  /** The coordinator's links close (participants see `closed`) unless the death is silent. */
  private dropCoordinator(peer: SimPeer, silent: boolean): void {
    if (this.holder === peer) this.holder = null;
    for (const [conn, p] of [...this.links]) {
      this.links.delete(conn);
      if (silent) continue;
      this.control(async () => {
        if (p.conn === conn) {
          p.conn = null;
          await this.feed(p, { type: 'closed' });
        }
      });
    }
  }

  async crash(peer: SimPeer, silent: boolean): Promise<void> {
    this.log.push(`${this.now} crash ${peer.name}${silent ? ' (silent)' : ''}`);
    peer.alive = false;
    if (this.holder === peer) this.dropCoordinator(peer, silent);
    else this.hangUp(peer);
    await peer.session.close();
  }

  async closeAll(): Promise<void> {
    for (const p of this.peers) if (p.alive) await p.session.close();
  }

  /** Media ids every live peer's roster should list. */
  expectedIds(): string[] {
    return this.peers.filter((p) => p.alive).map((p) => p.voiceId).sort();
  }
  summary(): JsonObject {
    return Object.fromEntries(this.peers.map((p) => [p.name, { alive: p.alive, status: p.status, coordinator: p.coordinator, roster: p.roster ? [...p.roster].sort() : null }]));
  }
}
