// The BinaryPack value model (spec/11-data-connections.md 11.3). JavaScript carries most values
// natively; two need a type of their own:
// - integers beyond 2^53 - 1 in magnitude are `bigint`, so int64/uint64 survive exactly [WIRE-20];
// - a map whose keys are not all distinct strings is a `WireMap` (its entries, in order), since a
//   plain object would merge or stringify them [WIRE-31].
// Every other map is a plain object whose own members are its entries.

export type WireValue = null | undefined | boolean | number | bigint | string | Uint8Array | WireValue[] | WireMap | WireObject;
export interface WireObject {
  [key: string]: WireValue;
}

/** A map kept as its entries, in wire order: keys of any type, repeats allowed. */
export class WireMap {
  constructor(readonly entries: readonly (readonly [WireValue, WireValue])[]) {}
}

/** A plain object map (not bytes, an array or a WireMap). */
export function isWireObject(v: unknown): v is WireObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof WireMap);
}

/** An object built member by member as own data properties, so a key "__proto__" is a key, not the prototype. */
export function objectFromEntries(entries: readonly (readonly [string, WireValue])[]): WireObject {
  return Object.fromEntries(entries) as WireObject;
}

/** The entries of a map in either form, in order. */
export function mapEntries(m: WireObject | WireMap): (readonly [WireValue, WireValue])[] {
  return m instanceof WireMap ? [...m.entries] : Object.entries(m);
}
