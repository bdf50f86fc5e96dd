/**
 * The core of the emulator's in-memory state: the collections, ids, the clock, events and room lookups. The
 * areas of the API (`documents`, `meetings`, `permalinks`, `activities`, `forwards`, `webhooks`, one file each)
 * are collaborators that share this core; the `index` module holds them together as one store.
 *
 * Routes validate and authorise a request, then call one area's method; views turn the records into wire JSON.
 * Domain failures are `ApiError`s with the status the API documents, so every route answers them the same way.
 */
import { randomInt } from "node:crypto";
import { TOKEN_LENGTH } from "../../provider/tokenShape";
import type {
  AccessKeyRecord,
  ForwardRecord,
  MeetingRecord,
  ParticipantRecord,
  PermalinkHostRecord,
  PermalinkRecord,
  RecordingRecord,
  RoomRecord,
  SnapshotRecord,
  UserRecord,
  WebhookRecord,
} from "../entities";

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

/** The store's contents as JSON-ready data (see `StoreCore.exportState`). */
export interface StoreSnapshot {
  readonly apiKeys: readonly string[];
  readonly randomState: number;
  readonly meetings: ReadonlyArray<
    Omit<MeetingRecord, "participants" | "forwards"> & {
      readonly participants: ReadonlyArray<[string, ParticipantRecord]>;
      readonly forwards: ReadonlyArray<[string, ForwardRecord]>;
    }
  >;
  readonly accessKeys: readonly AccessKeyRecord[];
  readonly guestTokens: ReadonlyArray<[string, GuestTokenTarget]>;
  readonly permalinks: readonly PermalinkRecord[];
  readonly userTokens: ReadonlyArray<[string, { permalinkId: string; host: PermalinkHostRecord }]>;
  readonly recordings: readonly RecordingRecord[];
  readonly snapshots: readonly SnapshotRecord[];
  readonly webhooks: ReadonlyArray<[string, WebhookRecord]>;
  readonly rooms: ReadonlyArray<[string, RoomRecord]>;
}

/** Construction options of the store. */
export interface StoreOptions {
  readonly apiKeys: readonly string[];
  readonly seed?: number;
  readonly clock?: () => Date;
}

/** Where a guest token leads: a room's meeting instance or a permalink (whose meeting comes and goes). */
export type GuestTokenTarget = { readonly meetingId: string } | { readonly permalinkId: string };

/** The key of a room in `StoreCore.rooms`: room ids are per API key. */
function roomKey(apiKey: string, roomId: string): string {
  return `${apiKey}\u0000${roomId}`;
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const HEX = "0123456789abcdef";

/** A source of random integers: seeded (mulberry32, deterministic) or from node:crypto. */
class Random {
  /** The position in the seeded sequence; saved with the state so a restart never repeats an id. */
  state: number;
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

/** The collections of one emulator, and what every area uses: ids, the clock, events and room lookups. */
export class StoreCore {
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

  /** Rooms by API key and room id (a room exists once a meeting was started in it). */
  readonly rooms = new Map<string, RoomRecord>();
  /** When each running meeting last saw a request by one of its access keys (ms of the emulator's clock). */
  readonly meetingActivity = new Map<string, number>();
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
    this.meetingActivity.clear();
    if (seed !== undefined) this.seed = seed;
    this.random = new Random(this.seed);
  }

  /**
   * Everything the store holds, as plain JSON-ready data (maps as entry lists), for the emulator's state
   * directory. The API keys are saved with it, so a restart keeps them.
   */
  exportState(): StoreSnapshot {
    return {
      apiKeys: [...this.apiKeys],
      randomState: this.random.state,
      meetings: [...this.meetings.values()].map((m) => ({
        ...m,
        participants: [...m.participants.entries()],
        forwards: [...m.forwards.entries()],
      })),
      accessKeys: [...this.accessKeys.values()],
      guestTokens: [...this.guestTokens.entries()],
      permalinks: [...this.permalinks.values()],
      userTokens: [...this.userTokens.entries()],
      recordings: [...this.recordings.values()],
      snapshots: [...this.snapshots.values()],
      webhooks: [...this.webhooks.entries()],
      rooms: [...this.rooms.entries()],
    };
  }

  /** Replaces the store's contents with an `exportState()` (the API keys stay those of the constructor). */
  importState(snapshot: StoreSnapshot): void {
    this.reset();
    for (const m of snapshot.meetings) {
      this.meetings.set(m.internalId, {
        ...m,
        participants: new Map(m.participants),
        forwards: new Map(m.forwards),
      });
    }
    for (const a of snapshot.accessKeys) this.accessKeys.set(a.accessKey, a);
    for (const [token, target] of snapshot.guestTokens) this.guestTokens.set(token, target);
    for (const [token, entry] of snapshot.userTokens) this.userTokens.set(token, entry);
    for (const p of snapshot.permalinks) {
      // A host is one object, shared by its permalink and its token's entry: revoking it must reach both.
      const hosts = p.hosts.map((h) => this.userTokens.get(h.userToken)?.host ?? h);
      this.permalinks.set(p.id, { ...p, hosts });
    }
    for (const r of snapshot.recordings) this.recordings.set(r.id, r);
    for (const s of snapshot.snapshots) this.snapshots.set(s.id, s);
    for (const [key, webhook] of snapshot.webhooks) this.webhooks.set(key, webhook);
    for (const [key, room] of snapshot.rooms) this.rooms.set(key, room);
    if (this.seed !== undefined && Number.isInteger(snapshot.randomState)) {
      this.random.state = snapshot.randomState >>> 0;
    }
  }

  /** The current time from the injected clock. */
  now(): Date {
    return this.clock();
  }

  /** The current time as ISO 8601 with milliseconds. */
  nowIso(): string {
    return this.now().toISOString();
  }

  /** A new 24-hex id (MongoDB ObjectId style; `docs/api-notes.md`, "Ids and tokens"). */
  newId(): string {
    return this.random.string(HEX, TOKEN_LENGTH);
  }

  /** A new 24-character alphanumeric access key or token. */
  newToken(): string {
    return this.random.string(ALPHANUMERIC, TOKEN_LENGTH);
  }

  /** A random string of `length` alphanumeric characters (default API keys). */
  newSecret(length: number): string {
    return this.random.string(ALPHANUMERIC, length);
  }

  /** Hands `event` to the listener (the webhook deliverer). */
  emit(event: StoreEvent): void {
    this.listener?.(event);
  }

  /** The room `roomId` of `apiKey`, if a meeting was ever started in it. */
  room(apiKey: string, roomId: string): RoomRecord | undefined {
    return this.rooms.get(roomKey(apiKey, roomId));
  }

  /** The room `roomId` of `apiKey`, made on first use. */
  ensureRoom(apiKey: string, roomId: string): RoomRecord {
    const key = roomKey(apiKey, roomId);
    let room = this.rooms.get(key);
    if (!room) {
      room = { apiKey, id: roomId, meetingIds: [], currentMeetingId: null };
      this.rooms.set(key, room);
    }
    return room;
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
}
