/** Forwards: WHIP streams of a participant, the composed stream or a playback, per running meeting. */
import type { ForwardRecord, MeetingRecord } from "../entities";
import { ApiError, notFound } from "../errors";
import type { StoreCore } from "./core";

/** The forwards area of the store. */
export class Forwards {
  /** An area of the store; a forward's room is found through `core`. */
  constructor(private readonly core: StoreCore) {}

  /** The running meeting of a room for the forward calls, or 404. */
  forwardMeeting(apiKey: string, roomId: string): MeetingRecord {
    const meeting = this.core.runningMeeting(apiKey, roomId);
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
}
