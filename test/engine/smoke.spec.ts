// Proves the whole chain through the real engine with a tiny dynamic resource: the provider is serialized
// into state, the engine starts the dynamic-provider host, which configures it from stack config and calls
// create/diff/read/update/delete against the emulator.
import assert from "node:assert/strict";
import { useEmulatorStack } from "./emulatorStack";
import { apiRequests, resourcesOfType } from "./harness";
import { PROBE_TYPE, Probe } from "./fixtures/probe";

const probeProgram = (roomName: string) => async () => {
  const probe = new Probe("probe", { name: roomName });
  return { permalinkId: probe.permalinkId, roomName: probe.roomName };
};

describe("engine smoke: a dynamic resource through the real Pulumi engine", function () {
  this.timeout(240_000);

  const { emu, stack } = useEmulatorStack({
    emulator: { strict: true },
    stack: { program: probeProgram("Smoke Room"), projectName: "eyeson-smoke" },
  });
  let permalinkId = "";

  beforeEach(() => emu().requests.clear());

  it("creates the resource on up with one POST /permalink and exposes its outputs", async () => {
    const result = await stack().up();

    assert.deepEqual(apiRequests(emu()), ["POST /permalink"]);
    const created = result.steps.filter((s) => s.type === PROBE_TYPE).map((s) => s.op);
    assert.deepEqual(created, ["create"]);
    permalinkId = String(result.outputs.permalinkId?.value);
    assert.match(permalinkId, /^[0-9a-f]{24}$/);
    assert.equal(result.outputs.roomName?.value, "Smoke Room");
    assert.ok(
      !(result.stdout + result.stderr).includes(emu().apiKey),
      "the API key never appears in CLI output",
    );
    assert.ok(
      emu()
        .requests.list()
        .every((r) => r.auth === "api_key"),
      "every request authenticates with the API key from the secret stack config",
    );
  });

  it("stores the serialized provider in state and keeps the API key out of state and engine events", async () => {
    const state = await stack().exportState();
    const [probe] = resourcesOfType(state, PROBE_TYPE);
    assert.ok(probe, "the probe resource is in state");
    assert.equal(probe.id, permalinkId);
    assert.equal(typeof probe.outputs?.__provider, "string");
    assert.match(String(probe.outputs?.__provider), /exports\.handler/);
    const key = emu().apiKey;
    assert.ok(!JSON.stringify(state).includes(key), "the API key never appears in state");
    assert.ok(!JSON.stringify(stack().events).includes(key), "the API key never appears in engine events");
  });

  it("reports no changes on preview after up, without calling the API", async () => {
    const result = await stack().preview();

    assert.deepEqual(result.changeSummary, { same: 2 });
    assert.deepEqual(apiRequests(emu()), []);
  });

  it("runs read on refresh with one GET /permalink/:id", async () => {
    const result = await stack().refresh();

    assert.deepEqual(apiRequests(emu()), ["GET /permalink/:permalinkId"]);
    assert.ok(result.steps.some((s) => s.type === PROBE_TYPE && s.op === "refresh"));
  });

  it("updates in place with one PUT /permalink/:id when an input changes", async () => {
    stack().setProgram(probeProgram("Renamed Room"));
    const result = await stack().up();

    assert.deepEqual(apiRequests(emu()), ["PUT /permalink/:permalinkId"]);
    assert.equal(result.outputs.permalinkId?.value, permalinkId, "an update keeps the permalink");
    assert.equal(result.outputs.roomName?.value, "Renamed Room");
  });

  it("deletes the resource on destroy with one DELETE /permalink/:id", async () => {
    const result = await stack().destroy();

    assert.deepEqual(apiRequests(emu()), ["DELETE /permalink/:permalinkId"]);
    assert.ok(result.steps.some((s) => s.type === PROBE_TYPE && s.op === "delete"));
    const state = await stack().exportState();
    assert.deepEqual(resourcesOfType(state, PROBE_TYPE), []);
  });
});
