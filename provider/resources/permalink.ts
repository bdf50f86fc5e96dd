/**
 * `Permalink`: a standing eyeson meeting room with its first host (https://docs.eyeson.com/docs/rest/references/permalink).
 *
 * The options a program declares are the options it manages: a removed one is sent back to the API's default
 * (the table in `provider/roomOptions.ts`), a refresh records the server's value of each declared one, and a
 * value the server only spells differently (colour case, a normalised URL, another time format) is no change.
 */
import * as pulumi from "@pulumi/pulumi";
import type { RoomOptions, UserInput } from "../types";
import { createKey } from "./createMarks";
import { declaredIn } from "./declaredAt";
import type { LiveMeetings } from "./liveMeetings";
import { shim } from "./shimProvider";

export type { PermalinkInputs, PermalinkOutputs } from "./permalinkState";

/** The first host of a permalink as program inputs. */
export interface PermalinkUserArgs {
  /** Display name (required). */
  readonly name: pulumi.Input<string>;
  /** Your own user id; the API picks one when absent. */
  readonly id?: pulumi.Input<string>;
  /** Avatar image URL. */
  readonly avatar?: pulumi.Input<string>;
}

/** Arguments of `new Permalink(...)`. */
export interface PermalinkArgs {
  /** Room name; updates in place. The API picks one when absent. */
  readonly name?: pulumi.Input<string>;
  /** The first host; any change replaces the permalink (the API cannot change it). */
  readonly user: pulumi.Input<PermalinkUserArgs>;
  /** ISO 8601 time after which the meeting can no longer be started; must be in the future when set. */
  readonly expiresAt?: pulumi.Input<string>;
  /**
   * Room options; changes update the room in place. Only the options you set are managed: one you remove
   * goes back to the API's default (the README's room options table lists each option, its wire name and its
   * default), one you never set is left to eyeson. `customFields` holds the web GUI's settings.
   */
  readonly options?: pulumi.Input<RoomOptions>;
  /** Take over this existing permalink instead of creating one (`pulumi import` cannot work for dynamic resources). */
  readonly adoptId?: pulumi.Input<string>;
  /**
   * What `up` and `destroy` do when deleting or replacing this room would end a running meeting: `"protect"`
   * refuses the step before it changes anything, `"allow"` lets it run. Wins over `EYESON_LIVE_MEETINGS` and
   * the stack's `eyeson:liveMeetings`; unset follows them (default `"protect"`). Changes in place, without a request.
   */
  readonly liveMeetings?: pulumi.Input<LiveMeetings>;
}

/** Outputs kept secret in the state: tokens and the links that embed them. */
export const PERMALINK_SECRET_OUTPUTS = ["userToken", "guestToken", "hostUrl", "guestUrl"] as const;

/** The type of the dynamic resource, as its URN carries it. */
export const PERMALINK_TYPE = "pulumi-nodejs:dynamic/eyeson:Permalink";

/**
 * A standing eyeson meeting room with its first host; tokens and join links are secret outputs.
 *
 * Name, expiry and options change in place; a change of the first host replaces the room. The options you
 * declare are the ones managed: a removed option goes back to the API's default, and a refresh shows changes
 * made in the eyeson dashboard.
 *
 * ## Example Usage
 *
 * ```ts
 * import * as eyeson from "pulumi-eyeson";
 *
 * const warRoom = new eyeson.Permalink("war-room", {
 *   name: "Production war room",
 *   user: { name: "Primary on-call", id: "oncall-primary" },
 *   options: { widescreen: true, recordingAvailable: true, lockAvailable: true, sfuMode: "disabled" },
 * });
 * export const guestLink = warRoom.guestUrl; // secret
 * ```
 *
 * ## Adopt
 *
 * `pulumi import` cannot work for a dynamic resource (the plugin's `eyeson:index:Permalink` can be imported).
 * Take an existing room over instead by its permalink id (24 hex characters, the id of `GET /permalink`),
 * declaring its first host as it is:
 *
 * ```ts
 * new eyeson.Permalink("war-room", { adoptId: "6643685b858f54f55edef723", user: { name: "Primary on-call" } });
 * ```
 *
 * `npx pulumi-eyeson adopt` writes these declarations for a whole account.
 */
