/**
 * The emulator's in-memory state and the rules that change it. Routes validate and authorise a request,
 * then call one method here; views turn the records into wire JSON. Domain failures are `ApiError`s with
 * the status the API documents (§3), so every route answers them the same way.
 */
import { randomInt } from "node:crypto";
import type {
  AccessKeyRecord,
  BroadcastRecord,
  ForwardRecord,
  LayerRecord,
  MeetingRecord,
  MessageRecord,
  OptionsRecord,
  PermalinkHostRecord,
  PermalinkRecord,
  PlaybackRecord,
  RecordingRecord,
  RoomRecord,
  SnapshotRecord,
  UserRecord,
  WebhookEventType,
  WebhookRecord,
} from "./entities";
import { ApiError, notFound } from "./errors";

/** Options as accepted from a request: every key optional, already validated. */
export type OptionsInput = Partial<OptionsRecord>;

/** A user from a request (`user[name]`, `user[id]`, `user[avatar]`). */
export interface UserInputValue {
  name: string;
  id?: string;
  avatar?: string;
}

/** Something that happened that a webhook may report; payloads are built when the event fires. */
export type StoreEvent =
  | { readonly type: "room_update"; readonly meeting: MeetingRecord }
  | { readonly type: "recording_update"; readonly recording: RecordingRecord }
  | { readonly type: "snapshot_update"; readonly snapshot: SnapshotRecord }
  | {
      readonly type: "participant_update";
      readonly meeting: MeetingRecord;
      readonly user: UserRecord;
      readonly online: boolean;
    };

/** Construction options of the store. */
export interface StoreOptions {
  readonly apiKeys: readonly string[];
  readonly seed?: number;
  readonly clock?: () => Date;
}

/** Where a guest token leads: a room's meeting instance or a permalink (whose meeting comes and goes). */
export type GuestTokenTarget = { readonly meetingId: string } | { readonly permalinkId: string };

/** Filters of the room recording and snapshot lists (§1.4). */
export interface DocumentFilters {
  page?: number;
  started_at?: string;
  since?: string;
  until?: string;
}

/** Page size of the room recording and snapshot lists ("limit is 25"). */
export const DOCUMENT_PAGE_SIZE = 25;

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const HEX = "0123456789abcdef";

/** A source of random integers: seeded (mulberry32, deterministic) or from node:crypto. */
class Random {
  private state: number;
  constructor(private readonly seed: number | undefined) {
    this.state = (seed ?? 0) >>> 0;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    if (this.seed === undefined) return randomInt(n);
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return Math.floor(r * n);
  }
  string(alphabet: string, length: number): string {
    let out = "";
    for (let i = 0; i < length; i += 1) out += alphabet[this.int(alphabet.length)];
    return out;
  }
}

/** Room options when the request gives none (§3.1 defaults; `lock_available` is off by default). */
function roomDefaults(): OptionsRecord {
  return {
    show_names: true,
    show_label: true,
    exit_url: null,
    recording_available: true,
    broadcast_available: true,
    layout_available: true,
    layout: "auto",
    reaction_available: true,
    suggest_guest_names: true,
    lock_available: false,
    kick_available: true,
    sfu_mode: "ptp",
    layout_users: null,
    layout_name: null,
    layout_map: null,
    voice_activation: false,
    custom_fields: {},
    widescreen: false,
    background_color: "#121212",
    guest_token_available: true,
    audio_insert: "audio_only",
    audio_insert_position: null,
  };
}

/** A permalink's defaults: a room's, but widescreen (§9 item 3). */
function permalinkDefaults(): OptionsRecord {
  return { ...roomDefaults(), widescreen: true };
}

/** Room options: the defaults with `overrides` applied as an update (see `mergeOptions`). */
export function defaultOptions(overrides: OptionsInput = {}, defaults = roomDefaults()): OptionsRecord {
  mergeOptions(defaults, overrides, structuredClone(defaults));
  return defaults;
}

/**
 * Applies a partial options update, normalised the way a server might store it (colours in lower case, URLs
 * in their parsed form). `null` sets an option back to its default and removes a custom field; other
 * `custom_fields` are merged key by key.
 */
