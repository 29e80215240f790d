// The numbers of chapter 11 (spec/11-data-connections.md), in one place. Upstream's come from
// PeerJS 1.5.5 and Kibitz's contentXfer.ts; the hardening bounds are explained in 11.5.

/** PeerJS `chunkedMTU`: messages longer than this are chunked, and every slice but the last has this size [WIRE-36]. */
export const CHUNK_MTU = 16300;
/** Most chunks a receiver accepts for one message [WIRE-41], [WIRE-42]. */
export const MAX_CHUNKS = 512;
/** The longest encoded message a sender sends: MAX_CHUNKS slices [WIRE-42]. */
export const MAX_MESSAGE_BYTES = MAX_CHUNKS * CHUNK_MTU;
/** Most incomplete chunked messages one connection holds [WIRE-43]. */
export const MAX_PENDING = 4;
/** Deepest nesting a decoder accepts: a value inside at most this many arrays and maps [WIRE-26], [WIRE-27]. */
export const MAX_DEPTH = 64;
/** A JSON-serialized message must be shorter than this many bytes [WIRE-45]. */
export const JSON_LIMIT = CHUNK_MTU;
/** Longest transfer chunk id, in UTF-8 bytes [WIRE-48]. */
export const TRANSFER_ID_MAX = 64;
/** The member PeerJS reserves for its own frames [WIRE-33]. */
export const PEER_DATA = '__peerData';
