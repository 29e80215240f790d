// The changed-key alarm and TOFU pins [SAS-12..SAS-16]. Pure transitions; storage is the app's.
import { lowerUnicode, trimEcma } from '../encoding/text.ts';

export interface PeerSafety {
  code: string | null;
  remoteFp: string | null;
  verified: boolean;
  changed: boolean;
}
export interface SafetyReading {
  code: string;
  remoteFp: string;
}
export type PinStatus = 'unpinned' | 'match' | 'mismatch';

export const POLL_INTERVAL_MS = 4000;
export const VERIFIED_CAP = 100;
export const PIN_CAP = 200;

/** A null reading is a blip: keep what we had [SAS-12]. */
export function nextPeerSafety(
  prev: PeerSafety | undefined,
  reading: SafetyReading | null,
  verified: ReadonlySet<string>,
  pin: PinStatus = 'unpinned',
): PeerSafety {
  if (!reading) {
    return { code: prev?.code ?? null, remoteFp: prev?.remoteFp ?? null, verified: prev?.verified ?? false, changed: prev?.changed ?? false };
  }
  const isVerified = verified.has(reading.remoteFp);
  const inCallChange = prev?.remoteFp != null && prev.remoteFp !== reading.remoteFp && !isVerified; // [SAS-13]
  const pinMismatch = pin === 'mismatch' && !isVerified; // [SAS-13]
  return { code: reading.code, remoteFp: reading.remoteFp, verified: isVerified, changed: inCallChange || pinMismatch };
}

/** Contact key of a pin: the display name, trimmed and lower-cased; '' never pins [SAS-15]. */
export const pinKeyForName = (name: string | null | undefined): string => lowerUnicode(trimEcma(name ?? ''));

export function pinStatus(pins: Readonly<Record<string, string>>, key: string, fp: string): PinStatus {
  if (!key) return 'unpinned';
  const pinned = Object.prototype.hasOwnProperty.call(pins, key) ? pins[key] : undefined;
  if (!pinned) return 'unpinned';
  return pinned === fp ? 'match' : 'mismatch';
}
