/**
 * The eyeson HTTP client: one typed method per endpoint of the official list. Resources and functions call
 * these methods; they never build URLs themselves.
 *
 * Each method names its endpoint's record in `endpoints/` (method, path, credential, body, what a success
 * holds, which statuses mean "already gone"); `http/transport.ts` sends it and `http/wireCase.ts` converts the
 * keys. What is left here is what a method does with the answer: an object, a list, nothing, a delete's
 * `true`/`false`, and the walks over pages.
 */
import { resolveSettings } from "./config";
import { ENDPOINTS } from "./endpoints";
import { routeOf, type Endpoint, type PathParams } from "./endpoints/endpoint";
import { EyesonNotFoundError, scrubbed } from "./errors";
import { alreadyGone, stringAt, unexpected } from "./http/answers";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry";
import { isCredentialField, LearnedSecrets } from "./http/secrets";
import {
  DEFAULT_TIMEOUT_MS,
  Transport,
  type ClientAnswer,
  type HttpDispatcher,
  type HttpRequest,
  type Reply,
} from "./http/transport";
import * as pages from "./http/pages";
import { parseAnswer } from "./http/wireCase";
import type {
  AddLayerBody,
  CreatePermalinkBody,
  DeleteOptions,
  EyesonApi,
  ForwardMcuBody,
  ForwardPlaybackBody,
  ForwardSourceBody,
  ListPermalinksQuery,
  ListRoomDocumentsQuery,
  ListRoomUsersQuery,
  Participant,
  Permalink,
  PermalinkPage,
  Recording,
  RegisterGuestBody,
  RegisterWebhookBody,
  Room,
  RoomInfo,
  SendMessageBody,
  SetLayoutBody,
  Snapshot,
  StartBroadcastBody,
  StartPlaybackBody,
  StartRoomBody,
  UpdateBroadcastBody,
  UpdatePermalinkBody,
  UserDetails,
  UserInput,
  Webhook,
} from "./types";

export { DEFAULT_RETRY_POLICY, NO_DELAY_RETRY_POLICY, type RetryPolicy } from "./retry";
export { DEFAULT_TIMEOUT_MS, type ClientAnswer, type HttpDispatcher } from "./http/transport";
export { ROOM_DOCUMENTS_PAGE_SIZE } from "./http/pages";

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
  /**
   * Sees each successful answer as it came over the wire (status and raw body, before any conversion), for
   * diagnostics such as `pulumi-eyeson doctor`. The body may hold tokens: never log it as it is.
   */
  readonly onAnswer?: (answer: ClientAnswer) => void;
}

/** The eyeson REST client: every endpoint, typed, with retries, timeouts, redaction and keep-alive. */
export class EyesonClient implements EyesonApi {
  /** The validated base URL, without a trailing slash. */
  readonly endpoint: string;
  readonly #apiKey: string | undefined;
  readonly #transport: Transport;
  readonly #learned = new LearnedSecrets();
  readonly #onAnswer: ((answer: ClientAnswer) => void) | undefined;