export class Permalink extends pulumi.dynamic.Resource {
  /** Room name (the server's when none was declared). */
  declare readonly name: pulumi.Output<string>;
  /** The first host, as declared. */
  declare readonly user: pulumi.Output<UserInput>;
  /** Expiry (ISO 8601, UTC), if any. */
  declare readonly expiresAt: pulumi.Output<string | undefined>;
  /** Declared room options (refreshed from the server for the keys it echoes). */
  declare readonly options: pulumi.Output<RoomOptions | undefined>;
  /** The adopted permalink's id, if `adoptId` was set. */
  declare readonly adoptId: pulumi.Output<string | undefined>;
  /** `"protect"` or `"allow"` as declared (see `PermalinkArgs.liveMeetings`); undefined follows the stack. */
  declare readonly liveMeetings: pulumi.Output<LiveMeetings | undefined>;
  /** Version of the state shape written by the provider. */
  declare readonly stateVersion: pulumi.Output<number>;
  /** Fingerprint of the account (endpoint and API key) the permalink belongs to; not secret, not the key. */
  declare readonly account: pulumi.Output<string>;
  /**
   * The permalink id: the resource id, so it stays known in a preview while the permalink is updated in
   * place and is unknown only when it is (re)created. Wire hosts with it, or pass the permalink itself.
   */
  readonly permalinkId: pulumi.Output<string>;
  /** The first host's user id (the declared one, or the one the API assigned). */
  declare readonly userId: pulumi.Output<string>;
  /** The room id of the permalink's meetings. */
  declare readonly roomId: pulumi.Output<string>;
  /** When the permalink was created (ISO 8601). */
  declare readonly createdAt: pulumi.Output<string>;
  /** Whether a meeting was running at the last create, update or refresh. */
  declare readonly started: pulumi.Output<boolean>;
  /** Secret: the first host's token; whoever holds it can start the meeting as host. */
  declare readonly userToken: pulumi.Output<string>;
  /** Secret: lets anyone join a running meeting as a guest. */
  declare readonly guestToken: pulumi.Output<string>;
  /** Secret: the first host's meeting link (embeds `userToken`). */
  declare readonly hostUrl: pulumi.Output<string>;
  /** Secret: the guest join link (embeds `guestToken`). */
  declare readonly guestUrl: pulumi.Output<string>;

  /**
   * Declares a standing meeting room (a permalink) with its first host, created at the next `pulumi up`
   * (type `pulumi-nodejs:dynamic/eyeson:Permalink`). A preview also shows `createKey`, set here: the room's
   * create mark, so a create whose answer was lost finds its room instead of making another.
   *
   * @example
   * ```ts
   * const warRoom = new eyeson.Permalink("war-room", {
   *   name: "Production war room",
   *   user: { name: "Primary on-call", id: "oncall-primary" },
   *   options: { recordingAvailable: false, sfuMode: "disabled" },
   * });
   * export const guestLink = warRoom.guestUrl; // secret
   * ```
   *
   * @param name - The resource's name in the stack. Another name is another room: rename with `aliases`.
   * @param args - The room: `user` (first host; a change replaces the room), `name`, `expiresAt`, `options`.
   * @param opts - Pulumi's resource options: `provider` (an `EyesonAccount`), `retainOnDelete`, `aliases`, ….
   */
  constructor(name: string, args: PermalinkArgs, opts?: pulumi.CustomResourceOptions) {
    const declaredAt = declaredIn("eyeson:Permalink", name);
    const props = {
      createKey: pulumi.output(args.user).apply((user) => createKey([...declaredAt, JSON.stringify(user)])),
      resourceUrn: pulumi.createUrn(name, PERMALINK_TYPE, opts?.parent),
      liveMeetings: undefined,
      name: undefined,
      expiresAt: undefined,
      options: undefined,
      adoptId: undefined,
      stateVersion: undefined,
      account: undefined,
      userId: undefined,
      roomId: undefined,
      createdAt: undefined,
      started: undefined,
      userToken: undefined,
      guestToken: undefined,
      hostUrl: undefined,
      guestUrl: undefined,
      ...args,
    };
    const secrets = pulumi.mergeOptions(opts, { additionalSecretOutputs: [...PERMALINK_SECRET_OUTPUTS] });
    super(shim("permalink"), name, props, secrets, "eyeson", "Permalink");
    // Not an engine output: during an in-place update the engine leaves outputs unknown in the preview, and
    // a host wired to an unknown permalink id would be planned for a replacement that never happens.
    this.permalinkId = this.id;
  }
}
