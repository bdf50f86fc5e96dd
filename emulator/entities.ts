/**
 * What the emulator keeps in memory. Records hold state, not wire JSON: the `views` module turns them into the
 * snake_case objects of `docs/api-notes.md`, "Response objects", with links pointing at the emulator's own origin.
 */

/** The kind of credential a request was authorised with (logged, never the credential itself). */
export type AuthKind = "api_key" | "access_key" | "token" | "none";

import type { LAYOUT_STATE, ROOM_OPTIONS } from "../provider/roomOptions";

/** Webhook event types the emulator delivers ("Webhook deliveries"), in the API's order: the provider's table. */
export {
  WEBHOOK_TYPES as WEBHOOK_EVENT_TYPES,
  type WebhookType as WebhookEventType,
} from "../provider/webhookTypes";
import type { WebhookType as WebhookEventType } from "../provider/webhookTypes";

/** A point on the canvas (`audio_insert_position`). */
export interface PositionValue {
  x: number;
  y: number;
}

/** A custom layout box `[x, y, width, height, fit]`. */
export type LayoutBoxValue = [number, number, number, number, "auto" | "contain" | "cover"];

/** The value an option or layout-state field of the table holds, by its kind. */
type StoredValue<F> = F extends { readonly kind: "boolean" }
  ? boolean
  : F extends { readonly kind: "enum"; readonly values: readonly (infer V)[] }
    ? V
    : F extends { readonly kind: "position" }
      ? PositionValue
      : F extends { readonly kind: "stringList" }
        ? string[]
        : F extends { readonly kind: "layoutBoxes" }
          ? LayoutBoxValue[]
          : string;

/**
 * Room options as stored, by wire name: every option of the table (those the API only reports included) and
 * the layout state, `null` where the table's default is none. The echoed subset is chosen in the `views` module.
 */
export type OptionsRecord = {
  -readonly [F in (typeof ROOM_OPTIONS)[number] | (typeof LAYOUT_STATE)[number] as F["wire"]]:
    StoredValue<F> | (F["default"] extends null ? null : never);
} & { custom_fields: Record<string, string | number | boolean> };

/** A user as the API describes it: the user part of a participant or permalink host. */
export interface UserRecord {
  id: string;
  name: string;
  avatar: string | null;
  guest: boolean;
  joinedAt: string;
}

/** A user inside one meeting instance. */
export interface ParticipantRecord {
  user: UserRecord;
  /** True once one of the user's access keys has been used for `GET /rooms/ACCESS_KEY`. */
  ready: boolean;
}

/** An access key: one per join, tied to one meeting instance and one user. */
export interface AccessKeyRecord {
  accessKey: string;
  meetingId: string;
  userId: string;
}

/** A running (or finished) audio/video playback. */
export interface PlaybackRecord {
  url: string;
  play_id: string | null;
  audio: boolean;
  name: string | null;
  replacement_id: string | null;
  loop_count: number;
}

/** The one broadcast a meeting can have. The stream URL embeds a stream key, so it is never echoed. */
export interface BroadcastRecord {
  id: string;
  platform: string;
  streamUrl: string;
  player_url: string | null;
  userId: string;
}

/** An uploaded layer image (the bytes are dropped; only what a test may want to check is kept). */
export interface LayerFileInfo {
  filename: string | null;
  contentType: string | null;
  size: number;
}

/** An image layer at z-index 1 (foreground) or -1 (background). */
export interface LayerRecord {
  zIndex: 1 | -1;
  url: string | null;
  file: LayerFileInfo | null;
  insert: { icon?: string; title?: string; content?: string } | null;
  id: string | null;
  layout: "fixed" | "auto" | null;
}

/** A chat or custom message; kept so tests can see what was sent (the API itself stores none). */
export interface MessageRecord {
  type: "chat" | "custom";
  content: string;
  userId: string;
  createdAt: string;
}

/** A WHIP forward of a participant, the composed stream or a playback. */
export interface ForwardRecord {
  forwardId: string;
  kind: "source" | "mcu" | "playback";
  type: Array<"audio" | "video">;
  url: string;
  userId: string | null;
  playId: string | null;
  createdAt: string;
}

/** One run of a meeting in a room, from start until it ends. */
export interface MeetingRecord {
  /** Internal id (24 hex), not visible on the wire. */
  internalId: string;
  apiKey: string;
  roomId: string;
  name: string;
  permalinkId: string | null;
  startedAt: string;
  endedAt: string | null;
  ready: boolean;
  locked: boolean;
  /** Null when `options[guest_token_available]` was false. */
  guestToken: string | null;
  options: OptionsRecord;
  /** Present participants by user id, in join order. */
  participants: Map<string, ParticipantRecord>;
  playbacks: PlaybackRecord[];
  broadcast: BroadcastRecord | null;
  layers: { foreground: LayerRecord | null; background: LayerRecord | null };
  /** Id of the running recording, if any. */
  recordingId: string | null;
  snapshotIds: string[];
  forwards: Map<string, ForwardRecord>;
  messages: MessageRecord[];
}

/** A room id as seen by one API key; meetings in it come and go. */
export interface RoomRecord {
  apiKey: string;
  id: string;
  meetingIds: string[];
  currentMeetingId: string | null;
}

/** A recording: start (duration and download null), stop (duration set), finish (download set). */
export interface RecordingRecord {
  id: string;
  apiKey: string;
  roomId: string;
  meetingId: string;
  /** Unix seconds. */
  createdAt: number;
  startedAtMs: number;
  duration: number | null;
  /** True once processing finished; the view then adds a fresh `links.download`. */
  finished: boolean;
  user: UserRecord;
}

/** A snapshot. */
export interface SnapshotRecord {
  id: string;
  apiKey: string;
  roomId: string;
  meetingId: string;
  /** Unix seconds as a string. */
  name: string;
  createdAt: string;
  creator: UserRecord;
}

/** A permalink host: a user with their own `user_token`. */
export interface PermalinkHostRecord {
  user: UserRecord;
  userToken: string;
  /** Set when the host was removed (or the permalink deleted): the token answers 404 from then on. */
  revoked: boolean;
}

/** A permalink: a standing room that hosts start and guests join. */
export interface PermalinkRecord {
  id: string;
  apiKey: string;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  guestToken: string;
  options: OptionsRecord;
  /** Hosts in registration order; the first one is the creator. */
  hosts: PermalinkHostRecord[];
  deleted: boolean;
}

/** The one webhook of an API key. */
export interface WebhookRecord {
  id: string;
  apiKey: string;
  url: string;
  types: WebhookEventType[];
  lastRequestSentAt: string | null;
  lastResponseCode: string | null;
}
