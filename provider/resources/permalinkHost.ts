/**
 * `PermalinkHost`: a further host of a permalink, with their own token
 * (https://docs.eyeson.com/docs/rest/references/permalink; `docs/api-notes.md` on removing hosts).
 *
 * The resource id is `<permalinkId>/<userId>` and never the token: ids are stored in plain text. When no
 * `user.id` is declared, `check` generates one once and keeps it in the inputs, so the id stays stable.
 *
 * There is no adopt input: the API cannot look up an existing host's token by user id, and a token given as
 * an input would be stored in the state's inputs, in plain text unless the program marked it secret.
 *
 * Every change of the host replaces it (see `diff`); the one update is a change of `liveMeetings` alone, which
 * lives in the state only and sends no request.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Permalink } from "./permalink";
import { generatedUserId } from "./createMarks";
import { declaredIn, declaredUrn } from "./declaredAt";
import { dynamicType, outputPlaceholders, secretOutputs } from "./declare";
import { PERMALINK_HOST } from "./declarations";
import type { PermalinkHostFields, PermalinkHostIdArgs } from "./declaredTypes";
import { shim } from "./shimProvider";

export type { PermalinkHostInputs, PermalinkHostOutputs } from "./declaredTypes";
export type { PermalinkHostUserArgs } from "./userArgs";

/** What every `PermalinkHostArgs` can set besides the permalink and the host. */
export type PermalinkHostSettings = Omit<PermalinkHostIdArgs, "permalinkId" | "user">;

/**
 * Arguments of `new PermalinkHost(...)`: the permalink (the resource itself, or its id) and the host. Any
 * change of them replaces the host; an in-place update of the permalink changes nothing here.
 */
export type PermalinkHostArgs =
  | (Omit<PermalinkHostIdArgs, "permalinkId"> & {
      /** The permalink to add the host to. Changing it replaces the host. */
      readonly permalink: Permalink;
      readonly permalinkId?: never;
    })
  | (PermalinkHostIdArgs & { readonly permalink?: never });

/** Outputs kept secret in the state. */
export const PERMALINK_HOST_SECRET_OUTPUTS: readonly string[] = secretOutputs(PERMALINK_HOST);

/** The type of the dynamic resource, as its URN carries it. */
export const HOST_TYPE = dynamicType(PERMALINK_HOST);

/**
 * A further host of a permalink, with a token of their own; the token and host link are secret outputs.
 *
 * Any change replaces the host (the old one is removed first). Wire it to the `Permalink` itself (or its id):
 * an in-place update of the room then plans no change here.
 *
 * ## Example Usage
 *
 * ```ts
 * import * as eyeson from "pulumi-eyeson";
 *
 * const warRoom = new eyeson.Permalink("war-room", { user: { name: "Primary on-call", id: "oncall-primary" } });
 * const deputy = new eyeson.PermalinkHost("deputy", {
 *   permalink: warRoom,
 *   user: { name: "Secondary on-call", id: "oncall-secondary" },
 * });
 * export const deputyLink = deputy.hostUrl; // secret
 * ```
 *
 * ## Import
 *
 * The id is `<permalinkId>/<userId>`, e.g. `6643685b858f54f55edef723/oncall-secondary`. A host cannot be
 * imported or adopted: the API never reveals an existing host's token, which this resource needs. Declare the
 * host anew (another user id), or replace the room with its hosts (`pulumi up --replace <the Permalink's URN>`).
 */
// The output fields (with their TSDoc) come from the declaration, merged into the class.
export interface PermalinkHost extends PermalinkHostFields {}
export class PermalinkHost extends pulumi.dynamic.Resource {
  /**
   * Declares a further host of a permalink, added at the next `pulumi up` with a secret token of their own;
   * the type token is `pulumi-nodejs:dynamic/eyeson:PermalinkHost`. Any change replaces the host.
   *
   * @example
   * ```ts
   * const warRoom = new eyeson.Permalink("war-room", { user: { name: "Primary on-call", id: "oncall-primary" } });
   * const deputy = new eyeson.PermalinkHost("deputy", {
   *   permalink: warRoom,
   *   user: { name: "Secondary on-call", id: "oncall-secondary" },
   * });
   * export const deputyLink = deputy.hostUrl; // secret
   * ```
   *
   * @param name - The resource's name in the stack. Another name is another host: rename with `aliases`
   *   (a user is a host of a permalink once, so a create under the new name fails without them).
   * @param args - `permalink` (the `Permalink` resource) or `permalinkId` (its id), and `user` (`name`, and
   *   `id`: when absent, one is derived from where the host is declared, so it stays the same every run).
   * @param opts - Pulumi's resource options: `provider` (an `EyesonAccount` for another eyeson account),
   *   `retainOnDelete` (hand the object back to eyeson instead of deleting it), `aliases` (after a rename or a
   *   move into a component), `protect`, `dependsOn`.
   */
  constructor(name: string, args: PermalinkHostArgs, opts?: pulumi.CustomResourceOptions) {
    // The permalink's resource id stays known while the permalink is updated in place (see Permalink).
    const permalinkId = args.permalink !== undefined ? args.permalink.id : args.permalinkId;
    // Used only when `user.id` is not declared: the same for every run of this program, so a registration
    // sent again after a lost answer cannot register a second host.
    const props = {
      ...outputPlaceholders(PERMALINK_HOST),
      userId: generatedUserId(declaredIn("eyeson:PermalinkHost", name)),
      ...declaredUrn(PERMALINK_HOST, name, opts),
      liveMeetings: args.liveMeetings,
      user: args.user,
      permalinkId,
    };
    const merged = pulumi.mergeOptions(opts, { additionalSecretOutputs: [...PERMALINK_HOST_SECRET_OUTPUTS] });
    super(shim("permalinkHost"), name, props, merged, "eyeson", "PermalinkHost");
  }
}
