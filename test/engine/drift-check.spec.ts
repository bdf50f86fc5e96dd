// The nightly drift check of examples/gitops (`pulumi refresh --preview-only --expect-no-changes`) through the
// real engine: it passes on a stack that matches eyeson, fails when a room was changed in the dashboard or the
// webhook was registered again with other types, and changes neither eyeson nor the state; after a `pulumi up
// --refresh` restores the declared settings, it passes again.
// Needs `npm run build` (the dynamic resources' implementations load from dist/).
import assert from "node:assert/strict";
import { EyesonClient, NO_DELAY_RETRY_POLICY } from "../../provider/client";
import { Permalink } from "../../provider/resources/permalink";
import { Webhook } from "../../provider/resources/webhook";
import { useEmulatorStack } from "./emulatorStack";
import { apiWrites, type Deployment, type EngineStack } from "./harness";

const HOOK_URL = "https://incidents.example.com/hooks/eyeson";

/** What a refresh would change: each resource's id, inputs and outputs as stored. */
function stored(state: Deployment): unknown {
  return (state.deployment.resources ?? []).map((r) => [r.urn, r.id, r.inputs, r.outputs]);
}

describe("the nightly drift check (refresh --preview-only --expect-no-changes), through the real engine", function () {
  this.timeout(300_000);
  const { emu, stack } = useEmulatorStack({
    stack: {
      program: async () => {
        const room = new Permalink("war-room", {
          name: "War room",
          user: { name: "On-call", id: "oncall" },
          options: { recordingAvailable: false },
        });
        new Webhook("incidents", { url: HOOK_URL, types: ["room_update"] });
        return { permalinkId: room.permalinkId };
      },
      projectName: "eyeson-drift-check",
    },
  });
  let permalinkId = "";
  const dashboard = (): EyesonClient =>
    new EyesonClient({ apiKey: emu().apiKey, endpoint: emu().url, retry: NO_DELAY_RETRY_POLICY, env: {} });
  const check = (): ReturnType<EngineStack["refresh"]> =>
    stack().refresh({ previewOnly: true, expectNoChanges: true });

  before(async () => {
    const up = await stack().up();
    permalinkId = String(up.outputs.permalinkId?.value);
  });
  beforeEach(() => emu().requests.clear());

  it("passes on a stack that matches eyeson, sending no write", async () => {
    await check();
    assert.deepEqual(apiWrites(emu()), []);
  });

  it("fails when a room was changed in the dashboard, and changes neither eyeson nor the state", async () => {
    await dashboard().updatePermalink(permalinkId, { options: { recordingAvailable: true } });
    emu().requests.clear();
    const before = stored(await stack().exportState());
    await assert.rejects(check(), /no changes were expected/);
    assert.deepEqual(stored(await stack().exportState()), before, "the state is as it was");
    assert.deepEqual(apiWrites(emu()), [], "eyeson is as it was");
  });

  it("fails when the webhook was registered again with other types, too", async () => {
    await stack().up({ refresh: true });
    await check();
    await dashboard().registerWebhook({ url: HOOK_URL, types: ["room_update", "recording_update"] });
    emu().requests.clear();
    await assert.rejects(check(), /no changes were expected/);
    assert.deepEqual(apiWrites(emu()), []);
  });

  it("passes again once `up --refresh` restored the declared settings", async () => {
    await stack().up({ refresh: true });
    await check();
    const room = await dashboard().getPermalink(permalinkId);
    assert.equal(room.options.recordingAvailable, false);
  });
});