function mergeOptions(target: OptionsRecord, input: OptionsInput, defaults: OptionsRecord): void {
  const { custom_fields: customFields, ...rest } = input;
  const record = target as unknown as Record<string, unknown>;
  const fallback = defaults as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(rest)) {
    if (value === undefined) continue;
    record[key] = value === null ? structuredClone(fallback[key]) : normaliseOption(key, value);
  }
  if (customFields) {
    const fields: Record<string, unknown> = { ...target.custom_fields };
    for (const [key, value] of Object.entries(customFields as Record<string, unknown>)) {
      if (value === null) delete fields[key];
      else if (value !== undefined) fields[key] = normaliseOption(key, value);
    }
    target.custom_fields = fields as OptionsRecord["custom_fields"];
  }
}

function normaliseOption(key: string, value: unknown): unknown {
  if (typeof value !== "string") return value;
  if (key === "background_color") return value.toLowerCase();
  if (key === "exit_url" || key === "logo" || key === "virtual_background_image") {
    try {
      return new URL(value).href;
    } catch {
      return value;
    }
  }
  return value;
}

function cloneOptions(options: OptionsRecord): OptionsRecord {
  return structuredClone(options);
}

/** The in-memory state of one emulator: rooms, meetings, permalinks, documents and webhooks per API key. */
export class EmulatorStore {
  /** Configured API keys; each sees only its own objects. */
  readonly apiKeys: readonly string[];
  /** Meeting instances by internal id (running and ended). */
  readonly meetings = new Map<string, MeetingRecord>();
  /** Every access key ever issued (ended meetings' keys stay, so they can answer 410). */
  readonly accessKeys = new Map<string, AccessKeyRecord>();
  /** Guest tokens of rooms and permalinks (an ended meeting's token stays, so it can answer 410). */
  readonly guestTokens = new Map<string, GuestTokenTarget>();
  /** Permalinks by id (deleted ones are removed). */
  readonly permalinks = new Map<string, PermalinkRecord>();
  /** Permalink host tokens, including revoked ones. */
  readonly userTokens = new Map<
    string,
    { readonly permalinkId: string; readonly host: PermalinkHostRecord }
  >();
  /** Recordings by id. */
  readonly recordings = new Map<string, RecordingRecord>();
  /** Snapshots by id. */
  readonly snapshots = new Map<string, SnapshotRecord>();
  /** The webhook of each API key. */
  readonly webhooks = new Map<string, WebhookRecord>();
  /** Base URL used in links (set by the server once it listens). */
  origin = "http://127.0.0.1";
  /** Receives every event a webhook could report. */
  listener: ((event: StoreEvent) => void) | undefined;

  private readonly rooms = new Map<string, RoomRecord>();
  private readonly clock: () => Date;
  private seed: number | undefined;
  private random: Random;

  /** Creates an empty store. */
  constructor(options: StoreOptions) {
    this.apiKeys = [...options.apiKeys];
    this.clock = options.clock ?? (() => new Date());
    this.seed = options.seed;
    this.random = new Random(options.seed);
  }

  /** Empties every collection; a `seed` given here replaces the one from construction. */
  reset(seed?: number): void {
    this.meetings.clear();
    this.accessKeys.clear();
    this.guestTokens.clear();
    this.permalinks.clear();
    this.userTokens.clear();
    this.recordings.clear();
    this.snapshots.clear();
    this.webhooks.clear();
    this.rooms.clear();
    if (seed !== undefined) this.seed = seed;
    this.random = new Random(this.seed);
  }

  /** The current time from the injected clock. */
  now(): Date {
    return this.clock();
  }

  /** The current time as ISO 8601 with milliseconds. */
  nowIso(): string {
    return this.now().toISOString();
  }

  /** A new 24-hex id (MongoDB ObjectId style, §1.5). */
  newId(): string {
    return this.random.string(HEX, 24);
  }

  /** A new 24-character alphanumeric access key or token (§1.5). */
  newToken(): string {
    return this.random.string(ALPHANUMERIC, 24);
  }

  /** A random string of `length` alphanumeric characters (default API keys). */
  newSecret(length: number): string {
    return this.random.string(ALPHANUMERIC, length);
  }

  private emit(event: StoreEvent): void {
    this.listener?.(event);
  }

