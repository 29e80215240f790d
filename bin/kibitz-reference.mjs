#!/usr/bin/env node
// The reference implementation as a stdio conformance adapter (spec/10-adapter-protocol.md).
import { register } from 'tsx/esm/api';

register();
const { serveStdio } = await import('../reference/adapter/stdio.ts');
await serveStdio();
