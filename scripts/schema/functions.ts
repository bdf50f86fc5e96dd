/**
 * The function half of the schema: `functions` and the result types they use. TEMPORARY copy of the committed
 * schema's entries (see committed.ts) until the function declarations generate them.
 */
import { committedFunctions, committedTypes, type SchemaPart } from "./committed";

/** The schema's `functions`: token → function spec. */
export function functionsSection(): SchemaPart {
  return committedFunctions();
}

/** The types the functions' results use: token → type spec. */
export function functionTypes(): SchemaPart {
  return committedTypes([
    "eyeson:index:PermalinkInfo",
    "eyeson:index:PermalinkRoomInfo",
    "eyeson:index:Team",
    "eyeson:index:UserDetails",
    "eyeson:index:PermalinkLinks",
    "eyeson:index:PermalinkObject",
    "eyeson:index:RoomInfo",
    "eyeson:index:RoomUser",
    "eyeson:index:RoomLinks",
    "eyeson:index:PlaybackState",
    "eyeson:index:BroadcastState",
    "eyeson:index:DownloadLinks",
    "eyeson:index:Recording",
    "eyeson:index:Snapshot",
    "eyeson:index:Participant",
    "eyeson:index:WebhookObject",
  ]);
}
