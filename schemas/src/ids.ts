// Stable schema identifiers. URNs, because no web address is promised to resolve; tools resolve
// them from the files in schemas/json/, whose names match.
export const schemaId = (name: string): string => `urn:kibitz:kbz-v1:${name}`;
export const REQUIREMENT_ID_PATTERN = '^[A-Z]+-[0-9]{2,3}$';
export const TEST_ID_PATTERN = '^[a-z0-9]+(?:[.][a-z0-9][a-z0-9-]*)+$';
