/**
 * The in-memory state of one emulator: rooms, meetings, permalinks, documents and webhooks per API key. One
 * store object holds the shared `core` (collections, ids, clock, events, persistence) and the API's areas as
 * collaborators, one file each: a route calls one area's method; views and tests read the collections, which
 * the store shows under the names tests have always used.
 */
import type { MeetingRecord, PermalinkRecord } from "../entities";
import { Activities } from "./activities";
import { StoreCore, type StoreOptions } from "./core";
import { Documents } from "./documents";
import { Forwards } from "./forwards";
import { Meetings } from "./meetings";
import { Permalinks } from "./permalinks";
import { Webhooks } from "./webhooks";

export type { OptionsInput } from "../options";
export type { GuestTokenTarget, StoreEvent, StoreOptions, StoreSnapshot, UserInputValue } from "./core";
export { DOCUMENT_PAGE_SIZE, type DocumentFilters } from "./documents";

/**
 * The core's collections, readable on the store too under the names they have always had there (the routes'
 * specs and the dashboard read them). The core never replaces one of these maps, so the store holds the same object.
 */
const CORE_COLLECTIONS = [
  "meetings",
  "accessKeys",
  "guestTokens",
  "permalinks",
  "userTokens",
  "recordings",
  "snapshots",
  "webhooks",
] as const;

/** The store's view of the core's collections (see `CORE_COLLECTIONS`); their TSDoc is the core's. */
export interface EmulatorStore extends Pick<StoreCore, (typeof CORE_COLLECTIONS)[number]> {}

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
    for (const name of CORE_COLLECTIONS) {
      Object.defineProperty(this, name, { value: this.core[name], enumerable: false });
    }
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
