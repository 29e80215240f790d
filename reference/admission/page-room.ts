// Page rooms [LINK-13]: the browser extension puts everyone on the same web page in the same room,
// with no coordination. Deliberately guessable (anyone can compute it), readable out loud.
//   key  = hostname without a leading "www." + pathname without trailing "/", lower-cased
//   tag  = FNV-1a-32(key) in base 36
//   room = normalize(normalize(host).slice(0, 38 - len(tag)) + "-" + tag)
// URLs are parsed per the WHATWG URL Standard (hostname lower-cased and IDNA-encoded, pathname
// percent-encoded), so the key is ASCII in practice; FNV-1a runs over its UTF-16 code units.
import { fail, ok, type Result } from '../result.ts';
import { normalizeRoom } from '../room/normalize.ts';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a, 32 bits, one code unit at a time (upstream's charCodeAt loop). */
export function fnv1a32(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

export function pageKey(u: URL): string {
  const host = u.hostname.replace(/^www\./, '');
  const path = u.pathname.replace(/\/+$/, '').toLowerCase();
  return `${host}${path}`;
}

export function roomForUrl(href: string): Result<string> {
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    return fail('link.bad-url', `${JSON.stringify(href)} is not an absolute URL`);
  }
  const tag = fnv1a32(pageKey(u)).toString(36);
  const host = u.hostname.replace(/^www\./, '');
  const hostSlug = normalizeRoom(host).slice(0, 38 - tag.length);
  return ok(normalizeRoom(`${hostSlug}-${tag}`));
}
