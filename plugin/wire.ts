/**
 * Property values as they cross the plugin's gRPC boundary. The Node provider server hands the provider each
 * request's Struct as plain JavaScript, so secrets arrive in the engine's wire form (an object carrying the
 * signature key) and leave in it too; the resource and function implementations only ever see plain values.
 */
import * as pulumi from "@pulumi/pulumi";

/** A property bag as it crosses the wire. */
export type Bag = Record<string, unknown>;

/** A secret in the engine's wire form: `{ "4dabf…": "1b47…", value }`. */
export interface WireSecret {
  readonly [pulumi.runtime.specialSigKey]: typeof pulumi.runtime.specialSecretSig;
  readonly value: unknown;
}

/** Wraps `value` as a secret for the engine. */
export function secret(value: unknown): WireSecret {
  return { [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value };
}

/** True when `value` is a secret in wire form. */
export function isSecret(value: unknown): value is WireSecret {
  return pulumi.runtime.isRpcSecret(value);
}

/** `value` with every secret at any depth replaced by what it holds. */
export function reveal(value: unknown): unknown {
  if (isSecret(value)) return reveal(pulumi.runtime.unwrapRpcSecret(value));
  if (Array.isArray(value)) return value.map(reveal);
  if (isBag(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)]));
  return value;
}

/** True when `value` is or holds a secret at any depth. */
export function holdsSecret(value: unknown): boolean {
  if (isSecret(value)) return true;
  if (Array.isArray(value)) return value.some(holdsSecret);
  return isBag(value) && Object.values(value).some(holdsSecret);
}

/**
 * The top-level keys of `bag` whose values hold a secret. A provider that accepts secrets must hand them back
 * marked, or the engine stores them in plain text: a value that came in secret goes out secret, whole.
 */
export function secretKeys(bag: unknown): Set<string> {
  if (!isBag(bag)) return new Set();
  return new Set(Object.keys(bag).filter((key) => holdsSecret(bag[key])));
}

/** `bag` with the values of `keys` wrapped as secrets (absent keys stay absent). */
export function conceal(bag: Bag, keys: Iterable<string>): Bag {
  const out: Bag = { ...bag };
  for (const key of keys) {
    if (out[key] !== undefined && !isSecret(out[key])) out[key] = secret(out[key]);
  }
  return out;
}

/** A plain object (not an array, not null, not a secret). */
export function isBag(value: unknown): value is Bag {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isSecret(value);
}

/**
 * A JSON-clean copy of a result: `Struct.fromJavaScript`, which the server applies to every response, throws on
 * `undefined`, so absent members are dropped (and `undefined` list items become null).
 */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? null)) as T;
}
