// The user's trust decisions [SAS-14..SAS-16], [SAS-19]: the verified-fingerprint set V (most recent last,
// capped at 100) and TOFU pins keyed by display name (capped at 200, least recently written dropped).
import { pinKeyForName, PIN_CAP, VERIFIED_CAP } from './alarm.ts';

export class TrustStore {
  readonly verified: string[] = [];
  readonly pins = new Map<string, string>(); // a Map iterates in insertion order: first = oldest

  verify(name: string, fp: string): void {
    const i = this.verified.indexOf(fp);
    if (i >= 0) this.verified.splice(i, 1);
    this.verified.push(fp);
    if (this.verified.length > VERIFIED_CAP) this.verified.splice(0, this.verified.length - VERIFIED_CAP); // [SAS-19]
    const key = pinKeyForName(name);
    if (!key) return; // an empty key is never pinned
    this.pins.delete(key); // re-pin counts as the newest write
    this.pins.set(key, fp);
    if (this.pins.size > PIN_CAP) this.pins.delete(this.pins.keys().next().value as string);
  }

  /** A peer connected (a first reading): trust is never given on first use, only on verify [SAS-15]. */
  connect(_name: string, _fp: string): void {}

  unverify(name: string, fp: string): void {
    const i = this.verified.indexOf(fp);
    if (i >= 0) this.verified.splice(i, 1);
    const key = pinKeyForName(name);
    if (key) this.pins.delete(key);
  }
}
