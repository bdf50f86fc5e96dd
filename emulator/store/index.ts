/**
 * The in-memory state of one emulator: rooms, meetings, permalinks, documents and webhooks per API key. The
 * class is built in layers, one file per area (see the `base` module); this last one adds forwards and webhooks.
 */
import type { ForwardRecord, MeetingRecord, WebhookEventType, WebhookRecord } from "../entities";
import { ApiError, notFound } from "../errors";
import { ActivitiesStore } from "./activities";

export type { OptionsInput } from "../options";
export type { GuestTokenTarget, StoreEvent, StoreOptions, StoreSnapshot, UserInputValue } from "./base";
export { DOCUMENT_PAGE_SIZE, type DocumentFilters } from "./documents";

/** The in-memory state of one emulator: rooms, meetings, permalinks, documents and webhooks per API key. */
export class EmulatorStore extends ActivitiesStore {
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
