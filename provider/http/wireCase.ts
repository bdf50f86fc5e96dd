/**
 * The wire case conversion: the API speaks snake_case JSON, programs camelCase. Every request body goes through
 * `toWire` and every response through `parseAnswer`, recursively, so a field the API adds later still
 * reaches the caller (`docs/api-notes.md`, "Request and response encoding").
 */

/** A query parameter as a call gives it; `undefined` leaves it out. */
export type QueryValue = string | number | boolean | undefined;

/** `guestToken` -> `guest_token`; keys without capitals (including `z-index`) are unchanged. */
export function toSnakeKey(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

// Every response's keys go through toCamelKey; the API uses a few dozen names, so each is converted once.
const camelKeys = new Map<string, string>();
const MAX_CACHED_KEYS = 1_024;

/** `guest_token` -> `guestToken`; a leading underscore and hyphenated keys are left alone. */
export function toCamelKey(key: string): string {
  if (!key.includes("_")) return key;
  let camel = camelKeys.get(key);
  if (camel === undefined) {
    camel = key.replace(/(?<=[a-z0-9])_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    if (camelKeys.size < MAX_CACHED_KEYS) camelKeys.set(key, camel);
  }
  return camel;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Recursively renames object keys camelCase -> snake_case and drops `undefined` values (request bodies). */
export function toWire(value: unknown): unknown {
  // Arrays map element-wise, so tuples such as layout map boxes keep their primitives as they are.
  if (Array.isArray(value)) return value.map(toWire);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (item !== undefined) out[toSnakeKey(key)] = toWire(item);
  }
  return out;
}

/** `?page=2&started_at=…` from camelCase parameters, without the undefined ones; "" when none is left. */
export function queryString(query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.append(toSnakeKey(key), String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/**
 * A response body in camelCase: `undefined` for an empty body; throws the `SyntaxError` of a body that is
 * not JSON. `learn` receives the value of every credential field up to six levels deep (see
 * `secrets` module): one walk over each response instead of two, since every response goes through both.
 */
export function parseAnswer(
  text: string,
  isCredential: (camelKey: string) => boolean,
  learn: (secret: string) => void,
): unknown {
  if (text.trim() === "") return undefined;
  return fromWireLearning(JSON.parse(text) as unknown, isCredential, learn, 0);
}

function fromWireLearning(
  value: unknown,
  isCredential: (camelKey: string) => boolean,
  learn: (secret: string) => void,
  depth: number,
): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => fromWireLearning(item, isCredential, learn, depth + 1));
  }
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (item === undefined) continue;
    const camel = toCamelKey(key);
    if (depth <= 6 && typeof item === "string" && item !== "" && isCredential(camel)) learn(item);
    out[camel] = fromWireLearning(item, isCredential, learn, depth + 1);
  }
  return out;
}