  // ---------------------------------------------------------------- rooms and meetings

  /** The room `roomId` of `apiKey`, if a meeting was ever started in it. */
  room(apiKey: string, roomId: string): RoomRecord | undefined {
    return this.rooms.get(`${apiKey}\u0000${roomId}`);
  }

  /** True when any API key ever had a meeting in a room with this id. */
  knowsRoomId(roomId: string): boolean {
    for (const room of this.rooms.values()) if (room.id === roomId) return true;
    return false;
  }

  /** The running meeting in a room, if any. */
  runningMeeting(apiKey: string, roomId: string): MeetingRecord | undefined {
    const room = this.room(apiKey, roomId);
    return room?.currentMeetingId ? this.meetings.get(room.currentMeetingId) : undefined;
  }

  /** Running meetings of an API key, oldest first. */
  runningMeetings(apiKey: string): MeetingRecord[] {
    return [...this.meetings.values()].filter((m) => m.apiKey === apiKey && m.endedAt === null);
  }

  private ensureRoom(apiKey: string, roomId: string): RoomRecord {
    const key = `${apiKey}\u0000${roomId}`;
    let room = this.rooms.get(key);
    if (!room) {
      room = { apiKey, id: roomId, meetingIds: [], currentMeetingId: null };
      this.rooms.set(key, room);
    }
    return room;
  }

  private newMeeting(
    apiKey: string,
    roomId: string,
    name: string,
    options: OptionsRecord,
    permalinkId: string | null,
  ): MeetingRecord {
    const room = this.ensureRoom(apiKey, roomId);
    let guestToken: string | null = null;
    if (permalinkId) {
      guestToken = this.permalinks.get(permalinkId)?.guestToken ?? null;
    } else if (options.guest_token_available) {
      guestToken = this.newToken();
    }
    const meeting: MeetingRecord = {
      internalId: this.newId(),
      apiKey,
      roomId,
      name,
      permalinkId,
      startedAt: this.nowIso(),
      endedAt: null,
      ready: false,
      locked: false,
      guestToken,
      options,
      participants: new Map(),
      playbacks: [],
      broadcast: null,
      layers: { foreground: null, background: null },
      recordingId: null,
      snapshotIds: [],
      forwards: new Map(),
      messages: [],
    };
    this.meetings.set(meeting.internalId, meeting);
    if (guestToken && !permalinkId) this.guestTokens.set(guestToken, { meetingId: meeting.internalId });
    room.meetingIds.push(meeting.internalId);
    room.currentMeetingId = meeting.internalId;
    this.emit({ type: "room_update", meeting });
    return meeting;
  }

  /** Adds a user to a meeting (or re-joins one with the same id) and issues a new access key. */
  private join(meeting: MeetingRecord, user: UserInputValue, guest: boolean): AccessKeyRecord {
    if (meeting.locked) throw new ApiError(423, "Meeting is locked");
    const id = user.id ?? this.newId();
    let participant = meeting.participants.get(id);
    if (!participant) {
      participant = {
        user: { id, name: user.name, avatar: user.avatar ?? null, guest, joinedAt: this.nowIso() },
        ready: false,
      };
      meeting.participants.set(id, participant);
      this.emit({ type: "participant_update", meeting, user: participant.user, online: true });
    }
    const record: AccessKeyRecord = { accessKey: this.newToken(), meetingId: meeting.internalId, userId: id };
    this.accessKeys.set(record.accessKey, record);
    return record;
  }

  /**
   * `POST /rooms`: starts a meeting in the room, or joins the running one when a meeting with that room id is
   * already running (the request's options and name are then ignored, as the meeting already has them).
   */
  startRoom(
    apiKey: string,
    input: { id?: string; name?: string; user: UserInputValue; options?: OptionsInput },
  ): AccessKeyRecord {
    const roomId = input.id ?? this.newId();
    const running = this.runningMeeting(apiKey, roomId);
    if (running) return this.join(running, input.user, false);
    if (this.permalinks.get(roomId)?.apiKey === apiKey) {
      throw new ApiError(400, "Invalid parameter: id (the room of a permalink is started by a host token)");
    }
    const meeting = this.newMeeting(
      apiKey,
      roomId,
      input.name ?? input.user.name,
      defaultOptions(input.options),
      null,
    );
    return this.join(meeting, input.user, false);
  }

