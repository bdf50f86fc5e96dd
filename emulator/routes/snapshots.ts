/** Snapshots: take and read by access key; get, delete and room lists by API key. */
import { notFound } from "../errors";
import { empty, json, readInput, requireApiKey, type Route } from "../http";
import type { DocumentFilters } from "../store";
import { snapshotView } from "../views";
import { NO_PARAMS, accessKeyAuth } from "./common";
import { documentQuery } from "./recordings";

/** The routes of this group. */
export const snapshotRoutes: Route[] = [
  {
    method: "POST",
    pattern: "/rooms/:accessKey/snapshot",
    secret: ["accessKey"],
    handle: (ctx) => {
      const { record, meeting } = accessKeyAuth(ctx);
      readInput(ctx, NO_PARAMS);
      ctx.store.documentArea.takeSnapshot(meeting, record.userId);
      return empty(201);
    },
  },
  {
    method: "GET",
    pattern: "/snapshots/:snapshotId",
    handle: (ctx) => {
      const apiKey = requireApiKey(ctx, 403);
      readInput(ctx, NO_PARAMS);
      return json(
        200,
        snapshotView(ctx.store, ctx.store.documentArea.snapshot(apiKey, ctx.params.snapshotId)),
      );
    },
  },
  {
    method: "GET",
    pattern: "/rooms/:accessKey/snapshots/:snapshotId",
    secret: ["accessKey"],
    handle: (ctx) => {
      const { meeting } = accessKeyAuth(ctx);
      readInput(ctx, NO_PARAMS);
      // Any snapshot of the same room (this or an earlier meeting in it) can be read with a live access key.
      const snapshot = ctx.store.snapshots.get(ctx.params.snapshotId);
      if (!snapshot || snapshot.apiKey !== meeting.apiKey || snapshot.roomId !== meeting.roomId) {
        throw notFound("Snapshot");
      }
      return json(200, snapshotView(ctx.store, snapshot));
    },
  },
  {
    method: "DELETE",
    pattern: "/snapshots/:snapshotId",
    handle: (ctx) => {
      const apiKey = requireApiKey(ctx, 403);
      readInput(ctx, NO_PARAMS);
      ctx.store.documentArea.deleteSnapshot(ctx.store.documentArea.snapshot(apiKey, ctx.params.snapshotId));
      return empty(200);
    },
  },
  {
    method: "GET",
    pattern: "/rooms/:roomId/snapshots",
    handle: (ctx) => {
      const apiKey = requireApiKey(ctx, 403);
      const filters = readInput<DocumentFilters>(ctx, documentQuery);
      const list = ctx.store.documentArea.roomDocuments(
        apiKey,
        ctx.params.roomId,
        ctx.store.snapshots.values(),
        filters,
      );
      return json(
        200,
        list.map((s) => snapshotView(ctx.store, s)),
      );
    },
  },
];
