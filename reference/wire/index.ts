// The wire layer of chapter 11 (spec/11-data-connections.md): BinaryPack, PeerJS chunking, the
// JSON serialization, the transfer chunk header and the data-connection rules.
export * from './constants.ts';
export * from './value.ts';
export { encode } from './encode.ts';
export { decode } from './decode.ts';
export { fromTagged, toTagged, parseHex, toHex } from './tagged-json.ts';
export { BinarySender, chunkMessage } from './chunking.ts';
export { WireReceiver, type ReceiveEvent, type ReceiverSerialization } from './receiver.ts';
export { decodeJsonMessage, encodeJsonMessage } from './json-serialization.ts';
export { encodeTransferChunk, parseTransferChunk, type TransferChunk } from './transfer-chunk.ts';
export * from './connections.ts';
