/** Meeting settings: start/join, details, end, list, shutdown by room id, lock. */
import { notFound } from "../errors";
import {
  empty,
  hasAuthorization,
  json,
  readInput,
  requireApiKey,
  type Route,
  type RouteProbe,
} from "../http";
import type { OptionsInput, UserInputValue } from "../store";
import { roomInfoView, roomView } from "../views";
import { optionsSpec } from "../options";
import { NO_PARAMS, accessKeyAuth, joinedRoom, requireUser, userSpec } from "./common";

/**
 * `/rooms/X` is an access key or a room id: a known access key wins, then a known room id; an unknown X is
 * an access key when the request has no `Authorization` header (the client sends none on access-key calls,
 * "Credentials" in `docs/api-notes.md`) and a room id otherwise.
 */
export function isAccessKeyPath(probe: RouteProbe, param: string): boolean {
  const value = probe.params[param];
  if (probe.store.accessKeys.has(value)) return true;
  if (probe.store.core.knowsRoomId(value)) return false;
  return !hasAuthorization(probe);
}

/** The routes of this group. */
export const roomRoutes: Route[] = [
  {
    method: "POST",
    pattern: "/rooms",
    handle: (ctx) => {
      const apiKey = requireApiKey(ctx, 403);
      const body = readInput<{ id?: string; name?: string; user?: UserInputValue; options?: OptionsInput }>(
        ctx,
        {
          id: { type: "string", nonEmpty: true },
          name: { type: "string" },
          user: userSpec,
          options: optionsSpec,
        },
      );
      const key = ctx.store.meetingArea.startRoom(apiKey, { ...body, user: requireUser(body.user) });
      return joinedRoom(ctx, key);
    },
  },
  {
    method: "GET",
    pattern: "/rooms",
    handle: (ctx) => {
      const apiKey = requireApiKey(ctx, 403);
      readInput(ctx, NO_PARAMS);
      return json(200, ctx.store.runningMeetings(apiKey).map(roomInfoView));
    },
  },
  {
    method: "GET",
    pattern: "/rooms/:accessKey",
    secret: ["accessKey"],
    handle: (ctx) => {
      const { record, meeting } = accessKeyAuth(ctx);
      readInput(ctx, NO_PARAMS);
      ctx.store.meetingArea.markReady(meeting, record.userId);
      return json(200, roomView(ctx.store, record, meeting));
    },
  },
  {
    method: "DELETE",
    pattern: "/rooms/:accessKey",
    secret: ["accessKey"],
    when: (probe) => isAccessKeyPath(probe, "accessKey"),
    handle: (ctx) => {
      const { meeting } = accessKeyAuth(ctx);
      readInput(ctx, NO_PARAMS);
      ctx.store.meetingArea.endMeeting(meeting);
      return empty(204);
    },
  },
  {
    method: "DELETE",
    pattern: "/rooms/:roomId",
    handle: (ctx) => {
      const apiKey = requireApiKey(ctx, 403);
      readInput(ctx, NO_PARAMS);
      const meeting = ctx.store.runningMeeting(apiKey, ctx.params.roomId);
      if (!meeting) throw notFound("Room");
      ctx.store.meetingArea.endMeeting(meeting);
      return empty(204);
    },
  },
  {
    method: "POST",
    pattern: "/rooms/:accessKey/lock",
    secret: ["accessKey"],
    handle: (ctx) => {
      const { meeting } = accessKeyAuth(ctx);
      readInput(ctx, NO_PARAMS);
      ctx.store.meetingArea.lock(meeting);
      return empty(201);
    },
  },
];
