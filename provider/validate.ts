/**
 * The input checks of resources and functions, in one place. A rule reads one value, reports what is wrong
 * with it (a property path and a reason, never a secret value) and returns the value normalised; a value that
 * is not known yet (a preview placeholder) passes through untouched.
 *
 * Failures go to a `Reporter`: a resource's `check` collects them all (`Failures`, what the engine shows), a
 * function throws at the first (`ArgCheck`, whose message names the function). The room options come from the
 * table in `roomOptions.ts`.
 */
import { closestName, unknownKeyReason } from "./closest";
import { isLoopbackHost } from "./loopback";
import { EyesonConfigError } from "./errors";
import {
  CUSTOM_FIELD_NAMES,
  customField,
  ROOM_OPTION_KEYS,
  roomOption,
  type OptionSpec,
} from "./roomOptions";
import type { CustomFields, Position, RoomOptions, UserInput } from "./types";
import type { ListRoomDocumentsQuery } from "./requests";
import { compact, isRecord, isUnknown } from "./values";

/** A `check` failure, in the shape `pulumi.dynamic.CheckFailure` expects. */
export interface Failure {
  readonly property: string;
  readonly reason: string;
}

/** Where a rule reports a failure: collected for a resource, thrown for a function. */
export interface Reporter {
  /** Reports that `property` is invalid because of `reason`. */
  add(property: string, reason: string): void;
  /**
   * Like `add`, for a value that must not be shown: the engine prints a failing property's value next to the
   * reason, so a resource's failure names the property in its reason and leaves the property field empty.
   */
  addHidden(property: string, reason: string): void;
}

/** Collects every failure while a resource's check walks the inputs. */
export class Failures implements Reporter {
  readonly list: Failure[] = [];

  /** Records that `property` is invalid because of `reason`. */
  add(property: string, reason: string): void {
    this.list.push({ property, reason });
  }

  /** Records a failure whose value the engine must not print (see `Reporter.addHidden`). */
  addHidden(property: string, reason: string): void {
    this.list.push({ property: "", reason: `${property} ${reason}` });
  }
}

/** Reports every key of `value` that is not in `known` (a typo would otherwise be dropped silently). */
export function rejectUnknownKeys(
  failures: Reporter,
  path: string,
  value: Record<string, unknown>,
  known: readonly string[],
): void {
  for (const key of Object.keys(value)) {
    if (key === "__provider" || known.includes(key) || value[key] === undefined) continue;
    failures.add(join(path, key), unknownKeyReason(key, known));
  }
}

/** `a.b`, or `b` at the top level. */
export function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

const CONTROL = /[\u0000-\u001f\u007f]/;

/** A string that may be a placeholder; `undefined` when absent. Reports anything else. */
export function optionalString(
  failures: Reporter,
  path: string,
  value: unknown,
  rules: { readonly nonEmpty?: boolean; readonly max?: number } = {},
): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    failures.add(path, `must be a string, got ${typeOf(value)}`);
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
  failures: Reporter,
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
export function optionalBoolean(failures: Reporter, path: string, value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (isUnknown(value)) return value as unknown as boolean;
  if (typeof value !== "boolean") {
    failures.add(path, `must be true or false, got ${typeOf(value)}`);
    return undefined;
  }
  return value;
}

