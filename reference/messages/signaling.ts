// Signaling-plane decoders (spec/07-messages.md, 7.3): what a peer receives from the broker, what
// a broker receives from a peer, the socket URL parameters and the broker-selection answer.
import type { ClientFrame, ServerFrame, SignalHostResponse, SocketQuery } from '../../schemas/src/signaling.ts';
import { catalogEntry } from './catalog.ts';
import type { MsgResult } from './codes.ts';
import { decodeWith } from './decode.ts';

const serverFrame = catalogEntry('signaling', 'ServerFrame');
const clientFrame = catalogEntry('signaling', 'ClientFrame');
const socketQuery = catalogEntry('signaling', 'SocketQuery');
const hostResponse = catalogEntry('signaling', 'SignalHostResponse');

/** A frame a peer received from the broker. */
export const decodeSignaling = (value: unknown): MsgResult<ServerFrame> => decodeWith(serverFrame, value);
/** A frame a broker received from a peer. */
export const decodeSignalingFromClient = (value: unknown): MsgResult<ClientFrame> => decodeWith(clientFrame, value);

/** The broker WebSocket URL's query, as the broker sees it (first value of each parameter). */
export function decodeSocketQuery(url: string): MsgResult<SocketQuery> {
  let params: Record<string, string> = {};
  try {
    params = Object.fromEntries(new URL(url, 'wss://broker.invalid/').searchParams.entries());
  } catch {
    params = {};
  }
  return decodeWith(socketQuery, params);
}

export const decodeSignalHostResponse = (value: unknown): MsgResult<SignalHostResponse> => decodeWith(hostResponse, value);
