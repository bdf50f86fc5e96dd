/**
 * `Webhook`: the one webhook registration of an API key (eyeson-api.md §2.9, §3.7, decision 6).
 *
 * The API has no update call and keeps one webhook per key, so any change replaces (deleting first), `create`
 * refuses to overwrite a registration it does not own unless `adoptExisting` is set, and `delete` removes the
 * registration only while it is still this resource's.
 */
import * as pulumi from "@pulumi/pulumi";
import type { EyesonClient } from "../client";
import { WEBHOOK_TYPES, type Webhook as ApiWebhook, type WebhookType } from "../types";
import { isAlreadyGone, messageOf, ProviderBase, STATE_VERSION } from "./runtime";
import { shim } from "./shimProvider";
import {
  compact,
  describe,
  differs,
  Failures,
  isRecord,
  isUnknown,
  optionalBoolean,
  optionalUrl,
  rejectUnknownKeys,
} from "./validate";

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
}

/** Outputs: the inputs plus the registration's id and delivery status. Optional because older states may lack some. */
export interface WebhookOutputs extends WebhookInputs {
  readonly stateVersion?: number;
  readonly webhookId?: string;
  readonly lastRequestSentAt?: string;
  readonly lastResponseCode?: string;
}

const INPUT_KEYS = ["url", "types", "adoptExisting"] as const;

/** The Webhook implementation; the engine reaches it through the shim. */
export class WebhookProvider
  extends ProviderBase
  implements pulumi.dynamic.ResourceProvider<WebhookInputs, WebhookOutputs>
{
  /** Validates the URL and the types offline; types come back de-duplicated and sorted. */
  async check(_olds: WebhookInputs, news: WebhookInputs): Promise<pulumi.dynamic.CheckResult<WebhookInputs>> {
    const failures = new Failures();
    const raw: Record<string, unknown> = isRecord(news) ? news : {};
    rejectUnknownKeys(failures, "", raw, INPUT_KEYS);
    if (raw.url === undefined || raw.url === null) failures.add("url", "is required");
    const url = optionalUrl(failures, "url", raw.url, { httpsOnly: true });
    const types = checkTypes(failures, raw.types);
    const adoptExisting = optionalBoolean(failures, "adoptExisting", raw.adoptExisting);
    return { inputs: compact({ url: url ?? "", types, adoptExisting }), failures: failures.list };
  }

  /** A changed URL or type set replaces, deleting the old registration first; `adoptExisting` never matters here. */
  async diff(_id: string, olds: WebhookOutputs, news: WebhookInputs): Promise<pulumi.dynamic.DiffResult> {
    const old = readState(olds);
    const replaces = (["url", "types"] as const).filter((key) => differs(old[key], news[key]));
    return { changes: replaces.length > 0, replaces, deleteBeforeReplace: true };
  }

  /**
   * Looks at the current registration first (1 request). An identical one is taken over as is; another one
   * is replaced only with `adoptExisting`. Registering and reading back the id take 2 more requests.
   */
  async create(inputs: WebhookInputs): Promise<pulumi.dynamic.CreateResult<WebhookOutputs>> {
    return this.withClient(async (client) => {
      const existing = await client.getWebhook();
      if (existing && sameWebhook(existing, inputs))
        return { id: existing.id, outs: outputsOf(inputs, existing) };
      if (existing && !inputs.adoptExisting) {
        throw new Error(
          `A webhook is already registered for this API key (${describeWebhook(existing)}) and eyeson keeps one per key; ` +
            "set adoptExisting: true on this Webhook to replace it, or remove the other registration first",
        );
      }
      await client.registerWebhook({ url: inputs.url, types: inputs.types });
      const registered = await readBack(client);
      if (!registered || !sameWebhook(registered, inputs)) {
        throw new Error(
          "Registered the webhook, but the API now reports " +
            (registered ? `another registration (${describeWebhook(registered)})` : "no registration") +
            "; another client may have registered one at the same time — run `pulumi up` again",
        );
      }
      return { id: registered.id, outs: outputsOf(inputs, registered) };
    });
  }

  /**
   * Reads the registration (1 request). Drops the resource when none is registered or another one has taken
   * the key's single slot; reports changed URL or types as drift, so the next `up` replaces it.
   */
  async read(id: string, props?: WebhookOutputs): Promise<pulumi.dynamic.ReadResult<WebhookOutputs>> {
    const old = readState(props);
    return this.withClient(async (client) => {
      const live = await client.getWebhook();
      if (!live) return {};
      // Re-registered with identical settings under a new id: still this resource's webhook.
      if (live.id !== id && !sameWebhook(live, old)) return {};
      const declared = { url: live.url, types: normaliseTypes(live.types), adoptExisting: old.adoptExisting };
      return { id: live.id, props: outputsOf(declared, live), inputs: compact(declared) };
    });
  }

  /** Never called: every change replaces. Returns the outputs unchanged should an engine call it anyway. */
  async update(
    _id: string,
    olds: WebhookOutputs,
    _news: WebhookInputs,
  ): Promise<pulumi.dynamic.UpdateResult<WebhookOutputs>> {
    return { outs: compact({ ...olds }) };
  }

  /** Deletes the registration only while it is still this one (2 requests); gone already is fine. */
  async delete(id: string, _props: WebhookOutputs): Promise<void> {
    await this.withClient(async (client) => {
      const live = await client.getWebhook();
      if (!live || live.id !== id) return;
      try {
        await client.deleteWebhook(id, { missingOk: true });
      } catch (err) {
        if (!isAlreadyGone(err)) throw err;
      }
    });
  }
}

