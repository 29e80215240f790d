// The room link [LINK-01..LINK-12]: `https://host/path#<room>?<params>`. Gate parameters ride the
// fragment, which browsers never send to the web host; links from before that change carry them
// in the query, which is still read when the fragment has none. Reading is best-effort by design:
// a corrupt key or list is dropped rather than fatal, and the gate then fails closed.
import { decodeBase64url, encodeBase64url } from '../encoding/base64url.ts';
import { isJsonObject, parseJson, type JsonObject, type JsonValue } from '../encoding/json.ts';
import { decodeUtf8, trimEcma, utf8 } from '../encoding/text.ts';
import { fail, ok, type Result } from '../result.ts';
import { normalizeRoom } from '../room/normalize.ts';

export const GATE_MODES = ['open', 'names', 'code', 'email', 'google', 'invite'] as const;
export type GateMode = (typeof GATE_MODES)[number];
export const isGateMode = (v: unknown): v is GateMode => typeof v === 'string' && (GATE_MODES as readonly string[]).includes(v);

/** Any of these in the fragment makes the fragment the parameter set [LINK-04]. */
export const GATE_KEYS = ['g', 'gn', 'gk', 'gm', 'ge', 'gc', 'gt', 'gh', 'ghk', 'ghn', 'gho', 'gl', 'gd', 'd', 'ag', 'n'] as const;
/** The order a builder writes them in [LINK-02]. */
export const WRITE_ORDER = ['g', 'gn', 'gk', 'gm', 'ge', 'gc', 'gh', 'ghk', 'ghn', 'gho', 'gl', 'gd', 'gt', 'd', 'ag', 'n'] as const;
/** Control secrets stripped from every shared copy [LINK-11]; `gt` is a personal credential [LINK-12]. */
export const CONTROL_SECRETS = ['sk', 'mk', 'st'] as const;
export const SHARE_STRIPPED = [...CONTROL_SECRETS, 'gt'] as const;

/** Decoded parameters; names are the wire names so that one thing has one name. */
export interface LinkParams {
  g: GateMode;
  gn?: string[];
  gk?: JsonObject;
  gm?: string;
  ge?: string;
  gc?: string;
  gt?: string;
  gh?: JsonObject;
  ghk?: string;
  ghn?: string;
  gho?: string;
  gl?: true;
  gd?: string[];
  d?: string;
  ag?: string;
  n?: string;
}

/** `#<room>?<params>` → the room text before the first '?' and the parameters after it. */
export function splitFragment(hash: string): { room: string; params: URLSearchParams } {
  const raw = hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  if (q < 0) return { room: raw, params: new URLSearchParams() };
  return { room: raw.slice(0, q), params: new URLSearchParams(raw.slice(q + 1)) };
}

/** [LINK-04] The fragment's parameters when they carry any gate key, else the query's. */
export function parameterSet(hash: string, search: string): URLSearchParams {
  const frag = splitFragment(hash).params;
  if (GATE_KEYS.some((k) => frag.has(k))) return frag;
  return new URLSearchParams(search);
}

/** [LINK-07] Comma-separated, each entry trimmed, empty entries dropped. */
const list = (v: string): string[] => v.split(',').map(trimEcma).filter((s) => s !== '');

/** [LINK-08] B64U(UTF-8(JSON object)); anything else is dropped (undefined). */
export function decodeJwkParam(v: string): JsonObject | undefined {
  const bytes = decodeBase64url(v);
  if (!bytes.ok) return undefined;
  const text = decodeUtf8(bytes.value);
  if (text === null) return undefined;
  const parsed = parseJson(text);
  return parsed.ok && isJsonObject(parsed.value) ? parsed.value : undefined;
}

