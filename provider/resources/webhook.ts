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
import type { WebhookType } from "../types";
import { createKey } from "./createMarks";
import { declaredIn, declaredUrn } from "./declaredAt";
import { shim } from "./shimProvider";

/** Arguments of `new Webhook(...)`; any change of `url` or `types` replaces the registration. */
export interface WebhookArgs {
  /** Receiver URL: https:// (plain http:// only to 127.0.0.1, ::1 or localhost). */
  readonly url: pulumi.Input<string>;
  /** Event types to deliver; order does not matter. */
  readonly types: pulumi.Input<pulumi.Input<WebhookType>[]>;
  /** Replace a webhook that is already registered for the API key instead of refusing to. Only read by create. */
  readonly adoptExisting?: pulumi.Input<boolean>;
}

/** Normalised inputs; `types` are de-duplicated and sorted. */
export interface WebhookInputs {
  readonly url: string;
  readonly types: WebhookType[];
  readonly adoptExisting?: boolean;
  /** Where the resource is declared (a hash set by the constructor): two per API key are refused. */
  readonly declaredAt?: string;
}

/** Outputs: the inputs plus the registration's id and delivery status. Optional because older states may lack some. */
export interface WebhookOutputs extends WebhookInputs {
  readonly stateVersion?: number;
  /** Fingerprint of the account (endpoint and API key) the webhook was registered in; never the key. */
  readonly account?: string;
  /** Set by a refresh that found another registration in the key's one slot: its origin and types. */
  readonly displacedBy?: string;
  readonly webhookId?: string;
  readonly lastRequestSentAt?: string;
  readonly lastResponseCode?: string;
}

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
export class Webhook extends pulumi.dynamic.Resource {
  /** Receiver URL. */
  declare readonly url: pulumi.Output<string>;
  /** Event types, sorted. */
  declare readonly types: pulumi.Output<WebhookType[]>;
  /** Whether create was allowed to replace an existing registration. */
  declare readonly adoptExisting: pulumi.Output<boolean | undefined>;
  /** Version of the state shape written by the provider. */
  declare readonly stateVersion: pulumi.Output<number>;
  /** Fingerprint of the account (endpoint and API key) the webhook belongs to; not secret, not the key. */
  declare readonly account: pulumi.Output<string>;
  /** Set when a refresh found another registration in the key's one slot (its origin and types). */
  declare readonly displacedBy: pulumi.Output<string | undefined>;
  /** The registration's id (also the resource id). */
  declare readonly webhookId: pulumi.Output<string>;
  /** When eyeson last called the receiver, as of the last create or refresh. */
  declare readonly lastRequestSentAt: pulumi.Output<string | undefined>;
  /** The receiver's last HTTP status (a string, as the API reports it), as of the last create or refresh. */
  declare readonly lastResponseCode: pulumi.Output<string | undefined>;

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
      ...declaredUrn("Webhook", name, opts),
      declaredAt: createKey(declaredIn("eyeson:Webhook", name)),
      adoptExisting: undefined,
      stateVersion: undefined,
      account: undefined,
      displacedBy: undefined,
      webhookId: undefined,
      lastRequestSentAt: undefined,
      lastResponseCode: undefined,
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
