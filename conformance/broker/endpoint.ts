// Where a broker lives, in the terms a PeerJS client is configured with (spec/09-signaling.md 9.1):
// the --url names scheme, host, port and the PeerJS `path`; the socket endpoint is
// `<path>peerjs?key=..&id=..&token=..` [SIG-01] and the id service `<path><key>/id` [SIG-07].

export interface BrokerEndpoint {
  /** The URL the user gave, normalised: ws(s)://host:port/path/ */
  base: string;
  key: string;
  secure: boolean;
  host: string;
  port: number;
  /** PeerJS `path`: begins and ends with '/'. */
  path: string;
}

/** Parses --url; returns an error message instead of throwing on bad input. */
export function parseEndpoint(url: string, key = 'peerjs'): BrokerEndpoint | string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `--url ${JSON.stringify(url)} is not a URL`;
  }
  if (u.protocol !== 'ws:' && u.protocol !== 'wss:') return `--url must start with ws:// or wss://, got ${u.protocol}//`;
  if (u.search || u.hash) return '--url must not carry a query or fragment: the suite adds key, id and token itself';
  if (!key || /[?&#/\s]/.test(key)) return `--key ${JSON.stringify(key)} is not a usable key`;
  const secure = u.protocol === 'wss:';
  let path = u.pathname || '/';
  if (!path.startsWith('/')) path = `/${path}`;
  if (!path.endsWith('/')) path = `${path}/`; // PeerJS completes the path the same way [SIG-01]
  const port = u.port ? Number(u.port) : secure ? 443 : 80;
  const host = u.hostname.replace(/^\[|\]$/g, ''); // IPv6 literals come bracketed
  return { base: `${u.protocol}//${u.host}${path}`, key, secure, host, port, path };
}

/** The registration URL of SIG-01, plus any extra query parameters a check wants. */
export function socketUrl(ep: BrokerEndpoint, params: Record<string, string | undefined>): string {
  // Percent-encoding as a browser does when PeerJS pastes the raw id into the URL (a space
  // becomes %20, never '+'), so a broker sees what it would see from a real client.
  const q = Object.entries(params)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  const hostPort = `${ep.host.includes(':') ? `[${ep.host}]` : ep.host}:${ep.port}`;
  return `${ep.secure ? 'wss' : 'ws'}://${hostPort}${ep.path}peerjs?${q}`;
}

/** The id service of SIG-07, with the cache-busting query PeerJS sends. */
export function idServiceUrl(ep: BrokerEndpoint): string {
  const hostPort = `${ep.host.includes(':') ? `[${ep.host}]` : ep.host}:${ep.port}`;
  const ts = `${Date.now()}${Math.random()}`;
  return `${ep.secure ? 'https' : 'http'}://${hostPort}${ep.path}${ep.key}/id?ts=${ts}&version=1.5.5`;
}

/** The broker's root document (the stock server describes itself there). */
export function rootUrl(ep: BrokerEndpoint): string {
  const hostPort = `${ep.host.includes(':') ? `[${ep.host}]` : ep.host}:${ep.port}`;
  return `${ep.secure ? 'https' : 'http'}://${hostPort}${ep.path}`;
}
