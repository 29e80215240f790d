// Shared building blocks for the plane bundles (spec/07-messages.md). Every plane is a set of
// named definitions that reference each other through `#/$defs/<Name>` JSON pointers, so the
// exported bundle resolves standalone in any JSON Schema 2020-12 validator, and the same pointers
// key the TypeBox compile context and the `Static` context.
import Type, { type TSchema } from 'typebox';

/** A JSON-pointer reference to another definition of the same bundle. */
export const defRef = <const N extends string>(name: N, description?: string) =>
  Type.Ref(`#/$defs/${name}` as `#/$defs/${N}`, description === undefined ? {} : { description });

/** The TypeBox context (compile and Static) that resolves `defRef` pointers of a bundle. */
export type DefsContext<D extends Record<string, TSchema>> = { [K in keyof D & string as `#/$defs/${K}`]: D[K] };

export function defsContext<D extends Record<string, TSchema>>(defs: D): DefsContext<D> {
  return Object.fromEntries(Object.entries(defs).map(([k, v]) => [`#/$defs/${k}`, v])) as DefsContext<D>;
}

/**
 * An optional member that may also arrive as `null`. PeerJS's default serialization (BinaryPack)
 * encodes a JavaScript `undefined` member as nil, so upstream frames built with unset optional
 * members reach the receiver with those members set to null [MSG-06].
 */
export const nullable = <T extends TSchema>(schema: T, description: string) =>
  Type.Optional(Type.Union([schema, Type.Null()], { description }));

/** A string enumeration with an explicit `type`, so a wrong JSON type reports as such. */
export const stringEnum = <const V extends readonly string[]>(values: V, description: string) =>
  Type.Unsafe<V[number]>({ type: 'string', enum: [...values], description });
