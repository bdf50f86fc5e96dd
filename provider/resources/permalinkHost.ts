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
import type { UserInput } from "../types";
import type { Permalink } from "./permalink";
import { generatedUserId } from "./createMarks";
import { declaredIn } from "./declaredAt";
import type { LiveMeetings } from "./liveMeetings";
import { shim } from "./shimProvider";

/** A host as program inputs. */
export interface PermalinkHostUserArgs {
  /** Display name (required). */
  readonly name: pulumi.Input<string>;
  /** Your own user id; one is generated (and kept) when absent. */
  readonly id?: pulumi.Input<string>;
  /** Avatar image URL. */
  readonly avatar?: pulumi.Input<string>;
}

/** What every `PermalinkHostArgs` can set besides the permalink and the host. */
export interface PermalinkHostSettings {
  /**
   * What `up` and `destroy` do when removing this host would stop its link from working during a running
   * meeting: `"protect"` refuses the step before it changes anything, `"allow"` lets it run. Wins over
   * `EYESON_LIVE_MEETINGS` and the stack's `eyeson:liveMeetings`; unset follows them (default `"protect"`).
   * Changes in place, without a request.
   */
  readonly liveMeetings?: pulumi.Input<LiveMeetings>;
}

/**
 * Arguments of `new PermalinkHost(...)`: the permalink (the resource itself, or its id) and the host. Any
 * change of them replaces the host; an in-place update of the permalink changes nothing here.
 */
export type PermalinkHostArgs = PermalinkHostSettings &
  (
    | {
        /** The permalink to add the host to. Changing it replaces the host. */
        readonly permalink: Permalink;
        readonly permalinkId?: never;
        /** The host. Changing it replaces the host. */
        readonly user: pulumi.Input<PermalinkHostUserArgs>;
      }
    | {
        /**
         * The id of the permalink to add the host to: `permalink.permalinkId` (or `permalink.id`), or an id from
         * config. Changing it replaces the host.
         */
        readonly permalinkId: pulumi.Input<string>;
        readonly permalink?: never;
        /** The host. Changing it replaces the host. */
        readonly user: pulumi.Input<PermalinkHostUserArgs>;
      }
  );

/** Normalised inputs; `userId` is the declared `user.id` or the one `check` generated. */
export interface PermalinkHostInputs {
  readonly permalinkId: string;
  readonly user: UserInput;
  readonly userId?: string;
  /** Whether removing this host may happen during a running meeting (the `liveMeetings` module); unset follows the stack. */
  readonly liveMeetings?: LiveMeetings;
  /** This resource's URN, so the provider's warnings and errors name it; set by the constructor (or the plugin). */
  readonly resourceUrn?: string;
}

/** Outputs: the inputs plus the host's token and link. Optional because older states may lack some. */
export interface PermalinkHostOutputs extends PermalinkHostInputs {
  readonly stateVersion?: number;
  /** Fingerprint of the account (endpoint and API key) the host was registered in; never the key. */
  readonly account?: string;
  readonly userToken?: string;
  readonly hostUrl?: string;
}

/** Outputs kept secret in the state. */
export const PERMALINK_HOST_SECRET_OUTPUTS = ["userToken", "hostUrl"] as const;

/** The type of the dynamic resource, as its URN carries it. */
export const HOST_TYPE = "pulumi-nodejs:dynamic/eyeson:PermalinkHost";

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
export class PermalinkHost extends pulumi.dynamic.Resource {
  /** The permalink this host belongs to. */
  declare readonly permalinkId: pulumi.Output<string>;
  /** The host, as declared. */
  declare readonly user: pulumi.Output<UserInput>;
  /** The host's user id (declared, or generated once and kept). */
  declare readonly userId: pulumi.Output<string>;
  /** `"protect"` or `"allow"` as declared (see `PermalinkHostSettings.liveMeetings`); undefined follows the stack. */
  declare readonly liveMeetings: pulumi.Output<LiveMeetings | undefined>;
  /** Version of the state shape written by the provider. */
  declare readonly stateVersion: pulumi.Output<number>;
  /** Fingerprint of the account (endpoint and API key) the host belongs to; not secret, not the key. */
  declare readonly account: pulumi.Output<string>;
  /** Secret: the host's token; whoever holds it can start the meeting as this host. */
  declare readonly userToken: pulumi.Output<string>;
  /** Secret: the host's meeting link (embeds `userToken`). */
  declare readonly hostUrl: pulumi.Output<string>;

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
      userId: generatedUserId(declaredIn("eyeson:PermalinkHost", name)),
      resourceUrn: pulumi.createUrn(name, HOST_TYPE, opts?.parent),
      liveMeetings: args.liveMeetings,
      stateVersion: undefined,
      account: undefined,
      userToken: undefined,
      hostUrl: undefined,
      user: args.user,
      permalinkId,
    };
    const merged = pulumi.mergeOptions(opts, { additionalSecretOutputs: [...PERMALINK_HOST_SECRET_OUTPUTS] });
    super(shim("permalinkHost"), name, props, merged, "eyeson", "PermalinkHost");
  }
}
