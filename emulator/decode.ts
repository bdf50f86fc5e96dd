/**
 * Request decoding (`docs/api-notes.md`, "Request and response encoding"): the query string, and a body in
 * JSON (nested, and flat `a[b]` keys treated as nested), form-urlencoded with Rails bracket keys and
 * `users[]` lists, or multipart. Query and body end up in one nested `Params` tree, merged as Rails merges
 * them (`mergeParams`), so route handlers never care where or how the caller sent a parameter.
 */
import { ApiError, invalidParameter } from "./errors";

/** A file part of a multipart body. */
export interface UploadedFile {
  readonly kind: "file";
  readonly filename: string | null;
  readonly contentType: string | null;
  readonly data: Buffer;
}

/** A decoded parameter value. */
export type Value = string | number | boolean | null | UploadedFile | Value[] | { [key: string]: Value };

/** A decoded body or query string. */
export type Params = { [key: string]: Value };

/** Largest body the emulator reads (layer images are the only big ones). */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Deepest nesting a body or query may use, counting JSON objects and lists and the bracket segments of a key
 * (`a[b][c]` is 3). No endpoint needs more than 3; the bound keeps a hostile body from exhausting the stack.
 */
export const MAX_PARAM_DEPTH = 32;

/** A parameter name that would reach an object's prototype instead of one of its own keys. */
const PROTOTYPE_KEY = "__proto__";

/** A key's own value, never one inherited from `Object.prototype` (`constructor`, `toString`, ...). */
function own(container: Params, key: string): Value | undefined {
  return Object.hasOwn(container, key) ? container[key] : undefined;
}

function tooDeep(): ApiError {
  return new ApiError(400, `Parameters nested deeper than ${MAX_PARAM_DEPTH} levels`);
}

/** True for a multipart file part. */
export function isFile(value: unknown): value is UploadedFile {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "file";
}

/** True for a nested parameter object (not a list, not a file). */
export function isObject(value: unknown): value is { [key: string]: Value } {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isFile(value);
}

const KEY_PATTERN = /^([^[\]]+)((?:\[[^[\]]*\])*)$/;

/** Splits `a[b][]` into `["a", "b", ""]`; an empty segment means "append to a list". */
function splitKey(key: string, depth: number): string[] {
  const match = KEY_PATTERN.exec(key);
  if (!match) return [key];
  const rest = match[2].length > 0 ? match[2].slice(1, -1).split("][") : [];
  if (depth + rest.length + 1 > MAX_PARAM_DEPTH) throw tooDeep();
  return [match[1], ...rest];
}

/**
 * Sets `value` at the bracket path `key` inside `root`, merging objects the way Rails does. `depth` is how
 * deep `root` itself sits, so flat keys inside nested JSON count towards `MAX_PARAM_DEPTH` too.
 */
export function assignParam(root: Params, key: string, value: Value, depth = 0): void {
  const segments = splitKey(key, depth);
  let container: Params = root;
  let shown = "";
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i];
    shown = i === 0 ? segment : `${shown}[${segment}]`;
    if (segment === "") throw invalidParameter(key, "empty bracket segment");
    if (segment === PROTOTYPE_KEY) throw invalidParameter(shown, "not accepted as a parameter name");
    const next = segments[i + 1];
    if (next === "") {
      // `users[]`: a list, appended to in order. Only allowed as the last segment.
      if (i + 2 !== segments.length) throw invalidParameter(key, "nested lists are not supported");
      const existing = own(container, segment);
      if (existing === undefined) container[segment] = [value];
      else if (Array.isArray(existing)) existing.push(value);
      else throw invalidParameter(shown, "given both as a value and as a list");
      return;
    }
    if (i === segments.length - 1) {
      const existing = own(container, segment);
      if (isObject(existing) && isObject(value)) mergeInto(existing, value, shown);
      else if (isObject(existing) || (existing !== undefined && isObject(value)))
        throw invalidParameter(shown, "given both as a value and as an object");
      else container[segment] = value;
      return;
    }
    const existing = own(container, segment);
    if (existing === undefined) {
      const created: Params = {};
      container[segment] = created;
      container = created;
    } else if (isObject(existing)) {
      container = existing;
    } else {
      throw invalidParameter(shown, "given both as a value and as an object");
    }
  }
}

function mergeInto(target: Params, source: Params, prefix: string): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = own(target, key);
    if (isObject(existing) && isObject(value)) mergeInto(existing, value, `${prefix}[${key}]`);
    else if (existing !== undefined) throw invalidParameter(`${prefix}[${key}]`, "given twice");
    else target[key] = value;
  }
}