async function readBack(client: EyesonClient): Promise<ApiWebhook | null> {
  try {
    return await client.getWebhook();
  } catch (err) {
    // The id is unknown, so the engine cannot keep it; the next create recognises the identical registration.
    throw new Error(
      `Registered the webhook, but reading back its id failed: ${messageOf(err)}; run \`pulumi up\` again to record it`,
    );
  }
}

function checkTypes(failures: Failures, value: unknown): WebhookType[] {
  if (value === undefined || value === null) {
    failures.add("types", `is required: a list of ${WEBHOOK_TYPES.join(", ")}`);
    return [];
  }
  if (isUnknown(value)) return value as unknown as WebhookType[];
  if (!Array.isArray(value)) {
    failures.add("types", `must be a list of event types, got ${describe(value)}`);
    return [];
  }
  if (value.length === 0) failures.add("types", `must name at least one of ${WEBHOOK_TYPES.join(", ")}`);
  value.forEach((type, i) => {
    if (isUnknown(type) || (WEBHOOK_TYPES as readonly unknown[]).includes(type)) return;
    const got = typeof type === "string" && type.length <= 40 ? JSON.stringify(type) : describe(type);
    failures.add(`types[${i}]`, `must be one of ${WEBHOOK_TYPES.join(", ")}, got ${got}`);
  });
  return normaliseTypes(value.filter((t) => typeof t === "string") as WebhookType[]);
}

/** Sorted and de-duplicated; the API may also answer with a comma-separated string (§2.9). */
function normaliseTypes(types: readonly string[] | string | undefined): WebhookType[] {
  const list = typeof types === "string" ? types.split(",") : (types ?? []);
  return [...new Set(list.map((t) => t.trim()).filter(Boolean))].sort() as WebhookType[];
}

function sameWebhook(live: ApiWebhook, declared: Pick<WebhookInputs, "url" | "types">): boolean {
  return live.url === declared.url && !differs(normaliseTypes(live.types), normaliseTypes(declared.types));
}

/** Names a registration without its path or query, which may carry the receiver's secret. */
function describeWebhook(hook: ApiWebhook): string {
  let where = "an unparsable URL";
  try {
    where = `${new URL(hook.url).origin}/…`;
  } catch {
    // Keep the neutral wording.
  }
  return `${where}, types ${normaliseTypes(hook.types).join(",")}`;
}

function outputsOf(declared: WebhookInputs, live: ApiWebhook): WebhookOutputs {
  return compact({
    stateVersion: STATE_VERSION,
    url: declared.url,
    types: declared.types,
    adoptExisting: declared.adoptExisting,
    webhookId: live.id,
    lastRequestSentAt: live.lastRequestSentAt ?? undefined,
    lastResponseCode: live.lastResponseCode ?? undefined,
  });
}

/** Reads any state shape this provider has written (version 1 so far; see `STATE_VERSION`). */
function readState(props: WebhookOutputs | undefined): WebhookOutputs {
  const state = isRecord(props) ? (props as WebhookOutputs) : ({} as Partial<WebhookOutputs>);
  return {
    ...state,
    url: typeof state.url === "string" ? state.url : "",
    types: normaliseTypes(Array.isArray(state.types) ? state.types : []),
  };
}

/** The API key's webhook registration; the URN type is `pulumi-nodejs:dynamic/eyeson:Webhook`. */
export class Webhook extends pulumi.dynamic.Resource {
  /** Receiver URL. */
  declare readonly url: pulumi.Output<string>;
  /** Event types, sorted. */
  declare readonly types: pulumi.Output<WebhookType[]>;
  /** Whether create was allowed to replace an existing registration. */
  declare readonly adoptExisting: pulumi.Output<boolean | undefined>;
  /** Version of the state shape written by the provider. */
  declare readonly stateVersion: pulumi.Output<number>;
  /** The registration's id (also the resource id). */
  declare readonly webhookId: pulumi.Output<string>;
  /** When eyeson last called the receiver, as of the last create or refresh. */
  declare readonly lastRequestSentAt: pulumi.Output<string | undefined>;
  /** The receiver's last HTTP status (a string, as the API reports it), as of the last create or refresh. */
  declare readonly lastResponseCode: pulumi.Output<string | undefined>;

  /** Declares the webhook; any change replaces it, deleting the old registration first. */
  constructor(name: string, args: WebhookArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      adoptExisting: undefined,
      stateVersion: undefined,
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