/** [LINK-05..LINK-09] Which parameters are read in which mode, and how. An empty value is absent. */
export function decodeParams(p: URLSearchParams): LinkParams {
  const get = (k: string): string | undefined => p.get(k) || undefined;
  const g = get('g');
  const out: LinkParams = { g: isGateMode(g) ? g : 'open' };
  // Read for every mode, the open mode included [LINK-06].
  const gh = get('gh');
  if (gh !== undefined) {
    const key = decodeJwkParam(gh);
    if (key) out.gh = key;
  }
  for (const k of ['ghk', 'ghn', 'gho', 'gc', 'gt', 'd', 'ag', 'n'] as const) {
    const v = get(k);
    if (v !== undefined) out[k] = v;
  }
  if (p.get('gl') === '1') out.gl = true;
  const gd = get('gd');
  if (gd !== undefined) out.gd = list(gd);
  if (out.g === 'open') return out;
  // Only for a gated mode.
  const gn = get('gn');
  if (gn !== undefined) out.gn = list(gn);
  const gk = get('gk');
  if (gk !== undefined) {
    const key = decodeJwkParam(gk);
    if (key) out.gk = key;
  }
  // A sealed manifest wins over a cleartext one: a crafted link cannot slip a fake roster beside it [LINK-09].
  const ge = get('ge');
  const gm = get('gm');
  if (ge !== undefined) out.ge = ge;
  else if (gm !== undefined) out.gm = gm;
  return out;
}

export interface ParsedLink {
  /** The room id (ROOM-01) of the room name in the fragment. */
  room: string;
  params: LinkParams;
}

/** [LINK-03] The room name is the fragment up to its first '?', percent-decoded as UTF-8. */
export function parseLink(url: string): Result<ParsedLink> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return fail('link.bad-url', `${JSON.stringify(url)} is not an absolute URL`);
  }
  let name: string;
  try {
    name = decodeURIComponent(splitFragment(u.hash).room);
  } catch {
    return fail('link.bad-room', 'the room part of the fragment is not valid percent-encoded UTF-8');
  }
  return ok({ room: normalizeRoom(name), params: decodeParams(parameterSet(u.hash, u.search)) });
}

/** The string form of one parameter, or undefined when it is not written [LINK-02]. */
function encodeParam(k: string, v: JsonValue | undefined): Result<string | undefined> {
  if (v === undefined) return ok(undefined);
  switch (k) {
    case 'g':
      return ok(v === 'open' ? undefined : (v as string));
    case 'gl':
      return ok(v === true ? '1' : undefined);
    case 'gk':
    case 'gh':
      return ok(encodeBase64url(utf8(JSON.stringify(v))));
    case 'gn':
    case 'gd': {
      const entries = v as string[];
      if (entries.some((e) => e.includes(','))) return fail('link.bad-param', `a ${k} entry contains ",", which separates entries`);
      return ok(entries.length ? entries.join(',') : undefined);
    }
    default:
      return ok((v as string) === '' ? undefined : (v as string));
  }
}

/** [LINK-01], [LINK-02], [LINK-10] base "#" room, then "?" and the parameters, all in the fragment. */
export function buildLink(base: string, room: string, params: Partial<Record<string, JsonValue>>): Result<string> {
  const p = new URLSearchParams();
  for (const k of WRITE_ORDER) {
    const v = encodeParam(k, params[k]);
    if (!v.ok) return v;
    if (v.value !== undefined) p.append(k, v.value);
  }
  const qs = p.toString();
  return ok(`${base}#${encodeURIComponent(room)}${qs ? `?${qs}` : ''}`);
}

/** A copy of a link for others: control secrets [LINK-11] and the personal `gt` [LINK-12] removed. */
export function shareLink(url: string, stripped: readonly string[] = SHARE_STRIPPED): string {
  const strip = (params: URLSearchParams): string => {
    const out = new URLSearchParams();
    for (const [k, v] of params) if (!stripped.includes(k)) out.set(k, v);
    return out.toString();
  };
  try {
    const u = new URL(url);
    const q = strip(u.searchParams);
    u.search = q ? `?${q}` : '';
    if (u.hash) {
      const { room, params } = splitFragment(u.hash);
      const fp = strip(params);
      u.hash = fp ? `#${room}?${fp}` : room ? `#${room}` : '';
    }
    return u.toString();
  } catch {
    return url; // unparseable: returned unchanged, as upstream does
  }
}
