/** Parameter schemas and helpers shared by several route modules. */
import type { Value } from "../decode";
import type { MeetingRecord, AccessKeyRecord } from "../entities";
import { invalidParameter, missingParameter, notFound } from "../errors";
import { json, type ApiResponse, type RequestContext } from "../http";
import type { Fields, Spec } from "../params";
import type { UserInputValue } from "../store";
import { roomView } from "../views";

/** `user[...]` of `POST /rooms`, `POST /permalink` and `POST /permalink/ID/users`. */
export const userSpec: Spec = {
  type: "object",
  fields: {
    name: { type: "string", required: true, nonEmpty: true },
    id: { type: "string", nonEmpty: true },
    avatar: { type: "string", format: "url" },
  },
};

/** The body of an endpoint that takes none: any key is unknown. */
export const NO_PARAMS: Fields = {};

/** Reads a required `user` object; a missing one is reported as `user[name]` like the docs name it. */
export function requireUser(user: UserInputValue | undefined): UserInputValue {
  if (!user) throw missingParameter("user[name]");
  return user;
}

/** The 201 answer of a call that put a user into a meeting: the room as that user's access key sees it. */
export function joinedRoom(ctx: RequestContext, key: AccessKeyRecord): ApiResponse {
  const meeting = ctx.store.meetings.get(key.meetingId);
  if (!meeting) throw notFound("Room");
  return json(201, roomView(ctx.store, key, meeting));
}

/** Resolves the `:accessKey` path parameter (404 unknown, 410 ended) and marks the request as access-key auth. */
export function accessKeyAuth(ctx: RequestContext): { record: AccessKeyRecord; meeting: MeetingRecord } {
  ctx.auth = "access_key";
  return ctx.store.meetingArea.resolveAccessKey(ctx.params.accessKey);
}

/**
 * The items of a comma-separated parameter (`types` of a webhook, `type` of a forward), trimmed, empty ones
 * dropped; a JSON list of such strings is accepted too. Undefined for any other value.
 */
export function commaSeparated(value: Value): string[] | undefined {
  const items =
    typeof value === "string"
      ? value.split(",")
      : Array.isArray(value) && value.every((v) => typeof v === "string")
        ? (value as string[]).flatMap((v) => v.split(","))
        : undefined;
  return items?.map((t) => t.trim()).filter((t) => t !== "");
}

/** `z-index` of the layer calls: "1" (foreground) or "-1" (background). */
export function parseZIndex(value: Value, name: string): 1 | -1 {
  if (value === 1 || value === "1") return 1;
  if (value === -1 || value === "-1") return -1;
  throw invalidParameter(name, "expected 1 or -1");
}