  /** Resolves an access key: 404 when unknown, 410 once its meeting has ended (§1.1). */
  resolveAccessKey(accessKey: string): { record: AccessKeyRecord; meeting: MeetingRecord } {
    const record = this.accessKeys.get(accessKey);
    if (!record) throw new ApiError(404, "Invalid access key");
    const meeting = this.meetings.get(record.meetingId);
    if (!meeting || meeting.endedAt !== null) throw new ApiError(410, "Access key expired");
    return { record, meeting };
  }

  /**
   * Readiness (an emulator choice): a meeting starts with `ready: false`, like the API's `POST /rooms`
   * example, and becomes ready at the first `GET /rooms/ACCESS_KEY` of any of its users; the user whose
   * key was used becomes ready too.
   */
  markReady(meeting: MeetingRecord, userId: string): void {
    const participant = meeting.participants.get(userId);
    if (participant) participant.ready = true;
    if (!meeting.ready) {
      meeting.ready = true;
      this.emit({ type: "room_update", meeting });
    }
  }

  /** Ends a meeting: stops its recording, broadcast, playbacks and forwards; its keys answer 410 afterwards. */
  endMeeting(meeting: MeetingRecord): void {
    if (meeting.endedAt !== null) return;
    if (meeting.recordingId) this.stopRecording(meeting);
    meeting.broadcast = null;
    meeting.playbacks = [];
    meeting.forwards.clear();
    meeting.endedAt = this.nowIso();
    const room = this.room(meeting.apiKey, meeting.roomId);
    if (room && room.currentMeetingId === meeting.internalId) room.currentMeetingId = null;
    this.emit({ type: "room_update", meeting });
  }

  /** `POST /rooms/ACCESS_KEY/lock`: 403 unless `lock_available` (default false). */
  lock(meeting: MeetingRecord): void {
    if (!meeting.options.lock_available) throw new ApiError(403, "Locking is not available in this room");
    meeting.locked = true;
  }

  /** `DELETE /rooms/ACCESS_KEY/users/USER_ID`: 403 unless `kick_available`; the user leaves the meeting. */
  kick(meeting: MeetingRecord, userId: string): void {
    if (!meeting.options.kick_available) throw new ApiError(403, "Kicking is not available in this room");
    const participant = meeting.participants.get(userId);
    if (!participant) throw notFound("User");
    meeting.participants.delete(userId);
    this.emit({ type: "participant_update", meeting, user: participant.user, online: false });
  }

  /** `POST /guests/GUEST_TOKEN`: joins the running meeting of a room or permalink as a guest. */
  registerGuest(guestToken: string, user: UserInputValue): AccessKeyRecord {
    const target = this.guestTokens.get(guestToken);
    if (!target) throw new ApiError(404, "Invalid guest token");
    let meeting: MeetingRecord | undefined;
    if ("meetingId" in target) {
      meeting = this.meetings.get(target.meetingId);
    } else {
      const permalink = this.permalinks.get(target.permalinkId);
      if (!permalink) throw new ApiError(404, "Invalid guest token");
      meeting = this.runningMeeting(permalink.apiKey, permalink.id);
      if (!meeting) throw new ApiError(410, "The permalink meeting has not been started");
    }
    if (!meeting || meeting.endedAt !== null) throw new ApiError(410, "Meeting has ended");
    return this.join(meeting, user, true);
  }

  // ---------------------------------------------------------------- permalinks

  /** Permalinks of an API key in creation order. */
  permalinksOf(apiKey: string): PermalinkRecord[] {
    return [...this.permalinks.values()].filter((p) => p.apiKey === apiKey);
  }

  /** A permalink of `apiKey`, or 404. */
  permalink(apiKey: string, permalinkId: string): PermalinkRecord {
    const permalink = this.permalinks.get(permalinkId);
    if (!permalink || permalink.apiKey !== apiKey) throw notFound("Permalink");
    return permalink;
  }

