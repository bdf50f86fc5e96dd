// The built plugin (dist/plugin/main.js, the package's `pulumi-resource-eyeson` bin) driven over gRPC as the
// engine drives it, without the CLI: configured only through Configure (no EYESON_* in its environment),
// values crossing the wire with the engine's secret and unknown markers. Needs `npm run build`.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ConfigureRequest } from "@pulumi/pulumi/proto/provider_pb";
import { configOf } from "../../plugin/configure";
import {
  HostCallError,
  UNKNOWN,
  secret,
  startDynamicProviderHost,
  type DynamicProviderHost,
  type Props,
  type ResourceRef,
} from "../grpc/host";
import { allStrings, apiClient, inDays, routes, startEmulator, type Emulator } from "../resources/support";

const ROOT = path.resolve(__dirname, "..", "..");
const PLUGIN = path.join(ROOT, "dist", "plugin", "main.js");

function ref(type: "Permalink" | "PermalinkHost" | "Webhook", name = type.toLowerCase()): ResourceRef {
  const token = `eyeson:index:${type}`;
  return { urn: `urn:pulumi:test::eyeson::${token}::${name}`, type: token, name };
}

/** True when `value` is a secret in the engine's wire form. */
function isWireSecret(value: unknown): boolean {
  return pulumi.runtime.isRpcSecret(value);
}

/** The value inside a wire secret (or the value itself). */
function opened(value: unknown): unknown {
  return isWireSecret(value) ? (value as { value: unknown }).value : value;
}

/** The bag with its top-level secrets opened, as the engine would store them after decrypting. */
function openedBag(bag: Props): Props {
  return Object.fromEntries(Object.entries(bag).map(([k, v]) => [k, opened(v)]));
}

