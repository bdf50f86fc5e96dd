/**
 * Records to wire JSON (`docs/api-notes.md`, "Response objects"), snake_case, with links in the documented formats but pointing
 * at the emulator's own origin (`<origin>/rooms/<access_key>`, `<origin>/?<access_key>`, ...).
 */
import { reportedKeys } from "../provider/roomOptions";
import type {
  AccessKeyRecord,
  MeetingRecord,
  OptionsRecord,
  PermalinkHostRecord,
  PermalinkRecord,
  RecordingRecord,
  SnapshotRecord,
  UserRecord,
  WebhookRecord,
} from "./entities";
import type { EmulatorStore } from "./store";

/** A JSON value as sent on the wire. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** The team every API key belongs to in the emulator. */
export const TEAM_NAME = "eyeson emulator";

/** How long download links stay valid: an hour. */
const DOWNLOAD_TTL_SECONDS = 3600;

const REPORTED_KEYS = reportedKeys();

/**
 * The echoed options, in the order of eyeson's documented responses (the option table's `reportedKeys`);
 * inputs without a documented echo are left out.
 */
export function optionsView(options: OptionsRecord): { [key: string]: Json } {
  const stored = options as unknown as Record<string, Json>;
  return Object.fromEntries(
    REPORTED_KEYS.map((wire) => [
      wire,
      wire === "custom_fields" ? { ...options.custom_fields } : stored[wire],
    ]),
  );
}

/** The room summary: the element of `GET /rooms` and the `room` of documents and `room_update`. */
export function roomInfoView(meeting: MeetingRecord): { [key: string]: Json } {
  const ended = meeting.endedAt !== null;
  const view: { [key: string]: Json } = {
    id: meeting.roomId,
    name: meeting.name,
    ready: meeting.ready && !ended,
    started_at: ended ? null : meeting.startedAt,
    shutdown: ended,
  };
  if (meeting.guestToken) view.guest_token = meeting.guestToken;
  return view;
}

/** User details (also `recording.user` and `snapshot.creator`). */
export function userView(user: UserRecord): { [key: string]: Json } {
  return { id: user.id, name: user.name, avatar: user.avatar, guest: user.guest, joined_at: user.joinedAt };
}

/** A participant list entry. */
export function participantView(
  meeting: MeetingRecord,
  user: UserRecord,
  online: boolean,
): { [key: string]: Json } {
  return {
    id: user.id,
    room_id: meeting.roomId,
    name: user.name,
    avatar: user.avatar,
    guest: user.guest,
    online,
  };
}

function downloadLink(
  store: EmulatorStore,
  kind: "recordings" | "snapshots",
  id: string,
  ext: string,
): string {
  const expires = Math.floor(store.core.now().getTime() / 1000) + DOWNLOAD_TTL_SECONDS;
  return `${store.core.origin}/__emulator/downloads/${kind}/${id}.${ext}?expires=${expires}`;
}

/** A recording. */
export function recordingView(store: EmulatorStore, recording: RecordingRecord): { [key: string]: Json } {
  const meeting = store.meetings.get(recording.meetingId);
  const view: { [key: string]: Json } = {
    id: recording.id,
    created_at: recording.createdAt,
    duration: recording.duration,
    links: {
      self: `${store.core.origin}/recordings/${recording.id}`,
      download: recording.finished ? downloadLink(store, "recordings", recording.id, "webm") : null,
    },
    user: userView(recording.user),
  };
  if (meeting) view.room = roomInfoView(meeting);
  return view;
}

/** A snapshot (no `links.self`, as in the documented examples). */
export function snapshotView(store: EmulatorStore, snapshot: SnapshotRecord): { [key: string]: Json } {
  const meeting = store.meetings.get(snapshot.meetingId);
  const view: { [key: string]: Json } = {
    id: snapshot.id,
    name: snapshot.name,
    links: { download: downloadLink(store, "snapshots", snapshot.id, "jpg") },
    creator: userView(snapshot.creator),
    created_at: snapshot.createdAt,
  };
  if (meeting) view.room = roomInfoView(meeting);
  return view;
}

