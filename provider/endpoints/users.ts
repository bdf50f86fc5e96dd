/**
 * User management: the participant list, one participant, kicking one, registering a guest
 * (https://docs.eyeson.com/docs/rest/references/user; `docs/api-notes.md`, "Listing participants").
 */
import type { ListRoomUsersQuery, RegisterGuestBody } from "../requests";
import { toWire } from "../http/wireCase";
import { json, type Endpoint } from "./endpoint";

/** The user endpoints, by client method. */
export const USER_ENDPOINTS = {
  listRoomUsers: {
    method: "GET",
    path: "/rooms/{accessKey}/users",
    auth: "access_key",
    query: (args: ListRoomUsersQuery) => ({ online: args.online }),
    answer: "list",
  },
  getRoomUser: {
    method: "GET",
    path: "/rooms/{accessKey}/users/{userId}",
    auth: "access_key",
    answer: "object",
  },
  kickRoomUser: {
    method: "DELETE",
    path: "/rooms/{accessKey}/users/{userId}",
    auth: "access_key",
    answer: "deleted",
    missingOk: [404, 410],
  },
  registerGuest: {
    method: "POST",
    path: "/guests/{guestToken}",
    auth: "token",
    // Flat: name, id, avatar and custom_fields at the top level, not under `user`.
    body: (args: RegisterGuestBody) => json(toWire(args)),
    answer: "object",
  },
} as const satisfies Record<string, Endpoint<never>>;
