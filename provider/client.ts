/**
 * The eyeson HTTP client: one typed method per endpoint of the official list. Resources and functions call
 * these methods; they never build URLs themselves.
 *
 * Each method is installed from its endpoint's record in `endpoints/` (method, path, credential, body, what a
 * success holds and so how it is read, which statuses mean "already gone") and typed by `EyesonApi`;
 * `http/transport.ts` sends it and `http/wireCase.ts` converts the keys. What is left here is how each kind of
 * answer is read: an object, a list, nothing, a delete's `true`/`false`, and the walks over pages.
 */
import { resolveSettings } from "./config";
import { ENDPOINTS } from "./endpoints";
import { pathNames, routeOf, type NamedEndpoint, type PathParams } from "./endpoints/endpoint";
import { isEyesonNotFound, scrubbed } from "./errors";
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
import type { PermalinkPage, Webhook } from "./types";
import type { DeleteOptions, ListPermalinksQuery, ListRoomDocumentsQuery } from "./requests";
import type { EyesonApi } from "./eyesonApi";

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

// The methods are declared by `EyesonApi` (their TSDoc is there) and installed from the endpoint table below.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface EyesonClient extends EyesonApi {}

/** The eyeson REST client: every endpoint, typed, with retries, timeouts, redaction and keep-alive. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class EyesonClient {
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

  // Each method of `EyesonApi` is its endpoint's record sent by `#call`: the path segments come first, in
  // the path's order, then the call's arguments or a delete's options; `answer` says how the reply is read.
  static {
    for (const endpoint of Object.values(ENDPOINTS) as NamedEndpoint<never>[]) {
      const names = pathNames(endpoint);
      Object.defineProperty(EyesonClient.prototype, endpoint.operation, {
        value: function (this: EyesonClient, ...call: unknown[]): Promise<unknown> {
          return this.#call(endpoint, names, call);
        },
        writable: true,
        configurable: true,
      });
    }
  }

  #call(
    endpoint: NamedEndpoint<never>,
    names: readonly string[],
    call: readonly unknown[],
  ): Promise<unknown> {
    const params = Object.fromEntries(names.map((name, i) => [name, call[i]])) as PathParams;
    const rest = call[names.length];
    switch (endpoint.answer) {
      case "object":
        return this.#object(endpoint, params, rest as never, endpoint.requires);
      case "list":
        return this.#list(endpoint, params, (rest ?? {}) as never);
      case "pages":
        return this.#pages(
          endpoint as NamedEndpoint<ListRoomDocumentsQuery>,
          params,
          (rest ?? {}) as ListRoomDocumentsQuery,
        );
      case "nothing":
        return this.#nothing(endpoint, params, rest as never);
      case "deleted":
        return this.#delete(endpoint, params, rest as DeleteOptions | undefined);
      case "permalinkPage":
        return this.#permalinkPage(endpoint, (rest ?? {}) as ListPermalinksQuery);
      case "objectOrReread":
        return this.#objectOrReread(endpoint, params, rest as never);
      case "webhookOrNone":
        return this.#webhookOrNone(endpoint);
    }
  }

  /** One page, or with `all: true` every page from `page` on, merged into one. */
  async #permalinkPage(endpoint: NamedEndpoint<never>, args: ListPermalinksQuery): Promise<PermalinkPage> {
    const fetchPage = async (page?: number, limit?: number): Promise<PermalinkPage> => {
      const query = { page, limit, expired: args.expired };
      const { req, reply } = await this.#send(endpoint, {}, query as never);
      const body = this.#parse(req, reply);
      if (typeof body !== "object" || body === null) throw unexpected(req, reply, "a page of permalinks");
      return pages.toPermalinkPage(body, page ?? 1, limit ?? 25);
    };
    if (!args.all) return pages.onePage(await fetchPage(args.page, args.limit));
    return pages.allPermalinkPages(fetchPage, args.page ?? 1, args.limit ?? 25);
  }

  /** The object answered, or when the answer is empty (a 204 says only that it worked) the object read again. */
  async #objectOrReread(endpoint: NamedEndpoint<never>, params: PathParams, args: never): Promise<unknown> {
    const { req, reply } = await this.#send(endpoint, params, args);
    if (reply.text.trim() !== "") return this.#objectOf(req, reply);
    const read =
      endpoint.reread === undefined ? undefined : (ENDPOINTS[endpoint.reread] as NamedEndpoint<never>);
    if (read === undefined)
      throw new TypeError(`eyeson client: ${endpoint.operation} names no endpoint to read back`);
    return this.#object(read, params, undefined as never);
  }

  /** The registered webhook, or null (404, empty body, JSON null, or no `id`). */
  async #webhookOrNone(endpoint: NamedEndpoint<never>): Promise<Webhook | null> {
    let reply: Reply;
    const req = this.#request(endpoint, {}, undefined as never);
    try {
      reply = await this.#transport.send(req);
    } catch (err) {
      // "Nothing registered" is eyeson's 404 (its error envelope); any other 404 is not an answer about webhooks.
      if (isEyesonNotFound(err)) return null;
      throw err;
    }
    this.#answered(req, reply);
    const body = this.#parse(req, reply);
    if (body === undefined || body === null) return null;
    if (typeof body !== "object" || Array.isArray(body)) throw unexpected(req, reply, "a webhook object");
    const webhook = body as Webhook;
    return typeof webhook.id === "string" && webhook.id !== "" ? pages.documentedWebhook(webhook) : null;
  }

  // ---- What a method does with an endpoint's answer ----

  #request<A>(endpoint: NamedEndpoint<A>, params: PathParams, args: A): HttpRequest {
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
    endpoint: NamedEndpoint<A>,
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

  async #nothing<A>(endpoint: NamedEndpoint<A>, params: PathParams, args?: A): Promise<void> {
    // Whatever body comes back is ignored: these calls answer with a status only.
    await this.#send(endpoint, params, args as A);
  }

  async #object<T, A = undefined>(
    endpoint: NamedEndpoint<A>,
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

  async #list<T, A = undefined>(endpoint: NamedEndpoint<A>, params: PathParams, args?: A): Promise<T[]> {
    const { req, reply } = await this.#send(endpoint, params, args as A);
    const body = this.#parse(req, reply);
    // An empty body on a list means an empty list; a page object is read for its items ("Lists and pages").
    if (body === undefined || body === null) return [];
    const items = Array.isArray(body) ? body : pages.itemsOf(body);
    if (items === undefined) throw unexpected(req, reply, "a JSON array");
    return items as T[];
  }

  #pages<T>(
    endpoint: NamedEndpoint<ListRoomDocumentsQuery>,
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
    endpoint: NamedEndpoint<A>,
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
