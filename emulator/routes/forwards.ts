/** Forward video streams (`docs/api-notes.md`, "Forwards"): WHIP egress of a source, the composed stream or a playback; API key, room id. */
import type { Value } from "../decode";
import type { ForwardRecord } from "../entities";
import { invalidParameter } from "../errors";
import { empty, readInput, requireApiKey, type RequestContext, type Route } from "../http";
import type { Fields } from "../params";
import { commaSeparated, NO_PARAMS } from "./common";

/** `type`: "audio", "video", "audio,video", or a list of those. */
function parseMediaTypes(value: Value, name: string): Array<"audio" | "video"> {
  const types = commaSeparated(value) ?? [];
  if (types.length === 0 || !types.every((t) => t === "audio" || t === "video")) {
    throw invalidParameter(name, "expected audio, video or audio,video");
  }
  return [...new Set(types)] as Array<"audio" | "video">;
}

const baseFields: Fields = {
  forward_id: { type: "string", required: true, nonEmpty: true },
  type: { type: "custom", required: true, parse: parseMediaTypes },
  url: { type: "string", required: true, format: "http-url" },
};

interface ForwardBody {
  forward_id: string;
  type: Array<"audio" | "video">;
  url: string;
  user_id?: string;
  play_id?: string;
}

function startForward(ctx: RequestContext, kind: ForwardRecord["kind"], extra: Fields) {
  const apiKey = requireApiKey(ctx, 401);
  const body = readInput<ForwardBody>(ctx, { ...baseFields, ...extra });
  const meeting = ctx.store.forwardArea.forwardMeeting(apiKey, ctx.params.roomId);
  if (body.user_id !== undefined && !meeting.participants.has(body.user_id)) {
    throw invalidParameter("user_id", "no such participant in the meeting");
  }
  if (body.play_id !== undefined && !meeting.playbacks.some((p) => p.play_id === body.play_id)) {
    throw invalidParameter("play_id", "no playback with this play_id is running");
  }
  ctx.store.forwardArea.addForward(meeting, {
    forwardId: body.forward_id,
    kind,
    type: body.type,
    url: body.url,
    userId: body.user_id ?? null,
    playId: body.play_id ?? null,
    createdAt: ctx.store.core.nowIso(),
  });
  return empty(201);
}

/** The routes of this group. */
export const forwardRoutes: Route[] = [
  {
    method: "POST",
    pattern: "/rooms/:roomId/forward/source",
    handle: (ctx) =>
      startForward(ctx, "source", { user_id: { type: "string", required: true, nonEmpty: true } }),
  },
  {
    method: "POST",
    pattern: "/rooms/:roomId/forward/mcu",
    handle: (ctx) => startForward(ctx, "mcu", {}),
  },
  {
    method: "POST",
    pattern: "/rooms/:roomId/forward/playback",
    handle: (ctx) =>
      startForward(ctx, "playback", { play_id: { type: "string", required: true, nonEmpty: true } }),
  },
  {
    method: "DELETE",
    pattern: "/rooms/:roomId/forward/:forwardId",
    handle: (ctx) => {
      const apiKey = requireApiKey(ctx, 401);
      readInput(ctx, NO_PARAMS);
      ctx.store.forwardArea.stopForward(
        ctx.store.forwardArea.forwardMeeting(apiKey, ctx.params.roomId),
        ctx.params.forwardId,
      );
      return empty(200);
    },
  },
];
