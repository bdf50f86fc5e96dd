/**
 * The webhook function (`docs/api-notes.md`, "Webhooks"): read the API key's one registered webhook. Registering and
 * removing it is the `Webhook` resource's job.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as api from "../types";
import { defineFunction, EyesonInvokeOptions, InputArgs, Known } from "./invoke";

/** Arguments of `getWebhook` (none today; an object so options can be added). */
export type GetWebhookArgs = Record<string, never>;
/** `getWebhook` arguments as `pulumi.Input`s. */
export type GetWebhookOutputArgs = InputArgs<GetWebhookArgs>;
/** The registered webhook, or `null` when the API key has none. */
export interface GetWebhookResult {
  /** The registration; absent when the API key has none. */
  readonly webhook: Known<api.Webhook> | null;
}

const getWebhookFn = defineFunction<GetWebhookArgs, GetWebhookResult>({
  name: "getWebhook",
  sideEffect: false,
  converges: true,
  validate: () => undefined,
  run: async (client) => ({ webhook: await client.getWebhook() }),
});

/**
 * Reads the API key's registered webhook (or `null`). Runs in preview. Read-only: a second run reads the registration then.
 *
 * @param args - The arguments ({@link GetWebhookArgs}): no field is required.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = await eyeson.getWebhook({});
 * ```
 */
export function getWebhook(args: GetWebhookArgs = {}, opts?: EyesonInvokeOptions): Promise<GetWebhookResult> {
  return getWebhookFn.invoke(args, opts);
}

/**
 * Reads the API key's registered webhook (or `null`). Runs in preview. Read-only: a second run reads the registration then.
 *
 * @param args - The arguments as Pulumi inputs (`GetWebhookOutputArgs`, see {@link GetWebhookArgs}): no field is
 *   required.
 * @param opts - The account and the order: {@link EyesonInvokeOptions} (`apiKey`, `endpoint`, `dependsOn`).
 * @example
 * ```ts
 * const result = eyeson.getWebhookOutput({});
 * ```
 */
export function getWebhookOutput(
  args: GetWebhookOutputArgs = {},
  opts?: EyesonInvokeOptions,
): pulumi.Output<GetWebhookResult> {
  return getWebhookFn.output(args, opts);
}
