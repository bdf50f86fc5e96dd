/**
 * Wire-shaped (snake_case) eyeson responses (`docs/api-notes.md`, "Response objects"), and their camelCase client results.
 */

/** Credentials used by the client tests; each is unique so a leak is easy to spot. */
export const API_KEY = "apikeyQ7x2MzZ9KfT3wLp8Rn4Vb";
export const ACCESS_KEY = "VgoCcMUSQQ6h4zwpEfBuo0rZ";
export const GUEST_TOKEN = "77Ua2Abc8ftGDNVzsixwvbcZ";
export const USER_TOKEN = "9clgjJXl1NzbcmF5vfXWhAVJ";

/** Every secret above, for leak checks. */
export const SECRETS = [API_KEY, ACCESS_KEY, GUEST_TOKEN, USER_TOKEN] as const;

export const ROOM_WIRE = {
  access_key: ACCESS_KEY,
  ready: false,
  locked: false,
  room: {
    id: "67d2febd7a286f59a7643884",
    name: "API magic",
    ready: false,
    started_at: "2025-03-13T15:50:21.347Z",
    shutdown: false,
    guest_token: GUEST_TOKEN,
  },
  team: { name: "API magic" },
  user: {
    id: "johndoe",
    room_id: "67d2febd7a286f59a7643884",
    name: "John Doe",
    avatar: null,
    guest: false,
    blocked: false,
    ready: false,
  },
  links: {
    self: `https://api.eyeson.team/rooms/${ACCESS_KEY}`,
    gui: `https://app.eyeson.team/?${ACCESS_KEY}`,
    guest_join: `https://app.eyeson.team/?guest=${GUEST_TOKEN}`,
    websocket: `https://api.eyeson.team/rt?access_key=${ACCESS_KEY}`,
  },
  options: {
    show_names: true,
    sfu_mode: "disabled",
    layout_map: [
      [0, 0, 640, 720, "cover"],
      [640, 0, 640, 720, "cover"],
    ],
    custom_fields: { hide_chat: false },
  },
  playbacks: [{ url: "https://x/v.webm", play_id: "intro", audio: true }],
  presentation: null,
  broadcasts: [],
  recording: null,
  snapshots: [],
};

export const ROOM = {
  accessKey: ACCESS_KEY,
  ready: false,
  locked: false,
  room: {
    id: "67d2febd7a286f59a7643884",
    name: "API magic",
    ready: false,
    startedAt: "2025-03-13T15:50:21.347Z",
    shutdown: false,
    guestToken: GUEST_TOKEN,
  },
  team: { name: "API magic" },
  user: {
    id: "johndoe",
    roomId: "67d2febd7a286f59a7643884",
    name: "John Doe",
    avatar: null,
    guest: false,
    blocked: false,
    ready: false,
  },
  links: {
    self: `https://api.eyeson.team/rooms/${ACCESS_KEY}`,
    gui: `https://app.eyeson.team/?${ACCESS_KEY}`,
    guestJoin: `https://app.eyeson.team/?guest=${GUEST_TOKEN}`,
    websocket: `https://api.eyeson.team/rt?access_key=${ACCESS_KEY}`,
  },
  options: {
    showNames: true,
    sfuMode: "disabled",
    layoutMap: [
      [0, 0, 640, 720, "cover"],
      [640, 0, 640, 720, "cover"],
    ],
    customFields: { hideChat: false },
  },
  playbacks: [{ url: "https://x/v.webm", playId: "intro", audio: true }],
  presentation: null,
  broadcasts: [],
  recording: null,
  snapshots: [],
};

export const ROOM_INFO_WIRE = {
  id: "room-id",
  name: "test",
  ready: true,
  started_at: "2025-06-10T10:00:00Z",
  shutdown: false,
  guest_token: GUEST_TOKEN,
};
export const ROOM_INFO = {
  id: "room-id",
  name: "test",
  ready: true,
  startedAt: "2025-06-10T10:00:00Z",
  shutdown: false,
  guestToken: GUEST_TOKEN,
};

