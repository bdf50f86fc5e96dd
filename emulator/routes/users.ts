/** User management: participant lists (both path forms, `docs/api-notes.md`, "Listing participants"), details, kick, guests. */
import { notFound } from "../errors";
import { empty, json, readInput, requireApiKey, type Route } from "../http";
import type { MeetingRecord } from "../entities";
import { participantView, userView } from "../views";
import { NO_PARAMS, accessKeyAuth, joinedRoom } from "./common";
import { isAccessKeyPath } from "./rooms";

function participants(meeting: MeetingRecord, online: boolean | undefined) {
  // Everyone in the meeting is online: the emulator has no media connections, and kicked users leave.
  if (online === false) return [];
  return [...meeting.participants.values()].map((p) => participantView(meeting, p.user, true));
}

const onlineQuery = { online: { type: "boolean" } } as const;

/** The routes of this group. */
export const userRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/rooms/:accessKey/users",
    secret: ["accessKey"],
    when: (probe) => isAccessKeyPath(probe, "accessKey"),
    handle: (ctx) => {
      const { meeting } = accessKeyAuth(ctx);
      const query = readInput<{ online?: boolean }>(ctx, onlineQuery);
      return json(200, participants(meeting, query.online));
    },
  },
  {
    method: "GET",
    pattern: "/rooms/:roomId/users",
    handle: (ctx) => {
      const apiKey = requireApiKey(ctx, 403);
      const query = readInput<{ online?: boolean }>(ctx, onlineQuery);
      const meeting = ctx.store.runningMeeting(apiKey, ctx.params.roomId);
      if (!meeting) throw notFound("Room");
      return json(200, participants(meeting, query.online));
    },
  },
  {
    method: "GET",
    pattern: "/rooms/:accessKey/users/:userId",
    secret: ["accessKey"],
    handle: (ctx) => {
      const { meeting } = accessKeyAuth(ctx);
      readInput(ctx, NO_PARAMS);
      const participant = meeting.participants.get(ctx.params.userId);
      if (!participant) throw notFound("User");
      return json(200, userView(participant.user));
    },
  },
  {
    method: "DELETE",
    pattern: "/rooms/:accessKey/users/:userId",
    secret: ["accessKey"],
    handle: (ctx) => {
      const { meeting } = accessKeyAuth(ctx);
      readInput(ctx, NO_PARAMS);
      ctx.store.meetingArea.kick(meeting, ctx.params.userId);
      return empty(200);
    },
  },
  {
    method: "POST",
    pattern: "/guests/:guestToken",
    secret: ["guestToken"],
    handle: (ctx) => {
      ctx.auth = "token";
      const body = readInput<{ name: string; id?: string; avatar?: string; custom_fields?: object }>(ctx, {
        name: { type: "string", required: true, nonEmpty: true },
        id: { type: "string", nonEmpty: true },
        avatar: { type: "string", format: "url" },
        custom_fields: {
          type: "object",
          fields: { locale: { type: "string", enum: ["en", "de", "fr"] } },
        },
      });
      const key = ctx.store.meetingArea.registerGuest(ctx.params.guestToken, {
        name: body.name,
        id: body.id,
        avatar: body.avatar,
      });
      return joinedRoom(ctx, key);
    },
  },
];
