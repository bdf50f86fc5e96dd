// The resources outside the engine: the requests each provider operation sends (called directly against the
// emulator in this process), and the size of the provider text each resource stores, beside the text of the
// conventional way (the implementation itself passed to `dynamic.Resource`), both made by Pulumi's serializer.
import * as pulumi from "@pulumi/pulumi";
import type { EmulatorHandle } from "../emulator";
import { PermalinkProvider } from "../provider/resources/permalinkProvider";
import { PermalinkHostProvider } from "../provider/resources/permalinkHostProvider";
import { shim, type ResourceKind } from "../provider/resources/shimProvider";
import { WebhookProvider } from "../provider/resources/webhookProvider";

/** Bytes of serialized provider per resource (stored twice: inputs and outputs). */
export interface ProviderSize {
  readonly ours: number;
  readonly conventional: number;
}

const IMPLEMENTATIONS: Record<ResourceKind, () => pulumi.dynamic.ResourceProvider> = {
  permalink: () => new PermalinkProvider(),
  permalinkHost: () => new PermalinkHostProvider(),
  webhook: () => new WebhookProvider(),
};

/** Serializes each kind's provider the way `dynamic.Resource` does: `serializeFunction(() => provider)`. */
export async function providerSizes(): Promise<Record<ResourceKind, ProviderSize>> {
  const bytes = async (provider: pulumi.dynamic.ResourceProvider): Promise<number> => {
    const { text } = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    return Buffer.byteLength(text);
  };
  const out: Partial<Record<ResourceKind, ProviderSize>> = {};
  for (const kind of Object.keys(IMPLEMENTATIONS) as ResourceKind[]) {
    out[kind] = { ours: await bytes(shim(kind)), conventional: await bytes(IMPLEMENTATIONS[kind]()) };
  }
  return out as Record<ResourceKind, ProviderSize>;
}

/** The routes each provider operation sends, in order. */
export async function requestsPerOperation(emulator: EmulatorHandle): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  const config = {
    get: (key: string): string | undefined =>
      ({ "eyeson:apiKey": emulator.apiKey, "eyeson:endpoint": emulator.url })[key],
  };
  const configure = { config: config as unknown as pulumi.dynamic.Config };
  const measure = async <T>(label: string, op: () => Promise<T>): Promise<T> => {
    const before = emulator.requests.list().length;
    const result = await op();
    out[label] = emulator.requests
      .list()
      .slice(before)
      .map((r) => r.route);
    return result;
  };

  const permalinks = new PermalinkProvider();
  await permalinks.configure(configure);
  const room = { name: "Bench room", user: { name: "Host", id: "host" } };
  const pInputs = (await permalinks.check(room, room)).inputs ?? room;
  const created = await measure("Permalink create", () => permalinks.create(pInputs));
  const pOuts = created.outs ?? { ...pInputs };
  await measure("Permalink read", () => permalinks.read(created.id, pOuts));
  const renamed = (await permalinks.check(pInputs, { ...pInputs, name: "Renamed" })).inputs ?? pInputs;
  await measure("Permalink update", () => permalinks.update(created.id, pOuts, renamed));

  const hosts = new PermalinkHostProvider();
  await hosts.configure(configure);
  const deputy = { permalinkId: created.id, user: { name: "Deputy", id: "deputy" } };
  const hInputs = (await hosts.check(deputy, deputy)).inputs ?? deputy;
  const host = await measure("PermalinkHost create", () => hosts.create(hInputs));
  const hOuts = host.outs ?? { ...hInputs };
  await measure("PermalinkHost read", () => hosts.read(host.id, hOuts));
  await measure("PermalinkHost delete", () => hosts.delete(host.id, hOuts));
  await measure("Permalink delete", () => permalinks.delete(created.id, pOuts));

  const webhooks = new WebhookProvider();
  await webhooks.configure(configure);
  const declared = { url: "https://hooks.example.com/eyeson", types: ["room_update" as const] };
  const wInputs = (await webhooks.check(declared, declared)).inputs ?? declared;
  const hook = await measure("Webhook create", () => webhooks.create(wInputs));
  const wOuts = hook.outs ?? { ...wInputs };
  await measure("Webhook read", () => webhooks.read(hook.id, wOuts));
  await measure("Webhook delete", () => webhooks.delete(hook.id, wOuts));
  return out;
}