export const USER_WIRE = {
  id: "janedoe",
  name: "Jane Doe",
  avatar: null,
  guest: false,
  joined_at: "2021-01-01T09:00:00.000Z",
};
export const USER = {
  id: "janedoe",
  name: "Jane Doe",
  avatar: null,
  guest: false,
  joinedAt: "2021-01-01T09:00:00.000Z",
};

export const PARTICIPANT_WIRE = { id: "user-id", room_id: "room-id", name: "test", online: true };
export const PARTICIPANT = { id: "user-id", roomId: "room-id", name: "test", online: true };

export const PERMALINK_WIRE = {
  permalink: {
    id: "6643685b858f54f55edef723",
    created_at: "2024-05-14T13:34:19.468Z",
    user_token: USER_TOKEN,
    guest_token: GUEST_TOKEN,
    expires_at: null,
  },
  room: { id: "6643685b858f54f55edef723", name: "Permalink Room", started_at: null },
  team: { name: "Testers" },
  user: { ...USER_WIRE, id: "johndoe", name: "John Doe" },
  options: { widescreen: true, exit_url: null },
  links: {
    self: "https://api.eyeson.team/permalink/6643685b858f54f55edef723",
    gui: `https://app.eyeson.team/permalink?${USER_TOKEN}`,
    guest_join: `https://app.eyeson.team/permalink?guest=${GUEST_TOKEN}`,
  },
};
export const PERMALINK = {
  permalink: {
    id: "6643685b858f54f55edef723",
    createdAt: "2024-05-14T13:34:19.468Z",
    userToken: USER_TOKEN,
    guestToken: GUEST_TOKEN,
    expiresAt: null,
  },
  room: { id: "6643685b858f54f55edef723", name: "Permalink Room", startedAt: null },
  team: { name: "Testers" },
  user: { ...USER, id: "johndoe", name: "John Doe" },
  options: { widescreen: true, exitUrl: null },
  links: {
    self: "https://api.eyeson.team/permalink/6643685b858f54f55edef723",
    gui: `https://app.eyeson.team/permalink?${USER_TOKEN}`,
    guestJoin: `https://app.eyeson.team/permalink?guest=${GUEST_TOKEN}`,
  },
};

export const RECORDING_WIRE = {
  id: "63ede57ff3e015000fbe1af5",
  created_at: 1609491600,
  duration: 1800,
  links: {
    self: "https://api.eyeson.team/recordings/63ede57ff3e015000fbe1af5",
    download: "https://fs/x.webm",
  },
  user: USER_WIRE,
  room: ROOM_INFO_WIRE,
};
export const RECORDING = {
  id: "63ede57ff3e015000fbe1af5",
  createdAt: 1609491600,
  duration: 1800,
  links: {
    self: "https://api.eyeson.team/recordings/63ede57ff3e015000fbe1af5",
    download: "https://fs/x.webm",
  },
  user: USER,
  room: ROOM_INFO,
};

export const SNAPSHOT_WIRE = {
  id: "67dabc51f71a86c897058e37",
  name: "1742388305",
  links: { download: "https://fs/s.jpg" },
  creator: USER_WIRE,
  created_at: "2025-03-19T12:45:05.275Z",
  room: ROOM_INFO_WIRE,
};
export const SNAPSHOT = {
  id: "67dabc51f71a86c897058e37",
  name: "1742388305",
  links: { download: "https://fs/s.jpg" },
  creator: USER,
  createdAt: "2025-03-19T12:45:05.275Z",
  room: ROOM_INFO,
};

export const WEBHOOK_WIRE = {
  id: "63ede98fb20526000f64378a",
  types: ["room_update", "recording_update"],
  url: "https://example.com/hook",
  last_request_sent_at: "2021-01-01T09:00:00.000+00:00",
  last_response_code: "201",
};
export const WEBHOOK = {
  id: "63ede98fb20526000f64378a",
  types: ["room_update", "recording_update"],
  url: "https://example.com/hook",
  lastRequestSentAt: "2021-01-01T09:00:00.000+00:00",
  lastResponseCode: "201",
};
