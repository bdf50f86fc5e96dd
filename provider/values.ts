/**
 * Values as the engine hands them to resources and as resources hand them back: the placeholder for what is
 * not known yet, structural equality for diffs, and results without `undefined`.
 */

/**
 * What the engine sends in place of a value that is not known yet (during preview).
 * It is `rpc.unknownValue` in @pulumi/pulumi; it is fixed in the wire protocol, so a copy is safe.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True when `value` is the engine's placeholder for a value that is not known yet. */
export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** True when `value` is or contains (at any depth) a placeholder. */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isRecord(value)) return Object.values(value).some(containsUnknown);
  return false;
}

/** A plain object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Structural equality of JSON-like values; `undefined` members count as absent. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!deepEqual(a[key], b[key])) return false;
    return true;
  }
  return false;
}

/** True when the declared value `next` differs from `prev`, or may differ because it is not known yet. */
export function differs(prev: unknown, next: unknown): boolean {
  return containsUnknown(next) || !deepEqual(prev, next);
}

/**
 * Drops `undefined` members at any depth (and turns `undefined` list items into null). The provider host
 * converts results with `Struct.fromJavaScript`, which throws on `undefined`, so every result goes through this.
 */
export function compact<T extends object>(value: T): T {
  return clean(value) as T;
}

function clean(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : clean(item)));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = clean(item);
  return out;
}

/** Normalises a timestamp the API returned; `undefined` for null or unparsable values. */
export function canonicalTimestamp(value: unknown): string | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}
