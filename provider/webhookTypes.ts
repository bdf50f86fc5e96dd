/**
 * The webhook event types, described once (`docs/api-notes.md`, "Webhook deliveries"): the `WebhookType`
 * union, the `WEBHOOK_TYPES` list, the schema's enum (written by `npm run schema`) and the emulator's
 * deliveries read this table. Plain data that imports nothing, so the emulator may read it too.
 */

/** Each event type a webhook can subscribe to, with what it reports, in the API's order. */
export const WEBHOOK_TYPE = {
  name: "WebhookType",
  description: "An event type a webhook subscribes to.",
  meanings: {
    room_update: "A meeting started, changed or ended.",
    recording_update: "A recording is available or changed.",
    snapshot_update: "A snapshot was taken.",
    participant_update: "A participant joined or left.",
  },
} as const;

/** Event types a webhook can subscribe to (`docs/api-notes.md`, "Webhook deliveries"). */
export type WebhookType = keyof (typeof WEBHOOK_TYPE)["meanings"];

/** All known webhook event types, in the API's order. */
export const WEBHOOK_TYPES: readonly WebhookType[] = Object.keys(WEBHOOK_TYPE.meanings) as WebhookType[];
