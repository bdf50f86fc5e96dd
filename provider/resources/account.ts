/**
 * `EyesonAccount`: an explicit provider instance for a second eyeson account in the same program.
 *
 * The resources are dynamic resources of the `pulumi-nodejs` provider. Its default instance is configured with
 * the whole stack config (so `eyeson:apiKey` / `eyeson:endpoint` reach it); an explicit instance is configured
 * with its own inputs instead, which is all this class sets. Pass it as `{ provider }` to a resource.
 */
import * as pulumi from "@pulumi/pulumi";
import type { LiveMeetings } from "./liveMeetings";
import { CONFIG_KEYS } from "../config";

/** Arguments of `new EyesonAccount(...)`. */
export interface EyesonAccountArgs {
  /** The account's API key; stored as a secret. */
  readonly apiKey: pulumi.Input<string>;
  /** API endpoint; default `EYESON_API_ENDPOINT`, else https://api.eyeson.team (the stack's `eyeson:endpoint` is not inherited). */
  readonly endpoint?: pulumi.Input<string>;
  /**
   * `"protect"` or `"allow"`: what `up` and `destroy` do with a step that would end a running meeting in this
   * account's rooms, as the stack's `eyeson:liveMeetings` does for the default account (not inherited); unset is
   * `EYESON_LIVE_MEETINGS`, else `"protect"`. A resource's own `liveMeetings` wins.
   */
  readonly liveMeetings?: pulumi.Input<LiveMeetings>;
}

/** A provider for resources that belong to another eyeson account: `new Permalink(name, args, { provider })`. */
export class EyesonAccount extends pulumi.ProviderResource {
  /**
   * Declares a provider instance for another eyeson account; pass it as `{ provider }` to the resources of
   * that account. Its inputs become the configuration of its own provider process.
   *
   * @example
   * ```ts
   * const partner = new eyeson.EyesonAccount("partner", {
   *   apiKey: new pulumi.Config().requireSecret("partnerApiKey"),
   * });
   * new eyeson.Permalink("partner-room", { user: { name: "Partner host" } }, { provider: partner });
   * ```
   *
   * @param name - The provider's name in the stack.
   * @param args - `apiKey` (stored as a secret) and `endpoint` (the stack's `eyeson:endpoint` is not inherited).
   * @param opts - Pulumi's resource options.
   */
  constructor(name: string, args: EyesonAccountArgs, opts?: pulumi.ResourceOptions) {
    const props: pulumi.Inputs = { [CONFIG_KEYS.apiKey]: pulumi.secret(args.apiKey) };
    if (args.endpoint !== undefined) props[CONFIG_KEYS.endpoint] = args.endpoint;
    if (args.liveMeetings !== undefined) props[CONFIG_KEYS.liveMeetings] = args.liveMeetings;
    super("pulumi-nodejs", name, props, opts);
  }
}
