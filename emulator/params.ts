/**
 * Parameter validation: one small schema per endpoint. Unknown keys, missing required keys and bad values
 * answer 400 with a message naming the parameter in its wire form (`options[sfu_mode]`). JSON `null` counts
 * as "not given" unless the field is `nullable`.
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

/** Reads a boolean given as true/false or 1/0, as JSON or as a string (`docs/api-notes.md`, "Request and response encoding"). */
export function parseBoolean(value: Value, name: string): boolean {
  if (value === true || value === "true" || value === 1 || value === "1") return true;
  if (value === false || value === "false" || value === 0 || value === "0") return false;
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

function readValue(spec: Spec, value: Value, name: string): unknown {
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
      return readFields(spec.fields, value, name, spec.additional);
    case "custom":
      return spec.parse(value, name);
  }
}

/**
 * Validates `params` against `fields` and returns the values read (booleans and numbers converted).
 * `prefix` is the wire name of the enclosing object, used in error messages.
 */
export function readFields(
  fields: Fields,
  params: Params,
  prefix = "",
  additional?: Spec,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const nameOf = (key: string): string => (prefix ? `${prefix}[${key}]` : key);
  for (const [key, value] of Object.entries(params)) {
    // An own-key lookup: a parameter named `constructor` or `toString` is unknown, not a schema.
    const spec = Object.hasOwn(fields, key) ? fields[key] : additional;
    if (!spec) throw unknownParameter(nameOf(key));
    if (value === null) {
      if (spec.nullable) out[key] = null;
      continue;
    }
    out[key] = readValue(spec, value, nameOf(key));
  }
  for (const [key, spec] of Object.entries(fields)) {
    if (spec.required && out[key] === undefined) throw missingParameter(nameOf(key));
  }
  return out;
}

/** Typed front door of `readFields`: the caller states the shape its schema produces. */
export function readParams<T>(fields: Fields, params: Params, prefix = ""): T {
  return readFields(fields, params, prefix) as T;
}
