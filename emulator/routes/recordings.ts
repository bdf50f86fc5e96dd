/** Recordings: start/stop by access key; get, delete and room lists by API key. */
import { empty, json, readInput, requireApiKey, type Route } from "../http";
import type { Fields } from "../params";
import type { DocumentFilters } from "../store";
import { recordingView } from "../views";
import { NO_PARAMS, accessKeyAuth } from "./common";

/** Query of the room recording and snapshot lists (`docs/api-notes.md`, "Lists and pages"). */
export const documentQuery: Fields = {
  page: { type: "integer", min: 1 },
  started_at: { type: "string", format: "iso-date" },
  since: { type: "string", format: "iso-date" },
  until: { type: "string", format: "iso-date" },
};

/** The routes of this group. */
export const recordingRoutes: Route[] = [
  {
    method: "POST",
    pattern: "/rooms/:accessKey/recording",
    secret: ["accessKey"],
    handle: (ctx) => {
      const { record, meeting } = accessKeyAuth(ctx);
      readInput(ctx, NO_PARAMS);
      ctx.store.documentArea.startRecording(meeting, record.userId);
      return empty(201);
    },
  },
  {
    method: "DELETE",
    pattern: "/rooms/:accessKey/recording",
    secret: ["accessKey"],
    handle: (ctx) => {
      const { meeting } = accessKeyAuth(ctx);
      readInput(ctx, NO_PARAMS);
      ctx.store.documentArea.stopRecording(meeting);
      return empty(200);
    },
  },
  {
    method: "GET",
    pattern: "/recordings/:recordingId",
    handle: (ctx) => {
      const apiKey = requireApiKey(ctx, 403);
      readInput(ctx, NO_PARAMS);
      return json(
        200,
        recordingView(ctx.store, ctx.store.documentArea.recording(apiKey, ctx.params.recordingId)),
      );
    },
  },
  {
    method: "DELETE",
    pattern: "/recordings/:recordingId",
    handle: (ctx) => {
      const apiKey = requireApiKey(ctx, 403);
      readInput(ctx, NO_PARAMS);
      ctx.store.documentArea.deleteRecording(
        ctx.store.documentArea.recording(apiKey, ctx.params.recordingId),
      );
      return empty(200);
    },
  },
  {
    method: "GET",
    pattern: "/rooms/:roomId/recordings",
    handle: (ctx) => {
      const apiKey = requireApiKey(ctx, 403);
      const filters = readInput<DocumentFilters>(ctx, documentQuery);
      const list = ctx.store.documentArea.roomDocuments(
        apiKey,
        ctx.params.roomId,
        ctx.store.recordings.values(),
        filters,
      );
      return json(
        200,
        list.map((r) => recordingView(ctx.store, r)),
      );
    },
  },
];
