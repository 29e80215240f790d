#!/usr/bin/env node
// Entry point of the conformance CLI. The harness is TypeScript run through tsx's loader, so the
// package works from a clean checkout without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../conformance/cli.ts');
process.exitCode = await main(process.argv.slice(2));
