// Small, explicit readers for adapter-op inputs. A wrong input shape is an `input.invalid`
// error naming the member, never an exception.
import { isJsonObject, type JsonObject, type JsonValue } from '../encoding/json.ts';

export class InputError extends Error {}

export function obj(v: unknown, what = 'input'): JsonObject {
  if (!isJsonObject(v)) throw new InputError(`${what} must be an object`);
  return v;
}
export function str(o: JsonObject, k: string): string {
  const v = o[k];
  if (typeof v !== 'string') throw new InputError(`${k} must be a string`);
  return v;
}
export function optStr(o: JsonObject, k: string): string | undefined {
  return o[k] === undefined || o[k] === null ? undefined : str(o, k);
}
export function int(o: JsonObject, k: string): number {
  const v = o[k];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(`${k} must be a number`);
  return v;
}
export function optInt(o: JsonObject, k: string): number | undefined {
  return o[k] === undefined || o[k] === null ? undefined : int(o, k);
}
export function strList(o: JsonObject, k: string): string[] {
  const v = o[k];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new InputError(`${k} must be an array of strings`);
  return v as string[];
}
export function any(o: JsonObject, k: string): JsonValue | undefined {
  return o[k];
}