  /** True when the permalink's `expires_at` has passed. */
  isExpired(permalink: PermalinkRecord): boolean {
    return permalink.expiresAt !== null && Date.parse(permalink.expiresAt) <= this.now().getTime();
  }

  private newHost(permalinkId: string, user: UserInputValue): PermalinkHostRecord {
    const host: PermalinkHostRecord = {
      user: {
        id: user.id ?? this.newId(),
        name: user.name,
        avatar: user.avatar ?? null,
        guest: false,
        joinedAt: this.nowIso(),
      },
      userToken: this.newToken(),
      revoked: false,
    };
    this.userTokens.set(host.userToken, { permalinkId, host });
    return host;
  }

  /** `POST /permalink`: the creator becomes the first host. Permalinks default to widescreen (§9 item 3). */
  createPermalink(
    apiKey: string,
    input: { name?: string; user: UserInputValue; expires_at?: string; options?: OptionsInput },
  ): { permalink: PermalinkRecord; host: PermalinkHostRecord } {
    const id = this.newId();
    const permalink: PermalinkRecord = {
      id,
      apiKey,
      name: input.name ?? input.user.name,
      createdAt: this.nowIso(),
      expiresAt: input.expires_at ? new Date(input.expires_at).toISOString() : null,
      guestToken: this.newToken(),
      options: defaultOptions(input.options, permalinkDefaults()),
      hosts: [],
      deleted: false,
    };
    const host = this.newHost(id, input.user);
    permalink.hosts.push(host);
    this.permalinks.set(id, permalink);
    this.guestTokens.set(permalink.guestToken, { permalinkId: id });
    return { permalink, host };
  }

  /** `PUT /permalink/ID`: partial update; a running permalink meeting takes the new options at once. */
  updatePermalink(
    permalink: PermalinkRecord,
    input: { name?: string; expires_at?: string | null; options?: OptionsInput },
  ): void {
    if (input.name !== undefined) permalink.name = input.name;
    if (input.expires_at !== undefined) {
      permalink.expiresAt = input.expires_at === null ? null : new Date(input.expires_at).toISOString();
    }
    if (input.options) {
      mergeOptions(permalink.options, input.options, permalinkDefaults());
      const running = this.runningMeeting(permalink.apiKey, permalink.id);
      if (running) mergeOptions(running.options, input.options, permalinkDefaults());
    }
    const running = this.runningMeeting(permalink.apiKey, permalink.id);
    if (running && input.name !== undefined) running.name = input.name;
  }

  /** `DELETE /permalink/ID`: revokes all host tokens and the guest token, and ends a running meeting. */
  deletePermalink(permalink: PermalinkRecord): void {
    const running = this.runningMeeting(permalink.apiKey, permalink.id);
    if (running) this.endMeeting(running);
    for (const host of permalink.hosts) host.revoked = true;
    permalink.deleted = true;
    this.guestTokens.delete(permalink.guestToken);
    this.permalinks.delete(permalink.id);
  }

  /** `POST /permalink/ID/users`: a new host with their own token. */
  addHost(permalink: PermalinkRecord, user: UserInputValue): PermalinkHostRecord {
    if (user.id !== undefined && permalink.hosts.some((h) => !h.revoked && h.user.id === user.id)) {
      throw new ApiError(400, "Invalid parameter: user[id] (already a host of this permalink)");
    }
    const host = this.newHost(permalink.id, user);
    permalink.hosts.push(host);
    return host;
  }

  /**
   * `DELETE /permalink/ID/users/USER_TOKEN`: revokes the host's token (decision 4). The last host cannot be
   * removed (an emulator choice: a permalink always has a host to answer with).
   */
  removeHost(permalink: PermalinkRecord, userToken: string): void {
    const entry = this.userTokens.get(userToken);
    if (!entry || entry.permalinkId !== permalink.id || entry.host.revoked) throw notFound("Host");
    if (this.activeHosts(permalink).length <= 1) {
      throw new ApiError(400, "Cannot remove the last host of a permalink");
    }
    entry.host.revoked = true;
  }

  /** Hosts whose tokens still work, in registration order. */
  activeHosts(permalink: PermalinkRecord): PermalinkHostRecord[] {
    return permalink.hosts.filter((h) => !h.revoked);
  }

