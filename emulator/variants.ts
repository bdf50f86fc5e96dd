/**
 * Answer variants: the emulator answers as `docs/api-notes.md` says ("documented"), or in one of the other
 * plausible shapes the notes leave open, so the client, the resources and `pulumi-eyeson doctor` can be run
 * against each. A variant rewrites successful answers of matched routes after the route handled them; the
 * store and every failure stay the same. `missing-ids` is the one that breaks what the provider needs.
 */
import type { ApiResponse } from "./http";
import { viewByPermalink } from "./routes/permalinks";
import type { EmulatorStore } from "./store";
import type { Json } from "./views";

/** Every variant with what it changes; the first is the default. */
export const VARIANTS = {
  documented: "answers as docs/api-notes.md says (the default)",
  "status-200": "every success is 200, also where the notes say 201 or 204",
  "status-201": "every success of a POST, PUT or DELETE is 201",
  "no-content":
    "every write that returns no object, PUT /permalink/ID and every delete answer 204 with no body",
  "json-bodies": "every success without a body answers 200 with {}",
  "webhook-text":
    "GET /webhooks gives types as one comma-separated string and last_response_code as a number",
  "no-webhook-404": "GET /webhooks answers 404 when nothing is registered",
  "no-webhook-empty": "GET /webhooks answers 200 with an empty body when nothing is registered",
  "extra-fields": "every object carries fields the notes do not name",
  "omit-nulls": "fields whose value is null are left out",
  "bare-lists": "GET /permalink answers a bare array of every permalink, ignoring page and limit",
  "paged-lists":
    "GET /rooms and the room recording and snapshot lists answer {page, limit, total, items}; the permalink page's numbers come as text",
  "missing-ids": "permalink objects come without permalink.id (breaks pulumi-eyeson)",
} as const;

/** The name of an answer variant. */
export type VariantName = keyof typeof VARIANTS;

/** Every variant name, the default first. */
export const VARIANT_NAMES = Object.keys(VARIANTS) as VariantName[];

/** Throws unless `name` is a variant. */
export function assertVariant(name: string): asserts name is VariantName {
  if (!Object.hasOwn(VARIANTS, name)) {
    throw new TypeError(`Unknown variant: ${name} (one of ${VARIANT_NAMES.join(", ")})`);
  }
}

/** What a variant may look at besides the answer. */
export interface VariantRequest {
  /** The matched route, `METHOD /pattern`. */
  readonly route: string;
  readonly method: string;
  /** The request's `Authorization` header (an API key already accepted by the route). */
  readonly apiKey: string | undefined;
  readonly store: EmulatorStore;
}

/** Routes whose success creates something and answers it: their bodies are what the caller needs. */
const ANSWERS_OBJECT = new Set([
  "POST /rooms",
  "POST /guests/:guestToken",
  "POST /permalink",
  "POST /permalink/:permalinkId/users",
  "POST /permalink/:userToken",
]);

type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `value` with `change` applied to every object inside it (children first). */
function everyObject(value: Json, change: (object: JsonObject) => JsonObject): Json {
  if (Array.isArray(value)) return value.map((v) => everyObject(v, change));
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) out[key] = everyObject(child, change);
  return change(out);
}

/** The answer `response` in `variant`; only successes of matched routes change. */
export function applyVariant(variant: VariantName, req: VariantRequest, response: ApiResponse): ApiResponse {
  const { status, body } = response;
  if (variant === "documented" || status < 200 || status > 299) return response;
  const bodiless = body === undefined;
  switch (variant) {
    case "status-200":
      return { ...response, status: 200 };
    case "status-201":
      return req.method === "GET" ? response : { ...response, status: 201 };
    case "no-content":
      if (req.method === "GET" || ANSWERS_OBJECT.has(req.route)) return response;
      return { status: 204, headers: response.headers };
    case "json-bodies":
      return bodiless ? { ...response, status: 200, body: {} } : response;
    case "webhook-text":
      if (req.route !== "GET /webhooks" || !isObject(body)) return response;
      return {
        ...response,
        body: {
          ...body,
          types: Array.isArray(body.types) ? body.types.join(",") : (body.types ?? null),
          last_response_code:
            typeof body.last_response_code === "string" ? Number(body.last_response_code) : null,
        },
      };
    case "no-webhook-404":
      return req.route === "GET /webhooks" && body === null
        ? { status: 404, body: { error: "Not found" } }
        : response;
    case "no-webhook-empty":
      return req.route === "GET /webhooks" && body === null ? { status: 200 } : response;
    case "extra-fields":
      return bodiless
        ? response
        : { ...response, body: everyObject(body, (o) => ({ ...o, x_not_in_the_notes: "extra" })) };
    case "omit-nulls":
      return bodiless
        ? response
        : {
            ...response,
            body: everyObject(body, (o) =>
              Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null)),
            ),
          };
    case "bare-lists":
      if (req.route !== "GET /permalink" || req.apiKey === undefined) return response;
      return {
        ...response,
        body: req.store.permalinksOf(req.apiKey).map((p) => viewByPermalink(req.store, p) as Json),
      };
    case "paged-lists":
      if (req.route === "GET /permalink" && isObject(body)) {
        return {
          ...response,
          body: { ...body, page: String(body.page), limit: String(body.limit), total: String(body.total) },
        };
      }
      if (
        Array.isArray(body) &&
        ["GET /rooms", "GET /rooms/:roomId/recordings", "GET /rooms/:roomId/snapshots"].includes(req.route)
      ) {
        return { ...response, body: { page: 1, limit: 25, total: body.length, items: body } };
      }
      return response;
    case "missing-ids":
      return bodiless
        ? response
        : {
            ...response,
            body: everyObject(body, (o) => {
              const inner = o.permalink;
              return isObject(inner)
                ? { ...o, permalink: Object.fromEntries(Object.entries(inner).filter(([k]) => k !== "id")) }
                : o;
            }),
          };
  }
}
