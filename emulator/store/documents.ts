/** Recordings and snapshots: started and taken in a meeting, read, deleted and listed per room. */
import type { MeetingRecord, RecordingRecord, SnapshotRecord } from "../entities";
import { ApiError, notFound } from "../errors";
import type { StoreCore } from "./core";

/** Filters of the room recording and snapshot lists (`docs/api-notes.md`, "Lists and pages"). */
export interface DocumentFilters {
  page?: number;
  started_at?: string;
  since?: string;
  until?: string;
}

/** Page size of the room recording and snapshot lists ("limit is 25"). */
export const DOCUMENT_PAGE_SIZE = 25;

/** The documents area of the store: recordings and snapshots. */
export class Documents {
  /** An area of the store whose collections are in `core`. */
  constructor(private readonly core: StoreCore) {}

  /** `POST /rooms/ACCESS_KEY/recording`: 405 unless `recording_available`; 406 while one runs. */
  startRecording(meeting: MeetingRecord, userId: string): RecordingRecord {
    if (!meeting.options.recording_available)
      throw new ApiError(405, "Recording is not available in this room");
    if (meeting.recordingId) throw new ApiError(406, "A recording is already running");
    const now = this.core.now();
    const recording: RecordingRecord = {
      id: this.core.newId(),
      apiKey: meeting.apiKey,
      roomId: meeting.roomId,
      meetingId: meeting.internalId,
      createdAt: Math.floor(now.getTime() / 1000),
      startedAtMs: now.getTime(),
      duration: null,
      finished: false,
      user: { ...this.core.userOf(meeting, userId) },
    };
    this.core.recordings.set(recording.id, recording);
    meeting.recordingId = recording.id;
    this.core.emit({ type: "recording_update", recording: { ...recording } });
    return recording;
  }

  /**
   * `DELETE /rooms/ACCESS_KEY/recording`: 404 when none runs. The recording is stopped (duration set) and
   * finishes processing at once (download link set); webhooks see both states, in that order.
   */
  stopRecording(meeting: MeetingRecord): RecordingRecord {
    const recording = meeting.recordingId ? this.core.recordings.get(meeting.recordingId) : undefined;
    meeting.recordingId = null;
    if (!recording) throw notFound("Recording");
    recording.duration = Math.max(0, Math.round((this.core.now().getTime() - recording.startedAtMs) / 1000));
    this.core.emit({ type: "recording_update", recording: { ...recording } });
    recording.finished = true;
    this.core.emit({ type: "recording_update", recording: { ...recording } });
    return recording;
  }

  /** A recording of `apiKey`, or 404. */
  recording(apiKey: string, id: string): RecordingRecord {
    const recording = this.core.recordings.get(id);
    if (!recording || recording.apiKey !== apiKey) throw notFound("Recording");
    return recording;
  }

  /** `DELETE /recordings/ID`; deleting the running recording stops it first. */
  deleteRecording(recording: RecordingRecord): void {
    const meeting = this.core.meetings.get(recording.meetingId);
    if (meeting?.recordingId === recording.id) meeting.recordingId = null;
    this.core.recordings.delete(recording.id);
  }

  /** `POST /rooms/ACCESS_KEY/snapshot`: the snapshot exists at once, with a download link. */
  takeSnapshot(meeting: MeetingRecord, userId: string): SnapshotRecord {
    const now = this.core.now();
    const snapshot: SnapshotRecord = {
      id: this.core.newId(),
      apiKey: meeting.apiKey,
      roomId: meeting.roomId,
      meetingId: meeting.internalId,
      name: String(Math.floor(now.getTime() / 1000)),
      createdAt: now.toISOString(),
      creator: { ...this.core.userOf(meeting, userId) },
    };
    this.core.snapshots.set(snapshot.id, snapshot);
    meeting.snapshotIds.push(snapshot.id);
    this.core.emit({ type: "snapshot_update", snapshot });
    return snapshot;
  }

  /** A snapshot of `apiKey`, or 404. */
  snapshot(apiKey: string, id: string): SnapshotRecord {
    const snapshot = this.core.snapshots.get(id);
    if (!snapshot || snapshot.apiKey !== apiKey) throw notFound("Snapshot");
    return snapshot;
  }

  /** `DELETE /snapshots/ID`. */
  deleteSnapshot(snapshot: SnapshotRecord): void {
    const meeting = this.core.meetings.get(snapshot.meetingId);
    if (meeting) meeting.snapshotIds = meeting.snapshotIds.filter((id) => id !== snapshot.id);
    this.core.snapshots.delete(snapshot.id);
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
    if (!this.core.room(apiKey, roomId)) throw notFound("Room");
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
          const meeting = this.core.meetings.get(doc.meetingId);
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
}
