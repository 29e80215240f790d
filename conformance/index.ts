// The harness as a library (`import … from 'kibitz-protocol'`): run the suite against an
// implementation from your own code, build reports, or reuse the CLI. The CLI is `main`.
export { main, USAGE, DEFAULT_SEED } from './cli.ts';
export { resolveImplementation } from './impl/resolve.ts';
export { GuardedImplementation } from './impl/guard.ts';
export { StdioImplementation, type StdioOptions } from './impl/stdio.ts';
export { ModuleImplementation } from './impl/module.ts';
export type { Fault, Implementation, ImplementationInfo, Response } from './impl/types.ts';
export type { AdapterInfo, ModuleAdapter, OpResponse, JsonObject, JsonValue } from './adapter-types.ts';
export { allChecks, selectChecks, deadSelectors, KNOWN_PROFILES, ALL_PROFILES, ADAPTER_PROFILE } from './suite.ts';
export type { Check, CheckContext, RawResult } from './checks/types.ts';
export { runChecks, runSelected, type RunOptions, type RunOutcome } from './runner.ts';
export { loadRequirements, type Requirement } from './spec-index.ts';
export { loadExpectations, type Expectation } from './expectations.ts';
export { buildReport } from './report/build.ts';
export { REPORTERS, emitAll, parseTargets } from './report/emit.ts';
export { identifySuite, vectorSetDigest, type SuiteIdentity } from './suite-digest.ts';
export { profileVerdict, exitCodeOfVerdicts } from './verdict.ts';
export { suiteInfo } from './suite-info.ts';
export type { CheckResult, Report, ProfileVerdict } from '../schemas/src/report.ts';
