#!/usr/bin/env node
// The reference implementation as a stdio conformance adapter (spec/10-adapter-protocol.md).
import { register } from 'tsx/esm/api';

register();
if (process.argv.includes('--peer')) {
  // Optional packages missing: one clear line, not a module-resolution stack.
  const { peerModeProblem } = await import('../reference/peer/needs.ts');
  const problem = peerModeProblem(process.argv.includes('--browser'));
  if (problem) {
    process.stderr.write(`${problem}\n`);
    process.exit(2);
  }
}
if (process.argv.includes('--peer') && process.argv.includes('--browser')) {
  // Peer mode in headless Chromium, on the browser's own WebRTC.
  const { serveBrowserPeer } = await import('../reference/peer/browser/host.ts');
  await serveBrowserPeer();
} else if (process.argv.includes('--peer')) {
  // Peer mode: a live peer behind the control protocol (spec/10-adapter-protocol.md, "Peer mode").
  const { servePeerStdio } = await import('../reference/peer/stdio.ts');
  await servePeerStdio();
} else {
  const { serveStdio } = await import('../reference/adapter/stdio.ts');
  await serveStdio();
}
