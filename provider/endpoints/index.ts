/** Every endpoint of eyeson's official list, as data: 45 records, one per `EyesonApi` method. */
import type { EyesonApi } from "../types";
import { ACTIVITY_ENDPOINTS } from "./activities";
import { DOCUMENTATION_ENDPOINTS } from "./documentation";
import type { Endpoint } from "./endpoint";
import { FORWARD_ENDPOINTS } from "./forwards";
import { PERMALINK_ENDPOINTS } from "./permalinks";
import { ROOM_ENDPOINTS } from "./rooms";
import { USER_ENDPOINTS } from "./users";
import { WEBHOOK_ENDPOINTS } from "./webhooks";

/** The endpoint behind each client method; `satisfies` fails the build when a method has none. */
export const ENDPOINTS = {
  ...ROOM_ENDPOINTS,
  ...USER_ENDPOINTS,
  ...PERMALINK_ENDPOINTS,
  ...ACTIVITY_ENDPOINTS,
  ...DOCUMENTATION_ENDPOINTS,
  ...FORWARD_ENDPOINTS,
  ...WEBHOOK_ENDPOINTS,
} as const satisfies { readonly [K in keyof EyesonApi]: Endpoint<never> & { readonly operation: K } };
