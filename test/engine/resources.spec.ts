// Permalink, PermalinkHost and Webhook in one program through the real Pulumi engine against the emulator:
// plans, in-place updates, replacements, drift, a failing refresh, destroy, secrets in state, and adoption.
// Needs `npm run build` (the engine's provider host loads `pulumi-eyeson/provider/...` from dist).
import assert from "node:assert/strict";
import { EyesonClient, NO_DELAY_RETRY_POLICY } from "../../provider/client";
import { EyesonAccount } from "../../provider/resources/account";
import { Permalink } from "../../provider/resources/permalink";
import { PermalinkHost } from "../../provider/resources/permalinkHost";
import { Webhook } from "../../provider/resources/webhook";
import { useEmulatorStack } from "./emulatorStack";
import { apiRequests, apiWrites, resourcesOfType, type Deployment } from "./harness";

const PERMALINK = "pulumi-nodejs:dynamic/eyeson:Permalink";
const HOST = "pulumi-nodejs:dynamic/eyeson:PermalinkHost";
const WEBHOOK = "pulumi-nodejs:dynamic/eyeson:Webhook";
const HOOK_URL = "https://hooks.example.com/eyeson/incidents";
/** The read-only request with which each provider process proves the API key. */
const CREDENTIAL_CHECK = "GET /permalink";
const FIRST_KEY = "emu_engine_first_account_0123456789";
const SECOND_KEY = "emu_engine_second_account_0123456789";

interface Shape {
  roomName: string;
  hostName: string;
  adoptPermalink?: string;
  adoptWebhook?: boolean;
}

/** The program under test: a standing room, a second host and the incident webhook. */
const program = (shape: Shape) => async () => {
  const room = new Permalink("incident-room", {
    name: shape.roomName,
    user: { name: shape.hostName, id: "pipeline" },
    options: { widescreen: true, customFields: { locale: "de" } },
    adoptId: shape.adoptPermalink,
  });
  const deputy = new PermalinkHost("deputy", {
    permalinkId: room.permalinkId,
    user: { name: "Deputy", id: "deputy" },
  });
  const hook = new Webhook("incidents", {
    url: HOOK_URL,
    types: ["participant_update", "room_update"],
    adoptExisting: shape.adoptWebhook,
  });
  return {
    permalinkId: room.permalinkId,
    guestUrl: room.guestUrl,
    hostId: deputy.id,
    deputyUserId: deputy.userId,
    webhookId: hook.webhookId,
  };
};

const DEFAULT: Shape = { roomName: "Incident room", hostName: "Pipeline" };

