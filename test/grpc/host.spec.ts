// The CLI-free layer: the real dynamic-provider host process, driven over gRPC the way the engine drives it.
import assert from "node:assert/strict";
import type * as pulumi from "@pulumi/pulumi";
import { startEmulator } from "../../emulator";
import { PROBE_TYPE, probeProvider } from "../engine/fixtures/probe";
import { apiRequests } from "../engine/harness";
import {
  HostCallError,
  UNKNOWN,
  secret,
  serializeProvider,
  startDynamicProviderHost,
  type DynamicProviderHost,
  type DynamicResourceClient,
} from "./host";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

// Resolves a package from inside the host at call time, as the real resource shims do.
const resolvingProvider: pulumi.dynamic.ResourceProvider = {
  async create() {
    const pkg = require("pulumi-eyeson/package.json") as { name: string };
    return { id: "resolved", outs: { packageName: pkg.name, cwd: process.cwd() } };
  },
};

const failingProvider: pulumi.dynamic.ResourceProvider = {
  async create() {
    throw Object.assign(new Error("created but not ready"), {
      id: "half-made",
      properties: { state: "broken" },
    });
  },
  async update() {
    throw new Error("update refused");
  },
};

describe("dynamic-provider host over gRPC (no CLI)", function () {
  this.timeout(30_000);

  let emulator: Emulator | undefined;
  let host: DynamicProviderHost | undefined;
  let probe: DynamicResourceClient | undefined;

  before(async () => {
    emulator = await startEmulator({ strict: true });
    host = await startDynamicProviderHost({
      config: { "eyeson:endpoint": emulator.url, "eyeson:apiKey": secret(emulator.apiKey) },
    });
    probe = host.resource(await serializeProvider(probeProvider), { type: PROBE_TYPE, name: "probe" });
  });

  after(async () => {
    await host?.close();
    await emulator?.close();
  });

  const emu = (): Emulator => emulator ?? assert.fail("emulator not started");
  const theHost = (): DynamicProviderHost => host ?? assert.fail("host not started");
  const theProbe = (): DynamicResourceClient => probe ?? assert.fail("probe client not created");

  beforeEach(() => emu().requests.clear());

  it("serializes the provider without the API key, which arrives only through configure", async () => {
    assert.match(theProbe().providerText, /exports\.handler/);
    assert.ok(!theProbe().providerText.includes(emu().apiKey));
  });

  it("passes checked inputs through and keeps unknown values during preview", async () => {
    const checked = await theProbe().check({}, { name: "Room" });
    assert.deepEqual(checked, { inputs: { name: "Room" }, failures: [] });

    const preview = await theProbe().check({ name: "Room" }, { name: UNKNOWN });
    assert.equal(preview.inputs.name, UNKNOWN);
    assert.deepEqual(apiRequests(emu()), []);
  });

  it("runs the full lifecycle against the API with the configured secret key", async () => {
    const { id, properties } = await theProbe().create({ name: "Room" });
    assert.match(id, /^[0-9a-f]{24}$/);
    assert.deepEqual(properties, { name: "Room", permalinkId: id, roomName: "Room" });

    assert.equal((await theProbe().diff(id, properties, { name: "Room" })).changes, "none");
    assert.equal((await theProbe().diff(id, properties, { name: "Hall" })).changes, "some");
    assert.equal((await theProbe().diff(id, properties, { name: UNKNOWN })).changes, "some");

    const read = await theProbe().read(id, properties);
    assert.deepEqual(read, { id, properties });

    const updated = await theProbe().update(id, properties, { name: "Hall" });
    assert.deepEqual(updated.properties, { name: "Hall", permalinkId: id, roomName: "Hall" });

    await theProbe().delete(id, updated.properties);
    const gone = await theProbe().read(id, updated.properties);
    assert.equal(gone.id, "", "an empty id tells the engine the resource is gone");

    assert.deepEqual(apiRequests(emu()), [
      "POST /permalink",
      "GET /permalink/:permalinkId",
      "PUT /permalink/:permalinkId",
      "DELETE /permalink/:permalinkId",
      "GET /permalink/:permalinkId",
    ]);
    assert.ok(
      emu()
        .requests.list()
        .every((r) => r.auth === "api_key"),
    );
  });

  it("deserializes providers that require packages by name from the program directory", async () => {
    const client = theHost().resource(await serializeProvider(resolvingProvider), {
      type: "pulumi-nodejs:dynamic/eyeson-test:Resolving",
    });
    const { properties } = await client.create({});
    assert.equal(properties.packageName, "pulumi-eyeson");
    assert.equal(properties.cwd, process.cwd());
  });

  it("reports provider errors, with the partial resource when create failed after creating it", async () => {
    const client = theHost().resource(await serializeProvider(failingProvider), {
      type: "pulumi-nodejs:dynamic/eyeson-test:Failing",
    });
    const createErr = await client.create({}).then(
      () => assert.fail("create should fail"),
      (e: unknown) => e,
    );
    assert.ok(createErr instanceof HostCallError);
    assert.equal(createErr.message, "created but not ready");
    assert.deepEqual(createErr.initFailure, {
      id: "half-made",
      properties: { state: "broken" },
      reasons: [],
    });

    await assert.rejects(client.update("x", {}, {}), { name: "HostCallError", message: "update refused" });
  });
});
