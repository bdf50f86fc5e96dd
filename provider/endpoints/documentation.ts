/**
 * Meeting documentation: recordings and snapshots, started and taken by access key, read, deleted and
 * listed by API key (https://docs.eyeson.com/docs/rest/references/recording and `.../snapshot`;
 * `docs/api-notes.md`, "Lists and pages").
 */
import type { ListRoomDocumentsQuery } from "../requests";
import type { Endpoint } from "./endpoint";

/** The filters of both room document lists; `page` is set by the client, which may walk every page. */
function documentQuery(args: ListRoomDocumentsQuery) {
  return { page: args.page, startedAt: args.startedAt, since: args.since, until: args.until };
}

/** The recording and snapshot endpoints, by client method. */
export const DOCUMENTATION_ENDPOINTS = {
  startRecording: {
    // No id comes back: the recording arrives by webhook.
    method: "POST",
    path: "/rooms/{accessKey}/recording",
    auth: "access_key",
    answer: "nothing",
  },
  stopRecording: {
    method: "DELETE",
    path: "/rooms/{accessKey}/recording",
    auth: "access_key",
    answer: "nothing",
  },
  getRecording: {
    method: "GET",
    path: "/recordings/{recordingId}",
    auth: "api_key",
    answer: "object",
  },
  deleteRecording: {
    method: "DELETE",
    path: "/recordings/{recordingId}",
    auth: "api_key",
    answer: "deleted",
    missingOk: [404],
  },
  listRoomRecordings: {
    method: "GET",
    path: "/rooms/{roomId}/recordings",
    auth: "api_key",
    query: documentQuery,
    answer: "pages",
  },
  takeSnapshot: {
    method: "POST",
    path: "/rooms/{accessKey}/snapshot",
    auth: "access_key",
    answer: "nothing",
  },
  getSnapshot: {
    method: "GET",
    path: "/snapshots/{snapshotId}",
    auth: "api_key",
    answer: "object",
  },
  getRoomSnapshot: {
    method: "GET",
    path: "/rooms/{accessKey}/snapshots/{snapshotId}",
    auth: "access_key",
    answer: "object",
  },
  deleteSnapshot: {
    method: "DELETE",
    path: "/snapshots/{snapshotId}",
    auth: "api_key",
    answer: "deleted",
    missingOk: [404],
  },
  listRoomSnapshots: {
    method: "GET",
    path: "/rooms/{roomId}/snapshots",
    auth: "api_key",
    query: documentQuery,
    answer: "pages",
  },
} as const satisfies Record<string, Endpoint<never>>;
