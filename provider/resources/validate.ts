/**
 * Offline input checks shared by the resources: every rule reports a property path and a reason, and a value
 * that is not known yet (a preview placeholder) passes through untouched.
 */
import type { CustomFields, Position, RoomOptions, UserInput } from "../types";
import { isLoopbackHost } from "../config";
import { customField, ROOM_OPTION_KEYS, roomOption, type OptionSpec } from "../roomOptions";

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

/** A `check` failure, in the shape `pulumi.dynamic.CheckFailure` expects. */
export interface Failure {
  readonly property: string;
  readonly reason: string;
}

/** Collects failures while a check walks the inputs. */
export class Failures {
  readonly list: Failure[] = [];

  /** Records that `property` is invalid because of `reason`. */
  add(property: string, reason: string): void {
    this.list.push({ property, reason });
  }
}

/** Reports every key of `value` that is not in `known` (a typo would otherwise be dropped silently). */
export function rejectUnknownKeys(
  failures: Failures,
  path: string,
  value: Record<string, unknown>,
  known: readonly string[],
): void {
  for (const key of Object.keys(value)) {
    if (key === "__provider" || known.includes(key) || value[key] === undefined) continue;
    failures.add(join(path, key), `unknown property; expected one of ${known.join(", ")}`);
  }
}

/** `a.b`, or `b` at the top level. */
export function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

const CONTROL = /[\u0000-\u001f\u007f]/;

/** A string that may be a placeholder; `undefined` when absent. Reports anything else. */
export function optionalString(
  failures: Failures,
  path: string,
  value: unknown,
  rules: { readonly nonEmpty?: boolean; readonly max?: number } = {},
): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    failures.add(path, `must be a string, got ${describe(value)}`);
    return undefined;
  }
  if (isUnknown(value)) return value;
  if (rules.nonEmpty && value.trim() === "") failures.add(path, "must not be empty");
  else if (CONTROL.test(value)) failures.add(path, "must not contain control characters (line breaks, tabs)");
  else if (rules.max !== undefined && value.length > rules.max)
    failures.add(path, `must be at most ${rules.max} characters long`);
  return value;
}

/** Like `optionalString`, but reports a missing value. */
export function requiredString(
  failures: Failures,
  path: string,
  value: unknown,
  rules: { readonly max?: number } = {},
): string | undefined {
  if (value === undefined || value === null) {
    failures.add(path, "is required");
    return undefined;
  }
  return optionalString(failures, path, value, { ...rules, nonEmpty: true });
}

/** A boolean (or placeholder). */
export function optionalBoolean(failures: Failures, path: string, value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (isUnknown(value)) return value as unknown as boolean;
  if (typeof value !== "boolean") {
    failures.add(path, `must be true or false, got ${describe(value)}`);
    return undefined;
  }
  return value;
}

/** One of `allowed` (or placeholder). */
export function optionalEnum<T extends string>(
  failures: Failures,
  path: string,
  value: unknown,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (isUnknown(value)) return value as T;
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    const got = typeof value === "string" && value.length <= 40 ? JSON.stringify(value) : describe(value);
    failures.add(path, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${got}`);
    return undefined;
  }
  return value as T;
}

/**
 * An absolute URL (or placeholder). `https` requires https, allowing plain http only to loopback hosts;
 * otherwise http and https are both accepted.
 */
export function optionalUrl(
  failures: Failures,
  path: string,
  value: unknown,
  rules: { readonly httpsOnly?: boolean } = {},
): string | undefined {
  const text = optionalString(failures, path, value, { nonEmpty: true, max: 2048 });
  if (text === undefined || isUnknown(text)) return text;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    failures.add(path, "must be an absolute URL, e.g. https://example.com/path");
    return text;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    failures.add(path, `must use https:// (got ${url.protocol}//)`);
  } else if (rules.httpsOnly && url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    failures.add(path, "must use https:// (plain http:// is accepted only for 127.0.0.1, ::1 and localhost)");
  }
  return text;
}

// A date, or a date and time with seconds optional, fraction optional and a zone required.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/i;

/** An ISO 8601 timestamp, normalised to `toISOString()` form (UTC, milliseconds) so diffs are stable. */
export function optionalTimestamp(failures: Failures, path: string, value: unknown): string | undefined {
  const text = optionalString(failures, path, value, { nonEmpty: true });
  if (text === undefined || isUnknown(text)) return text;
  const time = Date.parse(text);
  if (!ISO_8601.test(text) || Number.isNaN(time)) {
    failures.add(
      path,
      `must be an ISO 8601 date or date-time with a time zone, e.g. 2030-01-31T18:00:00Z (got ${JSON.stringify(text)})`,
    );
    return text;
  }
  return new Date(time).toISOString();
}

/** Normalises a timestamp the API returned; `undefined` for null or unparsable values. */
export function canonicalTimestamp(value: unknown): string | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

