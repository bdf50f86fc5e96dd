// The nightly drift check of examples/gitops (`pulumi refresh --preview-only --expect-no-changes`) through the
// real engine: it passes on a stack that matches eyeson, fails when a room was changed in the dashboard or the
// webhook was registered again with other types, and changes neither eyeson nor the state; after a `pulumi up
// --refresh` restores the declared settings, it passes again.
// Needs `npm run build` (the dynamic resources' implementations load from dist/).
import assert from "node:assert/strict";
import { startEmulator } from "../../emulator";
import { EyesonClient, NO_DELAY_RETRY_POLICY } from "../../provider/client";
import { Permalink } from "../../provider/resources/permalink";
import { Webhook } from "../../provider/resources/webhook";
import { apiWrites, createEngineStack, requireCli, type Deployment, type EngineStack } from "./harness";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const HOOK_URL = "https://incidents.example.com/hooks/eyeson";

/** What a refresh would change: each resource's id, inputs and outputs as stored. */
function stored(state: Deployment): unknown {
  return (state.deployment.resources ?? []).map((r) => [r.urn, r.id, r.inputs, r.outputs]);
}

describe("the nightly drift check (refresh --preview-only --expect-no-changes), through the real engine", function () {
  this.timeout(300_000);
  let emulator: Emulator | undefined;
  let engine: EngineStack | undefined;
  let permalinkId = "";
  const emu = (): Emulator => emulator ?? assert.fail("emulator not started");
  const stack = (): EngineStack => engine ?? assert.fail("engine stack not created");
  const dashboard = (): EyesonClient =>
    new EyesonClient({ apiKey: emu().apiKey, endpoint: emu().url, retry: NO_DELAY_RETRY_POLICY, env: {} });
  const check = (): ReturnType<EngineStack["refresh"]> =>
    stack().refresh({ previewOnly: true, expectNoChanges: true });

  before(async function () {
    requireCli(this);
    emulator = await startEmulator();
    engine = await createEngineStack({
      program: async () => {
        const room = new Permalink("war-room", {
          name: "War room",
          user: { name: "On-call", id: "oncall" },
          options: { recordingAvailable: false },
        });
        new Webhook("incidents", { url: HOOK_URL, types: ["room_update"] });
        return { permalinkId: room.permalinkId };
      },
      emulatorUrl: emulator.url,
      apiKey: emulator.apiKey,
      projectName: "eyeson-drift-check",
    });
    const up = await engine.up();
    permalinkId = String(up.outputs.permalinkId?.value);
  });
  after(async () => {
    await engine?.dispose();
    await emulator?.close();
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
