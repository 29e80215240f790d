// The reference's crypto core runs unchanged in a browser: compiled with the project's own
// TypeScript (no bundler), loaded through an import map, and run on every crypto vector inside
// headless Chromium, where WebCrypto, TextEncoder and noble do the work. Outputs are judged by the
// harness's own comparator. Missing Chromium is an error, never a skip.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chromium } from 'playwright-core';
import { compareOutput } from '../../conformance/compare.ts';
import { loadVectorFiles } from '../../conformance/checks/vectors.ts';
import type { JsonObject } from '../../reference/encoding/json.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './support/chromium.ts';
import { within } from './support/time.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html' };
const PAGE = `<!doctype html><meta charset="utf-8">
<script type="importmap">{"imports": {
  "@noble/curves/": "/node_modules/@noble/curves/", "@noble/hashes/": "/node_modules/@noble/hashes/",
  "jose": "/node_modules/jose/dist/webapi/index.js"}}</script>
<script type="module">
  import { CRYPTO_OPS } from '/out/reference/adapter/crypto-ops.js';
  window.kbzRun = async (cases) => {
    const out = [];
    for (const [op, input] of cases) {
      try { out.push(await CRYPTO_OPS[op](input)); }
      catch (e) { out.push({ ok: false, error: { code: e.constructor.name === 'InputError' ? 'input.invalid' : 'threw', message: String(e) } }); }
    }
    return out;
  };
  window.kbzReady = true;
</script>`;

test('[TOK-06] [SAS-07] [BIND-01] [IDT-18] the crypto core runs in Chromium and passes every crypto vector there', async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: install Debian's chromium. Browser tests never skip.`);
  const out = mkdtempSync(join(tmpdir(), 'kbz-browser-core-'));
  const profile = mkdtempSync(join(tmpdir(), 'kbz-browser-profile-'));
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '--ignoreConfig', '--outDir', out, '--rootDir', ROOT,
    '--module', 'esnext', '--target', 'es2022', '--moduleResolution', 'bundler', '--rewriteRelativeImportExtensions',
    '--skipLibCheck', '--types', 'node', '--lib', 'es2023,dom', join(ROOT, 'reference/adapter/crypto-ops.ts')]);
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!));
    const file = path === '/' ? null : path.startsWith('/out/') ? join(out, path.slice(5)) : path.startsWith('/node_modules/') ? join(ROOT, path) : undefined;
    if (file === null) return void res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    if (!file || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const ctx = await within(30_000, 'launching chromium', chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true }));
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await within(15_000, 'loading the page', page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`));
    await within(15_000, 'loading the core', page.waitForFunction('window.kbzReady === true'));
    assert.equal(errors, []);
    assert.ok(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process === 'undefined'), 'no Node globals on the page');
    const tests = loadVectorFiles().filter((f) => f.profile === 'crypto').flatMap((f) => f.groups.flatMap((g) => g.tests));
    // Answers cross as JSON text, as an adapter writes them (an infinity becomes null, CONV-16).
    const text = await within(60_000, 'running vectors', page.evaluate((cases) => (window as unknown as { kbzRun: (c: unknown) => Promise<unknown[]> }).kbzRun(cases).then((a) => JSON.stringify(a)), tests.map((t) => [t.op, t.input])));
    const answers = JSON.parse(text) as { ok: boolean; output?: JsonObject; error?: { code: string } }[];
    const wrong: string[] = [];
    tests.forEach((t, i) => {
      const a = answers[i]!;
      if (t.result === 'invalid') {
        if (a.ok || a.error?.code !== t.error) wrong.push(`${t.id}: expected ${t.error}, got ${JSON.stringify(a.ok ? a.output : a.error)}`);
      } else if (!a.ok || !compareOutput(t.op, t.input as JsonObject, t.expected as JsonObject, a.output!).same) {
        wrong.push(`${t.id}: ${JSON.stringify(a.ok ? a.output : a.error).slice(0, 200)}`);
      }
    });
    assert.ok(tests.length > 340, `${tests.length} vectors`);
    assert.equal(wrong, []);
  } finally {
    await within(15_000, 'closing chromium', ctx.close()).catch(() => {});
    await new Promise<void>((r) => server.close(() => r()));
    rmSync(out, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
});

test.run();