/** One of `allowed` (or placeholder). */
export function optionalEnum<T extends string>(
  failures: Reporter,
  path: string,
  value: unknown,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (isUnknown(value)) return value as T;
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    const got = typeof value === "string" && value.length <= 40 ? JSON.stringify(value) : typeOf(value);
    failures.add(path, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${got}`);
    return undefined;
  }
  return value as T;
}

/** What a URL may be: its schemes, and whether plain http is accepted only for loopback hosts. */
export interface UrlRules {
  /** The accepted schemes, each with its colon; default `https:` and `http:`. */
  readonly schemes?: readonly string[];
  /** Requires https, allowing plain http only to loopback hosts; default false. */
  readonly httpsOnly?: boolean;
}

/**
 * An absolute URL (or placeholder) of one of the accepted schemes, at most 2048 characters, without control
 * characters or credentials: the one URL rule of resources and functions.
 */
export function optionalUrl(
  failures: Reporter,
  path: string,
  value: unknown,
  rules: UrlRules = {},
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
  const schemes = rules.schemes ?? ["https:", "http:"];
  if (!schemes.includes(url.protocol)) {
    // The URL itself is never echoed: a stream URL holds its stream key.
    failures.add(path, `must be a ${schemes.map((s) => s.slice(0, -1)).join(" or ")} URL`);
  } else if (rules.httpsOnly && url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    failures.add(path, "must use https:// (plain http:// is accepted only for 127.0.0.1, ::1 and localhost)");
  }
  if (url.username !== "" || url.password !== "") {
    // Inputs are stored in the state in plain text, and the engine prints a refused value next to its
    // failure: the password is reported as refused and left out of what check returns.
    failures.addHidden(
      path,
      "must not contain credentials (user:password@); put a secret in the path or query instead",
    );
    url.username = "***";
    url.password = "";
    return url.href;
  }
  return text;
}

// A date, or a date and time with seconds optional, fraction optional and a zone required.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/i;

/**
 * True for an ISO 8601 date or date-time (with a zone) that names a real instant: `Date.parse` rolls
 * 2031-02-31 over to 3 March and accepts hour 24, which would silently store another time than written.
 */
export function isIsoTimestamp(text: string): boolean {
  if (!ISO_8601.test(text) || Number.isNaN(Date.parse(text))) return false;
  const [, year, month, day, hour, minute, second] =
    /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/i.exec(text) ?? [];
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth) return false;
  return !(Number(hour ?? 0) > 23 || Number(minute ?? 0) > 59 || Number(second ?? 0) > 59);
}

/** An ISO 8601 timestamp, normalised to `toISOString()` form (UTC, milliseconds) so diffs are stable. */
export function optionalTimestamp(failures: Reporter, path: string, value: unknown): string | undefined {
  const text = optionalString(failures, path, value, { nonEmpty: true });
  if (text === undefined || isUnknown(text)) return text;
  const time = Date.parse(text);
  if (!isIsoTimestamp(text)) {
    failures.add(
      path,
      `must be an ISO 8601 date or date-time with a time zone, e.g. 2030-01-31T18:00:00Z (got ${JSON.stringify(text)})`,
    );
    return text;
  }
  return new Date(time).toISOString();
}

/** A user id: it is used in API paths and in resource ids, so `/` and whitespace are refused. */
export function optionalUserId(failures: Reporter, path: string, value: unknown): string | undefined {
  const id = optionalString(failures, path, value, { nonEmpty: true, max: 128 });
  if (id !== undefined && !isUnknown(id) && /[\s/]/.test(id)) {
    failures.add(path, "must not contain '/' or whitespace (it is used in API paths and the resource id)");
  }
  return id;
}

/** `{ name, id?, avatar? }`: a permalink host, or the user who starts a room. */
export function checkUser(failures: Reporter, path: string, value: unknown): UserInput | undefined {
  if (value === undefined || value === null) {
    failures.add(path, "is required: the user as { name, id?, avatar? }");
    return undefined;
  }
  if (isUnknown(value)) return value as unknown as UserInput;
  if (!isRecord(value)) {
    failures.add(path, `must be an object { name, id?, avatar? }, got ${typeOf(value)}`);
    return undefined;
  }
  rejectUnknownKeys(failures, path, value, ["name", "id", "avatar"]);
  const name = requiredString(failures, join(path, "name"), value.name, { max: 256 });
  const id = optionalUserId(failures, join(path, "id"), value.id);
  const avatar = optionalUrl(failures, join(path, "avatar"), value.avatar);
  return compact({ name: name ?? "", id, avatar });
}

/** Room options (the `roomOptions` table): types and enums checked, unknown keys refused, `customFields` open. */
export function checkRoomOptions(failures: Reporter, path: string, value: unknown): RoomOptions | undefined {
  if (value === undefined || value === null) return undefined;
  if (isUnknown(value)) return value as unknown as RoomOptions;
  if (!isRecord(value)) {
    failures.add(path, `must be an object of room options, got ${typeOf(value)}`);
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
      failures.add(at, unknownKeyReason(key, ROOM_OPTION_KEYS));
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

function checkOptionValue(failures: Reporter, path: string, spec: OptionSpec, value: unknown): unknown {
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

function checkPosition(failures: Reporter, path: string, value: unknown): Position | undefined {
  if (value === undefined || value === null) return undefined;
  if (isUnknown(value)) return value as unknown as Position;
  if (!isRecord(value)) {
    failures.add(path, `must be an object { x, y }, got ${typeOf(value)}`);
    return undefined;
  }
  rejectUnknownKeys(failures, path, value, ["x", "y"]);
  for (const axis of ["x", "y"] as const) {
    const n = value[axis];
    if (isUnknown(n)) continue;
    if (typeof n !== "number" || !Number.isFinite(n) || n < 0) {
      failures.add(join(path, axis), `must be a number of pixels >= 0, got ${typeOf(n)}`);
    }
  }
  return { x: value.x as number, y: value.y as number };
}

function checkCustomFields(failures: Reporter, path: string, value: unknown): CustomFields | undefined {
  if (value === undefined || value === null) return undefined;
  if (isUnknown(value)) return value as unknown as CustomFields;
  if (!isRecord(value)) {
    failures.add(path, `must be an object of GUI settings, got ${typeOf(value)}`);
    return undefined;
  }
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined || field === null) continue;
    const at = join(path, key);
    const spec = customField(key);
    const meant = spec ? undefined : closestName(key, CUSTOM_FIELD_NAMES);
    if (spec) out[key] = checkOptionValue(failures, at, spec, field);
    // Other keys pass through, but one a letter or two from a documented field is a typo, not a new field.
    else if (meant !== undefined) failures.add(at, `is not a field eyeson documents; did you mean ${meant}?`);
    else if (isUnknown(field) || ["string", "number", "boolean"].includes(typeof field)) out[key] = field;
    // Open-ended (eyeson's room reference), but only flat values survive the API's form encoding.
    else failures.add(at, `must be a string, number or boolean, got ${typeOf(field)}`);
  }
  // No fields is no custom fields: `{}` and an absent object must not differ in a plan.
  return Object.keys(out).length === 0 ? undefined : (compact(out) as CustomFields);
}

/** A short, secret-free description of a value's type for a failure message ("a string", "number 5"). */
export function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return "a string";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}

/**
 * The checks of a function's arguments: the first failure throws an `EyesonConfigError` whose message names
 * the function, the property and the reason, never a secret value. It is also a `Reporter`, so a function
 * checks a user or room options with the same rules as the resources (`checkUser(check, "user", args.user)`).
 */
export class ArgCheck implements Reporter {
  constructor(private readonly fn: string) {}

  /** Throws for `property` with `reason`. */
  fail(property: string, reason: string): never {
    throw new EyesonConfigError(`${this.fn}: ${property} ${reason}`);
  }

  /** Throws for `property` with `reason` (a `Reporter`'s failure). */
  add(property: string, reason: string): never {
    this.fail(property, reason);
  }

  /** The same as `add`: a function's message never shows the value, so nothing needs hiding. */
  addHidden(property: string, reason: string): never {
    this.fail(property, reason);
  }

  /** A non-empty string (required unless `optional`). */
  string(property: string, value: unknown, optional = false): void {
    if (value === undefined && optional) return;
    if (value === undefined || value === null) this.fail(property, "is required");
    if (typeof value !== "string" || value.trim() === "") this.fail(property, "must be a non-empty string");
  }

  /** A boolean, if present. */
  boolean(property: string, value: unknown): void {
    if (value !== undefined && typeof value !== "boolean") this.fail(property, "must be true or false");
  }

  /** One of `allowed` (required unless `optional`); the value is named since enum values are not secret. */
  oneOf<T>(property: string, value: unknown, allowed: readonly T[], optional = true): void {
    if (value === undefined && optional) return;
    if (!allowed.includes(value as T)) {
      this.fail(property, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
    }
  }

  /** An integer within [min, max], if present. */
  integer(property: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): void {
    if (value === undefined) return;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      this.fail(
        property,
        `must be an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? " up" : ` to ${max}`}`,
      );
    }
  }

  /** A finite number, if present. */
  number(property: string, value: unknown): void {
    if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value))) {
      this.fail(property, "must be a finite number");
    }
  }

  /** A URL by the one URL rule (`optionalUrl`), required unless `optional`; the URL is not echoed. */
  url(
    property: string,
    value: unknown,
    schemes: readonly string[] = ["https:", "http:"],
    optional = false,
  ): void {
    if (value === undefined && optional) return;
    if (value === undefined || value === null) this.fail(property, "is required");
    optionalUrl(this, property, value, { schemes });
  }

  /** An ISO 8601 date-time naming a real instant, if present. */
  isoDate(property: string, value: unknown): void {
    if (value === undefined) return;
    if (typeof value !== "string" || !isIsoTimestamp(value)) {
      this.fail(property, "must be an ISO 8601 date-time, e.g. 2025-06-10T10:00:00Z");
    }
  }

  /** A plain object (required unless `optional`). */
  object(property: string, value: unknown, optional = false): void {
    if (value === undefined && optional) return;
    if (typeof value !== "object" || value === null || Array.isArray(value))
      this.fail(property, "must be an object");
  }

  /** An array of strings, if present. */
  strings(property: string, value: unknown, allowEmptyEntries = false): void {
    if (value === undefined) return;
    if (!Array.isArray(value)) this.fail(property, "must be a list of strings");
    value.forEach((entry, i) => {
      if (typeof entry !== "string" || (!allowEmptyEntries && entry.trim() === "")) {
        this.fail(`${property}[${i}]`, allowEmptyEntries ? "must be a string" : "must be a non-empty string");
      }
    });
  }
}

/** The arguments of listing a room's recordings or snapshots: the room, a page (from 1) or `all`, time filters. */
export function checkRoomDocumentQuery(
  args: ListRoomDocumentsQuery & { readonly roomId: string },
  check: ArgCheck,
): void {
  check.string("roomId", args.roomId);
  check.integer("page", args.page, 1);
  check.isoDate("startedAt", args.startedAt);
  check.isoDate("since", args.since);
  check.isoDate("until", args.until);
  check.boolean("all", args.all);
}
