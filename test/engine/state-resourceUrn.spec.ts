// Stacks written by the builds after 0.1.0 that kept a Permalink's and a PermalinkHost's URN as the visible input
// and output `resourceUrn` (this version keeps it as the hidden `__urn`, as the Webhook always did) plan no change
// and still name their resources in refusals. The old shape is made the way those builds wrote it: this version's
// state with `__urn` moved to `resourceUrn`, imported with `pulumi stack import`.
// Needs `npm run build` (the engine's provider host loads `pulumi-eyeson/provider/...` from dist).
import assert from "node:assert/strict";
import type { Deployment as AutomationDeployment } from "@pulumi/pulumi/automation";
import { startEmulator } from "../../emulator";
import { EyesonClient, NO_DELAY_RETRY_POLICY } from "../../provider/client";
import { Permalink } from "../../provider/resources/permalink";
import { PermalinkHost } from "../../provider/resources/permalinkHost";
import { apiWrites, createEngineStack, requireCli, type Deployment, type EngineStack } from "./harness";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const OLD_SHAPE_TYPES = [
  "pulumi-nodejs:dynamic/eyeson:Permalink",
  "pulumi-nodejs:dynamic/eyeson:PermalinkHost",
];

async function program(): Promise<Record<string, unknown>> {
  const room = new Permalink("war-room", {
    name: "War room",
    user: { name: "Primary on-call", id: "primary" },
  });
  new PermalinkHost("deputy", { permalink: room, user: { name: "Deputy", id: "deputy" } });
  return { permalinkId: room.permalinkId };
}

/** `state` as the earlier versions wrote it: each Permalink's and PermalinkHost's URN as `resourceUrn`. */
function withVisibleUrns(state: Deployment): { moved: number; deployment: Deployment } {
  let moved = 0;
  const resources = (state.deployment.resources ?? []).map((resource) => {
    if (!OLD_SHAPE_TYPES.includes(resource.type)) return resource;
    const move = (bag: Record<string, unknown> | undefined): Record<string, unknown> | undefined => {
      if (bag === undefined || typeof bag.__urn !== "string") return bag;
      const { __urn: urn, ...rest } = bag;
      moved++;
      return { ...rest, resourceUrn: urn };
    };
    return { ...resource, inputs: move(resource.inputs), outputs: move(resource.outputs) };
  });
  return { moved, deployment: { ...state, deployment: { ...state.deployment, resources } } };
}

describe("a stack that records the URN as resourceUrn (written by the builds after 0.1.0)", function () {
  this.timeout(300_000);

  let emulator: Emulator | undefined;
  let engine: EngineStack | undefined;
  const emu = (): Emulator => emulator ?? assert.fail("emulator not started");
  const stack = (): EngineStack => engine ?? assert.fail("engine stack not created");

  before(async function () {
    requireCli(this);
    emulator = await startEmulator({ strict: true });
    engine = await createEngineStack({ program, emulatorUrl: emulator.url, apiKey: emulator.apiKey });
    await stack().up();
    const { moved, deployment } = withVisibleUrns(await stack().exportState());
    assert.equal(moved, 4, "the room's and the host's inputs and outputs carried the URN");
    await stack().stack.importStack(deployment as unknown as AutomationDeployment);
    emu().requests.clear();
  });
  after(async () => {
    await engine?.dispose();
    await emulator?.close();
  });

  it("previews no change and its up changes nothing at the API", async () => {
    const preview = await stack().preview({ diff: true, expectNoChanges: true });
    assert.deepEqual(
      preview.steps.filter((s) => s.op !== "same"),
      [],
    );
    const up = await stack().up({ expectNoChanges: true });
    assert.ok(
      up.steps.every((s) => s.op === "same"),
      JSON.stringify(up.steps),
    );
    assert.deepEqual(apiWrites(emu()), []);
  });

  it("refreshes without a change, then names the host by its URN when liveMeetings protects a running meeting", async () => {
    await stack().refresh({ expectNoChanges: true });
    const api = new EyesonClient({
      apiKey: emu().apiKey,
      endpoint: emu().url,
      retry: NO_DELAY_RETRY_POLICY,
      env: {},
    });
    const [room] = emu().store.permalinksOf(emu().apiKey);
    await api.startPermalinkMeeting((room ?? assert.fail("no permalink in the emulator")).hosts[0].userToken);
    await api.close();
    // The host is removed first; its refusal names it by the name its recorded URN carries.
    await assert.rejects(stack().destroy(), /deputy: refused: a meeting has been running in room "War room"/);
    assert.equal(emu().store.permalinks.size, 1, "the refused destroy deleted nothing");
  });
});
