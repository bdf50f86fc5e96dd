/**
 * The eyeson API as the client offers it: one method per endpoint of the official list, each sent by its
 * record in `endpoints/` (`docs/api-notes.md`, "The endpoints").
 */
import type {
  Participant,
  Permalink,
  PermalinkPage,
  Recording,
  Room,
  RoomInfo,
  Snapshot,
  UserDetails,
  UserInput,
  Webhook,
} from "./types";
import type {
  AddLayerBody,
  CreatePermalinkBody,
  DeleteOptions,
  ForwardMcuBody,
  ForwardPlaybackBody,
  ForwardSourceBody,
  ListPermalinksQuery,
  ListRoomDocumentsQuery,
  ListRoomUsersQuery,
  RegisterGuestBody,
  RegisterWebhookBody,
  SendMessageBody,
  SetLayoutBody,
  StartBroadcastBody,
  StartPlaybackBody,
  StartRoomBody,
  UpdateBroadcastBody,
  UpdatePermalinkBody,
} from "./requests";

/**
 * Every endpoint of the official list, one method each (`docs/api-notes.md`, "The endpoints").
 * Deletes resolve `true` when the object was removed and `false` when `missingOk` found it already gone.
 */
export interface EyesonApi {
  /** `POST /rooms`: opens a room (or joins the running one with the same id) for a user. */
  startRoom(args: StartRoomBody): Promise<Room>;
  /** `GET /rooms/ACCESS_KEY`: the room as seen by the access key's user. */
  getRoom(accessKey: string): Promise<Room>;
  /** `DELETE /rooms/ACCESS_KEY`: ends the meeting for everyone. */
  endRoom(accessKey: string, opts?: DeleteOptions): Promise<boolean>;
  /** `GET /rooms`: the meetings running under the API key. */
  listRooms(): Promise<RoomInfo[]>;
  /** `DELETE /rooms/ROOM_ID`: forces a meeting to shut down. */
  shutdownRoom(roomId: string, opts?: DeleteOptions): Promise<boolean>;
  /** `POST /rooms/ACCESS_KEY/lock`: nobody else can join; there is no unlock. */
  lockRoom(accessKey: string): Promise<void>;

  /** `GET /rooms/ACCESS_KEY/users[?online=]`: the meeting's participants. */
  listRoomUsers(accessKey: string, args?: ListRoomUsersQuery): Promise<Participant[]>;
  /** `GET /rooms/ACCESS_KEY/users/USER_ID`: one participant's details. */
  getRoomUser(accessKey: string, userId: string): Promise<UserDetails>;
  /** `DELETE /rooms/ACCESS_KEY/users/USER_ID`: removes a participant (who may rejoin). */
  kickRoomUser(accessKey: string, userId: string, opts?: DeleteOptions): Promise<boolean>;
  /** `POST /guests/GUEST_TOKEN`: registers a guest in a running meeting (flat body). */
  registerGuest(guestToken: string, args: RegisterGuestBody): Promise<Room>;

  /** `POST /permalink`: creates a permalink with its first host. */
  createPermalink(args: CreatePermalinkBody): Promise<Permalink>;
  /** `GET /permalink`: one page, or with `all: true` every page from `page` on, merged into one. */
  listPermalinks(args?: ListPermalinksQuery): Promise<PermalinkPage>;
  /** `GET /permalink/PERMALINK_ID`. */
  getPermalink(permalinkId: string): Promise<Permalink>;
  /** `PUT /permalink/PERMALINK_ID`: changes name, expiry (null clears it) or options. */
  updatePermalink(permalinkId: string, args: UpdatePermalinkBody): Promise<Permalink>;
  /** `DELETE /permalink/PERMALINK_ID`. */
  deletePermalink(permalinkId: string, opts?: DeleteOptions): Promise<boolean>;
  /** `POST /permalink/PERMALINK_ID/users`: adds a host; the result's `userToken` is the new host's. */
  addPermalinkHost(permalinkId: string, user: UserInput): Promise<Permalink>;
  /** `DELETE /permalink/PERMALINK_ID/users/USER_TOKEN`: the last segment is the host's token, not its id. */
  removePermalinkHost(permalinkId: string, userToken: string, opts?: DeleteOptions): Promise<boolean>;
  /** `GET /permalink/USER_TOKEN`: the permalink and its room, by host token, without the API key. */
  getPermalinkRoom(userToken: string): Promise<Permalink>;
  /** `POST /permalink/USER_TOKEN`: starts (or joins) the permalink meeting as that host. */
  startPermalinkMeeting(userToken: string): Promise<Room>;

