// Each resource through the real dynamic-provider host of @pulumi/pulumi, driven over gRPC like the engine
// drives it (no CLI): the shim is deserialized in a separate process, loads `pulumi-eyeson/provider/...` from
// dist at call time, and is configured from the stack config. Needs `npm run build` first.
import assert from "node:assert/strict";
import { shim, type ResourceKind } from "../../provider/resources/shimProvider";
import {
  HostCallError,
  UNKNOWN,
  secret,
  serializeProvider,
  startDynamicProviderHost,
  type DynamicProviderHost,
  type DynamicResourceClient,
} from "../grpc/host";
import { allStrings, apiClient, routes, useEmulator } from "./support";

const TYPES: Record<ResourceKind, string> = {
  permalink: "pulumi-nodejs:dynamic/eyeson:Permalink",
  permalinkHost: "pulumi-nodejs:dynamic/eyeson:PermalinkHost",
  webhook: "pulumi-nodejs:dynamic/eyeson:Webhook",
};

const SECOND_KEY = "emu_second_account_key_0123456789";

describe("resources through the dynamic-provider host (gRPC, no CLI)", function () {
  this.timeout(60_000);

  const emu = useEmulator({ apiKeys: ["emu_first_account_key_0123456789", SECOND_KEY] });
  let host: DynamicProviderHost | undefined;
  const theHost = (): DynamicProviderHost => host ?? assert.fail("host not started");

  async function client(
    kind: ResourceKind,
    on: DynamicProviderHost = theHost(),
  ): Promise<DynamicResourceClient> {
    return on.resource(await serializeProvider(shim(kind)), { type: TYPES[kind], name: kind });
  }

  before(async () => {
    host = await startDynamicProviderHost({
      config: { "eyeson:endpoint": emu().url, "eyeson:apiKey": secret(emu().apiKey) },
    });
  });
  after(async () => {
    await host?.close();
  });

  it("runs a Permalink through check, create, read, diff, update, delete and a refresh that drops it", async () => {
    const permalink = await client("permalink");
    const preview = await permalink.check({}, { name: UNKNOWN, user: { name: "Host" }, options: UNKNOWN });
    assert.deepEqual(preview, {
      inputs: { name: UNKNOWN, user: { name: "Host" }, options: UNKNOWN },
      failures: [],
    });

    const { inputs } = await permalink.check({}, { name: "Room", user: { name: "Host", id: "host" } });
    const { id, properties } = await permalink.create(inputs);
    assert.match(id, /^[0-9a-f]{24}$/);
    assert.equal(properties.permalinkId, id);
    assert.equal(typeof properties.userToken, "string");

    const read = await permalink.read(id, properties);
    assert.deepEqual([read.id, read.properties], [id, properties]);
    assert.deepEqual(read.inputs, { name: "Room", user: { name: "Host", id: "host" } });

    assert.equal((await permalink.diff(id, properties, inputs)).changes, "none");
    const renamed = (await permalink.check(inputs, { ...inputs, name: "Hall" })).inputs;
    assert.deepEqual(await permalink.diff(id, properties, renamed), {
      changes: "some",
      replaces: [],
      stables: [],
      deleteBeforeReplace: false,
    });
    const replaced = await permalink.diff(id, properties, { ...inputs, user: { name: "Other" } });
    assert.deepEqual(replaced.replaces, ["user"]);

    const updated = await permalink.update(id, properties, renamed);
    assert.equal(updated.properties.name, "Hall");
    assert.equal(updated.properties.userToken, properties.userToken);

    await permalink.delete(id, updated.properties);
    assert.equal((await permalink.read(id, updated.properties)).id, "", "an empty id drops the resource");
    assert.deepEqual(routes(emu()), [
      "GET /permalink", // check proves the API key, once per provider process
      "POST /permalink",
      "GET /permalink/:permalinkId",
      "GET /permalink/:permalinkId", // the replacing diff reads whether a meeting runs in the room
      "PUT /permalink/:permalinkId",
      "GET /permalink/:permalinkId", // and so does delete, before it deletes
      "DELETE /permalink/:permalinkId",
      "GET /permalink/:permalinkId",
    ]);
  });

  it("runs a PermalinkHost with an id of <permalinkId>/<userId> and removes it with the token from state", async () => {
    const owner = await apiClient(emu()).createPermalink({ user: { name: "Owner" } });
    const hostClient = await client("permalinkHost");
    const { inputs } = await hostClient.check(
      {},
      { permalinkId: owner.permalink.id, user: { name: "Deputy" } },
    );
    assert.match(String(inputs.userId), /^pulumi-/);
    const { id, properties } = await hostClient.create(inputs);
    assert.equal(id, `${owner.permalink.id}/${inputs.userId}`);
    assert.ok(!id.includes(String(properties.userToken)));

    const again = await hostClient.check(inputs, {
      permalinkId: owner.permalink.id,
      user: { name: "Deputy" },
    });
    assert.equal((await hostClient.diff(id, properties, again.inputs)).changes, "none");
    assert.equal((await hostClient.read(id, properties)).id, id);

    await hostClient.delete(id, properties);
    assert.equal((await hostClient.read(id, properties)).id, "");
  });

  it("runs a Webhook whose changes replace it, deleting the old registration first", async () => {
    const hook = await client("webhook");
    const { inputs } = await hook.check({}, { url: "https://hooks.example.com/a", types: ["room_update"] });
    const { id, properties } = await hook.create(inputs);
    assert.equal(properties.webhookId, id);
    const moved = (await hook.check(inputs, { url: "https://hooks.example.com/b", types: ["room_update"] }))
      .inputs;
    assert.deepEqual(await hook.diff(id, properties, moved), {
      changes: "some",
      replaces: ["url"],
      stables: [],
      deleteBeforeReplace: true,
    });
    await hook.delete(id, properties);
    assert.equal((await hook.read(id, properties)).id, "");
  });

  it("reports check failures with their property paths through the host, before any request", async () => {
    const permalink = await client("permalink");
    const result = await permalink.check({}, { user: { name: "" }, options: { sfuMode: "mesh" } });
    assert.deepEqual(
      result.failures.map((f) => f.property),
      ["user.name", "options.sfuMode"],
    );
    assert.deepEqual(routes(emu()), []);
  });

  it("fails a refresh on 403 with the API's status and no secret in the message", async () => {
    const permalink = await client("permalink");
    const { id, properties } = await permalink.create({ user: { name: "Host" } });
    emu().faults.inject({ method: "GET", path: "/permalink/*", status: 403 });
    const err = await permalink.read(id, properties).then(
      () => assert.fail("read should fail"),
      (e: unknown) => e,
    );
    assert.ok(err instanceof HostCallError);
    assert.match(err.message, /\(403\)/);
    for (const secretValue of [emu().apiKey, ...allStrings([properties.userToken, properties.guestToken])]) {
      assert.ok(!err.message.includes(secretValue));
    }
  });

  it("keeps an adopted permalink's id in the engine's init failure when reconciling it fails", async () => {
    const existing = await apiClient(emu()).createPermalink({ name: "Old", user: { name: "Host" } });
    emu().faults.inject({ method: "PUT", path: "/permalink/*", status: 422 });
    const permalink = await client("permalink");
    const err = await permalink.create({ user: { name: "Host" }, adoptId: existing.permalink.id }).then(
      () => assert.fail("create should fail"),
      (e: unknown) => e,
    );
    assert.ok(err instanceof HostCallError);
    assert.equal(err.initFailure?.id, existing.permalink.id);
    assert.equal(err.initFailure?.properties.permalinkId, existing.permalink.id);
  });

  it("reads EYESON_API_KEY and EYESON_API_ENDPOINT when the stack config has no eyeson settings", async () => {
    const envHost = await startDynamicProviderHost({
      env: { EYESON_API_KEY: emu().apiKey, EYESON_API_ENDPOINT: emu().url },
      config: {},
    });
    try {
      const { id } = await (await client("permalink", envHost)).create({ user: { name: "Env" } });
      assert.ok(emu().store.permalinks.has(id));
    } finally {
      await envHost.close();
    }
  });

  it("fails with the configuration hint, sending nothing, when no API key is configured anywhere", async () => {
    const bare = await startDynamicProviderHost({ config: { "eyeson:endpoint": emu().url } });
    try {
      await assert.rejects(
        (await client("permalink", bare)).create({ user: { name: "Nobody" } }),
        /eyeson:apiKey/,
      );
      assert.deepEqual(routes(emu()), []);
    } finally {
      await bare.close();
    }
  });

  it("serves a second account from an explicit provider instance configured with its own key", async () => {
    // An explicit `new pulumi.ProviderResource("pulumi-nodejs", ...)` gets its own host process, configured
    // from that provider's inputs instead of the stack config.
    const second = await startDynamicProviderHost({
      config: { "eyeson:endpoint": emu().url, "eyeson:apiKey": secret(SECOND_KEY) },
    });
    try {
      const { id } = await (await client("permalink", second)).create({ user: { name: "Second" } });
      assert.equal(emu().store.permalinks.get(id)?.apiKey, SECOND_KEY);
    } finally {
      await second.close();
    }
  });
});
