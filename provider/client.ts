/**
 * The eyeson HTTP client: one typed method per endpoint of the official list (eyeson-api.md), and the only
 * module that talks HTTP. Resources and functions call these methods; they never build URLs themselves.
 */
import { Blob } from "node:buffer";
import { EventEmitter } from "node:events";
import { performance } from "node:perf_hooks";
import { Agent, FormData, request, type Dispatcher } from "undici";
import { requireApiKey, resolveSettings } from "./config";
import {
  EyesonApiError,
  EyesonConnectionError,
  EyesonGoneError,
  EyesonNotFoundError,
  errorFromConnectionFailure,
  errorFromResponse,
  isEyesonNotFound,
  REDACTED,
  type EyesonAuthKind,
} from "./errors";
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  isIdempotent,
  neverReachedServer,
  notProcessed,
  parseRetryAfter,
  RETRYABLE_CONNECTION_CODES,
  type RetryPolicy,
} from "./retry";
import type {
  AddLayerArgs,
  CreatePermalinkArgs,
  DeleteOptions,
  EyesonApi,
  ForwardMcuArgs,
  ForwardPlaybackArgs,
  ForwardSourceArgs,
  LayerFile,
  ListPermalinksArgs,
  ListRoomDocumentsArgs,
  ListRoomUsersArgs,
  Participant,
  Permalink,
  PermalinkPage,
  Recording,
  RegisterGuestArgs,
  RegisterWebhookArgs,
  Room,
  RoomInfo,
  SendMessageArgs,
  SetLayoutArgs,
  Snapshot,
  StartBroadcastArgs,
  StartPlaybackArgs,
  StartRoomArgs,
  UpdateBroadcastArgs,
  UpdatePermalinkArgs,
  UserDetails,
  UserInput,
  Webhook,
} from "./types";

export { DEFAULT_RETRY_POLICY, NO_DELAY_RETRY_POLICY, type RetryPolicy } from "./retry";

/** Default time allowed for one request, response body included. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** The room recording and snapshot lists always hold this many items per page (eyeson-api.md §1.4). */
export const ROOM_DOCUMENTS_PAGE_SIZE = 25;

// A walk over pages stops here even if the API keeps answering full pages.
const MAX_PAGES = 1_000;
const USER_AGENT = "pulumi-eyeson";
// Response fields that hold credentials; the client remembers their values to scrub them from later messages.
const SECRET_FIELDS: ReadonlySet<string> = new Set(["accessKey", "guestToken", "userToken"]);
const MAX_LEARNED_SECRETS = 256;

/**
 * An undici dispatcher (`Agent`, `Pool`, `ProxyAgent`, `MockAgent`…), described by the one method the client's
 * requests go through. A structural type, so the package's declarations do not load undici's (about 80 files
 * a user's `tsc` would otherwise check).
 */
export interface HttpDispatcher {
  /** Starts one request; see undici's `Dispatcher.dispatch`. */
  dispatch(options: object, handler: object): boolean;
}

/** Options of `EyesonClient`; unset values come from the environment (see `resolveSettings`). */
export interface EyesonClientOptions {
  /** API key sent raw in `Authorization` on API-key calls; defaults to `EYESON_API_KEY`. */
  readonly apiKey?: string;
  /** Base URL, default `https://api.eyeson.team`; `http://` only to loopback. Defaults to `EYESON_API_ENDPOINT`. */
  readonly endpoint?: string;
  /** Time allowed for each request, response body included; default 30 000 ms. */
  readonly timeoutMs?: number;
  /** Retry policy; default `DEFAULT_RETRY_POLICY`. */
  readonly retry?: RetryPolicy;
  /** An undici dispatcher to use instead of the client's own keep-alive agent (`close()` leaves it open). */
  readonly dispatcher?: HttpDispatcher;
  /** Receives debug lines (when `EYESON_LOG=debug`) instead of stderr. */
  readonly logger?: (line: string) => void;
  /** Environment to read `EYESON_*` variables from; default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /** Waits between retries; replaceable so tests can record waits instead of sleeping. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Source of backoff jitter in [0, 1); replaceable for tests. */
  readonly random?: () => number;
}

type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";
type QueryValue = string | number | boolean | undefined;

/** One path segment: a value to encode, and whether it is a credential that must never be shown. */
interface Segment {
  readonly value: string;
  readonly secret: boolean;
}

/** A request path, the same path with credentials replaced by `***`, and those credentials. */
interface Route {
  readonly path: string;
  readonly redacted: string;
  readonly secrets: readonly string[];
}

interface CallSpec {
  readonly operation: keyof EyesonApi;
  readonly method: HttpMethod;
  readonly route: Route;
  readonly auth: EyesonAuthKind;
  readonly query?: Readonly<Record<string, QueryValue>>;
  /** A body already in wire shape (snake_case keys); sent as JSON. */
  readonly json?: unknown;
  /** A multipart body, built anew for every attempt because a stream can be read only once. */
  readonly form?: () => FormData;
}

