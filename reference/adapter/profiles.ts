// The conformance profiles the reference implements (spec/10-adapter-protocol.md, "start").
export const PROFILES = ['crypto', 'schemas', 'presence'] as const;
