/** Rooms and meetings: start or join, readiness, end, lock, kick, guests. */
import type { AccessKeyRecord, MeetingRecord, OptionsRecord } from "../entities";
import { ApiError, notFound } from "../errors";
import { defaultOptions, type OptionsInput } from "../options";
import type { StoreCore, UserInputValue } from "./core";
import type { Documents } from "./documents";

/** The meetings area of the store: rooms, their meetings, participants and guests. */
export class Meetings {
  /** An area of the store; ending a meeting stops its recording in `documents`. */
  constructor(
    private readonly core: StoreCore,
    private readonly documents: Documents,
  ) {}

  /** Starts a meeting instance in a room (a permalink's carries its guest token). */
  newMeeting(
    apiKey: string,
    roomId: string,
    name: string,
    options: OptionsRecord,
    permalinkId: string | null,
  ): MeetingRecord {
    const room = this.core.ensureRoom(apiKey, roomId);
    let guestToken: string | null = null;
    if (permalinkId) {
      guestToken = this.core.permalinks.get(permalinkId)?.guestToken ?? null;
    } else if (options.guest_token_available) {
      guestToken = this.core.newToken();
    }
    const meeting: MeetingRecord = {
      internalId: this.core.newId(),
      apiKey,
      roomId,
      name,
      permalinkId,
      startedAt: this.core.nowIso(),
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
    this.core.meetings.set(meeting.internalId, meeting);
    if (guestToken && !permalinkId) this.core.guestTokens.set(guestToken, { meetingId: meeting.internalId });
    room.meetingIds.push(meeting.internalId);
    room.currentMeetingId = meeting.internalId;
    this.core.emit({ type: "room_update", meeting });
    return meeting;
  }

  /** Adds a user to a meeting (or re-joins one with the same id) and issues a new access key. */
  join(meeting: MeetingRecord, user: UserInputValue, guest: boolean): AccessKeyRecord {
    if (meeting.locked) throw new ApiError(423, "Meeting is locked");
    const id = user.id ?? this.core.newId();
    let participant = meeting.participants.get(id);
    if (!participant) {
      participant = {
        user: { id, name: user.name, avatar: user.avatar ?? null, guest, joinedAt: this.core.nowIso() },
        ready: false,
      };
      meeting.participants.set(id, participant);
      this.core.emit({ type: "participant_update", meeting, user: participant.user, online: true });
    }
    const record: AccessKeyRecord = {
      accessKey: this.core.newToken(),
      meetingId: meeting.internalId,
      userId: id,
    };
    this.core.accessKeys.set(record.accessKey, record);
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
    const roomId = input.id ?? this.core.newId();
    const running = this.core.runningMeeting(apiKey, roomId);
    if (running) return this.join(running, input.user, false);
    if (this.core.permalinks.get(roomId)?.apiKey === apiKey) {
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

  /** Resolves an access key: 404 when unknown, 410 once its meeting has ended ("Credentials"). */
  resolveAccessKey(accessKey: string): { record: AccessKeyRecord; meeting: MeetingRecord } {
    const record = this.core.accessKeys.get(accessKey);
    if (!record) throw new ApiError(404, "Invalid access key");
    const meeting = this.core.meetings.get(record.meetingId);
    if (!meeting || meeting.endedAt !== null) throw new ApiError(410, "Access key expired");
    this.core.meetingActivity.set(meeting.internalId, this.core.now().getTime());
    return { record, meeting };
  }

  /**
   * Ends every running meeting that saw no request by one of its access keys (or, without any, was started)
   * `idleMs` or longer ago; answers how many ended. Run when the clock is moved (see the `clock` module).
   */
  endIdleMeetings(idleMs: number): number {
    const now = this.core.now().getTime();
    let ended = 0;
    for (const meeting of [...this.core.meetings.values()]) {
      if (meeting.endedAt !== null) continue;
      const last = this.core.meetingActivity.get(meeting.internalId) ?? Date.parse(meeting.startedAt);
      if (now - last < idleMs) continue;
      this.endMeeting(meeting);
      ended += 1;
    }
    return ended;
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
      this.core.emit({ type: "room_update", meeting });
    }
  }

  /** Ends a meeting: stops its recording, broadcast, playbacks and forwards; its keys answer 410 afterwards. */
  endMeeting(meeting: MeetingRecord): void {
    if (meeting.endedAt !== null) return;
    if (meeting.recordingId) this.documents.stopRecording(meeting);
    meeting.broadcast = null;
    meeting.playbacks = [];
    meeting.forwards.clear();
    meeting.endedAt = this.core.nowIso();
    this.core.meetingActivity.delete(meeting.internalId);
    const room = this.core.room(meeting.apiKey, meeting.roomId);
    if (room && room.currentMeetingId === meeting.internalId) room.currentMeetingId = null;
    this.core.emit({ type: "room_update", meeting });
  }

  /** `POST /rooms/ACCESS_KEY/lock`: 403 unless `lock_available` (default false). */
  lock(meeting: MeetingRecord): void {
    if (!meeting.options.lock_available) throw new ApiError(403, "Locking is not available in this room");
    meeting.locked = true;
  }

  /** `DELETE /rooms/ACCESS_KEY/users/USER_ID`: 403 unless `kick_available`; the user leaves the meeting. */
  kick(meeting: MeetingRecord, userId: string): void {
    if (!meeting.options.kick_available) throw new ApiError(403, "Kicking is not available in this room");
    this.leave(meeting, userId);
  }

  /**
   * A user leaves the meeting (closes eyeson's window; the API has no call for it, the dashboard's "leave"
   * control does it). The meeting keeps running when the last one leaves: when eyeson shuts an empty meeting
   * down is not documented, so it ends only by `DELETE /rooms/...`.
   */
  leave(meeting: MeetingRecord, userId: string): void {
    const participant = meeting.participants.get(userId);
    if (!participant) throw notFound("User");
    meeting.participants.delete(userId);
    this.core.emit({ type: "participant_update", meeting, user: participant.user, online: false });
  }

  /** `POST /guests/GUEST_TOKEN`: joins the running meeting of a room or permalink as a guest. */
  registerGuest(guestToken: string, user: UserInputValue): AccessKeyRecord {
    const target = this.core.guestTokens.get(guestToken);
    if (!target) throw new ApiError(404, "Invalid guest token");
    let meeting: MeetingRecord | undefined;
    if ("meetingId" in target) {
      meeting = this.core.meetings.get(target.meetingId);
    } else {
      const permalink = this.core.permalinks.get(target.permalinkId);
      if (!permalink) throw new ApiError(404, "Invalid guest token");
      meeting = this.core.runningMeeting(permalink.apiKey, permalink.id);
      if (!meeting) throw new ApiError(410, "The permalink meeting has not been started");
    }
    if (!meeting || meeting.endedAt !== null) throw new ApiError(410, "Meeting has ended");
    return this.join(meeting, user, true);
  }
}
