// Message decoders for every plane (spec/07-messages.md). Import from here.
export * from './codes.ts';
export { decodeClientToCoordinator, decodeCoordinatorToClient, decodePresence, rosterFlags, metaWithinBound, META_JSON_MAX } from './presence.ts';
export { newSocketToken } from './socket-token.ts';
export { decodeSignaling, decodeSignalingFromClient, decodeSocketQuery, decodeSignalHostResponse } from './signaling.ts';
export { decodeSigned, decodeCompactToken } from './signed.ts';
export { decodeDataplane, decodeSigControl, decodeContent, type DataFrame } from './dataplane.ts';
export { readEngineMeta, memberProtocol, type EngineInfo } from './engine-meta.ts';
export { sanitizeGrant, type SanitizedGrant } from './grant.ts';
export { resolveSchemaName, catalogEntry } from './catalog.ts';
export { decodeWith } from './decode.ts';
