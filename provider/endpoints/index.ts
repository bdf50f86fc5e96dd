/** Every endpoint of eyeson's official list, as data: 45 records, one per `EyesonApi` method. */
import type { EyesonApi } from "../eyesonApi";
import { ACTIVITY_ENDPOINTS } from "./activities";
import { DOCUMENTATION_ENDPOINTS } from "./documentation";
import type { Endpoint } from "./endpoint";
import { FORWARD_ENDPOINTS } from "./forwards";
import { PERMALINK_ENDPOINTS } from "./permalinks";
import { ROOM_ENDPOINTS } from "./rooms";
import { USER_ENDPOINTS } from "./users";
import { WEBHOOK_ENDPOINTS } from "./webhooks";

const TABLE = {
  ...ROOM_ENDPOINTS,
  ...USER_ENDPOINTS,
  ...PERMALINK_ENDPOINTS,
  ...ACTIVITY_ENDPOINTS,
  ...DOCUMENTATION_ENDPOINTS,
  ...FORWARD_ENDPOINTS,
  ...WEBHOOK_ENDPOINTS,
} as const satisfies { readonly [K in keyof EyesonApi]: Endpoint<never> };

/**
 * The endpoint behind each client method, keyed by the method, each with its `operation` (the key, named in
 * errors); `satisfies` above fails the build when a method of `EyesonApi` has no endpoint.
 */
export const ENDPOINTS = Object.fromEntries(
  Object.entries(TABLE).map(([operation, endpoint]) => [operation, { ...endpoint, operation }]),
) as { readonly [K in keyof typeof TABLE]: (typeof TABLE)[K] & { readonly operation: K } };
