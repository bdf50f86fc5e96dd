/**
 * The eyeson API's objects and call arguments, in camelCase.
 *
 * The client maps every key between camelCase here and the API's snake_case on the wire
 * (`guestToken` <-> `guest_token`), recursively, so a field the API adds later still reaches the caller.
 * Shapes follow eyeson's reference pages (`docs/api-notes.md`, "Response objects"); fields marked optional are
 * absent in some documented examples.
 */

/** A value that the API may add to an object without notice; kept so results lose nothing. */
export type Extra = { readonly [key: string]: unknown };

/** `options[sfu_mode]`: `ptp` streams directly between two participants; layers and layouts need `disabled`. */
export type SfuMode = "ptp" | "screencast" | "disabled";

/** `options[audio_insert]` and the layout's `audio_insert`. */
export type AudioInsert = "enabled" | "disabled" | "audio_only";

/** A point on the 1280-wide canvas. */
export interface Position {
  readonly x: number;
  readonly y: number;
}

/**
 * `options[custom_fields]`: settings of eyeson's web GUI. Open-ended: keys not listed here are sent as given
 * (in snake_case) and must be flat strings, numbers or booleans. A field removed from a program is reset.
 */
export interface CustomFields {
  /** Language of the web GUI. Wire: `custom_fields[locale]`. Default: none (the browser's language). */
  readonly locale?: "en" | "de" | "fr";
  /** URL of a logo shown in the web GUI. Wire: `custom_fields[logo]`. Default: none. */
  readonly logo?: string;
  /** Hide the chat in the web GUI. Wire: `custom_fields[hide_chat]`. Default: `false`. */
  readonly hideChat?: boolean;
  /** Offer virtual backgrounds in the web GUI. Wire: `custom_fields[virtual_background]`. Default: `false`. */
  readonly virtualBackground?: boolean;
  /** Offer virtual backgrounds to guests too. Wire: `custom_fields[virtual_background_allow_guest]`. Default: `false`. */
  readonly virtualBackgroundAllowGuest?: boolean;
  /** URL of the default virtual background image. Wire: `custom_fields[virtual_background_image]`. Default: none. */
  readonly virtualBackgroundImage?: string;
  /** Let participants pick a local background image (seen in eyeson's PHP SDK only). Wire: `custom_fields[virtual_background_allow_local_image]`. Default: none (not documented). */
  readonly virtualBackgroundAllowLocalImage?: boolean;
  /** Origin allowed to exchange postMessage events with an embedded GUI (seen in eyeson's PHP SDK only). Wire: `custom_fields[iframe_postmessage_origin]`. Default: none. */
  readonly iframePostmessageOrigin?: string;
  readonly [key: string]: string | number | boolean | undefined;
}

/**
 * Room options accepted by `POST /rooms` and the permalink calls. Every field is optional; the API's default
 * applies to a field that is not set, and on a `Permalink` a field removed from the program is set back to it.
 */
