/**
 * The host side of `Webhook` (the class a program declares is in the `webhook` module): the one webhook registration of an API key (https://docs.eyeson.com/docs/rest/advanced/register_webhooks).
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
import type * as pulumi from "@pulumi/pulumi";
import type { EyesonClient } from "../client";
import { WEBHOOK_TYPES, type Webhook as ApiWebhook, type WebhookType } from "../types";
import { EyesonError } from "../errors";
import { uncertain, pauseBeforeAttempt, UNCERTAIN_ATTEMPTS } from "./createMarks";
import {
  assertSameAccount,
  checkedKeys,
  messageOf,
  ProviderBase,
  stateDeleteCommand,
  STATE_VERSION,
} from "./providerBase";
import { inputsIn, replacingChanges } from "./declare";
import { WEBHOOK } from "./declarations";
import type { WebhookInputs, WebhookOutputs } from "./declaredTypes";
import { typeOf, Failures, optionalBoolean, optionalString, optionalUrl } from "../validate";
import { compact, differs, isRecord, isUnknown } from "../values";

// Per provider process and account: the Webhook resources checked, by where they are declared. One per key.
const declaredWebhooks = new Map<string, string>();

/** The Webhook implementation; the engine reaches it through the shim. */
export class WebhookProvider
  extends ProviderBase
  implements pulumi.dynamic.ResourceProvider<WebhookInputs, WebhookOutputs>
{
  /**
   * Validates the URL and the types (types come back de-duplicated and sorted) and, under the engine, proves
   * the credentials once per provider process.
   */
  async check(_olds: WebhookInputs, news: WebhookInputs): Promise<pulumi.dynamic.CheckResult<WebhookInputs>> {
    const { failures, raw } = checkedKeys(news, WEBHOOK);
    if (raw.url === undefined || raw.url === null) failures.add("url", "is required");
    const url = optionalUrl(failures, "url", raw.url, { httpsOnly: true });
    const types = checkTypes(failures, raw.types);
    const adoptExisting = optionalBoolean(failures, "adoptExisting", raw.adoptExisting);
    const declaredAt = optionalString(failures, "declaredAt", raw.declaredAt, { nonEmpty: true, max: 64 });
    if (declaredAt !== undefined && !isUnknown(declaredAt) && failures.list.length === 0) {
      const other = this.secondWebhook(declaredAt);
      if (other) {
        failures.add(
          "url",
          "this program declares a second Webhook for the same API key, and eyeson keeps one webhook per API key; " +
            "declare one Webhook per key (or give this stack its own key)",
        );
      }
    }
    // Proven only for valid inputs: a bad input alone fails the preview, with no request sent.
    const credentials = failures.list.length === 0 ? await this.credentialFailure() : undefined;
    if (credentials) failures.add(credentials.property, credentials.reason);
    return { inputs: compact({ url: url ?? "", types, adoptExisting, declaredAt }), failures: failures.list };
  }

  /** The other Webhook of this provider's account checked in this process, if `declaredAt` is a second one. */
  private secondWebhook(declaredAt: string): string | undefined {
    let account: string | undefined;
    try {
      account = this.currentAccount();
    } catch {
      return undefined;
    }
    if (account === undefined) return undefined;
    const first = declaredWebhooks.get(account);
    if (first === undefined) declaredWebhooks.set(account, declaredAt);
    return first === undefined || first === declaredAt ? undefined : first;
  }

  /**
   * A changed URL or type set replaces, deleting the old registration first; `adoptExisting` never matters
   * here. A displaced webhook plans an update, which fails with what to do (see the module comment).
   */
  async diff(_id: string, olds: WebhookOutputs, news: WebhookInputs): Promise<pulumi.dynamic.DiffResult> {
    const old = readState(olds);
    if (old.displacedBy !== undefined) return { changes: true, replaces: [], deleteBeforeReplace: true };
    const replaces = replacingChanges(WEBHOOK, old, news, differs);
    return { changes: replaces.length > 0, replaces, deleteBeforeReplace: true };
  }

  /**
   * Looks at the current registration first (1 request). An identical one is taken over as is; another one
   * is replaced only with `adoptExisting`. Registering and reading back the id take 2 more requests.
   */
  async create(inputs: WebhookInputs): Promise<pulumi.dynamic.CreateResult<WebhookOutputs>> {
    const account = this.currentAccount();
    return this.withClient(async (client) => {
      const existing = await client.getWebhook();
      if (existing && sameWebhook(existing, inputs))
        return { id: existing.id, outs: outputsOf(inputs, existing, account) };
      if (existing && !inputs.adoptExisting) {
        throw new EyesonError(
          `This API key already has a webhook (${describeWebhook(existing)}), registered by another stack or tool, ` +
            "and eyeson keeps one webhook per API key. If another stack (another environment) declares it, give " +
            "each environment its own API key, or declare the Webhook in one stack only and read it elsewhere with " +
            "getWebhook(). If nothing manages that registration any more, set adoptExisting: true on this Webhook " +
            "to replace it once.",
        );
      }
      let registered: ApiWebhook | null = null;
      for (let attempt = 1; registered === null; attempt++) {
        let lost: unknown;
        try {
          await client.registerWebhook({ url: inputs.url, types: inputs.types });
        } catch (err) {
          // The registration may have arrived although its answer did not: the read-back tells.
          if (!uncertain(err)) throw err;
          lost = err;
        }
        const current = await readBack(client);
        if (current && sameWebhook(current, inputs)) {
          registered = current;
        } else if (lost === undefined) {
          throw new Error(
            "Registered the webhook, but the API now reports " +
              (current ? `another registration (${describeWebhook(current)})` : "no registration") +
              "; another client may have registered one at the same time — run `pulumi up` again",
          );
        } else if (attempt >= UNCERTAIN_ATTEMPTS) {
          throw lost;
        } else {
          await pauseBeforeAttempt(attempt);
        }
      }
      return { id: registered.id, outs: outputsOf(inputs, registered, account) };
    });
  }

  /**
   * Reads the registration (1 request). Drops the resource when none is registered; follows a registration
   * with this resource's URL under any id, reporting changed types as drift, so the next `up` restores them;
   * marks it `displacedBy` when a registration with another URL holds the key's one slot. Another account's
   * answer never drops or changes it.
   */
  async read(id: string, props?: WebhookOutputs): Promise<pulumi.dynamic.ReadResult<WebhookOutputs>> {
    const old = readState(props);
    const account = this.currentAccount();
    return this.withClient(async (client) => {
      const live = await client.getWebhook();
      if (!live) {
        await this.assertGoneHere(old.account, `Webhook ${id}`, "dropped from the state");
        return {};
      }
      if (!isOurs(live, id, old)) {
        // Another account's registration says nothing about this one.
        assertSameAccount(
          old.account,
          account,
          `Webhook ${id}`,
          "marked displaced",
          this.settings().endpoint,
        );
        const outs = compact({ ...old, stateVersion: STATE_VERSION, displacedBy: describeWebhook(live) });
        return {
          id,
          props: outs,
          inputs: inputsIn<WebhookInputs>(WEBHOOK, old),
        };
      }
      // Re-registered with this URL under a new id (eyeson's only way to change the types): still this
      // resource's webhook; the server's types become the state, so the next diff plans restoring ours. Only
      // in the account it was created in: another account's registration with the same URL is not this one.
      if (live.id !== id)
        assertSameAccount(old.account, account, `Webhook ${id}`, "followed to the registration there");
      const declared = {
        url: live.url,
        types: normaliseTypes(live.types),
        adoptExisting: old.adoptExisting,
        declaredAt: old.declaredAt,
      };
      return {
        id: live.id,
        props: outputsOf(declared, live, account ?? old.account),
        inputs: compact(declared),
      };
    });
  }

  /**
   * Runs only for a webhook a refresh found displaced (1 request), since every other change replaces: if the
   * key's slot holds this registration again, records that; otherwise fails with what to do, and never
   * registers again on its own. It is the one reason this resource has an `update`.
   */
  async update(
    id: string,
    olds: WebhookOutputs,
    news: WebhookInputs,
  ): Promise<pulumi.dynamic.UpdateResult<WebhookOutputs>> {
    const old = readState(olds);
    const account = this.currentAccount();
    return this.withClient(async (client) => {
      const live = await client.getWebhook();
      if (live && isOurs(live, id, old) && sameWebhook(live, news)) {
        return { outs: outputsOf(news, live, account ?? old.account) };
      }
      const holder = live ? `another registration (${describeWebhook(live)})` : "no registration";
      throw new EyesonError(
        `This stack's webhook ${id} was replaced: the API key's one webhook slot now holds ${holder}. Another stack ` +
          "or tool using the same API key took it, and this stack will not take it back on its own (two stacks doing " +
          "so would take turns forever). Give each environment its own API key, or remove this Webhook from this " +
          "stack and read the other stack's with getWebhook(). To reclaim the slot deliberately, remove this Webhook " +
          `from the state (${stateDeleteCommand()}) and declare it with adoptExisting: true.`,
      );
    });
  }

  /**
   * Deletes the registration only while it is still this one (2 requests); gone already is fine. Another
   * account cannot confirm that, so then it fails instead.
   */
  async delete(id: string, props: WebhookOutputs): Promise<void> {
    const old = readState(props);
    await this.withClient(async (client) => {
      const live = await client.getWebhook();
      if (!live || live.id !== id) {
        await this.assertGoneHere(old.account, `Webhook ${id}`, "deleted from the state");
        return;
      }
      await client.deleteWebhook(id, { missingOk: true });
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
    failures.add("types", `must be a list of event types, got ${typeOf(value)}`);
    return [];
  }
  if (value.length === 0) failures.add("types", `must name at least one of ${WEBHOOK_TYPES.join(", ")}`);
  value.forEach((type, i) => {
    if (isUnknown(type) || (WEBHOOK_TYPES as readonly unknown[]).includes(type)) return;
    const got = typeof type === "string" && type.length <= 40 ? JSON.stringify(type) : typeOf(type);
    failures.add(`types[${i}]`, `must be one of ${WEBHOOK_TYPES.join(", ")}, got ${got}`);
  });
  return normaliseTypes(value.filter((t) => typeof t === "string") as WebhookType[]);
}

/** Sorted and de-duplicated; the API may also answer with a comma-separated string (`docs/api-notes.md`, "Response objects"). */
function normaliseTypes(types: readonly string[] | string | undefined): WebhookType[] {
  const list = typeof types === "string" ? types.split(",") : (types ?? []);
  return [...new Set(list.map((t) => t.trim()).filter(Boolean))].sort() as WebhookType[];
}

/**
 * Whether the registration in the key's slot is this resource's: the same id, or this resource's URL under a
 * new id (someone registered it again, e.g. to change its types). Only another URL means another owner.
 */
function isOurs(live: ApiWebhook, id: string, old: Pick<WebhookInputs, "url">): boolean {
  return live.id === id || live.url === old.url;
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

function outputsOf(declared: WebhookInputs, live: ApiWebhook, account: string | undefined): WebhookOutputs {
  return compact({
    stateVersion: STATE_VERSION,
    account,
    url: declared.url,
    types: declared.types,
    adoptExisting: declared.adoptExisting,
    declaredAt: declared.declaredAt,
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
