/**
 * `Permalink`: a standing eyeson meeting room with its first host (https://docs.eyeson.com/docs/rest/references/permalink).
 *
 * The options a program declares are the options it manages: a removed one is sent back to the API's default
 * (the table in the `roomOptions` module), a refresh records the server's value of each declared one, and a
 * value the server only spells differently (colour case, a normalised URL, another time format) is no change.
 */
import * as pulumi from "@pulumi/pulumi";
import { createKey } from "./createMarks";
import { declaredIn, declaredUrn } from "./declaredAt";
import { dynamicType, outputPlaceholders, secretOutputs } from "./declare";
import { PERMALINK } from "./declarations";
import type { PermalinkArgs, PermalinkFields } from "./declaredTypes";
import { shim } from "./shimProvider";

export type { PermalinkArgs, PermalinkInputs, PermalinkOutputs } from "./declaredTypes";
export type { PermalinkUserArgs } from "./userArgs";

/** Outputs kept secret in the state: tokens and the links that embed them. */
export const PERMALINK_SECRET_OUTPUTS: readonly string[] = secretOutputs(PERMALINK);

/** The type of the dynamic resource, as its URN carries it. */
export const PERMALINK_TYPE = dynamicType(PERMALINK);

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
// The output fields (with their TSDoc) come from the declaration, merged into the class.
export interface Permalink extends PermalinkFields {}
export class Permalink extends pulumi.dynamic.Resource {
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
      ...outputPlaceholders(PERMALINK),
      createKey: pulumi.output(args.user).apply((user) => createKey([...declaredAt, JSON.stringify(user)])),
      ...declaredUrn(PERMALINK, name, opts),
      ...args,
    };
    const secrets = pulumi.mergeOptions(opts, { additionalSecretOutputs: [...PERMALINK_SECRET_OUTPUTS] });
    super(shim("permalink"), name, props, secrets, "eyeson", "Permalink");
    // Not an engine output: during an in-place update the engine leaves outputs unknown in the preview, and
    // a host wired to an unknown permalink id would be planned for a replacement that never happens.
    (this as { permalinkId: pulumi.Output<string> }).permalinkId = this.id;
  }
}