  /** Resolves a host token: 404 when unknown or revoked. */
  resolveUserToken(userToken: string): { permalink: PermalinkRecord; host: PermalinkHostRecord } {
    const entry = this.userTokens.get(userToken);
    const permalink = entry ? this.permalinks.get(entry.permalinkId) : undefined;
    if (!entry || entry.host.revoked || !permalink) throw new ApiError(404, "Invalid user token");
    return { permalink, host: entry.host };
  }

  /**
   * `POST /permalink/USER_TOKEN`: starts the permalink meeting (or joins it when running). An expired
   * permalink cannot start a meeting: 410 (an emulator choice); a running one can still be joined.
   */
  startPermalinkMeeting(userToken: string): AccessKeyRecord {
    const { permalink, host } = this.resolveUserToken(userToken);
    let meeting = this.runningMeeting(permalink.apiKey, permalink.id);
    if (!meeting) {
      if (this.isExpired(permalink)) throw new ApiError(410, "Permalink expired");
      meeting = this.newMeeting(
        permalink.apiKey,
        permalink.id,
        permalink.name,
        cloneOptions(permalink.options),
        permalink.id,
      );
    }
    return this.join(
      meeting,
      { name: host.user.name, id: host.user.id, avatar: host.user.avatar ?? undefined },
      false,
    );
  }

  // ---------------------------------------------------------------- activities

  /** `POST /rooms/ACCESS_KEY/messages` (kept for inspection; the API stores none). */
  sendMessage(meeting: MeetingRecord, message: MessageRecord): void {
    meeting.messages.push(message);
  }

  /** `POST /rooms/ACCESS_KEY/layers`: replaces the layer at that z-index. */
  setLayer(meeting: MeetingRecord, layer: LayerRecord): void {
    if (layer.zIndex === 1) meeting.layers.foreground = layer;
    else meeting.layers.background = layer;
  }

  /** `DELETE /rooms/ACCESS_KEY/layers/INDEX`: 404 when no layer is set there. */
  clearLayer(meeting: MeetingRecord, zIndex: 1 | -1): void {
    const slot = zIndex === 1 ? "foreground" : "background";
    if (!meeting.layers[slot]) throw notFound("Layer");
    meeting.layers[slot] = null;
  }

  /** `POST /rooms/ACCESS_KEY/layout`: updates the layout options; 405 unless `layout_available`. */
  setLayout(meeting: MeetingRecord, input: OptionsInput & { reset?: boolean }): void {
    if (!meeting.options.layout_available) throw new ApiError(405, "Layout is not available in this room");
    const { reset, ...changes } = input;
    if (reset) {
      meeting.options.layout_users = null;
      meeting.options.layout_name = null;
      meeting.options.layout_map = null;
    }
    Object.assign(meeting.options, changes);
  }

  /** `POST /rooms/ACCESS_KEY/playbacks`: 409 when a playback with that `play_id` is already playing. */
  startPlayback(meeting: MeetingRecord, playback: PlaybackRecord): void {
    if (playback.play_id !== null && meeting.playbacks.some((p) => p.play_id === playback.play_id)) {
      throw new ApiError(409, "A playback with this play_id is already playing");
    }
    meeting.playbacks.push(playback);
  }

  /** `DELETE /rooms/ACCESS_KEY/playbacks/PLAY_ID`: 404 when nothing plays under that id. */
  stopPlayback(meeting: MeetingRecord, playId: string): void {
    const index = meeting.playbacks.findIndex((p) => p.play_id === playId);
    if (index < 0) throw notFound("Playback");
    meeting.playbacks.splice(index, 1);
  }

  /** `POST /rooms/ACCESS_KEY/broadcasts`: 405 unless `broadcast_available`; 406 while one runs (one RTMP target). */
  startBroadcast(meeting: MeetingRecord, broadcast: Omit<BroadcastRecord, "id">): void {
    if (!meeting.options.broadcast_available)
      throw new ApiError(405, "Broadcasting is not available in this room");
    if (meeting.broadcast) throw new ApiError(406, "A broadcast is already running");
    meeting.broadcast = { id: this.newId(), ...broadcast };
  }

