#!/usr/bin/env node
// The published `kibitz-conformance` command: compiled to dist/bin/conformance-entry.js and run by
// plain Node (no TypeScript loader). In this repository, bin/kibitz-conformance.mjs runs the sources.
import { exitQuietlyOnEpipe, main } from '../conformance/cli.ts';

exitQuietlyOnEpipe();
process.exitCode = await main(process.argv.slice(2));