/**
 * Turns parsed JSON into `Params`, treating flat `a[b]` keys (at any depth) as nested. `depth` is the nesting
 * of `value` itself; deeper than `MAX_PARAM_DEPTH` answers 400 before the recursion can exhaust the stack.
 */
export function normalizeJson(value: unknown, depth = 0): Value {
  if (typeof value === "object" && value !== null && depth >= MAX_PARAM_DEPTH) throw tooDeep();
  if (Array.isArray(value)) return value.map((item) => normalizeJson(item, depth + 1));
  if (typeof value === "object" && value !== null) {
    const out: Params = {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      assignParam(out, key, normalizeJson(inner, depth + 1), depth);
    }
    return out;
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return null;
}

/** Decodes `a[b]=c&users[]=x` pairs (a body or a query string) into `Params`. */
export function decodePairs(pairs: Iterable<[string, string]>): Params {
  const out: Params = {};
  for (const [key, value] of pairs) assignParam(out, key, value);
  return out;
}

/** Decodes a query string (without the leading `?`). */
export function decodeQuery(search: URLSearchParams): Params {
  return decodePairs(search.entries());
}

/**
 * One request's parameters from its query and its body, merged the way Rails builds `params`
 * (`request_parameters.merge(query_parameters)` in ActionDispatch): a shallow merge in which a top-level
 * key of the query replaces the same key of the body whole (`docs/api-notes.md`, "Request and response
 * encoding").
 */
export function mergeParams(query: Params, body: Params): Params {
  return { ...body, ...query };
}

/** Decodes a request body by its `Content-Type`; an empty body decodes to `{}`. */
export function decodeBody(contentType: string | undefined, body: Buffer): Params {
  if (body.length === 0) return {};
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/json" || type.endsWith("+json") || type === "") {
    const text = body.toString("utf8");
    if (text.trim() === "") return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Without a content type, a body that is not JSON may still be a form (curl -d sends one).
      if (type === "") return decodePairs(new URLSearchParams(text).entries());
      throw new ApiError(400, "Invalid JSON body");
    }
    if (parsed === null) return {};
    const normalized = normalizeJson(parsed);
    if (!isObject(normalized)) throw new ApiError(400, "The JSON body must be an object");
    return normalized;
  }
  if (type === "application/x-www-form-urlencoded") {
    return decodePairs(new URLSearchParams(body.toString("utf8")).entries());
  }
  if (type === "multipart/form-data") {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? "");
    if (!boundary) throw new ApiError(400, "Multipart body without a boundary");
    const out: Params = {};
    for (const part of parseMultipart(body, boundary[1] ?? boundary[2].trim())) {
      assignParam(out, part.name, part.value);
    }
    return out;
  }
  throw new ApiError(415, `Unsupported content type: ${type}`);
}

interface MultipartPart {
  name: string;
  value: string | UploadedFile;
}

/** A small RFC 7578 reader: enough for `file`, `z-index` and `id` (and any other plain fields). */
function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let position = body.indexOf(delimiter);
  if (position < 0) throw new ApiError(400, "Malformed multipart body");
  for (;;) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString() === "--") break;
    if (body.subarray(position, position + 2).toString() === "\r\n") position += 2;
    const headerEnd = body.indexOf("\r\n\r\n", position);
    if (headerEnd < 0) throw new ApiError(400, "Malformed multipart body");
    const headers = body.subarray(position, headerEnd).toString("utf8").split("\r\n");
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4);
    if (next < 0) throw new ApiError(400, "Malformed multipart body");
    const data = body.subarray(headerEnd + 4, next);
    let name: string | null = null;
    let filename: string | null = null;
    let contentType: string | null = null;
    for (const header of headers) {
      const colon = header.indexOf(":");
      if (colon < 0) continue;
      const key = header.slice(0, colon).trim().toLowerCase();
      const value = header.slice(colon + 1).trim();
      if (key === "content-disposition") {
        name = /\bname="([^"]*)"/i.exec(value)?.[1] ?? null;
        filename = /\bfilename="([^"]*)"/i.exec(value)?.[1] ?? null;
      } else if (key === "content-type") {
        contentType = value;
      }
    }
    if (name === null) throw new ApiError(400, "Multipart part without a name");
    const isFilePart = filename !== null || (contentType !== null && !contentType.startsWith("text/plain"));
    parts.push({
      name,
      value: isFilePart
        ? { kind: "file", filename, contentType, data: Buffer.from(data) }
        : data.toString("utf8"),
    });
    position = next + 2;
  }
  return parts;
}
