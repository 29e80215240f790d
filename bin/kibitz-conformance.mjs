#!/usr/bin/env node
// Entry point of the conformance CLI inside this repository: the TypeScript sources run through
// tsx's loader, so a checkout works without a build. The published package's entry is the
// compiled dist/bin/kibitz-conformance.js (plain Node, no loader).
import { register } from 'tsx/esm/api';

register();
const { exitQuietlyOnEpipe, main } = await import('../conformance/cli.ts');
exitQuietlyOnEpipe();
process.exitCode = await main(process.argv.slice(2));
