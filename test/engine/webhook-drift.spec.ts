// A webhook registered again out of band with the stack's own URL (eyeson's only way to change a webhook's
// types, which gives it a new id) is drift, not a rival: through the real engine, for the dynamic Webhook and
// the plugin's `eyeson:index:Webhook`, `refresh` records the new registration as this resource, the next
// preview plans one webhook change, `up` restores the declared types, and a second preview is clean.
// Needs `npm run build` (the plugin and the dynamic resources' implementations load from dist/).
import assert from "node:assert/strict";
import { EyesonClient, NO_DELAY_RETRY_POLICY } from "../../provider/client";
import { Webhook } from "../../provider/resources/webhook";
import type { WebhookType } from "../../provider/types";
import { useEmulator } from "./emulatorStack";
import { apiWrites, createEngineStack, resourcesOfType, type EngineProgram } from "./harness";
import { PluginResource } from "./pluginResource";

const HOOK_URL = "https://hooks.example.com/eyeson/incidents";
const DECLARED: WebhookType[] = ["recording_update", "room_update"];
const OUT_OF_BAND: WebhookType[] = ["participant_update"];

const variants: ReadonlyArray<{ name: string; type: string; program: EngineProgram }> = [
  {
    name: "the dynamic Webhook",
    type: "pulumi-nodejs:dynamic/eyeson:Webhook",
    program: async () => {
      new Webhook("incidents", { url: HOOK_URL, types: DECLARED });
    },
  },
  {
    name: "the plugin's Webhook",
    type: "eyeson:index:Webhook",
    program: async () => {
      new PluginResource("eyeson:index:Webhook", "incidents", { url: HOOK_URL, types: DECLARED });
    },
  },
];

describe("a webhook registered again with this stack's URL and other types, through the real engine", function () {
  this.timeout(300_000);
  const emu = useEmulator();

  for (const variant of variants) {
    it(`${variant.name}: refresh records it as drift, preview plans one change, up restores the declared types`, async () => {
      emu().reset();
      const stack = await createEngineStack({
        program: variant.program,
        emulatorUrl: emu().url,
        apiKey: emu().apiKey,
        projectName: "eyeson-webhook-drift",
      });
      try {
        await stack.up();
        const first = emu().store.webhooks.get(emu().apiKey) ?? assert.fail("registered");

        // Someone changes the types with curl or the dashboard: eyeson registers the webhook again.
        const api = new EyesonClient({
          apiKey: emu().apiKey,
          endpoint: emu().url,
          retry: NO_DELAY_RETRY_POLICY,
          env: {},
        });
        await api.registerWebhook({ url: HOOK_URL, types: OUT_OF_BAND });
        const second = emu().store.webhooks.get(emu().apiKey) ?? assert.fail("registered again");
        assert.notEqual(second.id, first.id);

        await stack.refresh();
        const [refreshed] = resourcesOfType(await stack.exportState(), variant.type);
        assert.equal(refreshed?.id, second.id, "the new registration is this resource");
        assert.equal(refreshed?.outputs?.displacedBy, undefined, "not another owner");
        assert.deepEqual(refreshed?.outputs?.types, OUT_OF_BAND, "the server's types are recorded");

        emu().requests.clear();
        const preview = await stack.preview({ diff: true });
        // eyeson has no update for webhooks: restoring the types registers again, which Pulumi plans as the
        // webhook's replacement (delete, then register): one change in the summary, on the webhook only.
        const { same: _unchanged, ...changes } = preview.changeSummary;
        assert.deepEqual(changes, { replace: 1 }, JSON.stringify(preview.changeSummary));
        const changed = new Set(preview.steps.filter((s) => s.op !== "same").map((s) => s.type));
        assert.deepEqual([...changed], [variant.type]);
        assert.deepEqual(apiWrites(emu()), [], "the preview changes nothing");

        await stack.up();
        const restored = emu().store.webhooks.get(emu().apiKey) ?? assert.fail("registered");
        assert.equal(restored.url, HOOK_URL);
        assert.deepEqual(String(restored.types).split(",").sort(), DECLARED);
        const [recorded] = resourcesOfType(await stack.exportState(), variant.type);
        assert.equal(recorded?.id, restored.id);

        await stack.preview({ expectNoChanges: true });
        await stack.refresh({ expectNoChanges: true });
      } finally {
        await stack.dispose();
      }
    });
  }
});
