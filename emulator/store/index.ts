/**
 * The in-memory state of one emulator: rooms, meetings, permalinks, documents and webhooks per API key. One
 * store object holds the shared `core` (collections, ids, clock, events, persistence) and the API's areas as
 * collaborators, one file each: a route calls one area's method; views and tests read the collections, which
 * the store shows under the names tests have always used.
 */
import type {
  AccessKeyRecord,
  MeetingRecord,
  PermalinkHostRecord,
  PermalinkRecord,
  RecordingRecord,
  SnapshotRecord,
  WebhookRecord,
} from "../entities";
import { Activities } from "./activities";
import { StoreCore, type GuestTokenTarget, type StoreOptions } from "./core";
import { Documents } from "./documents";
import { Forwards } from "./forwards";
import { Meetings } from "./meetings";
import { Permalinks } from "./permalinks";
import { Webhooks } from "./webhooks";

export type { OptionsInput } from "../options";
export type { GuestTokenTarget, StoreEvent, StoreOptions, StoreSnapshot, UserInputValue } from "./core";
export { DOCUMENT_PAGE_SIZE, type DocumentFilters } from "./documents";

/** The in-memory state of one emulator: the shared core and the areas of the API that work on it. */
export class EmulatorStore {
  /** Collections, ids, the clock, events and room lookups, shared by the areas. */
  readonly core: StoreCore;
  /** Recordings and snapshots. */
  readonly documentArea: Documents;
  /** Rooms, meetings, participants and guests. */
  readonly meetingArea: Meetings;
  /** Permalinks, their hosts and the meeting a host starts. */
  readonly permalinkArea: Permalinks;
  /** Messages, layers, the layout, playbacks and the broadcast of a running meeting. */
  readonly activityArea: Activities;
  /** WHIP forwards of running meetings. */
  readonly forwardArea: Forwards;
  /** The webhook of each API key. */
  readonly webhookArea: Webhooks;

  /** Creates an empty store. */
  constructor(options: StoreOptions) {
    this.core = new StoreCore(options);
    this.documentArea = new Documents(this.core);
    this.meetingArea = new Meetings(this.core, this.documentArea);
    this.permalinkArea = new Permalinks(this.core, this.meetingArea);
    this.activityArea = new Activities(this.core);
    this.forwardArea = new Forwards(this.core);
    this.webhookArea = new Webhooks(this.core);
  }

  /** Meeting instances by internal id (running and ended). */
  get meetings(): Map<string, MeetingRecord> {
    return this.core.meetings;
  }
  /** Every access key ever issued. */
  get accessKeys(): Map<string, AccessKeyRecord> {
    return this.core.accessKeys;
  }
  /** Guest tokens of rooms and permalinks. */
  get guestTokens(): Map<string, GuestTokenTarget> {
    return this.core.guestTokens;
  }
  /** Permalinks by id (deleted ones are removed). */
  get permalinks(): Map<string, PermalinkRecord> {
    return this.core.permalinks;
  }
  /** Permalink host tokens, including revoked ones. */
  get userTokens(): Map<string, { readonly permalinkId: string; readonly host: PermalinkHostRecord }> {
    return this.core.userTokens;
  }
  /** Recordings by id. */
  get recordings(): Map<string, RecordingRecord> {
    return this.core.recordings;
  }
  /** Snapshots by id. */
  get snapshots(): Map<string, SnapshotRecord> {
    return this.core.snapshots;
  }
  /** The webhook of each API key. */
  get webhooks(): Map<string, WebhookRecord> {
    return this.core.webhooks;
  }

  /** The running meeting in a room, if any. */
  runningMeeting(apiKey: string, roomId: string): MeetingRecord | undefined {
    return this.core.runningMeeting(apiKey, roomId);
  }

  /** Running meetings of an API key, oldest first. */
  runningMeetings(apiKey: string): MeetingRecord[] {
    return this.core.runningMeetings(apiKey);
  }

  /** Permalinks of an API key in creation order. */
  permalinksOf(apiKey: string): PermalinkRecord[] {
    return this.permalinkArea.permalinksOf(apiKey);
  }
}
