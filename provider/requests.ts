/**
 * What the API calls send: request bodies (program shape, camelCase; the client sends them snake_case),
 * queries, and the options of deletes. The objects the API answers with are in the `types` module.
 */
import type { AudioInsert, LayoutBox, Position, RoomOptions, UserInput, WebhookType } from "./types";

/** Body of `POST /rooms`. */
export interface StartRoomBody {
  /** Room id: every start with the same id lands in the same running meeting. */
  readonly id?: string;
  readonly name?: string;
  readonly user: UserInput;
  readonly options?: RoomOptions;
}

/** Body of `POST /guests/GUEST_TOKEN` (flat, not nested under `user`). */
export interface RegisterGuestBody {
  readonly name: string;
  readonly id?: string;
  readonly avatar?: string;
  readonly customFields?: { readonly locale?: "en" | "de" | "fr" };
}

/** Body of `POST /permalink`. */
export interface CreatePermalinkBody {
  readonly name?: string;
  readonly user: UserInput;
  /** ISO 8601; after it the permalink's meeting can no longer be started. */
  readonly expiresAt?: string;
  readonly options?: RoomOptions;
}

/** Body of `PUT /permalink/PERMALINK_ID`; `expiresAt: null` clears the expiry. */
export interface UpdatePermalinkBody {
  readonly name?: string;
  readonly expiresAt?: string | null;
  readonly options?: RoomOptions;
}

/** Query of `GET /permalink`. `all: true` walks every page and returns them as one. */
export interface ListPermalinksQuery {
  /** The page, from 1. */
  readonly page?: number;
  /** Permalinks per page, 1 to 100. */
  readonly limit?: number;
  /** List expired permalinks instead of current ones. */
  readonly expired?: boolean;
  /** Walk every page and return them as one. */
  readonly all?: boolean;
}

/** Body of `POST /rooms/ACCESS_KEY/messages`. */
export interface SendMessageBody {
  /** `chat` (default) shows in the meeting chat; `custom` only reaches observers. */
  readonly type?: "chat" | "custom";
  readonly content: string;
}

/** A local image to upload as a layer (sent as multipart). */
export interface LayerFile {
  readonly data: Uint8Array;
  readonly filename?: string;
  readonly contentType?: string;
}

/** Body of `POST /rooms/ACCESS_KEY/layers`: exactly one of `url` (a public image) and `file`. */
export interface AddLayerBody {
  readonly url?: string;
  readonly file?: LayerFile;
  /** 1 = foreground (default), -1 = background. Sent as `z-index`. */
  readonly zIndex?: 1 | -1;
  /** Layer id that appears in observer events. */
  readonly id?: string;
}

/** Body of `POST /rooms/ACCESS_KEY/layout`. */
export interface SetLayoutBody {
  readonly layout?: "auto" | "custom";
  readonly name?: string;
  readonly map?: readonly LayoutBox[];
  /** One entry per spot: a user id, a playback id, or "" for an empty spot. */
  readonly users?: readonly string[];
  readonly voiceActivation?: boolean;
  readonly showNames?: boolean;
  readonly audioInsert?: AudioInsert;
  readonly audioInsertPosition?: Position;
}

/** Body of `POST /rooms/ACCESS_KEY/playbacks`. */
export interface StartPlaybackBody {
  readonly url: string;
  readonly audio?: boolean;
  readonly playId?: string;
  readonly replacementId?: string;
  readonly name?: string;
  readonly loopCount?: number;
}

/** Body of `POST /rooms/ACCESS_KEY/broadcasts`. */
export interface StartBroadcastBody {
  /** Secret: the RTMP(S) target including the stream key; never echoed in results or messages. */
  readonly streamUrl: string;
  /** Public viewer URL. */
  readonly playerUrl?: string;
}

/** Body of `PUT /rooms/ACCESS_KEY/broadcasts`. */
export interface UpdateBroadcastBody {
  /** Public viewer URL. */
  readonly playerUrl: string;
}

/** Query of the room recording and snapshot lists. `all: true` walks every page of 25. */
export interface ListRoomDocumentsQuery {
  /** The page (25 each), from 1. */
  readonly page?: number;
  /** Only those of the meeting that started at this time (ISO 8601). */
  readonly startedAt?: string;
  /** Only those created at or after this time (ISO 8601). */
  readonly since?: string;
  /** Only those created at or before this time (ISO 8601). */
  readonly until?: string;
  /** Walk every page and return them as one. */
  readonly all?: boolean;
}

/** Media types of a forward; sent comma-joined. */
export type ForwardMediaType = "audio" | "video";

/** What the bodies of the forward calls share. */
export interface ForwardBody {
  /** Chosen by the caller, unique per forward; needed to stop it. */
  readonly forwardId: string;
  /** Media to forward: `["audio"]`, `["video"]` or both; sent comma-joined. */
  readonly type: readonly ForwardMediaType[];
  /** The WHIP endpoint. */
  readonly url: string;
}

/** Body of `POST /rooms/ROOM_ID/forward/source`. */
export interface ForwardSourceBody extends ForwardBody {
  readonly userId: string;
}

/** Body of `POST /rooms/ROOM_ID/forward/mcu`. */
export type ForwardMcuBody = ForwardBody;

/** Body of `POST /rooms/ROOM_ID/forward/playback`. */
export interface ForwardPlaybackBody extends ForwardBody {
  readonly playId: string;
}

/** Body of `POST /webhooks`; `types` are sent as a comma-separated string. */
export interface RegisterWebhookBody {
  readonly url: string;
  readonly types: readonly WebhookType[];
}

/** Options of every delete call. */
export interface DeleteOptions {
  /** Treat 404 (and 410 on access-key paths) as "already gone" and resolve `false` instead of failing. */
  readonly missingOk?: boolean;
}

/** Query of `GET /rooms/ACCESS_KEY/users`. */
export interface ListRoomUsersQuery {
  /** `true`: only online participants; `false`: only offline ones; omitted: all. */
  readonly online?: boolean;
}
