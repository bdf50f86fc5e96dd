/**
 * Permanent meetings: permalink management with the API key, hosts, and start or read by host token
 * (https://docs.eyeson.com/docs/rest/references/permalink; `docs/api-notes.md`, "Permalinks and their hosts").
 */
import type { CreatePermalinkBody, ListPermalinksQuery, UpdatePermalinkBody, UserInput } from "../types";
import { toWire } from "../http/wireCase";
import { json, type Endpoint } from "./endpoint";

/** The permalink endpoints, by client method. */
export const PERMALINK_ENDPOINTS = {
  createPermalink: {
    operation: "createPermalink",
    method: "POST",
    path: "/permalink",
    auth: "api_key",
    body: (args: CreatePermalinkBody) => json(toWire(args)),
    answer: "object",
  },
  listPermalinks: {
    operation: "listPermalinks",
    method: "GET",
    path: "/permalink",
    auth: "api_key",
    query: (args: ListPermalinksQuery) => ({ page: args.page, limit: args.limit, expired: args.expired }),
    answer: "object",
  },
  getPermalink: {
    operation: "getPermalink",
    method: "GET",
    path: "/permalink/{permalinkId}",
    auth: "api_key",
    answer: "object",
  },
  updatePermalink: {
    operation: "updatePermalink",
    method: "PUT",
    path: "/permalink/{permalinkId}",
    auth: "api_key",
    body: (args: UpdatePermalinkBody) => json(toWire(args)),
    answer: "object",
  },
  deletePermalink: {
    operation: "deletePermalink",
    method: "DELETE",
    path: "/permalink/{permalinkId}",
    auth: "api_key",
    answer: "nothing",
    missingOk: [404],
  },
  addPermalinkHost: {
    operation: "addPermalinkHost",
    method: "POST",
    path: "/permalink/{permalinkId}/users",
    auth: "api_key",
    body: (user: UserInput) => json(toWire({ user })),
    answer: "object",
  },
  removePermalinkHost: {
    // The last segment is the host's token, as eyeson's SDKs send it, although the endpoint list says USER_ID.
    operation: "removePermalinkHost",
    method: "DELETE",
    path: "/permalink/{permalinkId}/users/{userToken}",
    auth: "api_key",
    answer: "nothing",
    missingOk: [404],
  },
  getPermalinkRoom: {
    operation: "getPermalinkRoom",
    method: "GET",
    path: "/permalink/{userToken}",
    auth: "token",
    answer: "object",
  },
  startPermalinkMeeting: {
    operation: "startPermalinkMeeting",
    method: "POST",
    path: "/permalink/{userToken}",
    auth: "token",
    answer: "object",
  },
} as const satisfies Record<string, Endpoint<never>>;
