// Who the reference is, in one place: the `start` answer of kibitz-reference, the harness's
// in-process implementation, the report headers and the vector files all read it from here.
import { readFileSync } from 'node:fs';
import { PROFILES } from './profiles.ts';

/** The spec version this repository defines (spec/README.md). */
export const SPEC_VERSION = '0.2.0';

/** The package version: the suite and the reference are released together. */
export const PACKAGE_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export const REFERENCE_IMPLEMENTATION = { name: 'kibitz-reference', version: PACKAGE_VERSION, language: 'typescript' } as const;

export const referenceInfo = () => ({ ...REFERENCE_IMPLEMENTATION, profiles: [...PROFILES] });