describe("pulumi-resource-eyeson over gRPC (the built plugin, no CLI)", function () {
  this.timeout(60_000);
  let emulator: Emulator | undefined;
  let plugin: DynamicProviderHost | undefined;
  const emu = (): Emulator => emulator ?? assert.fail("emulator not started");
  const served = (): DynamicProviderHost => plugin ?? assert.fail("plugin not started");

  function start(config?: Record<string, unknown>, env?: NodeJS.ProcessEnv): Promise<DynamicProviderHost> {
    return startDynamicProviderHost({ command: [process.execPath, PLUGIN], config, env });
  }

  before(async () => {
    assert.ok(fs.existsSync(PLUGIN), `${PLUGIN} is missing: run npm run build`);
    emulator = await startEmulator({ strict: true });
    plugin = await start({ apiKey: secret(emulator.apiKey), endpoint: emulator.url });
  });
  after(async () => {
    await plugin?.close();
    await emulator?.close();
  });
  beforeEach(() => emu().reset());

  it("reports the package's version and serves schema.json as it is", async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      version: string;
    };
    assert.equal(await served().version(), manifest.version);
    assert.equal(await served().schema(), fs.readFileSync(path.join(ROOT, "schema.json"), "utf8"));
  });

  it("runs a Permalink through check, create, read, diff, update and delete with the key Configure sent", async () => {
    const permalink = ref("Permalink");
    const { inputs, failures } = await served().check(
      permalink,
      {},
      { name: "Room", user: { name: "Host" } },
    );
    assert.deepEqual(failures, []);
    assert.match(String(inputs.createKey), /^pk-[0-9a-f]{24}$/);
    const { id, properties } = await served().create(permalink, inputs);
    assert.ok(emu().store.permalinks.has(id));
    assert.equal(properties.permalinkId, id);

    const read = await served().read(permalink, id, properties);
    assert.equal(read.id, id);
    assert.deepEqual(openedBag(read.properties), openedBag(properties));
    assert.equal((await served().diff(permalink, id, properties, inputs)).changes, "none");

    const renamed = (await served().check(permalink, inputs, { ...inputs, name: "Hall" })).inputs;
    assert.equal((await served().diff(permalink, id, properties, renamed)).changes, "some");
    const updated = await served().update(permalink, id, properties, renamed);
    assert.equal(updated.properties.name, "Hall");

    await served().delete(permalink, id, updated.properties);
    assert.equal((await served().read(permalink, id, updated.properties)).id, "", "gone: an empty id");
    assert.deepEqual(routes(emu()), [
      "GET /permalink", // check proves the API key, once per plugin process and account
      "POST /permalink",
      "GET /permalink/:permalinkId",
      "PUT /permalink/:permalinkId",
      "GET /permalink/:permalinkId", // delete reads whether a meeting runs in the room first
      "DELETE /permalink/:permalinkId",
      "GET /permalink/:permalinkId",
    ]);
  });

  it("marks tokens and join links secret in every answer, and keeps a secret input secret", async () => {
    const permalink = ref("Permalink");
    const { inputs } = await served().check(permalink, {}, { name: secret("Board"), user: { name: "Host" } });
    assert.ok(isWireSecret(inputs.name), "check keeps the secret input secret");
    const { id, properties } = await served().create(permalink, inputs);
    const read = await served().read(permalink, id, properties);
    const renamed = (await served().check(permalink, inputs, { ...inputs, name: secret("Hall") })).inputs;
    const updated = await served().update(permalink, id, properties, renamed);
    for (const [what, outs] of [
      ["create", properties],
      ["read", read.properties],
      ["update", updated.properties],
    ] as const) {
      for (const key of ["userToken", "guestToken", "hostUrl", "guestUrl", "name"]) {
        assert.ok(isWireSecret(outs[key]), `${what} marks ${key} secret`);
      }
      assert.ok(!isWireSecret(outs.permalinkId) && !isWireSecret(outs.roomId), `${what} leaves ids plain`);
    }
    assert.ok(isWireSecret(read.inputs?.name), "read keeps the secret input secret in the inputs");
  });

  it("reads a permalink known only by its id into the inputs that declare it (import), which check and diff find unchanged", async () => {
    const expiresAt = inDays(30);
    const existing = await apiClient(emu()).createPermalink({
      name: "Lobby",
      user: { name: "Reception", id: "reception" },
      expiresAt,
      options: { widescreen: false, customFields: { locale: "de" } },
    });
    const id = existing.permalink.id;
    const permalink = ref("Permalink", "lobby");
    const read = await served().read(permalink, id, {});
    assert.equal(read.id, id);
    const { options, ...rest } = read.inputs ?? {};
    assert.deepEqual(rest, { name: "Lobby", user: { name: "Reception", id: "reception" }, expiresAt });
    // Every settable option the API reports is declared, as `adopt` declares them, so nothing drifts back.
    const declared = options as Props;
    assert.equal(declared.widescreen, false);
    assert.deepEqual(declared.customFields, { locale: "de" });
    assert.equal((options as Props).sfuMode, "ptp");
    assert.ok(isWireSecret(read.properties.userToken));
    const checked = await served().check(permalink, read.inputs ?? {}, read.inputs ?? {});
    assert.deepEqual(checked.failures, []);
    assert.equal((await served().diff(permalink, id, read.properties, checked.inputs)).changes, "none");
  });

  it("answers an import of an id that does not exist with an empty id (the engine says it does not exist)", async () => {
    assert.equal((await served().read(ref("Permalink"), "0123456789abcdef01234567", {})).id, "");
    assert.equal((await served().read(ref("Webhook"), "no-such-webhook", {})).id, "");
  });

  it("refuses to import a PermalinkHost, saying that the API never returns another host's token", async () => {
    const owner = await apiClient(emu()).createPermalink({ user: { name: "Owner" } });
    await assert.rejects(
      served().read(ref("PermalinkHost"), `${owner.permalink.id}/deputy`, {}),
      (err: unknown) =>
        err instanceof HostCallError &&
        /cannot be imported/.test(err.message) &&
        /never returns another host's token/.test(err.message),
    );
  });

  it("imports the API key's webhook by its id", async () => {
    await apiClient(emu()).registerWebhook({ url: "https://hooks.example.com/x", types: ["room_update"] });
    const live = await apiClient(emu()).getWebhook();
    const read = await served().read(ref("Webhook"), live?.id ?? "", {});
    assert.equal(read.id, live?.id);
    assert.deepEqual(read.inputs, { url: "https://hooks.example.com/x", types: ["room_update"] });
  });

  it("derives the create key, a host's user id and the webhook's mark from the URN, the same on every check", async () => {
    const owner = await apiClient(emu()).createPermalink({ user: { name: "Owner" } });
    const twice = async (r: ResourceRef, news: Props): Promise<[Props, Props]> => [
      (await served().check(r, {}, news)).inputs,
      (await served().check(r, {}, news)).inputs,
    ];
    const [p1, p2] = await twice(ref("Permalink"), { user: { name: "Host" } });
    assert.equal(p1.createKey, p2.createKey);
    const [other] = await twice(ref("Permalink"), { user: { name: "Another host" } });
    assert.notEqual(other.createKey, p1.createKey, "a new first host (a replacement) gets a new key");
    const [h1, h2] = await twice(ref("PermalinkHost"), {
      permalinkId: owner.permalink.id,
      user: { name: "D" },
    });
    assert.match(String(h1.userId), /^pulumi-[0-9a-f]{16}$/);
    assert.equal(h1.userId, h2.userId);
    const [w1, w2] = await twice(ref("Webhook"), {
      url: "https://hooks.example.com/y",
      types: ["room_update"],
    });
    assert.match(String(w1.declaredAt), /^pk-/);
    assert.equal(w1.declaredAt, w2.declaredAt);
    const [preview] = await twice(ref("Permalink"), { user: UNKNOWN });
    assert.equal(preview.createKey, UNKNOWN, "unknown until the first host is known");
  });

  it("takes over a dynamic resource's state, serialized provider and all, with no change (migration)", async () => {
    const permalink = ref("Permalink");
    const { inputs } = await served().check(permalink, {}, { name: "Room", user: { name: "Host" } });
    const { id, properties } = await served().create(permalink, inputs);
    const dynamicState = {
      ...openedBag(properties),
      __provider: "exports.handler = ...",
      createKey: "pk-old",
    };
    const news = (await served().check(permalink, dynamicState, { name: "Room", user: { name: "Host" } }))
      .inputs;
    assert.equal((await served().diff(permalink, id, dynamicState, news)).changes, "none");
    const read = await served().read(permalink, id, dynamicState);
    assert.equal(read.properties.__provider, undefined);
    assert.ok(isWireSecret(read.properties.userToken));
  });

  it("keeps an adopted permalink's outputs, secrets marked, in the init failure when reconciling it fails", async () => {
    const existing = await apiClient(emu()).createPermalink({ name: "Old", user: { name: "Host" } });
    emu().faults.inject({ method: "PUT", path: "/permalink/*", status: 422 });
    const err = await served()
      .create(ref("Permalink"), { user: { name: "Host" }, adoptId: existing.permalink.id })
      .then(
        () => assert.fail("create should fail"),
        (e: unknown) => e,
      );
    assert.ok(err instanceof HostCallError);
    assert.equal(err.initFailure?.id, existing.permalink.id);
    assert.ok(isWireSecret(err.initFailure?.properties.userToken));
  });

  it("serves the read-only functions with the configured key, their tokens secret", async () => {
    const existing = await apiClient(emu()).createPermalink({ name: "Lobby", user: { name: "Host" } });
    const { outputs, failures } = await served().invoke("eyeson:index:getPermalink", {
      permalinkId: existing.permalink.id,
    });
    assert.deepEqual(failures, []);
    assert.ok(isWireSecret(outputs.permalink) && isWireSecret(outputs.links), "tokens and links secret");
    assert.equal((outputs.room as { name?: string }).name, "Lobby");
    const listed = await served().invoke("eyeson:index:listPermalinks", { all: true });
    assert.equal(listed.outputs.total, 1);
    assert.deepEqual((await served().invoke("eyeson:index:getWebhook", {})).outputs, { webhook: null });
  });

  it("refuses the functions that change a meeting, naming the ones it serves, and sends nothing", async () => {
    await assert.rejects(
      served().invoke("eyeson:index:startRoom", { user: { name: "Host" } }),
      (err: unknown) => err instanceof HostCallError && /eyeson:index:getPermalink/.test(err.message),
    );
    assert.deepEqual(routes(emu()), []);
  });

  it("marks every result of a function secret when an argument was secret", async () => {
    const existing = await apiClient(emu()).createPermalink({ name: "Lobby", user: { name: "Host" } });
    const { outputs } = await served().invoke("eyeson:index:getPermalink", {
      permalinkId: secret(existing.permalink.id),
    });
    assert.ok(Object.values(outputs).every(isWireSecret));
  });

  it("fails with the configuration hint, sending nothing, when Configure brought no key and the environment has none", async () => {
    const bare = await start({ endpoint: emu().url });
    try {
      await assert.rejects(bare.create(ref("Permalink"), { user: { name: "Nobody" } }), /eyeson:apiKey/);
      await assert.rejects(bare.invoke("eyeson:index:listRooms", {}), /eyeson:apiKey/);
      assert.deepEqual(routes(emu()), []);
    } finally {
      await bare.close();
    }
  });

  it("never puts the API key or a token in an error", async () => {
    const permalink = ref("Permalink");
    const { id, properties } = await served().create(permalink, { user: { name: "Host" } });
    emu().faults.inject({ method: "GET", path: "/permalink/*", status: 403 });
    const err = await served()
      .read(permalink, id, properties)
      .then(
        () => assert.fail("read should fail"),
        (e: unknown) => e,
      );
    assert.ok(err instanceof HostCallError);
    assert.match(err.message, /\(403\)/);
    const secrets = [
      emu().apiKey,
      ...allStrings(["userToken", "guestToken"].map((k) => opened(properties[k]))),
    ];
    for (const value of secrets) assert.ok(!err.message.includes(value), "no secret in the message");
  });
});

describe("the plugin's configuration", () => {
  it("takes the key and endpoint from Configure's args, and from its variables where args lack them", () => {
    const request = new ConfigureRequest();
    request.getVariablesMap().set("eyeson:config:apiKey", "from-variables");
    request.getVariablesMap().set("eyeson:config:endpoint", "http://127.0.0.1:1");
    assert.deepEqual(configOf(request), { apiKey: "from-variables", endpoint: "http://127.0.0.1:1" });
  });
});
