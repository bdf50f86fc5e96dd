/**
 * Seeded random request bodies for the decoder fuzz spec: JSON, Rails-style forms and multipart, each built
 * valid-looking from the API's own parameter names and then, half of the time, mutated byte by byte; plus raw
 * bytes under random content types. The same seed always gives the same bodies.
 */

/** A seeded pseudo-random source (mulberry32): small, fast and the same on every machine. */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** A `Random` that replays the same sequence for the same seed. */
export function seeded(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return { next, int, pick: (items) => items[int(items.length)], chance: (p) => next() < p };
}

/** The encodings the fuzz spec covers. */
export const BODY_KINDS = ["json", "form", "multipart", "bytes"] as const;

/** One encoding of the fuzz spec. */
export type BodyKind = (typeof BODY_KINDS)[number];

/** A body and the `Content-Type` it is sent with (undefined: no header). */
export interface FuzzBody {
  readonly kind: BodyKind;
  readonly contentType: string | undefined;
  readonly body: Buffer;
  /** Whether bytes were flipped, cut, inserted or repeated after the body was built. */
  readonly mutated: boolean;
}

// Real parameter names, names that reach into Object.prototype, and a few odd ones.
const NAMES = [
  "user",
  "name",
  "id",
  "avatar",
  "options",
  "custom_fields",
  "locale",
  "widescreen",
  "sfu_mode",
  "exit_url",
  "layout",
  "users",
  "map",
  "z-index",
  "file",
  "url",
  "type",
  "content",
  "expires_at",
  "page",
  "limit",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "prototype",
  "valueOf",
  "",
  " ",
  "é",
  "\u{1f600}",
  "0",
  "-1",
];

const STRINGS = [
  "",
  "true",
  "false",
  "1",
  "0",
  "-1",
  "null",
  "A",
  "http://127.0.0.1/x.png",
  "rtmp://127.0.0.1/live/key",
  "javascript:alert(1)",
  "2031-02-31T10:00:00Z",
  "#121212",
  "ptp",
  "custom",
  '[[0,0,1,1,"auto"]]',
  "\u0000",
  "\ud800",
  "%",
  "%zz",
  "a&b=c",
];

const ALPHABET = 'abcAZ09_-.[]{}"\\&=%+;:,/ \r\n\t\u0000é\u{1f600}';

const TOKENS = ["{", "}", "[", "]", '"', "\\", ",", ":", "\u0000", "\r\n", "--", "&", "=", "%", "%E0", "[]"];

const CONTENT_TYPES = [
  "text/plain",
  "application/xml",
  "application/json",
  "application/x-www-form-urlencoded",
  "multipart/form-data",
  "multipart/form-data; boundary=",
  ";",
  "application/octet-stream",
  "*/*",
  "application/json; charset=utf-16",
];

function randomString(r: Random, max = 20): string {
  let out = "";
  const length = r.int(max + 1);
  for (let i = 0; i < length; i += 1) out += r.pick([...ALPHABET]);
  return out;
}

/** Every byte as `%XX` (encodeURIComponent throws on a lone surrogate, which is one of the strings). */
function percentEncode(text: string): string {
  return [...Buffer.from(text, "utf8")].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");
}

function randomBytes(r: Random, max: number): Buffer {
  const bytes = Buffer.alloc(r.int(max + 1));
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = r.int(256);
  return bytes;
}

/** A bracket key such as `options[custom_fields][locale]`, `users[]`, `a[`, or one 30 to 69 segments deep. */
function randomKey(r: Random): string {
  let key = r.chance(0.8) ? r.pick(NAMES) : randomString(r, 8);
  const depth = r.chance(0.03) ? 30 + r.int(40) : r.int(4);
  for (let i = 0; i < depth; i += 1) {
    key += r.chance(0.9) ? `[${r.pick(NAMES)}]` : r.pick(["[]", "[", "]", "[[", "]]", "[]]"]);
  }
  return key;
}

/** A JSON value whose objects are entry lists, so that a key may repeat as it may on the wire. */
type JsonTree = null | boolean | number | string | JsonTree[] | { entries: Array<[string, JsonTree]> };

function randomScalar(r: Random): JsonTree {
  switch (r.int(5)) {
    case 0:
      return r.chance(0.7) ? r.pick(STRINGS) : randomString(r);
    case 1:
      return r.pick([0, 1, -1, 0.5, -0, 1e308, 2 ** 53 + 1, 25, 101]);
    case 2:
      return r.chance(0.5);
    case 3:
      return null;
    default:
      return r.pick(NAMES);
  }
}

/**
 * A random JSON value of at most `budget.nodes` nodes (a budget, because wide trees grow exponentially with
 * depth). Deep trees come from `deepChain` instead.
 */
function randomTree(r: Random, depth: number, budget: { nodes: number }): JsonTree {
  budget.nodes -= 1;
  if (depth >= 5 || budget.nodes <= 0 || r.chance(0.35)) return randomScalar(r);
  if (r.chance(0.3)) return Array.from({ length: r.int(5) }, () => randomTree(r, depth + 1, budget));
  const entries: Array<[string, JsonTree]> = Array.from({ length: r.int(6) }, () => [
    randomKey(r),
    randomTree(r, depth + 1, budget),
  ]);
  return { entries };
}

/** One object or list inside another, `depth` levels down: around the emulator's nesting limit. */
function deepChain(r: Random, depth: number): JsonTree {
  let tree: JsonTree = randomScalar(r);
  for (let i = 0; i < depth; i += 1) tree = r.chance(0.5) ? [tree] : { entries: [[r.pick(NAMES), tree]] };
  return tree;
}