export interface RoomOptions {
  /** Show each participant's name in the video. Wire: `show_names`. Default: `true`. */
  readonly showNames?: boolean;
  /** Show the eyeson branding in the web GUI. Wire: `show_label`. Default: `true`. */
  readonly showLabel?: boolean;
  /** Where the GUI's exit button leads (an absolute URL). Wire: `exit_url`. Default: none. */
  readonly exitUrl?: string;
  /** Allow recordings; when false, starting one answers 405. Wire: `recording_available`. Default: `true`. */
  readonly recordingAvailable?: boolean;
  /** Allow RTMP broadcasts; when false, starting one answers 405. Wire: `broadcast_available`. Default: `true`. */
  readonly broadcastAvailable?: boolean;
  /** Allow GIF reactions in the GUI. Wire: `reaction_available`. Default: `true`. */
  readonly reactionAvailable?: boolean;
  /** Allow layout changes through the API; when false, setting a layout answers 405. Wire: `layout_available`. Default: `true`. */
  readonly layoutAvailable?: boolean;
  /** Issue a guest token, so guests can join. Wire: `guest_token_available`. Default: `true`. */
  readonly guestTokenAvailable?: boolean;
  /** Allow locking the meeting; when false, locking answers 403. Wire: `lock_available`. Default: `false`. */
  readonly lockAvailable?: boolean;
  /** Allow removing participants; when false, kicking answers 403. Wire: `kick_available`. Default: `true`. */
  readonly kickAvailable?: boolean;
  /** `ptp` streams directly between two participants; layers and layouts are only rendered with `disabled`. Wire: `sfu_mode`. Default: `"ptp"`. */
  readonly sfuMode?: SfuMode;
  /** 16:9 at 1280×720 instead of 4:3 at 1280×960. Wire: `widescreen`. Default: `true` for a permalink, `false` for a room. */
  readonly widescreen?: boolean;
  /** Background colour of the composed video, `#rrggbb` or `#rgb` (compared case-insensitively). Wire: `background_color`. Default: `"#121212"`. */
  readonly backgroundColor?: string;
  /** Audio-only participants' insert: `enabled` always, `audio_only` when not on the podium, `disabled` never. Wire: `audio_insert`. Default: `"audio_only"`. */
  readonly audioInsert?: AudioInsert;
  /** Where the audio insert is drawn, in pixels. Wire: `audio_insert_position` (`[x]`, `[y]`). Default: none (eyeson's placement). */
  readonly audioInsertPosition?: Position;
  /** Settings of eyeson's web GUI. Wire: `custom_fields[...]`. Default: `{}`. */
  readonly customFields?: CustomFields;
}

/** Room options as the API echoes them in room and permalink responses (see "Response objects"). */
export interface RoomOptionsState extends Extra {
  readonly showNames?: boolean;
  readonly showLabel?: boolean;
  readonly exitUrl?: string | null;
  readonly recordingAvailable?: boolean;
  readonly broadcastAvailable?: boolean;
  readonly layoutAvailable?: boolean;
  readonly layout?: "auto" | "custom";
  readonly reactionAvailable?: boolean;
  readonly suggestGuestNames?: boolean;
  readonly lockAvailable?: boolean;
  readonly kickAvailable?: boolean;
  readonly sfuMode?: SfuMode;
  readonly layoutUsers?: readonly string[] | null;
  readonly layoutName?: string | null;
  readonly layoutMap?: readonly LayoutBox[] | null;
  readonly voiceActivation?: boolean;
  readonly customFields?: Extra;
  readonly widescreen?: boolean;
  readonly backgroundColor?: string;
}

/** The user who opens or joins a room, or a permalink host. */
export interface UserInput {
  readonly name: string;
  readonly id?: string;
  readonly avatar?: string;
}

/** Room summary: the element of `GET /rooms` and the `room` inside recordings and snapshots. */
export interface RoomInfo extends Extra {
  readonly id: string;
  readonly name: string;
  readonly ready?: boolean;
  readonly startedAt: string | null;
  readonly shutdown?: boolean;
  readonly guestToken?: string;
}

/** A user as seen from a room response. */
export interface RoomUser extends Extra {
  readonly id: string;
  readonly roomId?: string;
  readonly name: string;
  readonly avatar: string | null;
  readonly guest: boolean;
  readonly blocked?: boolean;
  readonly ready?: boolean;
}

/** Participant details from `GET /rooms/ACCESS_KEY/users/USER_ID` . */
export interface UserDetails extends Extra {
  readonly id: string;
  readonly name: string;
  readonly avatar: string | null;
  readonly guest: boolean;
  readonly joinedAt: string;
}

/** An entry of the participant list. */
export interface Participant extends Extra {
  readonly id: string;
  readonly roomId: string;
  readonly name: string;
  readonly avatar?: string | null;
  readonly guest?: boolean;
  readonly online: boolean;
}

/** Links of a room response. `gui` and `guestJoin` embed tokens: treat them as secrets. */
export interface RoomLinks extends Extra {
  readonly self: string;
  readonly gui: string;
  readonly guestJoin?: string;
  readonly websocket?: string;
}

