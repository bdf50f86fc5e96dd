/**
 * The eyeson API's objects and call arguments, in camelCase.
 *
 * The client maps every key between camelCase here and the API's snake_case on the wire
 * (`guestToken` <-> `guest_token`), recursively, so a field the API adds later still reaches the caller.
 * Shapes follow eyeson's reference pages (`docs/api-notes.md`, "Response objects"); fields marked optional are
 * absent in some documented examples.
 */
import type { WebhookType } from "./webhookTypes";

/** A value that the API may add to an object without notice; kept so results lose nothing. */
export type Extra = { readonly [key: string]: unknown };

// BEGIN generated from provider/roomOptions.ts by scripts/schema/options.ts: edit the table, not this.

/** How media flows between participants (`options[sfu_mode]`). */
export type SfuMode = "ptp" | "screencast" | "disabled";

/** When audio-only participants are drawn (`options[audio_insert]`). */
export type AudioInsert = "enabled" | "disabled" | "audio_only";

/** A point on the 1280-wide canvas, in pixels. */
export interface Position {
  /** Horizontal position. */
  readonly x: number;
  /** Vertical position. */
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
 * Room options of a permalink or room (https://docs.eyeson.com/docs/rest/references/room). Every field is
 * optional: the API's default applies to one that is not set, and one removed from a program is set back to
 * that default.
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
  /** Settings of eyeson's web GUI. Wire: `custom_fields[...]`. Default: `{}`. Known keys: `locale` (`en`, `de` or `fr`), `logo` (URL), `hideChat` (boolean), `virtualBackground` (boolean), `virtualBackgroundAllowGuest` (boolean), `virtualBackgroundImage` (URL), `virtualBackgroundAllowLocalImage` (boolean), `iframePostmessageOrigin` (string); other keys are sent as given (in snake_case) and must be flat strings, numbers or booleans. A field removed from the program is reset. */
  readonly customFields?: CustomFields;
}

/** Room options as the API reports them in room and permalink responses. */
export interface RoomOptionsState extends Extra {
  /** Whether names are shown in the video. */
  readonly showNames?: boolean;
  /** Whether the eyeson branding is shown. */
  readonly showLabel?: boolean;
  /** Where the GUI's exit button leads, if set. */
  readonly exitUrl?: string | null;
  /** Whether recordings are allowed. */
  readonly recordingAvailable?: boolean;
  /** Whether RTMP broadcasts are allowed. */
  readonly broadcastAvailable?: boolean;
  /** Whether layout changes through the API are allowed. */
  readonly layoutAvailable?: boolean;
  /** The current layout: `auto` or `custom`. */
  readonly layout?: "auto" | "custom";
  /** Whether GIF reactions are allowed. */
  readonly reactionAvailable?: boolean;
  /** Whether the GUI suggests guest names (reported only; not a documented input). */
  readonly suggestGuestNames?: boolean;
  /** Whether the meeting can be locked. */
  readonly lockAvailable?: boolean;
  /** Whether participants can be removed. */
  readonly kickAvailable?: boolean;
  /** How media flows between participants. */
  readonly sfuMode?: SfuMode;
  /** The users placed in the layout's spots, in order. */
  readonly layoutUsers?: readonly string[] | null;
  /** The name of the current layout, if any. */
  readonly layoutName?: string | null;
  /** The custom layout's boxes, each `[x, y, width, height, fit]`. */
  readonly layoutMap?: readonly LayoutBox[] | null;
  /** Whether the podium follows the speaker. */
  readonly voiceActivation?: boolean;
  /** The web GUI settings, as the API reports them. */
  readonly customFields?: Extra;
  /** Whether the video is 16:9. */
  readonly widescreen?: boolean;
  /** Background colour of the composed video. */
  readonly backgroundColor?: string;
}
// END generated room options

/** The user who opens or joins a room, or a permalink host. */
export interface UserInput {
  readonly name: string;
  readonly id?: string;
  readonly avatar?: string;
}

/** Room summary: the element of `GET /rooms` and the `room` inside recordings and snapshots. */
export interface RoomInfo extends Extra {
  /** The room id. */
  readonly id: string;
  /** The room name. */
  readonly name: string;
  /** Whether the meeting is ready to join. */
  readonly ready?: boolean;
  /** When the meeting started (ISO 8601); absent while none runs. */
  readonly startedAt: string | null;
  /** Whether the meeting has ended. */
  readonly shutdown?: boolean;
  /** Secret: the room's guest token, if guests may join. */
  readonly guestToken?: string;
}

/** A user as seen from a room response. */
export interface RoomUser extends Extra {
  /** The user id. */
  readonly id: string;
  /** The room id. */
  readonly roomId?: string;
  /** Display name. */
  readonly name: string;
  /** URL of the avatar image, if any. */
  readonly avatar: string | null;
  /** Whether the user joined as a guest. */
  readonly guest: boolean;
  /** Whether the user is blocked. */
  readonly blocked?: boolean;
  /** Whether the user is ready. */
  readonly ready?: boolean;
}

/** Participant details from `GET /rooms/ACCESS_KEY/users/USER_ID`. */
export interface UserDetails extends Extra {
  /** The user id. */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** URL of the avatar image, if any. */
  readonly avatar: string | null;
  /** Whether the user joined as a guest. */
  readonly guest: boolean;
  /** When the user joined (ISO 8601). */
  readonly joinedAt: string;
}

/** An entry of the participant list. */
export interface Participant extends Extra {
  /** The user id. */
  readonly id: string;
  /** The room id. */
  readonly roomId: string;
  /** Display name. */
  readonly name: string;
  /** URL of the avatar image, if any. */
  readonly avatar?: string | null;
  /** Whether the user joined as a guest. */
  readonly guest?: boolean;
  /** Whether the user is in the meeting now. */
  readonly online: boolean;
}

/** Links of a room response. `gui` and `guestJoin` embed tokens: treat them as secrets. */
export interface RoomLinks extends Extra {
  /** The room's API URL. */
  readonly self: string;
  /** Secret: this user's meeting link. */
  readonly gui: string;
  /** Secret: the guest join link. */
  readonly guestJoin?: string;
  /** Secret: the room's observer websocket. */
  readonly websocket?: string;
}

/** A running playback as tracked in the room. */
export interface PlaybackState extends Extra {
  /** The media URL. */
  readonly url?: string;
  /** The playback's id, if one was given. */
  readonly playId?: string | null;
  /** Whether the playback has audio. */
  readonly audio?: boolean;
}

/** A running broadcast. */
export interface BroadcastState extends Extra {
  /** The broadcast id. */
  readonly id?: string;
  /** The streaming platform. */
  readonly platform?: string;
  /** The public viewer URL, if set. */
  readonly playerUrl?: string | null;
}

/** The eyeson team (API project) an object belongs to. */
export interface Team extends Extra {
  /** The team's name. */
  readonly name: string;
}

/** The response of `POST /rooms`, `GET /rooms/ACCESS_KEY`, guest registration and permalink start. */
export interface Room extends Extra {
  /** Secret: this user's access key; whoever holds it acts as this user in the meeting. */
  readonly accessKey: string;
  /** Whether the meeting is ready. */
  readonly ready: boolean;
  /** Whether the meeting is locked. */
  readonly locked: boolean;
  /** The room. */
  readonly room: RoomInfo;
  /** The team the room belongs to. */
  readonly team?: Team;
  /** The user the access key belongs to. */
  readonly user: RoomUser;
  /** The room's links. */
  readonly links: RoomLinks;
  /** The room options as the API reports them. */
  readonly options: RoomOptionsState;
  /** The running playbacks. */
  readonly playbacks?: readonly PlaybackState[];
  /** The running presentation, as the API reports it. */
  readonly presentation?: unknown;
  /** The running broadcasts. */
  readonly broadcasts?: readonly BroadcastState[];
  /** The running recording, if any. */
  readonly recording?: Recording | null;
  /** The meeting's snapshots. */
  readonly snapshots?: readonly Snapshot[];
  /** Signaling details for clients, as the API reports them. */
  readonly signaling?: unknown;
}

/** The `permalink` part of a permalink response. */
export interface PermalinkInfo extends Extra {
  /** The permalink id. */
  readonly id: string;
  /** When the permalink was created (ISO 8601). */
  readonly createdAt: string;
  /** Secret: the host token of the user in this response; whoever holds it can start the meeting as that host. */
  readonly userToken: string;
  /** Secret: lets anyone join a running permalink meeting. */
  readonly guestToken: string;
  /** When the permalink expires (ISO 8601), if it does. */
  readonly expiresAt: string | null;
}

/** A permalink's room. */
export interface PermalinkRoomInfo extends Extra {
  /** The room id of the permalink's meetings. */
  readonly id: string;
  /** The room name. */
  readonly name: string;
  /** When the running meeting started; absent while none runs. */
  readonly startedAt: string | null;
}

/** A permalink's links. `gui` and `guestJoin` embed tokens: treat them as secrets. */
export interface PermalinkLinks extends Extra {
  /** The permalink's API URL. */
  readonly self: string;
  /** Secret: the host's meeting link (embeds the user token). */
  readonly gui: string;
  /** Secret: the guest join link (embeds the guest token). */
  readonly guestJoin: string;
}

/** Every permalink-management call answers with this object. */
export interface Permalink extends Extra {
  /** The permalink: id, tokens and expiry. */
  readonly permalink: PermalinkInfo;
  /** The permalink's room. */
  readonly room: PermalinkRoomInfo;
  /** The team the permalink belongs to. */
  readonly team?: Team;
  /** The host this response is for (the first host for the API key's calls). */
  readonly user: UserDetails;
  /** The room options as the API reports them. */
  readonly options: RoomOptionsState;
  /** The permalink's links. */
  readonly links: PermalinkLinks;
}

/** One page of `GET /permalink` (`docs/api-notes.md`, "Lists and pages"). */
export interface PermalinkPage {
  /** The page. */
  readonly page: number;
  /** Permalinks per page. */
  readonly limit: number;
  /** How many permalinks there are. */
  readonly total: number;
  /** The permalinks of this page. */
  readonly items: readonly Permalink[];
}

/** Links of a recording or snapshot. */
export interface DownloadLinks extends Extra {
  /** The object's API URL. */
  readonly self?: string;
  /** A fresh download link; absent until the file is processed. */
  readonly download: string | null;
}

/** A recording; `createdAt` is Unix seconds, `duration` and `links.download` are null until done. */
export interface Recording extends Extra {
  /** The recording id. */
  readonly id: string;
  /** When the recording started (Unix seconds). */
  readonly createdAt: number;
  /** Length in seconds; absent until the recording is done. */
  readonly duration: number | null;
  /** The recording's links. */
  readonly links: DownloadLinks;
  /** Who started the recording. */
  readonly user?: UserDetails;
  /** The recorded room. */
  readonly room?: RoomInfo;
}

/** A snapshot; `createdAt` is ISO 8601, `name` is Unix seconds as a string. */
export interface Snapshot extends Extra {
  /** The snapshot id. */
  readonly id: string;
  /** The snapshot's name (Unix seconds, as a string). */
  readonly name: string;
  /** The snapshot's links. */
  readonly links: DownloadLinks;
  /** Who took the snapshot. */
  readonly creator?: UserDetails;
  /** When the snapshot was taken (ISO 8601). */
  readonly createdAt: string;
  /** The room the snapshot shows. */
  readonly room?: RoomInfo;
}

export { WEBHOOK_TYPES, type WebhookType } from "./webhookTypes";

/** The registered webhook of an API key. */
export interface Webhook extends Extra {
  /** The webhook id. */
  readonly id: string;
  /** The event types it delivers. */
  readonly types: readonly WebhookType[];
  /** The receiver URL. */
  readonly url: string;
  /** When eyeson last called the receiver, if ever. */
  readonly lastRequestSentAt: string | null;
  /** The receiver's last HTTP status (a string, as the API reports it), if any. */
  readonly lastResponseCode: string | null;
}

/** A custom layout box: x, y, width, height, fit. */
export type LayoutBox = readonly [number, number, number, number, "auto" | "contain" | "cover"];