function serialize(tree: JsonTree): string {
  if (Array.isArray(tree)) return `[${tree.map(serialize).join(",")}]`;
  if (tree !== null && typeof tree === "object") {
    return `{${tree.entries.map(([key, value]) => `${JSON.stringify(key)}:${serialize(value)}`).join(",")}}`;
  }
  return JSON.stringify(tree) ?? "null";
}

/** Flips, cuts, inserts or repeats a few byte ranges. */
function mutate(r: Random, body: Buffer): Buffer {
  let out = body;
  const rounds = 1 + r.int(4);
  for (let i = 0; i < rounds; i += 1) {
    const at = r.int(out.length + 1);
    switch (r.int(5)) {
      case 0:
        if (out.length > 0) {
          out = Buffer.from(out);
          out[Math.min(at, out.length - 1)] = r.int(256);
        }
        break;
      case 1:
        out = Buffer.concat([out.subarray(0, at), out.subarray(at + 1 + r.int(16))]);
        break;
      case 2:
        out = Buffer.concat([out.subarray(0, at), Buffer.from(r.pick(TOKENS)), out.subarray(at)]);
        break;
      case 3:
        out = Buffer.concat([out.subarray(0, at + r.int(32)), out.subarray(at)]);
        break;
      default:
        out = out.subarray(0, at);
    }
  }
  return out;
}

function jsonBody(r: Random): { contentType: string | undefined; body: Buffer } {
  const budget = { nodes: 60 };
  const entries: Array<[string, JsonTree]> = Array.from({ length: 1 + r.int(4) }, () => [
    randomKey(r),
    randomTree(r, 1, budget),
  ]);
  if (r.chance(0.05)) entries.push([r.pick(NAMES), deepChain(r, 25 + r.int(20))]);
  // Mostly objects, as the API expects; sometimes a bare list, string or number.
  const tree: JsonTree = r.chance(0.9) ? { entries } : randomTree(r, 0, budget);
  const contentType = r.pick([
    "application/json",
    "application/json; charset=utf-8",
    "application/vnd.api+json",
    undefined,
  ]);
  return { contentType, body: Buffer.from(serialize(tree)) };
}

function formBody(r: Random): { contentType: string | undefined; body: Buffer } {
  const pairs: string[] = [];
  for (let i = r.int(9); i > 0; i -= 1) {
    let key = randomKey(r);
    if (r.chance(0.3)) key = key.replace(/\[/g, "%5B").replace(/\]/g, "%5D");
    const value = r.chance(0.5) ? percentEncode(r.pick(STRINGS)) : randomString(r);
    pairs.push(r.chance(0.9) ? `${key}=${value}` : key);
  }
  const separator = r.chance(0.9) ? "&" : r.pick(["&&", ";", "&=&"]);
  const contentType = r.pick([
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=utf-8",
    undefined,
  ]);
  return { contentType, body: Buffer.from(pairs.join(separator)) };
}

function multipartBody(r: Random): { contentType: string | undefined; body: Buffer } {
  const boundary = r.chance(0.8)
    ? `----fuzz${Math.floor(r.next() * 1e9).toString(36)}`
    : r.pick(["a", "a b", "x--y", '"q"', " ", "=", randomString(r, 6).replace(/[^\x21-\x7e]/g, "")]);
  const parts: Buffer[] = [];
  for (let i = r.int(5); i > 0; i -= 1) {
    const headers: string[] = [];
    const disposition = ["form-data"];
    if (r.chance(0.9)) disposition.push(`name="${randomKey(r).replace(/"/g, "")}"`);
    if (r.chance(0.3)) disposition.push(`filename="${r.pick(["bg.png", "", 'a"b', "x.svg"])}"`);
    if (r.chance(0.95)) headers.push(`Content-Disposition: ${disposition.join("; ")}`);
    if (r.chance(0.3))
      headers.push(`Content-Type: ${r.pick(["image/png", "text/plain", "application/json", "x"])}`);
    if (r.chance(0.1)) headers.push(randomString(r, 12));
    const data = r.chance(0.5)
      ? Buffer.from(r.pick(STRINGS))
      : r.chance(0.2)
        ? Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex")
        : randomBytes(r, 64);
    parts.push(Buffer.from(`--${boundary}\r\n${headers.join("\r\n")}\r\n\r\n`), data, Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const declared = r.chance(0.1) ? "other" : boundary;
  const contentType = r.pick([
    `multipart/form-data; boundary=${declared}`,
    `multipart/form-data; boundary="${declared}"`,
    `MULTIPART/FORM-DATA; BOUNDARY=${declared}`,
    "multipart/form-data",
  ]);
  return { contentType, body: Buffer.concat(parts) };
}

function bytesBody(r: Random): { contentType: string | undefined; body: Buffer } {
  const contentType = r.chance(0.9)
    ? r.pick(CONTENT_TYPES)
    : randomString(r, 12).replace(/[^\x20-\x7e]/g, "");
  return { contentType, body: randomBytes(r, 256) };
}

/** The next fuzz body of a kind; half of the JSON, form and multipart bodies are mutated. */
export function fuzzBody(r: Random, kind: BodyKind): FuzzBody {
  const built =
    kind === "json"
      ? jsonBody(r)
      : kind === "form"
        ? formBody(r)
        : kind === "multipart"
          ? multipartBody(r)
          : bytesBody(r);
  const mutated = kind !== "bytes" && r.chance(0.5);
  return {
    kind,
    contentType: built.contentType,
    body: mutated ? mutate(r, built.body) : built.body,
    mutated,
  };
}
