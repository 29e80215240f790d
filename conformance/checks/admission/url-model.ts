// LINK-11's shared copy of a link, written from the spec text over the runtime's WHATWG URL and
// URLSearchParams (public implementations of the URL Standard; LINK-14 says where they may differ
// from it, and the generators in ./url-props.ts stay out of those corners).

/** The parameters LINK-11 and LINK-12 remove from a copy. */
const SECRETS = new Set(['mk', 'sk', 'st', 'gt']);

/** Re-serialise one part: secrets removed, a repeated name kept once (first position, last value). */
function cleanParams(text: string): string {
  const values = new Map<string, string>(); // a Map keeps the first position, set() the last value
  for (const [k, v] of new URLSearchParams(text)) if (!SECRETS.has(k)) values.set(k, v);
  const out = new URLSearchParams();
  for (const [k, v] of values) out.append(k, v);
  return out.toString();
}

/** LINK-11 (with LINK-12's `gt`): the copy of `href` for other people. */
export function shareLinkModel(href: string): string {
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    return href; // a link that does not parse is copied unchanged
  }
  u.search = cleanParams(u.search.slice(1));
  // An empty fragment is left as it is: a bare `#` stays (upstream; vector share.bare-hash-kept).
  if (u.hash === '') return u.href;
  const fragment = u.hash.slice(1);
  const q = fragment.indexOf('?');
  const room = q < 0 ? fragment : fragment.slice(0, q);
  const params = q < 0 ? '' : cleanParams(fragment.slice(q + 1));
  u.hash = '';
  const hash = params ? `#${room}?${params}` : room ? `#${room}` : '';
  return `${u.href}${hash}`;
}
