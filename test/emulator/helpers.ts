/** Small HTTP helpers for the emulator specs: global fetch only, no provider code. */
import assert from "node:assert/strict";
import { createServer } from "node:net";
import type { EmulatorHandle } from "../../emulator";

/** A parsed JSON response body; tests read fields freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Body = any;

/** How to send one request. */
export interface CallOptions {
  /** API key for `Authorization`; omit or null for none. */
  key?: string | null;
  json?: unknown;
  form?: Record<string, string | string[]>;
  multipart?: FormData;
  query?: Record<string, string>;
  headers?: Record<string, string>;
}

/** A response with its body parsed (null when empty). */
export interface CallResult {
  status: number;
  body: Body;
  text: string;
  headers: Headers;
}

/** Sends a request to the emulator. */
export async function call(
  base: string,
  method: string,
  path: string,
  opts: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.key) headers.authorization = opts.key;
  let body: string | FormData | undefined;
  if (opts.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(opts.json);
  } else if (opts.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.form))
      for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
    body = params.toString();
  } else if (opts.multipart) {
    body = opts.multipart;
  }
  const query = opts.query ? `?${new URLSearchParams(opts.query).toString()}` : "";
  const res = await fetch(`${base}${path}${query}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, body: text === "" ? null : JSON.parse(text), text, headers: res.headers };
}

/** A client bound to one emulator and API key. */
export function client(emulator: EmulatorHandle, key: string = emulator.apiKey) {
  return {
    /** A request with the API key. */
    api: (method: string, path: string, opts: Omit<CallOptions, "key"> = {}) =>
      call(emulator.url, method, path, { ...opts, key }),
    /** A request without any credential header (access-key and token calls). */
    open: (method: string, path: string, opts: Omit<CallOptions, "key"> = {}) =>
      call(emulator.url, method, path, opts),
  };
}

/** Asserts a status and returns the body; the message shows the body on failure. */
export function expectStatus(result: CallResult, status: number): Body {
  assert.equal(result.status, status, `expected ${status}, got ${result.status}: ${result.text}`);
  return result.body;
}

/** Asserts that an object has all the given keys. */
export function assertKeys(value: Body, keys: readonly string[]): void {
  assert.equal(typeof value, "object", `expected an object, got ${JSON.stringify(value)}`);
  assert.ok(value !== null);
  for (const key of keys) assert.ok(key in value, `missing key ${key} in ${JSON.stringify(value)}`);
}

/** The keys of a room response (`docs/api-notes.md`, "Response objects"). */
export const ROOM_KEYS = [
  "access_key",
  "ready",
  "locked",
  "room",
  "team",
  "user",
  "links",
  "options",
  "playbacks",
  "broadcasts",
  "recording",
  "snapshots",
];

/** The keys of a permalink response. */
export const PERMALINK_KEYS = ["permalink", "room", "team", "user", "options", "links"];

/** Starts a meeting and returns its room response. */
export async function startRoom(
  emulator: EmulatorHandle,
  json: Record<string, unknown> = {},
  key = emulator.apiKey,
): Promise<Body> {
  return expectStatus(
    await call(emulator.url, "POST", "/rooms", { key, json: { user: { name: "Alice" }, ...json } }),
    201,
  );
}

/** A minimal 1x1 PNG (or one of the given size: only the header carries the size). */
export function png(width = 1, height = 1): Uint8Array {
  const bytes = Buffer.alloc(33);
  Buffer.from("89504e470d0a1a0a", "hex").copy(bytes, 0);
  bytes.writeUInt32BE(13, 8);
  bytes.write("IHDR", 12, "latin1");
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  return new Uint8Array(bytes);
}

/** A port on 127.0.0.1 where nothing listens: one the system just handed out, closed again at once. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.ok(address !== null && typeof address === "object");
  return address.port;
}
