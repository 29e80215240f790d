// Small shared shapes for op contracts. Inputs are open objects (an adapter ignores members it does
// not know); outputs are strict, because an output must hold exactly the members its op defines
// (ADP-05), apart from `x-` members, which the validators strip before checking.
import Type, { type TProperties, type TSchema } from 'typebox';

/** An op input: members as given, unknown members allowed. */
export const input = <P extends TProperties>(properties: P, description?: string) =>
  Type.Object(properties, description === undefined ? {} : { description });

/** An op output: exactly these members. */
export const output = <P extends TProperties>(properties: P, description?: string) =>
  Type.Object(properties, { additionalProperties: false, ...(description === undefined ? {} : { description }) });

/** A member that may be absent or null; both mean the same unless the op gives null a meaning. */
export const maybe = <T extends TSchema>(schema: T, description: string) =>
  Type.Optional(Type.Union([schema, Type.Null()], { description }));

/**
 * A credential or key that the op hands to its first verification step whatever its JSON type: the
 * protocol step, not the shape check, rejects a wrong type (ADP-08). Required members still must be
 * present unless `optional`.
 */
export const anyValue = (description: string) => Type.Unknown({ description });
// Use it inside Type.Optional: an absent credential or key reaches the same step (ADP-08).

/** A string enumeration with an explicit `type`, so a wrong JSON type reports as such. */
export const oneOf = <const V extends readonly string[]>(values: V, description: string) =>
  Type.Unsafe<V[number]>({ type: 'string', enum: [...values], description });

/** Epoch seconds for a signing op: an integer whose magnitude is below 2^53 (CONV-02, CONV-16). */
export const signingTime = (description: string) =>
  Type.Integer({ minimum: -(2 ** 53 - 1), maximum: 2 ** 53 - 1, description });

/** Unpadded base64url text (CONV-04): what encoders produce. */
export const B64U_PATTERN = '^[A-Za-z0-9_-]*$';

/**
 * base64url text that a conforming decoder accepts (CONV-05 to CONV-07): whole groups, then an
 * optional final group of 2 or 3 characters, optionally padded, whose unused low bits are zero.
 */
export const B64U_DECODABLE_PATTERN = '^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-][AQgw](?:==)?|[A-Za-z0-9_-]{2}[AEIMQUYcgkosw048]=?)?$';
