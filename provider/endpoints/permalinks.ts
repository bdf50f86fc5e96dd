/**
 * Permanent meetings: permalink management with the API key, hosts, and start or read by host token
 * (https://docs.eyeson.com/docs/rest/references/permalink; `docs/api-notes.md`, "Permalinks and their hosts").
 */
import type { UserInput } from "../types";
import type { CreatePermalinkBody, ListPermalinksQuery, UpdatePermalinkBody } from "../requests";
import { toWire } from "../http/wireCase";
import { json, type Endpoint } from "./endpoint";

/** The permalink endpoints, by client method. */
export const PERMALINK_ENDPOINTS = {
  createPermalink: {
    method: "POST",
    path: "/permalink",
    auth: "api_key",
    body: (args: CreatePermalinkBody) => json(toWire(args)),
    answer: "object",
    // Without its id the new permalink could never be found again: refuse the answer, not the state.
    requires: "permalink.id",
  },
  listPermalinks: {
    method: "GET",
    path: "/permalink",
    auth: "api_key",
    query: (args: ListPermalinksQuery) => ({ page: args.page, limit: args.limit, expired: args.expired }),
    answer: "permalinkPage",
  },
  getPermalink: {
    method: "GET",
    path: "/permalink/{permalinkId}",
    auth: "api_key",
    answer: "object",
  },
  updatePermalink: {
    method: "PUT",
    path: "/permalink/{permalinkId}",
    auth: "api_key",
    body: (args: UpdatePermalinkBody) => json(toWire(args)),
    // A 204 (or an empty 200) says only that it worked; the permalink is read back ("Errors and statuses").
    answer: "objectOrReread",
    reread: "getPermalink",
  },
  deletePermalink: {
    method: "DELETE",
    path: "/permalink/{permalinkId}",
    auth: "api_key",
    answer: "deleted",
    missingOk: [404],
  },
  addPermalinkHost: {
    method: "POST",
    path: "/permalink/{permalinkId}/users",
    auth: "api_key",
    body: (user: UserInput) => json(toWire({ user })),
    answer: "object",
  },
  removePermalinkHost: {
    // The last segment is the host's token, as eyeson's SDKs send it, although the endpoint list says USER_ID.
    method: "DELETE",
    path: "/permalink/{permalinkId}/users/{userToken}",
    auth: "api_key",
    answer: "deleted",
    missingOk: [404],
  },
  getPermalinkRoom: {
    method: "GET",
    path: "/permalink/{userToken}",
    auth: "token",
    answer: "object",
  },
  startPermalinkMeeting: {
    method: "POST",
    path: "/permalink/{userToken}",
    auth: "token",
    answer: "object",
  },
} as const satisfies Record<string, Endpoint<never>>;