/** A running playback as tracked in the room. */
export interface PlaybackState extends Extra {
  readonly url?: string;
  readonly playId?: string | null;
  readonly audio?: boolean;
}

/** A running broadcast. */
export interface BroadcastState extends Extra {
  readonly id?: string;
  readonly platform?: string;
  readonly playerUrl?: string | null;
}

/** The response of `POST /rooms`, `GET /rooms/ACCESS_KEY`, guest registration and permalink start. */
export interface Room extends Extra {
  /** Secret: whoever holds it acts as this user in the meeting. */
  readonly accessKey: string;
  readonly ready: boolean;
  readonly locked: boolean;
  readonly room: RoomInfo;
  readonly team?: { readonly name: string };
  readonly user: RoomUser;
  readonly links: RoomLinks;
  readonly options: RoomOptionsState;
  readonly playbacks?: readonly PlaybackState[];
  readonly presentation?: unknown;
  readonly broadcasts?: readonly BroadcastState[];
  readonly recording?: Recording | null;
  readonly snapshots?: readonly Snapshot[];
  readonly signaling?: unknown;
}

/** The `permalink` part of a permalink response. */
export interface PermalinkInfo extends Extra {
  readonly id: string;
  readonly createdAt: string;
  /** Secret: the host token of the user in this response. */
  readonly userToken: string;
  /** Secret: lets anyone join a running permalink meeting. */
  readonly guestToken: string;
  readonly expiresAt: string | null;
}

/** Every permalink-management call answers with this object. */
export interface Permalink extends Extra {
  readonly permalink: PermalinkInfo;
  readonly room: { readonly id: string; readonly name: string; readonly startedAt: string | null } & Extra;
  readonly team?: { readonly name: string };
  readonly user: UserDetails;
  readonly options: RoomOptionsState;
  readonly links: { readonly self: string; readonly gui: string; readonly guestJoin: string } & Extra;
}

/** One page of `GET /permalink` (`docs/api-notes.md`, "Lists and pages"). */
export interface PermalinkPage {
  readonly page: number;
  readonly limit: number;
  readonly total: number;
  readonly items: readonly Permalink[];
}

/** A recording; `createdAt` is Unix seconds, `duration` and `links.download` are null until done. */
export interface Recording extends Extra {
  readonly id: string;
  readonly createdAt: number;
  readonly duration: number | null;
  readonly links: { readonly self?: string; readonly download: string | null } & Extra;
  readonly user?: UserDetails;
  readonly room?: RoomInfo;
}

/** A snapshot; `createdAt` is ISO 8601, `name` is Unix seconds as a string. */
export interface Snapshot extends Extra {
  readonly id: string;
  readonly name: string;
  readonly links: { readonly self?: string; readonly download: string | null } & Extra;
  readonly creator?: UserDetails;
  readonly createdAt: string;
  readonly room?: RoomInfo;
}

/** Event types a webhook can subscribe to (`docs/api-notes.md`, "Webhook deliveries"). */
export type WebhookType = "room_update" | "recording_update" | "snapshot_update" | "participant_update";

/** All known webhook event types, in the API's order. */
export const WEBHOOK_TYPES: readonly WebhookType[] = [
  "room_update",
  "recording_update",
  "snapshot_update",
  "participant_update",
];

/** The registered webhook of an API key. */
export interface Webhook extends Extra {
  readonly id: string;
  readonly types: readonly WebhookType[];
  readonly url: string;
  readonly lastRequestSentAt: string | null;
  readonly lastResponseCode: string | null;
}

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
  readonly page?: number;
  readonly limit?: number;
  readonly expired?: boolean;
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

/** A custom layout box: x, y, width, height, fit. */
export type LayoutBox = readonly [number, number, number, number, "auto" | "contain" | "cover"];

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
  readonly page?: number;
  readonly startedAt?: string;
  readonly since?: string;
  readonly until?: string;
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