interface Reply {
  readonly status: number;
  readonly text: string;
}

type Outcome = { readonly reply: Reply } | { readonly error: EyesonApiError; readonly retryAfterMs?: number };

function segment(name: string, value: string | number, secret: boolean): Segment {
  const text = typeof value === "number" ? String(value) : value;
  if (typeof text !== "string" || text === "") {
    // The value itself is never shown: it may be a credential.
    throw new TypeError(`eyeson client: ${name} must be a non-empty string`);
  }
  return { value: text, secret };
}

/** A path segment that is not secret (room ids, permalink ids, recording ids…). */
function id(name: string, value: string | number): Segment {
  return segment(name, value, false);
}

/** A path segment that is a credential: an access key, guest token or user token. */
function secret(name: string, value: string): Segment {
  return segment(name, value, true);
}

/** Builds a route from a template; every interpolated segment is `encodeURIComponent`-ed. */
function route(strings: TemplateStringsArray, ...segments: Segment[]): Route {
  let path = strings[0] ?? "";
  let redacted = path;
  const secrets: string[] = [];
  segments.forEach((part, i) => {
    const encoded = encodeURIComponent(part.value);
    const rest = strings[i + 1] ?? "";
    path += encoded + rest;
    redacted += (part.secret ? REDACTED : encoded) + rest;
    if (part.secret) secrets.push(part.value);
  });
  return { path, redacted, secrets };
}

function queryString(query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.append(toSnakeKey(key), String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

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

function mapKeys(value: unknown, mapKey: (key: string) => string): unknown {
  // Arrays map element-wise, so tuples such as layout map boxes keep their primitives as they are.
  if (Array.isArray(value)) return value.map((item) => mapKeys(item, mapKey));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (item !== undefined) out[mapKey(key)] = mapKeys(item, mapKey);
  }
  return out;
}

/** Recursively renames object keys camelCase -> snake_case and drops `undefined` values (request bodies). */
export function toWire(value: unknown): unknown {
  return mapKeys(value, toSnakeKey);
}

/** Recursively renames object keys snake_case -> camelCase (responses). */
export function fromWire(value: unknown): unknown {
  return mapKeys(value, toCamelKey);
}

/**
 * `fromWire`, also handing `learn` the value of every credential field up to six levels deep: one walk over
 * each response instead of two, since every response goes through both.
 */
function fromWireLearning(value: unknown, learn: (secret: string) => void, depth: number): unknown {
  if (Array.isArray(value)) return value.map((item) => fromWireLearning(item, learn, depth + 1));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (item === undefined) continue;
    const camel = toCamelKey(key);
    if (depth <= 6 && typeof item === "string" && item !== "" && SECRET_FIELDS.has(camel)) learn(item);
    out[camel] = fromWireLearning(item, learn, depth + 1);
  }
  return out;
}

function errorCode(err: unknown): string {
  if (typeof err === "object" && err !== null) {
    const { code, name, errors } = err as { code?: unknown; name?: unknown; errors?: unknown };
    if (typeof code === "string" && code) return code;
    // Happy-eyeballs connects fail with an AggregateError of per-address errors.
    if (Array.isArray(errors) && errors.length > 0) return errorCode(errors[0]);
    if (typeof name === "string" && name) return name;
  }
  return "EUNKNOWN";
}

function errorDetail(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function sniffImageType(data: Uint8Array): { type: string; ext: string } {
  const head = Buffer.from(data.subarray(0, 16));
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { type: "image/png", ext: "png" };
  }
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { type: "image/jpeg", ext: "jpg" };
  if (head.toString("latin1", 0, 4) === "RIFF" && head.toString("latin1", 8, 12) === "WEBP") {
    return { type: "image/webp", ext: "webp" };
  }
  const text = head.toString("utf8").trimStart();
  if (text.startsWith("<svg") || text.startsWith("<?xml")) return { type: "image/svg+xml", ext: "svg" };
  return { type: "application/octet-stream", ext: "bin" };
}

function layerForm(file: LayerFile, zIndex: number | undefined, layerId: string | undefined): () => FormData {
  const sniffed = sniffImageType(file.data);
  const type = file.contentType ?? sniffed.type;
  const filename = file.filename ?? `layer.${sniffed.ext}`;
  return () => {
    const form = new FormData();
    form.append("file", new Blob([file.data], { type }), filename);
    // eyeson-api.md §3.4: the key is `z-index`, with a hyphen, and its values are "1" and "-1".
    if (zIndex !== undefined) form.append("z-index", String(zIndex));
    if (layerId !== undefined) form.append("id", layerId);
    return form;
  };
}

