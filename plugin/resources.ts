/**
 * The plugin's resource types and how each maps onto the provider class that backs the dynamic resource of
 * the same name. The classes are used as they are, through their public methods: the plugin only supplies what
 * the dynamic resources' constructors add in the program (inputs derived from where a resource is declared)
 * and what the engine's import needs (a read with nothing but the id).
 */
import * as pulumi from "@pulumi/pulumi";
import { getPermalink, getWebhook, type PermalinkObject } from "../provider";
import { isEyesonNotFound } from "../provider/errors";
import { sharedAccountClients } from "../provider/accountClients";
import { PERMALINK_SECRET_OUTPUTS } from "../provider/resources/permalink";
import { PermalinkProvider } from "../provider/resources/permalinkProvider";
import { PERMALINK_HOST_SECRET_OUTPUTS } from "../provider/resources/permalinkHost";
import { PermalinkHostProvider } from "../provider/resources/permalinkHostProvider";
import { createKey, generatedUserId } from "../provider/resources/createMarks";
import type { ProviderOptions } from "../provider/resources/providerBase";
import { WebhookProvider } from "../provider/resources/webhookProvider";
import { permalinkSettings } from "../provider/adoption";
import type { PluginConfig } from "./configure";
import { isBag, type Bag } from "./wire";

/** The dynamic provider contract the three classes implement (every method the plugin calls). */
export type ResourceImplementation = pulumi.dynamic.ResourceProvider &
  Required<
    Pick<pulumi.dynamic.ResourceProvider, "configure" | "check" | "diff" | "create" | "read" | "delete">
  >;

/** One resource type the plugin serves. */
export interface PluginResource {
  /** The type token, e.g. `eyeson:index:Permalink`. */
  readonly token: string;
  /** The implementation the dynamic resource of the same name uses. */
  readonly implementation: ResourceImplementation;
  /** Outputs that are always secret (the dynamic resources' `additionalSecretOutputs`). */
  readonly secretOutputs: readonly string[];
  /**
   * The inputs the dynamic resource's constructor sets in the program, derived here from the URN: the
   * permalink's create key, the webhook's declaration mark, a host's generated user id. Given values win. (The
   * URN, which warnings and refusals name the resource by, comes with every call: see `withUrn`.)
   */
  derivedInputs(urn: string, news: Bag): Bag;
  /** The state of an existing object known only by its id (`pulumi import`); undefined when it does not exist. */
  importState(id: string, config: PluginConfig): Promise<pulumi.dynamic.ReadResult | undefined>;
}

/**
 * The three resource types, by token; `options` are those of every implementation (where warnings go). They
 * share the process's clients (one per account) unless `options` brings its own.
 */
export function pluginResources(given: ProviderOptions = {}): ReadonlyMap<string, PluginResource> {
  const options: ProviderOptions = { clients: given.client ? undefined : sharedAccountClients, ...given };
  // Typed as the plain contract: the plugin hands them wire values, which their `check` validates.
  const permalink: ResourceImplementation = new PermalinkProvider(options);
  const host: ResourceImplementation = new PermalinkHostProvider(options);
  const webhook: ResourceImplementation = new WebhookProvider(options);
  const list: PluginResource[] = [
    {
      token: "eyeson:index:Permalink",
      implementation: permalink,
      secretOutputs: PERMALINK_SECRET_OUTPUTS,
      derivedInputs: (urn, news) => ({
        // Like the dynamic resource's: where it is declared and its first host, so a replacement (a new first
        // host) never finds the permalink it replaces, and the same declaration finds its own lost create.
        createKey: containsUnknown(news.user)
          ? pulumi.runtime.unknownValue
          : createKey(["eyeson:index:Permalink", urn, JSON.stringify(news.user ?? null)]),
      }),
      async importState(id, config) {
        let live: Awaited<ReturnType<typeof getPermalink>>;
        try {
          live = await getPermalink({ permalinkId: id }, config);
        } catch (err) {
          // Only eyeson's own 404 says it does not exist; a gateway's 404 fails the import instead.
          if (isEyesonNotFound(err)) return undefined;
          throw err;
        }
        // The read refreshes what it is given; given the live settings, it returns them as the inputs.
        // `Known<>` only hides the API type's open index signatures: the object is the API's permalink.
        const seed = JSON.parse(JSON.stringify(permalinkSettings(live as unknown as PermalinkObject))) as Bag;
        return permalink.read(id, seed);
      },
    },
    {
      token: "eyeson:index:PermalinkHost",
      implementation: host,
      secretOutputs: PERMALINK_HOST_SECRET_OUTPUTS,
      derivedInputs: (urn) => ({
        userId: generatedUserId(["eyeson:index:PermalinkHost", urn]),
      }),
      async importState() {
        throw new Error(
          "A PermalinkHost cannot be imported: eyeson reveals a host's token only in the answer to adding that " +
            "host, so no existing host can be taken over (the API never returns another host's token). Declare " +
            "the host in the program instead, with a user id that is not yet a host of the permalink; Pulumi adds it.",
        );
      },
    },
    {
      token: "eyeson:index:Webhook",
      implementation: webhook,
      secretOutputs: [],
      derivedInputs: (urn) => ({ declaredAt: createKey(["eyeson:index:Webhook", urn]) }),
      async importState(id, config) {
        // The read keeps a registration it does not find as "displaced"; an import must find this very one.
        const { webhook: live } = await getWebhook({}, config);
        if (live === null || live.id !== id) return undefined;
        return webhook.read(id, {});
      },
    },
  ];
  return new Map(list.map((resource) => [resource.token, resource]));
}

function containsUnknown(value: unknown): boolean {
  if (value === pulumi.runtime.unknownValue) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  return isBag(value) && Object.values(value).some(containsUnknown);
}