/** A user id: it is used in API paths and in resource ids, so `/` and whitespace are refused. */
export function optionalUserId(failures: Failures, path: string, value: unknown): string | undefined {
  const id = optionalString(failures, path, value, { nonEmpty: true, max: 128 });
  if (id !== undefined && !isUnknown(id) && /[\s/]/.test(id)) {
    failures.add(path, "must not contain '/' or whitespace (it is used in API paths and the resource id)");
  }
  return id;
}

/** `{ name, id?, avatar? }`: a permalink host, or the user who starts a room. */
export function checkUser(failures: Failures, path: string, value: unknown): UserInput | undefined {
  if (value === undefined || value === null) {
    failures.add(path, "is required: the user as { name, id?, avatar? }");
    return undefined;
  }
  if (isUnknown(value)) return value as unknown as UserInput;
  if (!isRecord(value)) {
    failures.add(path, `must be an object { name, id?, avatar? }, got ${describe(value)}`);
    return undefined;
  }
  rejectUnknownKeys(failures, path, value, ["name", "id", "avatar"]);
  const name = requiredString(failures, join(path, "name"), value.name, { max: 256 });
  const id = optionalUserId(failures, join(path, "id"), value.id);
  const avatar = optionalUrl(failures, join(path, "avatar"), value.avatar);
  return compact({ name: name ?? "", id, avatar });
}

/** Room options (see `provider/roomOptions.ts`): types and enums checked, unknown keys refused, `customFields` open. */
export function checkRoomOptions(failures: Failures, path: string, value: unknown): RoomOptions | undefined {
  if (value === undefined || value === null) return undefined;
  if (isUnknown(value)) return value as unknown as RoomOptions;
  if (!isRecord(value)) {
    failures.add(path, `must be an object of room options, got ${describe(value)}`);
    return undefined;
  }
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined) continue;
    const at = join(path, key);
    if (key === "customFields") {
      out.customFields = checkCustomFields(failures, at, field);
      continue;
    }
    const spec = roomOption(key);
    if (!spec) {
      failures.add(at, `unknown property; expected one of ${ROOM_OPTION_KEYS.join(", ")}`);
    } else if (!spec.input) {
      failures.add(
        at,
        "is reported by the API but cannot be set (eyeson documents no such input); remove it",
      );
    } else {
      out[key] = checkOptionValue(failures, at, spec, field);
    }
  }
  return compact(out) as RoomOptions;
}

function checkOptionValue(failures: Failures, path: string, spec: OptionSpec, value: unknown): unknown {
  switch (spec.kind) {
    case "boolean":
      return optionalBoolean(failures, path, value);
    case "enum":
      return optionalEnum(failures, path, value, spec.values ?? []);
    case "url":
      return optionalUrl(failures, path, value);
    case "string":
      return optionalString(failures, path, value, { nonEmpty: true });
    case "position":
      return checkPosition(failures, path, value);
    case "color": {
      const color = optionalString(failures, path, value);
      if (color !== undefined && !isUnknown(color) && !/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(color)) {
        failures.add(path, `must be a hex colour like #121212, got ${JSON.stringify(color)}`);
      }
      return color;
    }
  }
}

function checkPosition(failures: Failures, path: string, value: unknown): Position | undefined {
  if (value === undefined || value === null) return undefined;
  if (isUnknown(value)) return value as unknown as Position;
  if (!isRecord(value)) {
    failures.add(path, `must be an object { x, y }, got ${describe(value)}`);
    return undefined;
  }
  rejectUnknownKeys(failures, path, value, ["x", "y"]);
  for (const axis of ["x", "y"] as const) {
    const n = value[axis];
    if (isUnknown(n)) continue;
    if (typeof n !== "number" || !Number.isFinite(n) || n < 0) {
      failures.add(join(path, axis), `must be a number of pixels >= 0, got ${describe(n)}`);
    }
  }
  return { x: value.x as number, y: value.y as number };
}

function checkCustomFields(failures: Failures, path: string, value: unknown): CustomFields | undefined {
  if (value === undefined || value === null) return undefined;
  if (isUnknown(value)) return value as unknown as CustomFields;
  if (!isRecord(value)) {
    failures.add(path, `must be an object of GUI settings, got ${describe(value)}`);
    return undefined;
  }
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined || field === null) continue;
    const at = join(path, key);
    const spec = customField(key);
    if (spec) out[key] = checkOptionValue(failures, at, spec, field);
    else if (isUnknown(field) || ["string", "number", "boolean"].includes(typeof field)) out[key] = field;
    // Open-ended (eyeson's room reference), but only flat values survive the API's form encoding.
    else failures.add(at, `must be a string, number or boolean, got ${describe(field)}`);
  }
  // No fields is no custom fields: `{}` and an absent object must not differ in a plan.
  return Object.keys(out).length === 0 ? undefined : (compact(out) as CustomFields);
}

/** A short, secret-free description of a value's type for a failure message. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return "a string";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}
