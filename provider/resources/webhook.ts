/**
 * `Webhook`: the one webhook registration of an API key (https://docs.eyeson.com/docs/rest/advanced/register_webhooks).
 *
 * The API has no update call and keeps one webhook per key, so any change replaces (deleting first), `create`
 * refuses to overwrite a registration it does not own unless `adoptExisting` is set, and `delete` removes the
 * registration only while it is still this resource's.
 *
 * Two stacks sharing a key must not take the registration from each other in turns. When a refresh finds
 * another registration in the key's slot, the resource stays in the state marked `displacedBy`, and the next
 * `up` fails with what to do instead of registering again; only a stack that never had the webhook can adopt it.
 * A registration with this resource's own URL is not another owner: changing a webhook's types means registering
 * it again (a new id), so a refresh records it as this resource, and the next `up` restores the declared types.
 */
import * as pulumi from "@pulumi/pulumi";
import { createKey } from "./createMarks";
import { declaredIn, declaredUrn } from "./declaredAt";
import { outputPlaceholders } from "./declare";
import { WEBHOOK } from "./declarations";
import type { WebhookArgs, WebhookFields } from "./declaredTypes";
import { shim } from "./shimProvider";

export type { WebhookArgs, WebhookInputs, WebhookOutputs } from "./declaredTypes";

/**
 * The API key's webhook registration: eyeson keeps one per key, so declare one per key (one key per
 * environment). Any change of `url` or `types` replaces it, deleting the old registration first.
 *
 * ## Example Usage
 *
 * ```ts
 * import * as eyeson from "pulumi-eyeson";
 *
 * const hook = new eyeson.Webhook("incidents", {
 *   url: "https://incidents.example.com/hooks/eyeson",
 *   types: ["room_update", "recording_update"],
 * });
 * export const webhookId = hook.webhookId;
 * ```
 *
 * Verify deliveries in the receiver with `verifyWebhookSignature(rawBody, signature, apiKey)`.
 *
 * ## Adopt
 *
 * The id is the webhook's id (24 hex characters). To take over the key's existing registration, set
 * `adoptExisting: true`: the first `up` replaces it with the declared one (an identical one is kept as is).
 */
// The output fields (with their TSDoc) come from the declaration, merged into the class.
export interface Webhook extends WebhookFields {}
export class Webhook extends pulumi.dynamic.Resource {
  /**
   * Declares the API key's one webhook, registered at the next `pulumi up`; the type token is
   * `pulumi-nodejs:dynamic/eyeson:Webhook`. Any change replaces it, deleting the old registration first.
   * Besides your inputs, a preview shows `declaredAt`, a hash of where the webhook is declared, set here: it
   * tells this stack's webhook from another stack's that uses the same API key.
   *
   * @example
   * ```ts
   * new eyeson.Webhook("incidents", {
   *   url: "https://incidents.example.com/hooks/eyeson",
   *   types: ["room_update", "recording_update"],
   * });
   * ```
   *
   * @param name - The resource's name in the stack. Another name is another webhook: rename with `aliases`.
   * @param args - `url` (`https://`, or `http://` to a loopback address), `types` (the events to deliver) and
   *   `adoptExisting` (take over a webhook that is already registered).
   * @param opts - Pulumi's resource options: `provider` (an `EyesonAccount` for another eyeson account),
   *   `retainOnDelete` (hand the object back to eyeson instead of deleting it), `aliases` (after a rename or a
   *   move into a component), `protect`, `dependsOn`.
   */
  constructor(name: string, args: WebhookArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      ...outputPlaceholders(WEBHOOK),
      ...declaredUrn(WEBHOOK, name, opts),
      declaredAt: createKey(declaredIn("eyeson:Webhook", name)),
      ...args,
    };
    super(
      shim("webhook"),
      name,
      props,
      pulumi.mergeOptions({ deleteBeforeReplace: true }, opts),
      "eyeson",
      "Webhook",
    );
  }
}
