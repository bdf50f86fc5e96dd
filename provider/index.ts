/**
 * pulumi-eyeson: standing eyeson rooms, hosts and webhooks as Pulumi resources, every live-room operation
 * as a preview-safe function, and the HTTP client they share.
 *
 * The public surface, name by name (the functions' module, whose every export is a function, its Output twin
 * or their types, through `export *`): what README.md documents and nothing else. Everything else in the
 * package is internal (package.json exports only this module, `pulumi-eyeson/emulator` and the shim loader
 * that existing states require).
 */
import { installStackTraceWorkaround } from "./stackTraces";

// Inside a Pulumi program, make a failing program report its error at once (see stackTraces.ts).
installStackTraceWorkaround();

// Resources
export {
  Permalink,
  type PermalinkArgs,
  type PermalinkUserArgs,
  type PermalinkOutputs,
} from "./resources/permalink";
export {
  PermalinkHost,
  type PermalinkHostArgs,
  type PermalinkHostSettings,
  type PermalinkHostUserArgs,
  type PermalinkHostOutputs,
} from "./resources/permalinkHost";
export { Webhook, type WebhookArgs, type WebhookOutputs } from "./resources/webhook";
export { EyesonAccount, type EyesonAccountArgs } from "./resources/account";
export type { LiveMeetings } from "./resources/liveMeetings";

// Functions: each `fooBar` with its Output twin `fooBarOutput`, and `FooBarArgs`, `FooBarOutputArgs`,
// `FooBarResult`; the options and input helpers they share.
export * from "./functions";

// The HTTP client
export {
  EyesonClient,
  type EyesonClientOptions,
  type ClientAnswer,
  type HttpDispatcher,
  type RetryPolicy,
  DEFAULT_RETRY_POLICY,
  NO_DELAY_RETRY_POLICY,
  DEFAULT_TIMEOUT_MS,
} from "./client";
export {
  EyesonError,
  EyesonConfigError,
  EyesonApiError,
  EyesonNotFoundError,
  EyesonGoneError,
  EyesonAuthError,
  EyesonRateLimitError,
  EyesonConnectionError,
} from "./errors";

// Webhook receivers
export { verifyWebhookSignature } from "./webhookSignature";

// The API's objects, as function results and resource inputs hold them
export {
  WEBHOOK_TYPES,
  type AudioInsert,
  type BroadcastState,
  type CustomFields,
  type LayoutBox,
  type Participant,
  type Permalink as PermalinkObject,
  type PermalinkInfo,
  type PermalinkPage,
  type PlaybackState,
  type Position,
  type Recording,
  type Room,
  type RoomInfo,
  type RoomLinks,
  type RoomOptions,
  type RoomOptionsState,
  type RoomUser,
  type SfuMode,
  type Snapshot,
  type UserDetails,
  type UserInput,
  type Webhook as WebhookObject,
  type WebhookType,
} from "./types";
export { type DeleteOptions, type ForwardMediaType, type LayerFile } from "./requests";
