#!/usr/bin/env node
// The published `kibitz-reference` command: the reference as a stdio adapter
// (spec/10-adapter-protocol.md), or with --peer a live peer behind the peer-mode control protocol.
// Compiled to dist/bin/reference-entry.js; bin/kibitz-reference.mjs runs this file from the sources.
// Peer mode needs optional packages (and --browser a checkout): checked first, named on stderr.
if (process.argv.includes('--peer')) {
  const { peerModeProblem } = await import('../reference/peer/needs.ts');
  const problem = peerModeProblem(process.argv.includes('--browser'));
  if (problem) {
    process.stderr.write(`${problem}\n`);
    process.exit(2);
  }
}
if (process.argv.includes('--peer') && process.argv.includes('--browser')) {
  // Peer mode in headless Chromium; compiles reference/peer/browser/page.ts from the sources.
  const { serveBrowserPeer } = await import('../reference/peer/browser/host.ts');
  await serveBrowserPeer();
} else if (process.argv.includes('--peer')) {
  const { servePeerStdio } = await import('../reference/peer/stdio.ts');
  await servePeerStdio();
} else {
  const { serveStdio } = await import('../reference/adapter/stdio.ts');
  await serveStdio();
}
