// `kibitz-reference --peer --browser`: the reference peer program running in headless Chromium
// (Debian's /usr/bin/chromium through playwright-core), on the browser's own RTCPeerConnection. This
// Node process only hosts the page: it compiles the reference for the browser with the project's
// TypeScript (no bundler), serves it with the PeerJS browser bundle on a loopback origin (a secure
// context, for WebCrypto), and forwards every control request to the page
// (spec/10-adapter-protocol.md, "Peer mode").
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { REFERENCE_IMPLEMENTATION } from '../../adapter/info.ts';

export const CHROMIUM = process.env.KIBITZ_CHROMIUM ?? '/usr/bin/chromium';

// WebRTC on loopback in a sandbox: mDNS host candidates off, and a fake media device whose one-time
// grant makes Chromium gather 127.0.0.1 candidates [ADP-43].
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--allow-loopback-in-peer-connection', '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
];

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.html': 'text/html' };

/** Bare module specifiers the compiled reference imports, mapped to files under /node_modules/. */
function importMap(): Record<string, string> {
  const imports: Record<string, string> = {
    '@noble/curves/': '/node_modules/@noble/curves/',
    '@noble/hashes/': '/node_modules/@noble/hashes/',
    jose: '/node_modules/jose/dist/webapi/index.js',
  };
  // TypeBox is ESM with an exports map: one entry per subpath.
  const tb = JSON.parse(readFileSync(join(ROOT, 'node_modules/typebox/package.json'), 'utf8')) as { exports: Record<string, { import?: string }> };
  for (const [sub, target] of Object.entries(tb.exports)) {
    if (target.import) imports[`typebox${sub === '.' ? '' : sub.slice(1)}`] = `/node_modules/typebox/${target.import.replace(/^\.\//, '')}`;
  }
  return imports;
}

const page = () => `<!doctype html><meta charset="utf-8"><title>kibitz peer</title>
<script src="/node_modules/peerjs/dist/peerjs.js"></script>
<script type="importmap">${JSON.stringify({ imports: importMap() })}</script>
<script type="module">
  import '/out/reference/peer/browser/page.js';
  window.kbzReady = true;
</script>`;

/** Compiles the page and everything it imports to browser JavaScript in `out`. */
function compile(out: string): void {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '--ignoreConfig', '--outDir', out, '--rootDir', ROOT,
    '--module', 'esnext', '--target', 'es2022', '--moduleResolution', 'bundler', '--rewriteRelativeImportExtensions',
    '--skipLibCheck', '--types', 'node', '--lib', 'es2023,dom', '--noCheck', join(ROOT, 'reference/peer/browser/page.ts')], { stdio: ['ignore', 'ignore', 'inherit'] });
}

function serve(out: string): Promise<Server> {
  const html = page();
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!));
    const file = path === '/' ? null : path.startsWith('/out/') ? join(out, path.slice(5)) : path.startsWith('/node_modules/') ? join(ROOT, path) : undefined;
    if (file === null) return void res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    if (!file || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

const badRequest = (why: string, seq?: unknown) => ({ ...(typeof seq === 'number' ? { seq } : {}), ok: false, error: { code: 'adapter.bad-request', message: why } });

export async function serveBrowserPeer(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'kbz-peer-page-'));
  const profile = mkdtempSync(join(tmpdir(), 'kbz-peer-chromium-'));
  let server: Server | null = null;
  let closeBrowser: () => Promise<void> = async () => {};
  const cleanup = async () => {
    await Promise.race([closeBrowser(), new Promise((r) => setTimeout(r, 3000))]).catch(() => undefined);
    server?.close();
    rmSync(out, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  };
  type Page = import('playwright-core').Page;
  let page: Page | null = null;
  let failure: string | null = null;
  const ready = (async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`);
    compile(out);
    server = await serve(out);
    const { chromium } = await import('playwright-core');
    const ctx = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    closeBrowser = () => ctx.close();
    const p = ctx.pages()[0] ?? (await ctx.newPage());
    p.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
    p.on('console', (m) => m.type() === 'error' && process.stderr.write(`page console: ${m.text()}\n`));
    // A module that fails to load is reported at once, not after the readiness timeout.
    const broken = new Promise<never>((_, reject) => p.once('pageerror', (e) => reject(new Error(`the page failed to load: ${e.message}`))));
    broken.catch(() => undefined); // a page error after start-up is only logged
    await p.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await Promise.race([p.waitForFunction('window.kbzReady === true', undefined, { timeout: 90_000 }), broken]);
    await p.evaluate('navigator.mediaDevices.getUserMedia({ audio: true }).then((s) => s.getTracks().forEach((t) => t.stop()))');
    page = p;
  })().catch((e: unknown) => {
    failure = e instanceof Error ? e.message : String(e);
  });

  const implementation = { ...REFERENCE_IMPLEMENTATION, name: 'kibitz-reference-chromium', language: 'typescript (Chromium)' };
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(line) as Record<string, unknown>;
    } catch {
      process.stdout.write(JSON.stringify(badRequest('the line is not JSON')) + '\n');
      continue;
    }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
      process.stdout.write(JSON.stringify(badRequest('the line is not a JSON object')) + '\n');
      continue;
    }
    let reply: object;
    if (msg.cmd === 'start') {
      await ready;
      if (failure) {
        // Nothing to answer with: say why on standard error, which the harness shows, and go.
        process.stderr.write(`the Chromium peer could not start: ${failure}\n`);
        break;
      }
      reply = msg.version !== 1 ? { ok: false, error: { code: 'adapter.unsupported-version', message: `only version 1` } } : { ok: true, implementation, profiles: ['peer'] };
    } else if (msg.cmd === 'run') {
      const { seq, op, input } = msg;
      if (!Number.isInteger(seq) || (seq as number) < 1 || typeof op !== 'string' || typeof input !== 'object' || input === null || Array.isArray(input)) {
        reply = badRequest('run needs a positive integer seq, a string op and an object input', seq);
      } else {
        await ready;
        try {
          if (!page) throw new Error(failure ?? 'no page');
          const r = await (page as Page).evaluate(([o, i]) => (globalThis as unknown as { kbzPeer: { run(o: string, i: unknown): Promise<object> } }).kbzPeer.run(o, i), [op, input] as const);
          reply = { seq, ...r };
        } catch (e) {
          reply = { seq, errored: true, message: e instanceof Error ? e.message : String(e) };
        }
      }
    } else if (msg.cmd === 'stop') {
      process.stdout.write(JSON.stringify({ ok: true }) + '\n');
      break;
    } else reply = badRequest(`unknown cmd ${JSON.stringify(msg.cmd)}`, msg.seq);
    process.stdout.write(JSON.stringify(reply) + '\n');
  }
  rl.close();
  // Leave every room [ADP-44], then close the browser.
  await Promise.race([(page as Page | null)?.evaluate('globalThis.kbzPeer.closeAll()').catch(() => undefined), new Promise((r) => setTimeout(r, 800))]);
  await cleanup();
  process.exit(0);
}
