// Text and value rules the content receiver applies (spec/14-data-plane.md 14.6). Lengths are
// UTF-16 code units [CONV-17]; trimming is the trim of [CONV-08]; JSON lengths are of the text
// ECMAScript JSON.stringify writes [CONV-15].
import type { JsonValue } from '../encoding/json.ts';
import { trimEcma } from '../encoding/text.ts';

/**
 * The first `max` UTF-16 code units of `s`. When the cut would leave a high surrogate whose low
 * half was cut off, that lone high surrogate is dropped too [CONT-09]: a receiver never makes a
 * string that has no UTF-8 form out of one that had.
 */
export function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const head = s.slice(0, max);
  const last = head.charCodeAt(max - 1);
  return last >= 0xd800 && last <= 0xdbff ? head.slice(0, max - 1) : head;
}

export const trim = trimEcma;

/** Cut, then trim (chat text, pay url and label, ink name, schema name, widget kind). */
export const cutTrim = (s: string, max: number): string => trim(cut(s, max));

/** Trim, then cut (image and file names, replay authors and their names) [CONT-08]. */
export const trimCut = (s: string, max: number): string => cut(trim(s), max);

/** A string whose trim is not empty, trimmed then cut to `max`; else undefined. */
export function trimmedName(v: JsonValue | undefined, max: number): string | undefined {
  return typeof v === 'string' && trim(v) !== '' ? trimCut(v, max) : undefined;
}

/** The length in UTF-16 code units of JSON.stringify(v) [CONT-17]. */
export function jsonLength(v: JsonValue): number {
  return JSON.stringify(v).length;
}

/** A finite JSON number (every JSON number is; the check also rejects other types). */
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Base64 alphabet with optional padding, as upstream tests received chunk data [CONT-15], [XFER-08]. */
const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes standard base64 the way the WHATWG forgiving-base64 decoder does after upstream's
 * alphabet test: padding optional, a length of 1 modulo 4 (after removing padding) undecodable,
 * unused trailing bits ignored. Returns null for text that does not decode.
 */
export function decodeBase64(text: string): Uint8Array | null {
  if (!B64.test(text)) return null;
  let s = text;
  if (s.length % 4 === 0 && s.endsWith('=')) s = s.slice(0, s.endsWith('==') ? -2 : -1);
  if (s.includes('=') || s.length % 4 === 1) return null;
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of s) {
    acc = (acc << 6) | B64_INDEX.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
    acc &= (1 << bits) - 1;
  }
  return Uint8Array.from(out);
}

const B64_INDEX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