describe("resources through the real Pulumi engine", function () {
  this.timeout(300_000);

  const { emu, stack } = useEmulatorStack({
    emulator: { strict: true, apiKeys: [FIRST_KEY, SECOND_KEY] },
    stack: { program: program(DEFAULT), projectName: "eyeson-resources" },
  });
  const api = (): EyesonClient =>
    new EyesonClient({ apiKey: emu().apiKey, endpoint: emu().url, retry: NO_DELAY_RETRY_POLICY, env: {} });
  const writes = (): string[] => apiWrites(emu());
  const only = (state: Deployment, type: string) => {
    const found = resourcesOfType(state, type);
    assert.equal(found.length, 1, `one ${type} in state`);
    return found[0];
  };
  beforeEach(() => emu().requests.clear());

  it("previews the creation with unknown ids flowing into the host, sending nothing but the key check", async () => {
    const preview = await stack().preview();
    assert.deepEqual(preview.changeSummary, { create: 4 });
    // One read-only request per provider process proves the API key, so a bad key fails the preview.
    assert.deepEqual(apiRequests(emu()), [CREDENTIAL_CHECK]);
  });

  it("creates all three resources on up", async () => {
    const result = await stack().up();
    const ops = result.steps.filter((s) => s.type.startsWith("pulumi-nodejs:dynamic/eyeson:"));
    assert.deepEqual(ops.map((s) => `${s.op} ${s.type}`).sort(), [
      `create ${PERMALINK}`,
      `create ${HOST}`,
      `create ${WEBHOOK}`,
    ]);
    assert.equal(emu().store.permalinks.size, 1);
    const permalinkId = String(result.outputs.permalinkId?.value);
    assert.equal(result.outputs.hostId?.value, `${permalinkId}/deputy`);
    assert.equal(result.outputs.guestUrl?.secret, true);
    assert.equal(emu().store.webhooks.get(emu().apiKey)?.id, result.outputs.webhookId?.value);
    assert.deepEqual(apiRequests(emu()).sort(), [
      CREDENTIAL_CHECK,
      "GET /webhooks",
      "GET /webhooks",
      "POST /permalink",
      "POST /permalink/:permalinkId/users",
      "POST /webhooks",
    ]);
  });

  it("reports no changes on a second preview and up, sending no request but reads", async () => {
    const preview = await stack().preview();
    assert.deepEqual(preview.changeSummary, { same: 4 });
    const up = await stack().up();
    assert.ok(
      up.steps.every((s) => s.op === "same"),
      JSON.stringify(up.steps),
    );
    assert.deepEqual(writes(), []);
  });

  it("renames the room in place with one PUT", async () => {
    const before = await stack().outputs();
    stack().setProgram(program({ ...DEFAULT, roomName: "Renamed room" }));
    const result = await stack().up();
    assert.deepEqual(writes(), ["PUT /permalink/:permalinkId"]);
    assert.equal(result.outputs.permalinkId?.value, before.permalinkId?.value);
    assert.equal(emu().store.permalinks.get(String(before.permalinkId?.value))?.name, "Renamed room");
  });

  it("replaces the permalink, and the host on it, when the first host changes", async () => {
    const before = await stack().outputs();
    stack().setProgram(program({ ...DEFAULT, roomName: "Renamed room", hostName: "Release manager" }));
    const preview = await stack().preview();
    assert.deepEqual(preview.changeSummary, { replace: 2, same: 2 });
    assert.deepEqual(
      apiRequests(emu()),
      [CREDENTIAL_CHECK, "GET /permalink/:permalinkId"],
      "preview sends the key check and one read of the room it replaces (is a meeting running?)",
    );
    const result = await stack().up();
    const permalinkOps = result.steps.filter((s) => s.type === PERMALINK).map((s) => s.op);
    assert.ok(permalinkOps.includes("create-replacement") && permalinkOps.includes("delete-replaced"));
    const after = String(result.outputs.permalinkId?.value);
    assert.notEqual(after, before.permalinkId?.value);
    assert.equal(result.outputs.hostId?.value, `${after}/deputy`);
    assert.deepEqual([...emu().store.permalinks.keys()], [after]);
    assert.ok(!writes().includes("POST /webhooks"), "the webhook is untouched");
  });

  it("drops a permalink deleted behind the engine's back on refresh, and recreates it on the next up", async () => {
    const { permalinkId } = await stack().outputs();
    await api().deletePermalink(String(permalinkId?.value));
    await stack().refresh();
    const state = await stack().exportState();
    assert.deepEqual(resourcesOfType(state, PERMALINK), []);
    assert.deepEqual(resourcesOfType(state, HOST), [], "its host went with it");
    assert.equal(resourcesOfType(state, WEBHOOK).length, 1);

    const result = await stack().up();
    const recreated = String(result.outputs.permalinkId?.value);
    assert.notEqual(recreated, permalinkId?.value);
    assert.deepEqual([...emu().store.permalinks.keys()], [recreated]);
    assert.equal(result.outputs.hostId?.value, `${recreated}/deputy`);
  });

  it("fails a refresh that gets 403 and drops nothing", async () => {
    const before = await stack().exportState();
    emu().faults.inject({ method: "GET", path: "/**", status: 403, times: Infinity });
    try {
      await assert.rejects(stack().refresh(), /403/);
    } finally {
      emu().faults.clear();
    }
    const after = await stack().exportState();
    for (const type of [PERMALINK, HOST, WEBHOOK]) {
      assert.equal(only(after, type).id, only(before, type).id, `${type} kept`);
    }
  });

  it("keeps the API key, tokens and join links out of the exported state", async () => {
    const state = await stack().exportState();
    const text = JSON.stringify(state);
    const secrets = [emu().apiKey];
    for (const permalink of emu().store.permalinks.values()) {
      secrets.push(permalink.guestToken, ...permalink.hosts.map((h) => h.userToken));
    }
    for (const secret of secrets) assert.ok(!text.includes(secret), "a credential appears in plain text");
    assert.ok(!/permalink\?/.test(text), "a join link appears in plain text");
    assert.deepEqual(only(state, PERMALINK).additionalSecretOutputs?.sort(), [
      "guestToken",
      "guestUrl",
      "hostUrl",
      "userToken",
    ]);
    assert.deepEqual(only(state, HOST).additionalSecretOutputs?.sort(), ["hostUrl", "userToken"]);
    const shown = JSON.stringify(await stack().exportState({ showSecrets: true }));
    assert.ok(
      secrets.slice(1).every((s) => shown.includes(s)),
      "the tokens are in the state, encrypted",
    );
  });

  it("leaves the emulator empty after destroy", async () => {
    await stack().destroy();
    assert.equal(emu().store.permalinks.size, 0);
    assert.equal(emu().store.webhooks.size, 0);
    const state = await stack().exportState();
    for (const type of [PERMALINK, HOST, WEBHOOK]) assert.deepEqual(resourcesOfType(state, type), []);
  });

  it("adopts an existing permalink and an existing webhook instead of creating new ones", async () => {
    const existing = await api().createPermalink({
      name: "Created by hand",
      user: { name: "Pipeline", id: "pipeline" },
      options: { widescreen: false },
    });
    await api().registerWebhook({ url: "https://legacy.example.com/hook", types: ["recording_update"] });
    emu().requests.clear();

    stack().setProgram(program({ ...DEFAULT, adoptPermalink: existing.permalink.id, adoptWebhook: true }));
    const result = await stack().up();
    assert.equal(result.outputs.permalinkId?.value, existing.permalink.id);
    assert.ok(!apiRequests(emu()).includes("POST /permalink"), "no permalink was created");
    const stored = emu().store.permalinks.get(existing.permalink.id);
    assert.equal(stored?.name, "Incident room");
    assert.equal(stored?.options.widescreen, true);
    assert.equal(emu().store.permalinks.size, 1);
    const hook = emu().store.webhooks.get(emu().apiKey);
    assert.equal(hook?.url, HOOK_URL);
    assert.equal(hook?.id, result.outputs.webhookId?.value);

    await stack().destroy();
    assert.equal(emu().store.permalinks.size, 0);
    assert.equal(emu().store.webhooks.size, 0);
  });

  it("manages a second account's resources through an explicit EyesonAccount provider", async () => {
    stack().setProgram(async () => {
      const partner = new EyesonAccount("partner-account", { apiKey: SECOND_KEY, endpoint: emu().url });
      const room = new Permalink(
        "partner-room",
        { name: "Partner room", user: { name: "Partner" } },
        { provider: partner },
      );
      return { permalinkId: room.permalinkId };
    });
    const result = await stack().up();
    const id = String(result.outputs.permalinkId?.value);
    assert.equal(emu().store.permalinks.get(id)?.apiKey, SECOND_KEY);
    assert.ok(
      !JSON.stringify(await stack().exportState()).includes(SECOND_KEY),
      "the second key is stored encrypted",
    );

    await stack().destroy();
    assert.equal(emu().store.permalinks.size, 0);
  });
});
