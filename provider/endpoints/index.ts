/** Every endpoint of eyeson's official list, as data: 45 records, one per `EyesonApi` method. */
import type { EyesonApi } from "../eyesonApi";
import { ACTIVITY_ENDPOINTS } from "./activities";
import { DOCUMENTATION_ENDPOINTS } from "./documentation";
import type { Answer, Endpoint } from "./endpoint";
import type { PermalinkPage, Webhook } from "../types";
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

/** The names of a path's `{name}` segments, in order, as a tuple type. */
type PathNames<P extends string> = P extends `${string}{${infer N}}${infer Rest}`
  ? [N, ...PathNames<Rest>]
  : [];

/** The parameters that carry path segments: a string (or the layer index) each. */
type SegmentArgs<T extends readonly unknown[]> = { [I in keyof T]: string | number };

/** What a method resolves with for each `answer`. */
interface Resolves {
  object: object;
  list: readonly unknown[];
  pages: readonly unknown[];
  nothing: void;
  deleted: boolean;
  permalinkPage: PermalinkPage;
  objectOrReread: object;
  webhookOrNone: Webhook | null;
}

/**
 * The methods whose `EyesonApi` signature does not fit their record: the client passes the path segments
 * first (strings, or the layer index), so a method needs at least as many leading parameters as its path has
 * segments, and resolves with what its `answer` reads.
 */
type Misfits = {
  [K in keyof typeof TABLE]: Parameters<EyesonApi[K]> extends [
    ...SegmentArgs<PathNames<(typeof TABLE)[K]["path"]>>,
    ...unknown[],
  ]
    ? Awaited<ReturnType<EyesonApi[K]>> extends Resolves[(typeof TABLE)[K]["answer"] & Answer]
      ? never
      : K
    : K;
}[keyof typeof TABLE];

// Fails the build, naming the method, when a signature and its record disagree.
const signaturesFitRecords: [Misfits] extends [never] ? true : Misfits = true;
void signaturesFitRecords;