/** The eyeson REST client: every endpoint, typed, with retries, timeouts, redaction and keep-alive. */
export class EyesonClient implements EyesonApi {
  /** The validated base URL, without a trailing slash. */
  readonly endpoint: string;
  readonly #apiKey: string | undefined;
  readonly #timeoutMs: number;
  readonly #retry: RetryPolicy;
  readonly #dispatcher: Dispatcher;
  readonly #ownAgent: Agent | undefined;
  readonly #log: ((line: string) => void) | undefined;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #random: () => number;
  #closed: Promise<void> | undefined;
  readonly #learned = new Set<string>();

  constructor(opts: EyesonClientOptions = {}) {
    const env = opts.env ?? process.env;
    const settings = resolveSettings({ apiKey: opts.apiKey, endpoint: opts.endpoint }, env);
    this.endpoint = settings.endpoint;
    this.#apiKey = settings.apiKey;
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw new TypeError("eyeson client: timeoutMs must be a positive number of milliseconds");
    }
    this.#timeoutMs = timeoutMs;
    this.#retry = opts.retry ?? DEFAULT_RETRY_POLICY;
    this.#ownAgent = opts.dispatcher ? undefined : new Agent({ keepAliveTimeout: 10_000, connections: 16 });
    // Only an undici dispatcher fits `HttpDispatcher` in practice; its full type stays out of our declarations.
    this.#dispatcher = (opts.dispatcher as Dispatcher | undefined) ?? (this.#ownAgent as Agent);
    const debug = (env.EYESON_LOG ?? "").split(",").some((level) => level.trim().toLowerCase() === "debug");
    this.#log = debug ? (opts.logger ?? ((line) => process.stderr.write(`${line}\n`))) : undefined;
    this.#sleep = opts.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#random = opts.random ?? Math.random;
  }

  /** Closes the client's own keep-alive connections (an injected dispatcher is left to its owner). */
  async close(): Promise<void> {
    this.#closed ??= this.#ownAgent ? this.#ownAgent.close() : Promise.resolve();
    return this.#closed;
  }

  // ---- Meeting settings (eyeson-api.md §3.1) ----

  /** `POST /rooms`: opens a room (or joins the running one with the same id) for a user. */
  async startRoom(args: StartRoomArgs): Promise<Room> {
    return this.#object<Room>({
      operation: "startRoom",
      method: "POST",
      route: route`/rooms`,
      auth: "api_key",
      json: toWire(args),
    });
  }

  /** `GET /rooms/ACCESS_KEY`: the room as seen by the access key's user. */
  async getRoom(accessKey: string): Promise<Room> {
    return this.#object<Room>({
      operation: "getRoom",
      method: "GET",
      route: route`/rooms/${secret("accessKey", accessKey)}`,
      auth: "access_key",
    });
  }

  /** `DELETE /rooms/ACCESS_KEY`: ends the meeting for everyone. */
  async endRoom(accessKey: string, opts?: DeleteOptions): Promise<boolean> {
    return this.#delete(
      {
        operation: "endRoom",
        method: "DELETE",
        route: route`/rooms/${secret("accessKey", accessKey)}`,
        auth: "access_key",
      },
      opts,
    );
  }

  /** `GET /rooms`: the meetings running under the API key. */
  async listRooms(): Promise<RoomInfo[]> {
    return this.#list<RoomInfo>({
      operation: "listRooms",
      method: "GET",
      route: route`/rooms`,
      auth: "api_key",
    });
  }

  /** `DELETE /rooms/ROOM_ID`: forces a meeting to shut down. */
  async shutdownRoom(roomId: string, opts?: DeleteOptions): Promise<boolean> {
    return this.#delete(
      {
        operation: "shutdownRoom",
        method: "DELETE",
        route: route`/rooms/${id("roomId", roomId)}`,
        auth: "api_key",
      },
      opts,
    );
  }

  /** `POST /rooms/ACCESS_KEY/lock`: nobody else can join; there is no unlock. */
  async lockRoom(accessKey: string): Promise<void> {
    await this.#send({
      operation: "lockRoom",
      method: "POST",
      route: route`/rooms/${secret("accessKey", accessKey)}/lock`,
      auth: "access_key",
    });
  }

  // ---- User management (§3.2) ----

  /** `GET /rooms/ACCESS_KEY/users[?online=]`: the meeting's participants (decision 3). */
  async listRoomUsers(accessKey: string, args: ListRoomUsersArgs = {}): Promise<Participant[]> {
    return this.#list<Participant>({
      operation: "listRoomUsers",
      method: "GET",
      route: route`/rooms/${secret("accessKey", accessKey)}/users`,
      auth: "access_key",
      query: { online: args.online },
    });
  }

  /** `GET /rooms/ACCESS_KEY/users/USER_ID`: one participant's details. */
  async getRoomUser(accessKey: string, userId: string): Promise<UserDetails> {
    return this.#object<UserDetails>({
      operation: "getRoomUser",
      method: "GET",
      route: route`/rooms/${secret("accessKey", accessKey)}/users/${id("userId", userId)}`,
      auth: "access_key",
    });
  }

  /** `DELETE /rooms/ACCESS_KEY/users/USER_ID`: removes a participant (who may rejoin). */
  async kickRoomUser(accessKey: string, userId: string, opts?: DeleteOptions): Promise<boolean> {
    return this.#delete(
      {
        operation: "kickRoomUser",
        method: "DELETE",
        route: route`/rooms/${secret("accessKey", accessKey)}/users/${id("userId", userId)}`,
        auth: "access_key",
      },
      opts,
    );
  }

  /** `POST /guests/GUEST_TOKEN`: registers a guest in a running meeting (flat body). */
  async registerGuest(guestToken: string, args: RegisterGuestArgs): Promise<Room> {
    return this.#object<Room>({
      operation: "registerGuest",
      method: "POST",
      route: route`/guests/${secret("guestToken", guestToken)}`,
      auth: "token",
      json: toWire(args),
    });
  }

  // ---- Permanent meeting (§3.3) ----

  /** `POST /permalink`: creates a permalink with its first host. */
  async createPermalink(args: CreatePermalinkArgs): Promise<Permalink> {
    return this.#object<Permalink>({
      operation: "createPermalink",
      method: "POST",
      route: route`/permalink`,
      auth: "api_key",
      json: toWire(args),
    });
  }

  /** `GET /permalink`: one page, or with `all: true` every page from `page` on, merged into one. */
  async listPermalinks(args: ListPermalinksArgs = {}): Promise<PermalinkPage> {
    const fetchPage = (page: number | undefined, limit: number | undefined) =>
      this.#object<PermalinkPage>({
        operation: "listPermalinks",
        method: "GET",
        route: route`/permalink`,
        auth: "api_key",
        query: { page, limit, expired: args.expired },
      });
    if (!args.all) return withItems(await fetchPage(args.page, args.limit));

    const first = args.page ?? 1;
    const limit = args.limit ?? 25;
    const items: Permalink[] = [];
    let total = 0;
    let effectiveLimit = limit;
    for (let page = first; page < first + MAX_PAGES; page++) {
      const result = withItems(await fetchPage(page, limit));
      total = result.total;
      // The server may cap `limit`; what it says it used decides whether a page was full.
      effectiveLimit = typeof result.limit === "number" && result.limit > 0 ? result.limit : limit;
      items.push(...result.items);
      if (result.items.length === 0 || result.items.length < effectiveLimit) break;
      if (typeof total === "number" && (first - 1) * effectiveLimit + items.length >= total) break;
    }
    return { page: first, limit: effectiveLimit, total, items };
  }

  /** `GET /permalink/PERMALINK_ID`. */
  async getPermalink(permalinkId: string): Promise<Permalink> {
    return this.#object<Permalink>({
      operation: "getPermalink",
      method: "GET",
      route: route`/permalink/${id("permalinkId", permalinkId)}`,
      auth: "api_key",
    });
  }

  /** `PUT /permalink/PERMALINK_ID`: changes name, expiry (null clears it) or options. */
  async updatePermalink(permalinkId: string, args: UpdatePermalinkArgs): Promise<Permalink> {
    return this.#object<Permalink>({
      operation: "updatePermalink",
      method: "PUT",
      route: route`/permalink/${id("permalinkId", permalinkId)}`,
      auth: "api_key",
      json: toWire(args),
    });
  }

  /** `DELETE /permalink/PERMALINK_ID`. */
  async deletePermalink(permalinkId: string, opts?: DeleteOptions): Promise<boolean> {
    return this.#delete(
      {
        operation: "deletePermalink",
        method: "DELETE",
        route: route`/permalink/${id("permalinkId", permalinkId)}`,
        auth: "api_key",
      },
      opts,
    );
  }

  /** `POST /permalink/PERMALINK_ID/users`: adds a host; the result's `userToken` is the new host's. */
  async addPermalinkHost(permalinkId: string, user: UserInput): Promise<Permalink> {
    return this.#object<Permalink>({
      operation: "addPermalinkHost",
      method: "POST",
      route: route`/permalink/${id("permalinkId", permalinkId)}/users`,
      auth: "api_key",
      json: toWire({ user }),
    });
  }

  /** `DELETE /permalink/PERMALINK_ID/users/USER_TOKEN`: the last segment is the host's token (decision 4). */
  async removePermalinkHost(permalinkId: string, userToken: string, opts?: DeleteOptions): Promise<boolean> {
    return this.#delete(
      {
        operation: "removePermalinkHost",
        method: "DELETE",
        route: route`/permalink/${id("permalinkId", permalinkId)}/users/${secret("userToken", userToken)}`,
        auth: "api_key",
      },
      opts,
    );
  }

  /** `GET /permalink/USER_TOKEN`: the permalink and its room, by host token, without the API key. */
  async getPermalinkRoom(userToken: string): Promise<Permalink> {
    return this.#object<Permalink>({
      operation: "getPermalinkRoom",
      method: "GET",
      route: route`/permalink/${secret("userToken", userToken)}`,
      auth: "token",
    });
  }

  /** `POST /permalink/USER_TOKEN`: starts (or joins) the permalink meeting as that host. */
  async startPermalinkMeeting(userToken: string): Promise<Room> {
    return this.#object<Room>({
      operation: "startPermalinkMeeting",
      method: "POST",
      route: route`/permalink/${secret("userToken", userToken)}`,
      auth: "token",
    });
  }

  // ---- Meeting activities (§3.4) ----

  /** `POST /rooms/ACCESS_KEY/messages`; `type` defaults to `chat` (the API requires one). */
  async sendMessage(accessKey: string, args: SendMessageArgs): Promise<void> {
    await this.#send({
      operation: "sendMessage",
      method: "POST",
      route: route`/rooms/${secret("accessKey", accessKey)}/messages`,
      auth: "access_key",
      json: { type: args.type ?? "chat", content: args.content },
    });
  }

  /** `POST /rooms/ACCESS_KEY/layers`: an image by URL (JSON) or uploaded file (multipart). */
  async addLayer(accessKey: string, args: AddLayerArgs): Promise<void> {
    if ((args.url === undefined) === (args.file === undefined)) {
      throw new TypeError("eyeson client: addLayer needs exactly one of url and file");
    }
    const base = {
      operation: "addLayer",
      method: "POST",
      route: route`/rooms/${secret("accessKey", accessKey)}/layers`,
      auth: "access_key",
    } as const;
    if (args.file !== undefined) {
      await this.#send({ ...base, form: layerForm(args.file, args.zIndex, args.id) });
      return;
    }
    const zIndex = args.zIndex === undefined ? undefined : String(args.zIndex);
    await this.#send({ ...base, json: { url: args.url, "z-index": zIndex, id: args.id } });
  }

  /** `DELETE /rooms/ACCESS_KEY/layers/INDEX`: clears the foreground (1) or background (-1) layer. */
  async removeLayer(accessKey: string, index: 1 | -1, opts?: DeleteOptions): Promise<boolean> {
    return this.#delete(
      {
        operation: "removeLayer",
        method: "DELETE",
        route: route`/rooms/${secret("accessKey", accessKey)}/layers/${id("index", index)}`,
        auth: "access_key",
      },
      opts,
    );
  }

  /** `POST /rooms/ACCESS_KEY/layout`: sets the podium layout; `map` boxes go out as JSON tuples. */
  async setLayout(accessKey: string, args: SetLayoutArgs): Promise<void> {
    await this.#send({
      operation: "setLayout",
      method: "POST",
      route: route`/rooms/${secret("accessKey", accessKey)}/layout`,
      auth: "access_key",
      json: toWire(args),
    });
  }

  /** `POST /rooms/ACCESS_KEY/playbacks`: plays a public media URL into the meeting (flat keys). */
  async startPlayback(accessKey: string, args: StartPlaybackArgs): Promise<void> {
    await this.#send({
      operation: "startPlayback",
      method: "POST",
      route: route`/rooms/${secret("accessKey", accessKey)}/playbacks`,
      auth: "access_key",
      json: toWire(args),
    });
  }

  /** `DELETE /rooms/ACCESS_KEY/playbacks/PLAY_ID`. */
  async stopPlayback(accessKey: string, playId: string, opts?: DeleteOptions): Promise<boolean> {
    return this.#delete(
      {
        operation: "stopPlayback",
        method: "DELETE",
        route: route`/rooms/${secret("accessKey", accessKey)}/playbacks/${id("playId", playId)}`,
        auth: "access_key",
      },
      opts,
    );
  }

  /** `POST /rooms/ACCESS_KEY/broadcasts`: starts the one RTMP live stream. */
  async startBroadcast(accessKey: string, args: StartBroadcastArgs): Promise<void> {
    await this.#send({
      operation: "startBroadcast",
      method: "POST",
      route: route`/rooms/${secret("accessKey", accessKey)}/broadcasts`,
      auth: "access_key",
      json: toWire(args),
    });
  }

  /** `PUT /rooms/ACCESS_KEY/broadcasts`: changes the public player URL. */
  async updateBroadcast(accessKey: string, args: UpdateBroadcastArgs): Promise<void> {
    await this.#send({
      operation: "updateBroadcast",
      method: "PUT",
      route: route`/rooms/${secret("accessKey", accessKey)}/broadcasts`,
      auth: "access_key",
      json: toWire(args),
    });
  }

  /** `DELETE /rooms/ACCESS_KEY/broadcasts`. */
  async stopBroadcast(accessKey: string, opts?: DeleteOptions): Promise<boolean> {
    return this.#delete(
      {
        operation: "stopBroadcast",
        method: "DELETE",
        route: route`/rooms/${secret("accessKey", accessKey)}/broadcasts`,
        auth: "access_key",
      },
      opts,
    );
  }

  // ---- Meeting documentation (§3.5) ----

  /** `POST /rooms/ACCESS_KEY/recording`: no id comes back; it arrives by webhook. */
  async startRecording(accessKey: string): Promise<void> {
    await this.#send({
      operation: "startRecording",
      method: "POST",
      route: route`/rooms/${secret("accessKey", accessKey)}/recording`,
      auth: "access_key",
    });
  }

  /** `DELETE /rooms/ACCESS_KEY/recording`. */
  async stopRecording(accessKey: string): Promise<void> {
    await this.#send({
      operation: "stopRecording",
      method: "DELETE",
      route: route`/rooms/${secret("accessKey", accessKey)}/recording`,
      auth: "access_key",
    });
  }

  /** `GET /recordings/RECORDING_ID`: details and a fresh download link. */
  async getRecording(recordingId: string): Promise<Recording> {
    return this.#object<Recording>({
      operation: "getRecording",
      method: "GET",
      route: route`/recordings/${id("recordingId", recordingId)}`,
      auth: "api_key",
    });
  }

  /** `DELETE /recordings/RECORDING_ID`. */
  async deleteRecording(recordingId: string, opts?: DeleteOptions): Promise<boolean> {
    return this.#delete(
      {
        operation: "deleteRecording",
        method: "DELETE",
        route: route`/recordings/${id("recordingId", recordingId)}`,
        auth: "api_key",
      },
      opts,
    );
  }

  /** `GET /rooms/ROOM_ID/recordings`: one page of 25, or every page with `all: true`. */
  async listRoomRecordings(roomId: string, args: ListRoomDocumentsArgs = {}): Promise<Recording[]> {
    return this.#pages<Recording>(
      {
        operation: "listRoomRecordings",
        method: "GET",
        route: route`/rooms/${id("roomId", roomId)}/recordings`,
        auth: "api_key",
      },
      args,
    );
  }

  /** `POST /rooms/ACCESS_KEY/snapshot`: the snapshot arrives by webhook. */
  async takeSnapshot(accessKey: string): Promise<void> {
    await this.#send({
      operation: "takeSnapshot",
      method: "POST",
      route: route`/rooms/${secret("accessKey", accessKey)}/snapshot`,
      auth: "access_key",
    });
  }

  /** `GET /snapshots/SNAPSHOT_ID`: details and a fresh download link (API key). */
  async getSnapshot(snapshotId: string): Promise<Snapshot> {
    return this.#object<Snapshot>({
      operation: "getSnapshot",
      method: "GET",
      route: route`/snapshots/${id("snapshotId", snapshotId)}`,
      auth: "api_key",
    });
  }

  /** `GET /rooms/ACCESS_KEY/snapshots/SNAPSHOT_ID`: the same, by access key. */
  async getRoomSnapshot(accessKey: string, snapshotId: string): Promise<Snapshot> {
    return this.#object<Snapshot>({
      operation: "getRoomSnapshot",
      method: "GET",
      route: route`/rooms/${secret("accessKey", accessKey)}/snapshots/${id("snapshotId", snapshotId)}`,
      auth: "access_key",
    });
  }

  /** `DELETE /snapshots/SNAPSHOT_ID`. */
  async deleteSnapshot(snapshotId: string, opts?: DeleteOptions): Promise<boolean> {
    return this.#delete(
      {
        operation: "deleteSnapshot",
        method: "DELETE",
        route: route`/snapshots/${id("snapshotId", snapshotId)}`,
        auth: "api_key",
      },
      opts,
    );
  }

  /** `GET /rooms/ROOM_ID/snapshots`: one page of 25, or every page with `all: true`. */
  async listRoomSnapshots(roomId: string, args: ListRoomDocumentsArgs = {}): Promise<Snapshot[]> {
    return this.#pages<Snapshot>(
      {
        operation: "listRoomSnapshots",
        method: "GET",
        route: route`/rooms/${id("roomId", roomId)}/snapshots`,
        auth: "api_key",
      },
      args,
    );
  }

  // ---- Forward video streams (§3.6) ----

  /** `POST /rooms/ROOM_ID/forward/source`: forwards one participant's media to a WHIP endpoint. */
  async forwardSource(roomId: string, args: ForwardSourceArgs): Promise<void> {
    await this.#forward("forwardSource", roomId, "source", args);
  }

  /** `POST /rooms/ROOM_ID/forward/mcu`: forwards the composed meeting stream. */
  async forwardMcu(roomId: string, args: ForwardMcuArgs): Promise<void> {
    await this.#forward("forwardMcu", roomId, "mcu", args);
  }

  /** `POST /rooms/ROOM_ID/forward/playback`: forwards a running playback. */
  async forwardPlayback(roomId: string, args: ForwardPlaybackArgs): Promise<void> {
    await this.#forward("forwardPlayback", roomId, "playback", args);
  }

  /** `DELETE /rooms/ROOM_ID/forward/FORWARD_ID`. */
  async stopForward(roomId: string, forwardId: string, opts?: DeleteOptions): Promise<boolean> {
    return this.#delete(
      {
        operation: "stopForward",
        method: "DELETE",
        route: route`/rooms/${id("roomId", roomId)}/forward/${id("forwardId", forwardId)}`,
        auth: "api_key",
      },
      opts,
    );
  }

  // ---- Webhooks (§3.7) ----

  /** `POST /webhooks`: registers the API key's one webhook, replacing any other; `types` go comma-joined. */
  async registerWebhook(args: RegisterWebhookArgs): Promise<void> {
    await this.#send({
      operation: "registerWebhook",
      method: "POST",
      route: route`/webhooks`,
      auth: "api_key",
      // §3.7: a JSON list of types was once silently ignored; the documented form is one string.
      json: { url: args.url, types: args.types.join(",") },
    });
  }

  /** `GET /webhooks`: the registered webhook, or null (404, empty body, JSON null, or no `id`; decision 6). */
  async getWebhook(): Promise<Webhook | null> {
    let reply: Reply;
    try {
      reply = await this.#send({
        operation: "getWebhook",
        method: "GET",
        route: route`/webhooks`,
        auth: "api_key",
      });
    } catch (err) {
      if (err instanceof EyesonNotFoundError) return null;
      throw err;
    }
    const spec = { operation: "getWebhook", method: "GET", route: route`/webhooks` } as const;
    const body = this.#parse(spec, reply);
    if (body === undefined || body === null) return null;
    if (typeof body !== "object" || Array.isArray(body))
      throw this.#unexpected(spec, reply, "a webhook object");
    const webhook = body as Webhook;
    return typeof webhook.id === "string" && webhook.id !== "" ? webhook : null;
  }

  /** `DELETE /webhooks/WEBHOOK_ID`. */
  async deleteWebhook(webhookId: string, opts?: DeleteOptions): Promise<boolean> {
    return this.#delete(
      {
        operation: "deleteWebhook",
        method: "DELETE",
        route: route`/webhooks/${id("webhookId", webhookId)}`,
        auth: "api_key",
      },
      opts,
    );
  }

  // ---- Plumbing ----

  async #forward(
    operation: "forwardSource" | "forwardMcu" | "forwardPlayback",
    roomId: string,
    kind: "source" | "mcu" | "playback",
    args: ForwardSourceArgs | ForwardMcuArgs | ForwardPlaybackArgs,
  ): Promise<void> {
    // §3.6: `type` is "audio", "video" or "audio,video".
    const body = toWire({ ...args, type: args.type.join(",") });
    await this.#send({
      operation,
      method: "POST",
      route: route`/rooms/${id("roomId", roomId)}/forward/${id("kind", kind)}`,
      auth: "api_key",
      json: body,
    });
  }

  async #object<T>(spec: CallSpec): Promise<T> {
    const reply = await this.#send(spec);
    const body = this.#parse(spec, reply);
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw this.#unexpected(spec, reply, "a JSON object");
    }
    return body as T;
  }

  async #list<T>(spec: CallSpec): Promise<T[]> {
    const reply = await this.#send(spec);
    const body = this.#parse(spec, reply);
    // An empty body on a list means an empty list; anything but an array is a wrong answer.
    if (body === undefined || body === null) return [];
    if (!Array.isArray(body)) throw this.#unexpected(spec, reply, "a JSON array");
    return body as T[];
  }

  async #pages<T>(spec: CallSpec, args: ListRoomDocumentsArgs): Promise<T[]> {
    const filters = { startedAt: args.startedAt, since: args.since, until: args.until };
    if (!args.all) return this.#list<T>({ ...spec, query: { page: args.page, ...filters } });
    const first = args.page ?? 1;
    const out: T[] = [];
    for (let page = first; page < first + MAX_PAGES; page++) {
      const items = await this.#list<T>({ ...spec, query: { page, ...filters } });
      out.push(...items);
      if (items.length < ROOM_DOCUMENTS_PAGE_SIZE) break;
    }
    return out;
  }

  async #delete(spec: CallSpec, opts: DeleteOptions | undefined): Promise<boolean> {
    try {
      await this.#send(spec);
      return true;
    } catch (err) {
      if (opts?.missingOk) {
        if (isEyesonNotFound(err)) return false;
        // §1.1: once a meeting is over every access-key path answers 410, so its objects are gone too.
        if (err instanceof EyesonGoneError && spec.auth === "access_key") return false;
      }
      throw err;
    }
  }

  #parse(spec: Pick<CallSpec, "operation" | "method" | "route">, reply: Reply): unknown {
    if (reply.text.trim() === "") return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(reply.text);
    } catch {
      throw this.#unexpected(spec, reply, "JSON");
    }
    return fromWireLearning(parsed, this.#learn, 0);
  }

  /** Remembers a credential from a response, to scrub it from later messages. */
  readonly #learn = (secret: string): void => {
    this.#learned.delete(secret);
    this.#learned.add(secret);
    // Oldest first out: a Set iterates in insertion order.
    if (this.#learned.size > MAX_LEARNED_SECRETS)
      this.#learned.delete(this.#learned.values().next().value as string);
  };

  #unexpected(
    spec: Pick<CallSpec, "operation" | "method" | "route">,
    reply: Reply,
    wanted: string,
  ): EyesonApiError {
    return new EyesonApiError({
      status: reply.status,
      method: spec.method,
      path: spec.route.redacted,
      apiMessage: `the response was not ${wanted}`,
      operation: spec.operation,
      retryable: false,
      hint: "is eyeson:endpoint an eyeson API?",
    });
  }

  async #send(spec: CallSpec): Promise<Reply> {
    const headers: Record<string, string> = { accept: "application/json", "user-agent": USER_AGENT };
    // Checked before anything goes out; access-key and token calls never carry the key (decision 2).
    if (spec.auth === "api_key") headers.authorization = requireApiKey(this.#apiKey);
    if (spec.json !== undefined) headers["content-type"] = "application/json";
    const query = queryString(spec.query);
    const url = `${this.endpoint}${spec.route.path}${query}`;
    const shownPath = `${spec.route.redacted}${query}`;
    const secrets = [this.#apiKey, ...spec.route.secrets, ...this.#learned];
    const policy = this.#retry;

    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#attempt(spec, url, headers, secrets, attempt, shownPath);
      if ("reply" in outcome) return outcome.reply;
      const { error } = outcome;
      if (attempt > policy.maxRetries || !this.#mayRetry(spec.method, error, outcome.retryAfterMs))
        throw error;
      const wait = outcome.retryAfterMs ?? backoffDelay(policy, attempt, this.#random);
      // A Retry-After beyond the budget means "not now": give the caller the error instead of hanging.
      if (waited + wait > policy.maxTotalWaitMs) throw error;
      this.#log?.(`eyeson: ${spec.method} ${shownPath} retry ${attempt} in ${wait} ms`);
      await this.#sleep(wait);
      waited += wait;
    }
  }

  #mayRetry(method: HttpMethod, error: EyesonApiError, retryAfterMs: number | undefined): boolean {
    if (error instanceof EyesonConnectionError) {
      if (!RETRYABLE_CONNECTION_CODES.has(error.code)) return false;
      return isIdempotent(method) || neverReachedServer(error.code);
    }
    if (!this.#retry.retryStatuses.includes(error.status)) return false;
    return isIdempotent(method) || notProcessed(this.#retry, error.status, retryAfterMs);
  }

  async #attempt(
    spec: CallSpec,
    url: string,
    headers: Record<string, string>,
    secrets: readonly (string | undefined)[],
    attempt: number,
    shownPath: string,
  ): Promise<Outcome> {
    // undici takes an EventEmitter as `signal`: a few times cheaper per request than an AbortSignal.
    const cancel = new EventEmitter();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      cancel.emit("abort");
    }, this.#timeoutMs);
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const body = spec.form ? spec.form() : spec.json === undefined ? undefined : JSON.stringify(spec.json);
      const res = await request(url, {
        method: spec.method,
        headers,
        body,
        dispatcher: this.#dispatcher,
        signal: cancel,
        headersTimeout: this.#timeoutMs,
        bodyTimeout: this.#timeoutMs,
      });
      // Always read the body to the end, so the keep-alive connection can be reused.
      const text = await res.body.text();
      this.#log?.(
        `eyeson: ${spec.method} ${shownPath} -> ${res.statusCode} (attempt ${attempt}, ${elapsed()} ms)`,
      );
      if (res.statusCode >= 200 && res.statusCode < 300) return { reply: { status: res.statusCode, text } };
      const retryAfterMs = parseRetryAfter(res.headers["retry-after"]);
      const error = errorFromResponse({
        operation: spec.operation,
        method: spec.method,
        path: spec.route.redacted,
        status: res.statusCode,
        body: text,
        auth: spec.auth,
        secrets,
        retryAfterMs,
        retryStatuses: this.#retry.retryStatuses,
      });
      return { error, retryAfterMs };
    } catch (err) {
      const isTimeout = timedOut || /TIMEOUT$/.test(errorCode(err));
      const code = timedOut ? "ETIMEDOUT" : errorCode(err);
      this.#log?.(`eyeson: ${spec.method} ${shownPath} -> ${code} (attempt ${attempt}, ${elapsed()} ms)`);
      const error = errorFromConnectionFailure({
        operation: spec.operation,
        method: spec.method,
        path: spec.route.redacted,
        code,
        detail: errorDetail(err),
        timedOut: isTimeout,
        timeoutMs: this.#timeoutMs,
        retryable: RETRYABLE_CONNECTION_CODES.has(code),
        endpoint: this.endpoint,
        secrets,
        mayHaveActed: !neverReachedServer(code),
      });
      return { error };
    } finally {
      clearTimeout(timer);
    }
  }
}

function withItems(page: PermalinkPage): PermalinkPage {
  return { ...page, items: Array.isArray(page.items) ? page.items : [] };
}