/** The room response from the point of view of the access key's user. */
export function roomView(
  store: EmulatorStore,
  key: AccessKeyRecord,
  meeting: MeetingRecord,
): { [key: string]: Json } {
  const participant = meeting.participants.get(key.userId);
  const user = participant?.user ?? store.core.userOf(meeting, key.userId);
  const userReady = participant?.ready ?? false;
  const origin = store.core.origin;
  const links: { [key: string]: Json } = {
    self: `${origin}/rooms/${key.accessKey}`,
    gui: `${origin}/?${key.accessKey}`,
  };
  if (meeting.guestToken) {
    links.guest_join = meeting.permalinkId
      ? `${origin}/permalink?guest=${meeting.guestToken}`
      : `${origin}/?guest=${meeting.guestToken}`;
  }
  links.websocket = `${origin}/rt?access_key=${key.accessKey}`;
  const recording = meeting.recordingId ? store.recordings.get(meeting.recordingId) : undefined;
  return {
    access_key: key.accessKey,
    ready: meeting.ready && userReady,
    locked: meeting.locked,
    room: roomInfoView(meeting),
    team: { name: TEAM_NAME },
    user: {
      id: user.id,
      room_id: meeting.roomId,
      name: user.name,
      avatar: user.avatar,
      guest: user.guest,
      blocked: false,
      ready: userReady,
    },
    links,
    options: optionsView(meeting.options),
    playbacks: meeting.playbacks.map((p) => ({
      url: p.url,
      play_id: p.play_id,
      audio: p.audio,
      name: p.name,
      replacement_id: p.replacement_id,
      loop_count: p.loop_count,
    })),
    presentation: null,
    broadcasts: meeting.broadcast
      ? [
          {
            id: meeting.broadcast.id,
            platform: meeting.broadcast.platform,
            player_url: meeting.broadcast.player_url,
          },
        ]
      : [],
    recording: recording ? recordingView(store, recording) : null,
    snapshots: meeting.snapshotIds.flatMap((id) => {
      const snapshot = store.snapshots.get(id);
      return snapshot ? [snapshotView(store, snapshot)] : [];
    }),
  };
}

/** The permalink object, with `user_token`, `user` and `links.gui` of the given host. */
export function permalinkView(
  store: EmulatorStore,
  permalink: PermalinkRecord,
  host: PermalinkHostRecord,
): { [key: string]: Json } {
  const running = store.runningMeeting(permalink.apiKey, permalink.id);
  const origin = store.core.origin;
  return {
    permalink: {
      id: permalink.id,
      created_at: permalink.createdAt,
      user_token: host.userToken,
      guest_token: permalink.guestToken,
      expires_at: permalink.expiresAt,
    },
    room: { id: permalink.id, name: permalink.name, started_at: running ? running.startedAt : null },
    team: { name: TEAM_NAME },
    user: userView(host.user),
    options: optionsView(permalink.options),
    links: {
      self: `${origin}/permalink/${permalink.id}`,
      gui: `${origin}/permalink?${host.userToken}`,
      guest_join: `${origin}/permalink?guest=${permalink.guestToken}`,
    },
  };
}

/** The Rails-style timestamp of the webhook object (`2021-01-01T09:00:00.000+00:00`). */
export function railsTime(iso: string): string {
  return iso.replace(/Z$/, "+00:00");
}

/** The webhook object. */
export function webhookView(webhook: WebhookRecord): { [key: string]: Json } {
  return {
    id: webhook.id,
    types: [...webhook.types],
    url: webhook.url,
    last_request_sent_at: webhook.lastRequestSentAt,
    last_response_code: webhook.lastResponseCode,
  };
}
