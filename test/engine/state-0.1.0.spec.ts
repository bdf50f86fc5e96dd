// Stacks written by pulumi-eyeson 0.1.0 keep working with this version: the fixture is the state 0.1.0 wrote
// (its providers serialize all seven methods, each calling `shim.load`), imported with `pulumi stack import`
// over objects this spec creates in a fresh emulator, then refreshed, updated and destroyed by the engine.
// Needs `npm run build` (the engine's provider host loads `pulumi-eyeson/provider/...` from dist).
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Deployment as AutomationDeployment } from "@pulumi/pulumi/automation";
import { EyesonClient, NO_DELAY_RETRY_POLICY } from "../../provider/client";
import { Permalink } from "../../provider/resources/permalink";
import { PermalinkHost } from "../../provider/resources/permalinkHost";
import { Webhook } from "../../provider/resources/webhook";
import { FIXTURE } from "./fixtures/state-0.1.0-program";
import { useEmulatorStack } from "./emulatorStack";
import { apiRequests, resourcesOfType, type Deployment } from "./harness";

const FIXTURE_FILE = path.join(__dirname, "fixtures", "state-0.1.0.json");
const TYPES = [
  "pulumi-nodejs:dynamic/eyeson:Permalink",
  "pulumi-nodejs:dynamic/eyeson:PermalinkHost",
  "pulumi-nodejs:dynamic/eyeson:Webhook",
];
// What only the 0.1.0 provider text has: all seven methods serialized.
const SEVEN_METHODS =
  /configure: __f1, check: __f2, diff: __f3, create: __f4, read: __f5, update: __f6, delete: __f7/;

/** The fixture's program, as this version declares it. */
async function program(): Promise<Record<string, unknown>> {
  const room = new Permalink(FIXTURE.names.permalink, FIXTURE.permalink);
  new PermalinkHost(FIXTURE.names.host, { permalinkId: room.permalinkId, user: FIXTURE.host.user });
  new Webhook(FIXTURE.names.webhook, FIXTURE.webhook);
  return { permalinkId: room.permalinkId };
}

function providersOf(state: Deployment): string[] {
  return TYPES.flatMap((type) => resourcesOfType(state, type)).map((r) => String(r.inputs?.__provider));
}

describe("a stack written by pulumi-eyeson 0.1.0", function () {
  this.timeout(300_000);

  const { emu, stack } = useEmulatorStack({
    emulator: { strict: true, apiKeys: [FIXTURE.apiKey] },
    stack: { program, projectName: FIXTURE.project, stackName: FIXTURE.stack },
  });

  /** Creates the fixture's objects in the emulator and imports the fixture state pointing at them. */
  async function importFixture(): Promise<void> {
    const api = new EyesonClient({
      apiKey: emu().apiKey,
      endpoint: emu().url,
      retry: NO_DELAY_RETRY_POLICY,
      env: {},
    });
    const room = await api.createPermalink(FIXTURE.permalink);
    const host = await api.addPermalinkHost(room.permalink.id, FIXTURE.host.user);
    await api.registerWebhook(FIXTURE.webhook);
    const hook = (await api.getWebhook()) ?? assert.fail("no webhook registered");
    await api.close();
    const values: Record<string, string | undefined> = {
      ENDPOINT: emu().url,
      PERMALINK_ID: room.permalink.id,
      ROOM_ID: room.room?.id,
      USER_TOKEN: room.permalink.userToken,
      GUEST_TOKEN: room.permalink.guestToken,
      HOST_TOKEN: host.permalink.userToken,
      WEBHOOK_ID: hook.id,
    };
    const text = fs.readFileSync(FIXTURE_FILE, "utf8").replace(/@@([A-Z_]+)@@/g, (_, name: string) => {
      return values[name] ?? assert.fail(`no value for the placeholder ${name}`);
    });
    await stack().stack.importStack(JSON.parse(text) as AutomationDeployment);
    emu().requests.clear();
  }

  before(importFixture);
  beforeEach(() => emu().requests.clear());

  it("is the state 0.1.0 wrote: every resource's provider serializes all seven methods", async () => {
    const providers = providersOf(await stack().exportState());
    assert.equal(providers.length, 3);
    for (const text of providers) {
      assert.match(text, SEVEN_METHODS);
      assert.match(text, /require\("pulumi-eyeson\/provider\/resources\/shim"\)\.load\(kind, this\)/);
    }
  });

  it("refreshes: every resource is read from the API and kept, nothing is written", async () => {
    await stack().refresh();
    assert.deepEqual(apiRequests(emu()).sort(), [
      "GET /permalink/:permalinkId",
      "GET /permalink/:permalinkId",
      "GET /permalink/:userToken",
      "GET /webhooks",
    ]);
    const state = await stack().exportState();
    for (const type of TYPES) assert.equal(resourcesOfType(state, type).length, 1, type);
    const providers = providersOf(state);
    assert.equal(providers.length, 3);
    for (const text of providers) assert.match(text, SEVEN_METHODS, "refresh keeps the provider");
  });

  it("destroys: the permalink, its host and the webhook are deleted through the 0.1.0 providers", async () => {
    await stack().destroy();
    assert.deepEqual(apiRequests(emu()).sort(), [
      "DELETE /permalink/:permalinkId",
      "DELETE /permalink/:permalinkId/users/:userToken",
      "DELETE /webhooks/:webhookId",
      // The permalink and the host each read the room first: is a meeting running (liveMeetings)?
      "GET /permalink/:permalinkId",
      "GET /permalink/:permalinkId",
      "GET /webhooks",
    ]);
    assert.equal(emu().store.permalinks.size, 0);
    assert.equal(emu().store.webhooks.size, 0);
  });

  it("updates to this version's smaller provider on the next up, sending nothing but the key check", async () => {
    await importFixture();
    const up = await stack().up();
    assert.ok(up.steps.length > 0, "the up announced its steps");
    assert.ok(
      up.steps.every((s) => s.op === "same"),
      JSON.stringify(up.steps),
    );
    // The one read-only request with which check proves the API key; nothing changes at the API.
    assert.deepEqual(apiRequests(emu()), ["GET /permalink"]);
    const providers = providersOf(await stack().exportState());
    assert.equal(providers.length, 3);
    for (const text of providers) {
      assert.doesNotMatch(text, SEVEN_METHODS);
      assert.ok(Buffer.byteLength(text) <= 1024, `${Buffer.byteLength(text)} bytes`);
    }
    await stack().destroy();
    assert.equal(emu().store.permalinks.size, 0);
    assert.equal(emu().store.webhooks.size, 0);
  });
});