  /** `PUT /rooms/ACCESS_KEY/broadcasts`: 404 when no broadcast runs. */
  updateBroadcast(meeting: MeetingRecord, playerUrl: string): void {
    if (!meeting.options.broadcast_available)
      throw new ApiError(405, "Broadcasting is not available in this room");
    if (!meeting.broadcast) throw notFound("Broadcast");
    meeting.broadcast.player_url = playerUrl;
  }

  /** `DELETE /rooms/ACCESS_KEY/broadcasts`: 404 when no broadcast runs. */
  stopBroadcast(meeting: MeetingRecord): void {
    if (!meeting.broadcast) throw notFound("Broadcast");
    meeting.broadcast = null;
  }

  // ---------------------------------------------------------------- recordings and snapshots

  /** `POST /rooms/ACCESS_KEY/recording`: 405 unless `recording_available`; 406 while one runs. */
  startRecording(meeting: MeetingRecord, userId: string): RecordingRecord {
    if (!meeting.options.recording_available)
      throw new ApiError(405, "Recording is not available in this room");
    if (meeting.recordingId) throw new ApiError(406, "A recording is already running");
    const now = this.now();
    const recording: RecordingRecord = {
      id: this.newId(),
      apiKey: meeting.apiKey,
      roomId: meeting.roomId,
      meetingId: meeting.internalId,
      createdAt: Math.floor(now.getTime() / 1000),
      startedAtMs: now.getTime(),
      duration: null,
      finished: false,
      user: { ...this.userOf(meeting, userId) },
    };
    this.recordings.set(recording.id, recording);
    meeting.recordingId = recording.id;
    this.emit({ type: "recording_update", recording: { ...recording } });
    return recording;
  }

  /**
   * `DELETE /rooms/ACCESS_KEY/recording`: 404 when none runs. The recording is stopped (duration set) and
   * finishes processing at once (download link set); webhooks see both states, in that order.
   */
  stopRecording(meeting: MeetingRecord): RecordingRecord {
    const recording = meeting.recordingId ? this.recordings.get(meeting.recordingId) : undefined;
    meeting.recordingId = null;
    if (!recording) throw notFound("Recording");
    recording.duration = Math.max(0, Math.round((this.now().getTime() - recording.startedAtMs) / 1000));
    this.emit({ type: "recording_update", recording: { ...recording } });
    recording.finished = true;
    this.emit({ type: "recording_update", recording: { ...recording } });
    return recording;
  }

  /** A recording of `apiKey`, or 404. */
  recording(apiKey: string, id: string): RecordingRecord {
    const recording = this.recordings.get(id);
    if (!recording || recording.apiKey !== apiKey) throw notFound("Recording");
    return recording;
  }

  /** `DELETE /recordings/ID`; deleting the running recording stops it first. */
  deleteRecording(recording: RecordingRecord): void {
    const meeting = this.meetings.get(recording.meetingId);
    if (meeting?.recordingId === recording.id) meeting.recordingId = null;
    this.recordings.delete(recording.id);
  }

  /** `POST /rooms/ACCESS_KEY/snapshot`: the snapshot exists at once, with a download link. */
  takeSnapshot(meeting: MeetingRecord, userId: string): SnapshotRecord {
    const now = this.now();
    const snapshot: SnapshotRecord = {
      id: this.newId(),
      apiKey: meeting.apiKey,
      roomId: meeting.roomId,
      meetingId: meeting.internalId,
      name: String(Math.floor(now.getTime() / 1000)),
      createdAt: now.toISOString(),
      creator: { ...this.userOf(meeting, userId) },
    };
    this.snapshots.set(snapshot.id, snapshot);
    meeting.snapshotIds.push(snapshot.id);
    this.emit({ type: "snapshot_update", snapshot });
    return snapshot;
  }

  /** A snapshot of `apiKey`, or 404. */
  snapshot(apiKey: string, id: string): SnapshotRecord {
    const snapshot = this.snapshots.get(id);
    if (!snapshot || snapshot.apiKey !== apiKey) throw notFound("Snapshot");
    return snapshot;
  }

  /** `DELETE /snapshots/ID`. */
  deleteSnapshot(snapshot: SnapshotRecord): void {
    const meeting = this.meetings.get(snapshot.meetingId);
    if (meeting) meeting.snapshotIds = meeting.snapshotIds.filter((id) => id !== snapshot.id);
    this.snapshots.delete(snapshot.id);
  }

