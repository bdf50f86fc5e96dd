/** Meeting settings: start or join, read, end, list, shut down, lock (https://docs.eyeson.com/docs/rest/references/room). */
import type { StartRoomBody } from "../requests";
import { toWire } from "../http/wireCase";
import { json, type Endpoint } from "./endpoint";

/** The room endpoints, by client method. */
export const ROOM_ENDPOINTS = {
  startRoom: {
    method: "POST",
    path: "/rooms",
    auth: "api_key",
    body: (args: StartRoomBody) => json(toWire(args)),
    answer: "object",
  },
  getRoom: {
    method: "GET",
    path: "/rooms/{accessKey}",
    auth: "access_key",
    answer: "object",
  },
  endRoom: {
    method: "DELETE",
    path: "/rooms/{accessKey}",
    auth: "access_key",
    answer: "deleted",
    missingOk: [404, 410],
  },
  listRooms: { method: "GET", path: "/rooms", auth: "api_key", answer: "list" },
  shutdownRoom: {
    method: "DELETE",
    path: "/rooms/{roomId}",
    auth: "api_key",
    answer: "deleted",
    missingOk: [404],
  },
  lockRoom: {
    method: "POST",
    path: "/rooms/{accessKey}/lock",
    auth: "access_key",
    answer: "nothing",
  },
} as const satisfies Record<string, Endpoint<never>>;
