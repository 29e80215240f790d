// Headless Debian Chromium for end-to-end tests, set up the way WebRTC works on loopback in this
// sandbox (see the recipe in the project's toolchain notes): mDNS host candidates off, a one-time
// fake-media grant so 127.0.0.1 candidates are gathered, a tiny HTTP origin for a secure context
// that also serves the PeerJS browser bundle. Missing Chromium is an error, never a skip.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { within } from './time.ts';

export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--allow-loopback-in-peer-connection', '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
];

const PEERJS_BUNDLE = new URL('../../../node_modules/peerjs/dist/peerjs.js', import.meta.url).pathname;

export interface BrowserPage {
  page: Page;
  close(): Promise<void>;
}

function serve(extraScripts: string[]): Promise<Server> {
  const html = `<!doctype html><meta charset="utf-8"><title>kibitz e2e</title><script src="/peerjs.js"></script>${extraScripts
    .map((_, i) => `<script src="/extra-${i}.js"></script>`)
    .join('')}`;
  const bundle = readFileSync(PEERJS_BUNDLE);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const extra = /^\/extra-(\d+)\.js$/.exec(path ?? '');
    if (path === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    else if (path === '/peerjs.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    else if (extra && extraScripts[Number(extra[1])] !== undefined) res.writeHead(200, { 'content-type': 'text/javascript' }).end(extraScripts[Number(extra[1])]);
    else res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Launches Chromium on a page that has PeerJS and the given scripts loaded. */
export async function openBrowserPage(scripts: string[] = []): Promise<BrowserPage> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium). Browser tests never skip.`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'kbz-chromium-'));
  const server = await serve(scripts);
  let ctx: BrowserContext | undefined;
  const close = async () => {
    await within(15_000, 'closing chromium', ctx?.close() ?? Promise.resolve()).catch(() => {});
    await new Promise<void>((r) => server.close(() => r()));
    server.closeAllConnections?.();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    ctx = await within(30_000, 'launching chromium', chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true }));
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    // tsx compiles functions handed to evaluate() with esbuild's __name helper; give it one.
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    const port = (server.address() as AddressInfo).port;
    await within(15_000, 'loading the test page', page.goto(`http://127.0.0.1:${port}/`));
    // One media grant makes Chromium gather loopback host candidates; the tracks stop at once.
    await within(
      15_000,
      'fake media grant',
      page.evaluate(async () => {
        const s = await navigator.mediaDevices.getUserMedia({ audio: true });
        for (const t of s.getTracks()) t.stop();
      }),
    );
    return { page, close };
  } catch (e) {
    await close();
    throw e;
  }
}