  /** `POST /rooms/ACCESS_KEY/messages`; `type` defaults to `chat` (the API requires one). */
  sendMessage(accessKey: string, args: SendMessageBody): Promise<void>;
  /** `POST /rooms/ACCESS_KEY/layers`: an image by URL (JSON) or uploaded file (multipart). */
  addLayer(accessKey: string, args: AddLayerBody): Promise<void>;
  /** `DELETE /rooms/ACCESS_KEY/layers/INDEX`: clears the foreground (1) or background (-1) layer. */
  removeLayer(accessKey: string, index: 1 | -1, opts?: DeleteOptions): Promise<boolean>;
  /** `POST /rooms/ACCESS_KEY/layout`: sets the podium layout; `map` boxes go out as JSON tuples. */
  setLayout(accessKey: string, args: SetLayoutBody): Promise<void>;
  /** `POST /rooms/ACCESS_KEY/playbacks`: plays a public media URL into the meeting (flat keys). */
  startPlayback(accessKey: string, args: StartPlaybackBody): Promise<void>;
  /** `DELETE /rooms/ACCESS_KEY/playbacks/PLAY_ID`. */
  stopPlayback(accessKey: string, playId: string, opts?: DeleteOptions): Promise<boolean>;
  /** `POST /rooms/ACCESS_KEY/broadcasts`: starts the one RTMP live stream. */
  startBroadcast(accessKey: string, args: StartBroadcastBody): Promise<void>;
  /** `PUT /rooms/ACCESS_KEY/broadcasts`: changes the public player URL. */
  updateBroadcast(accessKey: string, args: UpdateBroadcastBody): Promise<void>;
  /** `DELETE /rooms/ACCESS_KEY/broadcasts`. */
  stopBroadcast(accessKey: string, opts?: DeleteOptions): Promise<boolean>;

  /** `POST /rooms/ACCESS_KEY/recording`: no id comes back; it arrives by webhook. */
  startRecording(accessKey: string): Promise<void>;
  /** `DELETE /rooms/ACCESS_KEY/recording`. */
  stopRecording(accessKey: string): Promise<void>;
  /** `GET /recordings/RECORDING_ID`: details and a fresh download link. */
  getRecording(recordingId: string): Promise<Recording>;
  /** `DELETE /recordings/RECORDING_ID`. */
  deleteRecording(recordingId: string, opts?: DeleteOptions): Promise<boolean>;
  /** `GET /rooms/ROOM_ID/recordings`: one page of 25, or every page with `all: true`. */
  listRoomRecordings(roomId: string, args?: ListRoomDocumentsQuery): Promise<Recording[]>;
  /** `POST /rooms/ACCESS_KEY/snapshot`: the snapshot arrives by webhook. */
  takeSnapshot(accessKey: string): Promise<void>;
  /** `GET /snapshots/SNAPSHOT_ID`: details and a fresh download link (API key). */
  getSnapshot(snapshotId: string): Promise<Snapshot>;
  /** `GET /rooms/ACCESS_KEY/snapshots/SNAPSHOT_ID`: the same, by access key. */
  getRoomSnapshot(accessKey: string, snapshotId: string): Promise<Snapshot>;
  /** `DELETE /snapshots/SNAPSHOT_ID`. */
  deleteSnapshot(snapshotId: string, opts?: DeleteOptions): Promise<boolean>;
  /** `GET /rooms/ROOM_ID/snapshots`: one page of 25, or every page with `all: true`. */
  listRoomSnapshots(roomId: string, args?: ListRoomDocumentsQuery): Promise<Snapshot[]>;

  /** `POST /rooms/ROOM_ID/forward/source`: forwards one participant's media to a WHIP endpoint. */
  forwardSource(roomId: string, args: ForwardSourceBody): Promise<void>;
  /** `POST /rooms/ROOM_ID/forward/mcu`: forwards the composed meeting stream. */
  forwardMcu(roomId: string, args: ForwardMcuBody): Promise<void>;
  /** `POST /rooms/ROOM_ID/forward/playback`: forwards a running playback. */
  forwardPlayback(roomId: string, args: ForwardPlaybackBody): Promise<void>;
  /** `DELETE /rooms/ROOM_ID/forward/FORWARD_ID`. */
  stopForward(roomId: string, forwardId: string, opts?: DeleteOptions): Promise<boolean>;

  /** `POST /webhooks`: registers the API key's one webhook, replacing any other; `types` go comma-joined. */
  registerWebhook(args: RegisterWebhookBody): Promise<void>;
  /** Resolves `null` when no webhook is registered (empty body, JSON null or 404; `docs/api-notes.md`, "Webhooks"). */
  /** `GET /webhooks`: the registered webhook, or null (404, empty body, JSON null, or no `id`). */
  getWebhook(): Promise<Webhook | null>;
  /** `DELETE /webhooks/WEBHOOK_ID`. */
  deleteWebhook(webhookId: string, opts?: DeleteOptions): Promise<boolean>;
}