  /**
   * The room recording/snapshot lists: newest first, 25 per page; `started_at` picks one meeting instance,
   * `since`/`until` bound the creation time. 404 when the key never had a meeting in that room.
   */
  roomDocuments<T extends RecordingRecord | SnapshotRecord>(
    apiKey: string,
    roomId: string,
    all: Iterable<T>,
    filters: DocumentFilters,
  ): T[] {
    if (!this.room(apiKey, roomId)) throw notFound("Room");
    const createdMs = (doc: RecordingRecord | SnapshotRecord): number =>
      typeof doc.createdAt === "number" ? doc.createdAt * 1000 : Date.parse(doc.createdAt);
    const startedAt = filters.started_at !== undefined ? Date.parse(filters.started_at) : undefined;
    const since = filters.since !== undefined ? Date.parse(filters.since) : undefined;
    const until = filters.until !== undefined ? Date.parse(filters.until) : undefined;
    const matching = [...all]
      .map((doc, order) => ({ doc, order }))
      .filter(({ doc }) => {
        if (doc.apiKey !== apiKey || doc.roomId !== roomId) return false;
        if (startedAt !== undefined) {
          const meeting = this.meetings.get(doc.meetingId);
          if (!meeting || Date.parse(meeting.startedAt) !== startedAt) return false;
        }
        if (since !== undefined && createdMs(doc) < since) return false;
        if (until !== undefined && createdMs(doc) > until) return false;
        return true;
      })
      .sort((a, b) => createdMs(b.doc) - createdMs(a.doc) || b.order - a.order)
      .map(({ doc }) => doc);
    const page = filters.page ?? 1;
    return matching.slice((page - 1) * DOCUMENT_PAGE_SIZE, page * DOCUMENT_PAGE_SIZE);
  }

  /** The user record of a participant (or of a kicked user whose key is still used). */
  userOf(meeting: MeetingRecord, userId: string): UserRecord {
    const participant = meeting.participants.get(userId);
    if (participant) return participant.user;
    for (const other of this.meetings.values()) {
      const found = other.participants.get(userId);
      if (found) return found.user;
    }
    return { id: userId, name: userId, avatar: null, guest: false, joinedAt: meeting.startedAt };
  }

  // ---------------------------------------------------------------- forwards

  /** The running meeting of a room for the forward calls, or 404. */
  forwardMeeting(apiKey: string, roomId: string): MeetingRecord {
    const meeting = this.runningMeeting(apiKey, roomId);
    if (!meeting) throw notFound("Room");
    return meeting;
  }

  /** `POST /rooms/ROOM_ID/forward/*`: `forward_id` must be unique among the room's running forwards (409). */
  addForward(meeting: MeetingRecord, forward: ForwardRecord): void {
    if (meeting.forwards.has(forward.forwardId)) {
      throw new ApiError(409, "A forward with this forward_id is already running in this room");
    }
    meeting.forwards.set(forward.forwardId, forward);
  }

  /** `DELETE /rooms/ROOM_ID/forward/FORWARD_ID`: 404 when no such forward runs. */
  stopForward(meeting: MeetingRecord, forwardId: string): void {
    if (!meeting.forwards.delete(forwardId)) throw notFound("Forward");
  }

  // ---------------------------------------------------------------- webhooks

  /** `POST /webhooks`: one webhook per API key; a new registration replaces the old one (new id). */
  registerWebhook(apiKey: string, url: string, types: WebhookEventType[]): WebhookRecord {
    const webhook: WebhookRecord = {
      id: this.newId(),
      apiKey,
      url,
      types,
      lastRequestSentAt: null,
      lastResponseCode: null,
    };
    this.webhooks.set(apiKey, webhook);
    return webhook;
  }

  /** `DELETE /webhooks/ID`: 404 unless `id` is this key's webhook. */
  deleteWebhook(apiKey: string, id: string): void {
    const webhook = this.webhooks.get(apiKey);
    if (!webhook || webhook.id !== id) throw notFound("Webhook");
    this.webhooks.delete(apiKey);
  }
}
