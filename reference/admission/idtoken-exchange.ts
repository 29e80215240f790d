// Peer-to-peer ID-token exchange [RGATE-07..RGATE-09] as a sans-IO machine: a signed-in peer hands
// its cert-bound token to every roster member once (and to each newcomer), stores the latest token
// each peer sent, and verifies a peer lazily, against the certificate of the data connection to
// that peer as it is at the time of asking, caching the verdict per (token, fingerprint).
import { isJsonObject, type JsonObject, type JsonValue } from '../encoding/json.ts';

/** Longest token a receiver keeps [RGATE-08], the same bound as IDT-01. */
export const MAX_PEER_TOKEN_CHARS = 8192;

export type ExchangeEvent =
  | { type: 'roster'; members: string[] }
  | { type: 'signin'; jwt: string }
  | { type: 'receive'; from: string; msg: JsonValue }
  | { type: 'link'; peer: string; fp: string | null }
  | { type: 'query'; peer: string }
  | { type: 'verified'; peer: string; jwt: string; fp: string; identity: string | null };

export type ExchangeOutput =
  | { type: 'send'; to: string; msg: JsonObject }
  | { type: 'verify'; peer: string; jwt: string; fp: string }
  | { type: 'identity'; peer: string; identity: string | null };

export class IdTokenExchange {
  #jwt = '';
  #roster: string[] = [];
  readonly #sentTo = new Set<string>();
  readonly #tokens = new Map<string, string>();
  readonly #fps = new Map<string, string | null>();
  readonly #cache = new Map<string, { jwt: string; fp: string; identity: string | null }>();

  constructor(readonly self: string) {}

  step(e: ExchangeEvent): ExchangeOutput[] {
    switch (e.type) {
      case 'signin':
        // A new token goes to everyone again, even to peers that had the old one [RGATE-07].
        this.#jwt = e.jwt;
        this.#sentTo.clear();
        return this.#share();
      case 'roster':
        this.#roster = [...e.members];
        return this.#share(); // newcomers get our token [RGATE-07]
      case 'receive': {
        const m = e.msg;
        // Only a well-formed, bounded token is kept; it replaces the sender's previous one [RGATE-08].
        if (!isJsonObject(m) || m.k !== 'idtoken' || typeof m.jwt !== 'string' || m.jwt === '' || m.jwt.length > MAX_PEER_TOKEN_CHARS) return [];
        this.#tokens.set(e.from, m.jwt);
        this.#cache.delete(e.from);
        return [];
      }
      case 'link':
        this.#fps.set(e.peer, e.fp);
        return [];
      case 'verified':
        this.#cache.set(e.peer, { jwt: e.jwt, fp: e.fp, identity: e.identity });
        return [];
      case 'query':
        return this.#query(e.peer);
    }
  }

  /** Directed, once per member, in roster order; never to ourselves [RGATE-07]. */
  #share(): ExchangeOutput[] {
    if (this.#jwt === '') return [];
    const out: ExchangeOutput[] = [];
    for (const id of this.#roster) {
      if (id === this.self || this.#sentTo.has(id)) continue;
      out.push({ type: 'send', to: id, msg: { k: 'idtoken', jwt: this.#jwt } });
      this.#sentTo.add(id);
    }
    return out;
  }

  /** [RGATE-09] No token or no readable certificate yet: unknown. A cached verdict only counts for the same token and certificate. */
  #query(peer: string): ExchangeOutput[] {
    const jwt = this.#tokens.get(peer);
    const fp = this.#fps.get(peer);
    if (!jwt || !fp) return [{ type: 'identity', peer, identity: null }];
    const cached = this.#cache.get(peer);
    if (cached && cached.jwt === jwt && cached.fp === fp) return [{ type: 'identity', peer, identity: cached.identity }];
    return [{ type: 'verify', peer, jwt, fp }, { type: 'identity', peer, identity: null }];
  }
}
