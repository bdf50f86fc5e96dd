/**
 * Parameter validation: one small schema per endpoint. Missing required keys and bad values answer 400 with a
 * message naming the parameter in its wire form (`options[sfu_mode]`); unknown keys are ignored and noted, or
 * refused the same way in strict mode (`docs/api-notes.md`, "Unknown parameters"). JSON `null` counts as "not
 * given" unless the field is `nullable`.
 */
import { isFile, isObject, type Params, type UploadedFile, type Value } from "./decode";
import { invalidParameter, missingParameter, unknownParameter } from "./errors";

interface Base {
  readonly required?: boolean;
  readonly nullable?: boolean;
}

/** The schema of one parameter. */
export type Spec =
  | (Base & {
      readonly type: "string";
      readonly enum?: readonly string[];
      readonly format?: "url" | "http-url" | "iso-date" | "color";
      readonly nonEmpty?: boolean;
    })
  | (Base & { readonly type: "boolean" })
  | (Base & { readonly type: "integer"; readonly min?: number; readonly max?: number })
  | (Base & { readonly type: "number" })
  | (Base & { readonly type: "file" })
  | (Base & { readonly type: "object"; readonly fields: Fields; readonly additional?: Spec })
  | (Base & { readonly type: "custom"; readonly parse: (value: Value, name: string) => unknown });

/** The schema of a parameter object. */
export type Fields = { readonly [key: string]: Spec };

/**
 * What one request does with a parameter its endpoint does not take (`docs/api-notes.md`, "Unknown
 * parameters"): ignore it and note its wire name, as Rails drops a parameter it does not permit, or refuse
 * it with 400 when `strict`.
 */
export interface UnknownParameters {
  /** Refuse an unknown parameter with 400 instead of ignoring it. */
  readonly strict: boolean;
  /** The wire names ignored so far (`options[shiny]`), in the order they were met. */
  readonly ignored: string[];
}

/** A fresh policy for one request (or one control body: those are always strict). */
export function unknownParameters(strict: boolean): UnknownParameters {
  return { strict, ignored: [] };
}

/**
 * Reads a boolean given as true/false (in any case: Python's `requests` sends `True`) or 1/0, as JSON or as
 * a string (`docs/api-notes.md`, "Request and response encoding").
 */
export function parseBoolean(value: Value, name: string): boolean {
  const text = typeof value === "string" ? value.toLowerCase() : value;
  if (text === true || text === "true" || text === 1 || text === "1") return true;
  if (text === false || text === "false" || text === 0 || text === "0") return false;
  throw invalidParameter(name, "expected true or false");
}

/** True for an absolute http(s) URL. */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

function isUrl(text: string): boolean {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

/** True for an ISO 8601 date-time the API would accept (`2024-05-15T10:00:00.000Z`, or a plain date). */
export function isIsoDate(text: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text) &&
    !isNaN(Date.parse(text))
  );
}

function readValue(spec: Spec, value: Value, name: string, unknown: UnknownParameters): unknown {
  switch (spec.type) {
    case "string": {
      let text: string;
      if (typeof value === "string") text = value;
      else if (typeof value === "number" && !spec.enum) text = String(value);
      else throw invalidParameter(name, "expected a string");
      if (spec.nonEmpty && text.trim() === "") throw invalidParameter(name, "must not be empty");
      if (spec.enum && !spec.enum.includes(text))
        throw invalidParameter(name, `expected one of ${spec.enum.join(", ")}`);
      if (spec.format === "url" && !isUrl(text)) throw invalidParameter(name, "expected a URL");
      if (spec.format === "http-url" && !isHttpUrl(text))
        throw invalidParameter(name, "expected an http(s) URL");
      if (spec.format === "iso-date" && !isIsoDate(text))
        throw invalidParameter(name, "expected an ISO 8601 date");
      if (spec.format === "color" && !/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(text))
        throw invalidParameter(name, "expected a hex color like #121212");
      return text;
    }
    case "boolean":
      return parseBoolean(value, name);
    case "integer": {
      const n =
        typeof value === "number"
          ? value
          : typeof value === "string" && /^-?\d+$/.test(value)
            ? Number(value)
            : NaN;
      if (!Number.isInteger(n)) throw invalidParameter(name, "expected an integer");
      if (spec.min !== undefined && n < spec.min)
        throw invalidParameter(name, `must be at least ${spec.min}`);
      if (spec.max !== undefined && n > spec.max) throw invalidParameter(name, `must be at most ${spec.max}`);
      return n;
    }
    case "number": {
      const n =
        typeof value === "number"
          ? value
          : typeof value === "string" && value.trim() !== ""
            ? Number(value)
            : NaN;
      if (!Number.isFinite(n)) throw invalidParameter(name, "expected a number");
      return n;
    }
    case "file":
      if (!isFile(value)) throw invalidParameter(name, "expected a file upload");
      return value satisfies UploadedFile;
    case "object":
      if (!isObject(value)) throw invalidParameter(name, "expected an object");
      return readFields(spec.fields, value, name, spec.additional, unknown);
    case "custom":
      return spec.parse(value, name);
  }
}

/**
 * Validates `params` against `fields` and returns the values read (booleans and numbers converted).
 * `prefix` is the wire name of the enclosing object, used in error messages; `unknown` says what to do with
 * a key `fields` does not name (default: refuse it).
 */
export function readFields(
  fields: Fields,
  params: Params,
  prefix = "",
  additional?: Spec,
  unknown: UnknownParameters = unknownParameters(true),
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const nameOf = (key: string): string => (prefix ? `${prefix}[${key}]` : key);
  for (const [key, value] of Object.entries(params)) {
    // An own-key lookup: a parameter named `constructor` or `toString` is unknown, not a schema.
    const spec = Object.hasOwn(fields, key) ? fields[key] : additional;
    if (!spec) {
      if (unknown.strict) throw unknownParameter(nameOf(key));
      unknown.ignored.push(nameOf(key));
      continue;
    }
    if (value === null) {
      if (spec.nullable) out[key] = null;
      continue;
    }
    const read = readValue(spec, value, nameOf(key), unknown);
    // A custom reader answers undefined for a value that means "not given" (a form's `map=null`).
    if (read !== undefined) out[key] = read;
  }
  for (const [key, spec] of Object.entries(fields)) {
    if (spec.required && out[key] === undefined) throw missingParameter(nameOf(key));
  }
  return out;
}

/**
 * Typed front door of `readFields`: the caller states the shape its schema produces. Without `unknown`, an
 * unknown key is refused (the controls' bodies); route handlers pass their request's policy through
 * `readInput` in the `http` module.
 */
export function readParams<T>(fields: Fields, params: Params, unknown?: UnknownParameters): T {
  return readFields(fields, params, "", undefined, unknown) as T;
}
