#!/usr/bin/env node
// Entry point of kibitz-reference inside this repository: the TypeScript sources run through tsx's
// loader, so a checkout works without a build. What it does is bin/reference-entry.ts, which the
// published package runs compiled (dist/bin/reference-entry.js, plain Node).
import { register } from 'tsx/esm/api';

register();
await import('./reference-entry.ts');
