import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { discoveryUrl, fetchJwks, JwksCache, routeByIssuer } from '../../reference/certbinding/jwks.ts';

const KEYS = { keys: [{ kty: 'RSA', n: 'n', e: 'AQAB', kid: 'k1' }] };
function fakeFetch(routes: Record<string, unknown>) {
  const calls: string[] = [];
  const fetchJson = async (url: string) => {
    calls.push(url);
    if (!(url in routes)) throw new Error(`404 ${url}`);
    return routes[url];
  };
  return { calls, fetchJson };
}

test('[IDT-21] discovery document, then an https jwks_uri', async () => {
  assert.is(discoveryUrl('https://accounts.google.com/'), 'https://accounts.google.com/.well-known/openid-configuration');
  const f = fakeFetch({ 'https://idp.example/.well-known/openid-configuration': { jwks_uri: 'https://idp.example/keys' }, 'https://idp.example/keys': KEYS });
  assert.equal(await fetchJwks('https://idp.example', f.fetchJson), KEYS);
  assert.equal(f.calls, ['https://idp.example/.well-known/openid-configuration', 'https://idp.example/keys']);
});

test('[IDT-21] [IDT-19] an http jwks_uri or any fetch failure yields no keys (fail closed)', async () => {
  const http = fakeFetch({ 'https://idp.example/.well-known/openid-configuration': { jwks_uri: 'http://idp.example/keys' }, 'http://idp.example/keys': KEYS });
  assert.equal(await fetchJwks('https://idp.example', http.fetchJson), { keys: [] });
  assert.equal(await fetchJwks('https://down.example', fakeFetch({}).fetchJson), { keys: [] });
});

test('[IDT-21] keys are cached per issuer for one hour', async () => {
  const f = fakeFetch({ 'https://idp.example/.well-known/openid-configuration': { jwks_uri: 'https://idp.example/keys' }, 'https://idp.example/keys': KEYS });
  let now = 0;
  const cache = new JwksCache(f.fetchJson, () => now);
  await cache.get('https://idp.example');
  now = 3_599_999;
  await cache.get('https://idp.example');
  assert.is(f.calls.length, 2, 'second get within the hour is cached');
  now = 3_600_000;
  await cache.get('https://idp.example');
  assert.is(f.calls.length, 4, 'refetched after an hour');
  cache.invalidate('https://idp.example');
  await cache.get('https://idp.example');
  assert.is(f.calls.length, 6, 'refetched after invalidate');
});

test('[IDT-22] routing by the unverified iss picks the provider or rejects an unknown issuer', () => {
  const seg = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const jwt = (iss: unknown) => `${seg({ alg: 'RS256' })}.${seg({ iss })}.sig`;
  const google = { issuers: ['https://accounts.google.com', 'accounts.google.com'], audience: 'g', discoveryIssuer: 'https://accounts.google.com' };
  const email = { issuers: ['https://kibitz.chat'], audience: 'kibitz-email', discoveryIssuer: 'https://kibitz.chat' };
  const r = routeByIssuer(jwt('accounts.google.com'), [google, email]);
  assert.ok(r.ok && r.value === google);
  const bad = routeByIssuer(jwt('https://evil.example'), [google, email]);
  assert.ok(!bad.ok && bad.error.code === 'idtoken.bad-iss');
  const none = routeByIssuer('not.a.jwt', [google]);
  assert.ok(!none.ok && none.error.code === 'idtoken.malformed');
});

test.run();