  constructor(opts: EyesonClientOptions = {}) {
    const env = opts.env ?? process.env;
    const settings = resolveSettings({ apiKey: opts.apiKey, endpoint: opts.endpoint }, env);
    this.endpoint = settings.endpoint;
    this.#apiKey = settings.apiKey;
    this.#onAnswer = opts.onAnswer;
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw new TypeError("eyeson client: timeoutMs must be a positive number of milliseconds");
    }
    const debug = (env.EYESON_LOG ?? "").split(",").some((level) => level.trim().toLowerCase() === "debug");
    this.#transport = new Transport({
      endpoint: settings.endpoint,
      apiKey: settings.apiKey,
      timeoutMs,
      retry: opts.retry ?? DEFAULT_RETRY_POLICY,
      dispatcher: opts.dispatcher,
      log: debug ? (opts.logger ?? ((line) => process.stderr.write(`${line}\n`))) : undefined,
      sleep: opts.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      random: opts.random ?? Math.random,
      learned: () => this.#learned.values(),
    });
  }

  /** Closes the client's own keep-alive connections (an injected dispatcher is left to its owner). */
  async close(): Promise<void> {
    return this.#transport.close();
  }

  // ---- Meeting settings ----

  /** `POST /rooms`: opens a room (or joins the running one with the same id) for a user. */
  startRoom(args: StartRoomBody): Promise<Room> {
    return this.#object(ENDPOINTS.startRoom, {}, args);
  }

  /** `GET /rooms/ACCESS_KEY`: the room as seen by the access key's user. */
  getRoom(accessKey: string): Promise<Room> {
    return this.#object(ENDPOINTS.getRoom, { accessKey });
  }

  /** `DELETE /rooms/ACCESS_KEY`: ends the meeting for everyone. */
  endRoom(accessKey: string, opts?: DeleteOptions): Promise<boolean> {
    return this.#delete(ENDPOINTS.endRoom, { accessKey }, opts);
  }

  /** `GET /rooms`: the meetings running under the API key. */
  listRooms(): Promise<RoomInfo[]> {
    return this.#list(ENDPOINTS.listRooms, {});
  }

  /** `DELETE /rooms/ROOM_ID`: forces a meeting to shut down. */
  shutdownRoom(roomId: string, opts?: DeleteOptions): Promise<boolean> {
    return this.#delete(ENDPOINTS.shutdownRoom, { roomId }, opts);
  }

  /** `POST /rooms/ACCESS_KEY/lock`: nobody else can join; there is no unlock. */
  lockRoom(accessKey: string): Promise<void> {
    return this.#nothing(ENDPOINTS.lockRoom, { accessKey });
  }

  // ---- User management ----

  /** `GET /rooms/ACCESS_KEY/users[?online=]`: the meeting's participants. */
  listRoomUsers(accessKey: string, args: ListRoomUsersQuery = {}): Promise<Participant[]> {
    return this.#list(ENDPOINTS.listRoomUsers, { accessKey }, args);
  }

  /** `GET /rooms/ACCESS_KEY/users/USER_ID`: one participant's details. */
  getRoomUser(accessKey: string, userId: string): Promise<UserDetails> {
    return this.#object(ENDPOINTS.getRoomUser, { accessKey, userId });
  }

  /** `DELETE /rooms/ACCESS_KEY/users/USER_ID`: removes a participant (who may rejoin). */
  kickRoomUser(accessKey: string, userId: string, opts?: DeleteOptions): Promise<boolean> {
    return this.#delete(ENDPOINTS.kickRoomUser, { accessKey, userId }, opts);
  }

  /** `POST /guests/GUEST_TOKEN`: registers a guest in a running meeting (flat body). */
  registerGuest(guestToken: string, args: RegisterGuestBody): Promise<Room> {
    return this.#object(ENDPOINTS.registerGuest, { guestToken }, args);
  }

  // ---- Permanent meetings ----

  /** `POST /permalink`: creates a permalink with its first host. */
  createPermalink(args: CreatePermalinkBody): Promise<Permalink> {
    // Without its id the new permalink could never be found again: refuse the answer, not the state.
    return this.#object(ENDPOINTS.createPermalink, {}, args, "permalink.id");
  }

  /** `GET /permalink`: one page, or with `all: true` every page from `page` on, merged into one. */
  async listPermalinks(args: ListPermalinksQuery = {}): Promise<PermalinkPage> {
    const fetchPage = async (page?: number, limit?: number): Promise<PermalinkPage> => {
      const query = { page, limit, expired: args.expired };
      const { req, reply } = await this.#send(ENDPOINTS.listPermalinks, {}, query);
      const body = this.#parse(req, reply);
      if (typeof body !== "object" || body === null) throw unexpected(req, reply, "a page of permalinks");
      return pages.toPermalinkPage(body, page ?? 1, limit ?? 25);
    };
    if (!args.all) return pages.onePage(await fetchPage(args.page, args.limit));
    return pages.allPermalinkPages(fetchPage, args.page ?? 1, args.limit ?? 25);
  }

  /** `GET /permalink/PERMALINK_ID`. */
  getPermalink(permalinkId: string): Promise<Permalink> {
    return this.#object(ENDPOINTS.getPermalink, { permalinkId });
  }

  /** `PUT /permalink/PERMALINK_ID`: changes name, expiry (null clears it) or options. */
  async updatePermalink(permalinkId: string, args: UpdatePermalinkBody): Promise<Permalink> {
    const { req, reply } = await this.#send(ENDPOINTS.updatePermalink, { permalinkId }, args);
    // A 204 (or an empty 200) says only that it worked; the permalink is read back ("Errors and statuses").
    if (reply.text.trim() === "") return this.getPermalink(permalinkId);
    return this.#objectOf(req, reply);
  }

  /** `DELETE /permalink/PERMALINK_ID`. */
  deletePermalink(permalinkId: string, opts?: DeleteOptions): Promise<boolean> {
    return this.#delete(ENDPOINTS.deletePermalink, { permalinkId }, opts);
  }

  /** `POST /permalink/PERMALINK_ID/users`: adds a host; the result's `userToken` is the new host's. */
  addPermalinkHost(permalinkId: string, user: UserInput): Promise<Permalink> {
    return this.#object(ENDPOINTS.addPermalinkHost, { permalinkId }, user);
  }

  /** `DELETE /permalink/PERMALINK_ID/users/USER_TOKEN`: the last segment is the host's token, not its id. */
  removePermalinkHost(permalinkId: string, userToken: string, opts?: DeleteOptions): Promise<boolean> {
    return this.#delete(ENDPOINTS.removePermalinkHost, { permalinkId, userToken }, opts);
  }

  /** `GET /permalink/USER_TOKEN`: the permalink and its room, by host token, without the API key. */
  getPermalinkRoom(userToken: string): Promise<Permalink> {
    return this.#object(ENDPOINTS.getPermalinkRoom, { userToken });
  }

  /** `POST /permalink/USER_TOKEN`: starts (or joins) the permalink meeting as that host. */
  startPermalinkMeeting(userToken: string): Promise<Room> {
    return this.#object(ENDPOINTS.startPermalinkMeeting, { userToken });
  }

  // ---- Meeting activities ----

  /** `POST /rooms/ACCESS_KEY/messages`; `type` defaults to `chat` (the API requires one). */
  sendMessage(accessKey: string, args: SendMessageBody): Promise<void> {
    return this.#nothing(ENDPOINTS.sendMessage, { accessKey }, args);
  }

  /** `POST /rooms/ACCESS_KEY/layers`: an image by URL (JSON) or uploaded file (multipart). */
  addLayer(accessKey: string, args: AddLayerBody): Promise<void> {
    return this.#nothing(ENDPOINTS.addLayer, { accessKey }, args);
  }

  /** `DELETE /rooms/ACCESS_KEY/layers/INDEX`: clears the foreground (1) or background (-1) layer. */
  removeLayer(accessKey: string, index: 1 | -1, opts?: DeleteOptions): Promise<boolean> {
    return this.#delete(ENDPOINTS.removeLayer, { accessKey, index }, opts);
  }

  /** `POST /rooms/ACCESS_KEY/layout`: sets the podium layout; `map` boxes go out as JSON tuples. */
  setLayout(accessKey: string, args: SetLayoutBody): Promise<void> {
    return this.#nothing(ENDPOINTS.setLayout, { accessKey }, args);
  }

  /** `POST /rooms/ACCESS_KEY/playbacks`: plays a public media URL into the meeting (flat keys). */
  startPlayback(accessKey: string, args: StartPlaybackBody): Promise<void> {
    return this.#nothing(ENDPOINTS.startPlayback, { accessKey }, args);
  }

  /** `DELETE /rooms/ACCESS_KEY/playbacks/PLAY_ID`. */
  stopPlayback(accessKey: string, playId: string, opts?: DeleteOptions): Promise<boolean> {
    return this.#delete(ENDPOINTS.stopPlayback, { accessKey, playId }, opts);
  }

  /** `POST /rooms/ACCESS_KEY/broadcasts`: starts the one RTMP live stream. */
  startBroadcast(accessKey: string, args: StartBroadcastBody): Promise<void> {
    return this.#nothing(ENDPOINTS.startBroadcast, { accessKey }, args);
  }

  /** `PUT /rooms/ACCESS_KEY/broadcasts`: changes the public player URL. */
  updateBroadcast(accessKey: string, args: UpdateBroadcastBody): Promise<void> {
    return this.#nothing(ENDPOINTS.updateBroadcast, { accessKey }, args);
  }

  /** `DELETE /rooms/ACCESS_KEY/broadcasts`. */
  stopBroadcast(accessKey: string, opts?: DeleteOptions): Promise<boolean> {
    return this.#delete(ENDPOINTS.stopBroadcast, { accessKey }, opts);
  }

  // ---- Meeting documentation ----

  /** `POST /rooms/ACCESS_KEY/recording`: no id comes back; it arrives by webhook. */
  startRecording(accessKey: string): Promise<void> {
    return this.#nothing(ENDPOINTS.startRecording, { accessKey });
  }

  /** `DELETE /rooms/ACCESS_KEY/recording`. */
  stopRecording(accessKey: string): Promise<void> {
    return this.#nothing(ENDPOINTS.stopRecording, { accessKey });
  }

  /** `GET /recordings/RECORDING_ID`: details and a fresh download link. */
  getRecording(recordingId: string): Promise<Recording> {
    return this.#object(ENDPOINTS.getRecording, { recordingId });
  }

  /** `DELETE /recordings/RECORDING_ID`. */
  deleteRecording(recordingId: string, opts?: DeleteOptions): Promise<boolean> {
    return this.#delete(ENDPOINTS.deleteRecording, { recordingId }, opts);
  }

  /** `GET /rooms/ROOM_ID/recordings`: one page of 25, or every page with `all: true`. */
  listRoomRecordings(roomId: string, args: ListRoomDocumentsQuery = {}): Promise<Recording[]> {
    return this.#pages(ENDPOINTS.listRoomRecordings, { roomId }, args);
  }

  /** `POST /rooms/ACCESS_KEY/snapshot`: the snapshot arrives by webhook. */
  takeSnapshot(accessKey: string): Promise<void> {
    return this.#nothing(ENDPOINTS.takeSnapshot, { accessKey });
  }

  /** `GET /snapshots/SNAPSHOT_ID`: details and a fresh download link (API key). */
  getSnapshot(snapshotId: string): Promise<Snapshot> {
    return this.#object(ENDPOINTS.getSnapshot, { snapshotId });
  }

  /** `GET /rooms/ACCESS_KEY/snapshots/SNAPSHOT_ID`: the same, by access key. */
  getRoomSnapshot(accessKey: string, snapshotId: string): Promise<Snapshot> {
    return this.#object(ENDPOINTS.getRoomSnapshot, { accessKey, snapshotId });
  }

  /** `DELETE /snapshots/SNAPSHOT_ID`. */
  deleteSnapshot(snapshotId: string, opts?: DeleteOptions): Promise<boolean> {
    return this.#delete(ENDPOINTS.deleteSnapshot, { snapshotId }, opts);
  }

  /** `GET /rooms/ROOM_ID/snapshots`: one page of 25, or every page with `all: true`. */
  listRoomSnapshots(roomId: string, args: ListRoomDocumentsQuery = {}): Promise<Snapshot[]> {
    return this.#pages(ENDPOINTS.listRoomSnapshots, { roomId }, args);
  }

  // ---- Forward video streams ----

  /** `POST /rooms/ROOM_ID/forward/source`: forwards one participant's media to a WHIP endpoint. */
  forwardSource(roomId: string, args: ForwardSourceBody): Promise<void> {
    return this.#nothing(ENDPOINTS.forwardSource, { roomId }, args);
  }

  /** `POST /rooms/ROOM_ID/forward/mcu`: forwards the composed meeting stream. */
  forwardMcu(roomId: string, args: ForwardMcuBody): Promise<void> {
    return this.#nothing(ENDPOINTS.forwardMcu, { roomId }, args);
  }

  /** `POST /rooms/ROOM_ID/forward/playback`: forwards a running playback. */
  forwardPlayback(roomId: string, args: ForwardPlaybackBody): Promise<void> {
    return this.#nothing(ENDPOINTS.forwardPlayback, { roomId }, args);
  }

  /** `DELETE /rooms/ROOM_ID/forward/FORWARD_ID`. */
  stopForward(roomId: string, forwardId: string, opts?: DeleteOptions): Promise<boolean> {
    return this.#delete(ENDPOINTS.stopForward, { roomId, forwardId }, opts);
  }

  // ---- Webhooks ----

  /** `POST /webhooks`: registers the API key's one webhook, replacing any other; `types` go comma-joined. */
  registerWebhook(args: RegisterWebhookBody): Promise<void> {
    return this.#nothing(ENDPOINTS.registerWebhook, {}, args);
  }

  /** `GET /webhooks`: the registered webhook, or null (404, empty body, JSON null, or no `id`). */
  async getWebhook(): Promise<Webhook | null> {
    const endpoint = ENDPOINTS.getWebhook;
    let reply: Reply;
    const req = this.#request(endpoint, {}, undefined);
    try {
      reply = await this.#transport.send(req);
    } catch (err) {
      if (err instanceof EyesonNotFoundError) return null;
      throw err;
    }
    this.#answered(req, reply);
    const body = this.#parse(req, reply);
    if (body === undefined || body === null) return null;
    if (typeof body !== "object" || Array.isArray(body)) throw unexpected(req, reply, "a webhook object");
    const webhook = body as Webhook;
    return typeof webhook.id === "string" && webhook.id !== "" ? pages.documentedWebhook(webhook) : null;
  }

  /** `DELETE /webhooks/WEBHOOK_ID`. */
  deleteWebhook(webhookId: string, opts?: DeleteOptions): Promise<boolean> {
    return this.#delete(ENDPOINTS.deleteWebhook, { webhookId }, opts);
  }

  // ---- What a method does with an endpoint's answer ----

  #request<A>(endpoint: Endpoint<A>, params: PathParams, args: A): HttpRequest {
    return {
      operation: endpoint.operation,
      method: endpoint.method,
      route: routeOf(endpoint, params),
      auth: endpoint.auth,
      query: endpoint.query?.(args),
      body: endpoint.body?.(args),
    };
  }

  /** Sends the request of `endpoint`; resolves with its 2xx answer. */
  async #send<A>(
    endpoint: Endpoint<A>,
    params: PathParams,
    args: A,
  ): Promise<{ req: HttpRequest; reply: Reply }> {
    const req = this.#request(endpoint, params, args);
    const reply = await this.#transport.send(req);
    this.#answered(req, reply);
    return { req, reply };
  }

  #answered({ operation, method, route }: HttpRequest, { status, text }: Reply): void {
    this.#onAnswer?.({ operation, method, path: route.redacted, status, body: text });
  }

  async #nothing<A>(endpoint: Endpoint<A>, params: PathParams, args?: A): Promise<void> {
    // Whatever body comes back is ignored: these calls answer with a status only.
    await this.#send(endpoint, params, args as A);
  }

  async #object<T, A = undefined>(
    endpoint: Endpoint<A>,
    params: PathParams,
    args?: A,
    needs?: string,
  ): Promise<T> {
    const { req, reply } = await this.#send(endpoint, params, args as A);
    return this.#objectOf<T>(req, reply, needs);
  }

  /** The answer as an object; `needs` names a dotted field that must be a string in it. */
  #objectOf<T>(req: HttpRequest, reply: Reply, needs?: string): T {
    const body = this.#parse(req, reply);
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw unexpected(req, reply, "a JSON object");
    }
    if (needs && typeof stringAt(body, needs) !== "string")
      throw unexpected(req, reply, `an object with ${needs}`);
    return body as T;
  }

  async #list<T, A = undefined>(endpoint: Endpoint<A>, params: PathParams, args?: A): Promise<T[]> {
    const { req, reply } = await this.#send(endpoint, params, args as A);
    const body = this.#parse(req, reply);
    // An empty body on a list means an empty list; a page object is read for its items ("Lists and pages").
    if (body === undefined || body === null) return [];
    const items = Array.isArray(body) ? body : pages.itemsOf(body);
    if (items === undefined) throw unexpected(req, reply, "a JSON array");
    return items as T[];
  }

  #pages<T>(
    endpoint: Endpoint<ListRoomDocumentsQuery>,
    params: PathParams,
    args: ListRoomDocumentsQuery,
  ): Promise<T[]> {
    if (!args.all) return this.#list<T, ListRoomDocumentsQuery>(endpoint, params, args);
    const fetchPage = (page: number) =>
      this.#list<T, ListRoomDocumentsQuery>(endpoint, params, { ...args, page });
    return pages.allDocumentPages(fetchPage, args.page ?? 1);
  }

  /**
   * Sends a delete: `true` when it removed something, `false` when `missingOk` is set and the answer is one of
   * the endpoint's "already gone" statuses (a 404 only in eyeson's error envelope, see `isEyesonNotFound`).
   */
  async #delete<A>(
    endpoint: Endpoint<A>,
    params: PathParams,
    opts: DeleteOptions | undefined,
  ): Promise<boolean> {
    try {
      await this.#send(endpoint, params, undefined as A);
      return true;
    } catch (err) {
      if (opts?.missingOk && alreadyGone(err, endpoint.missingOk ?? [])) return false;
      throw err;
    }
  }

  #parse(req: HttpRequest, reply: Reply): unknown {
    try {
      return parseAnswer(reply.text, isCredentialField, this.#learned.learn);
    } catch (err) {
      throw unexpected(
        req,
        reply,
        "JSON",
        scrubbed(err, [this.#apiKey, ...req.route.secrets, ...this.#learned.values()]),
      );
    }
  }
}
