// Moving a stack from the dynamic resources to the plugin through the real engine: `up` with the dynamic
// Permalink, PermalinkHost and Webhook, then the same program with the plugin's types (`pulumi.CustomResource`
// with `eyeson:index:*` tokens, as any TypeScript program can declare them without an SDK) and an alias to the
// dynamic type. The preview replaces nothing, the `up` changes nothing in eyeson, a refresh is clean, the
// state keeps every token encrypted, and the plugin destroys what the dynamic resources created.
// Needs `npm run build` (the plugin and the dynamic resources' implementations load from dist/).
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { Permalink } from "../../provider/resources/permalink";
import { PermalinkHost } from "../../provider/resources/permalinkHost";
import { Webhook } from "../../provider/resources/webhook";
import { useEmulatorStack } from "./emulatorStack";
import { apiWrites, resourcesOfType } from "./harness";
import { PluginResource } from "./pluginResource";

const HOOK_URL = "https://hooks.example.com/eyeson/incidents";
const ROOM = {
  name: "War room",
  user: { name: "Pipeline", id: "pipeline" },
  options: { widescreen: true, customFields: { locale: "de" as const } },
};
const DEPUTY = { name: "Deputy", id: "deputy" };
const TYPES = ["Permalink", "PermalinkHost", "Webhook"] as const;

/** The program with the dynamic resources, as a stack has it today. */
const dynamicProgram = async (): Promise<Record<string, unknown>> => {
  const room = new Permalink("war-room", ROOM);
  const deputy = new PermalinkHost("deputy", { permalink: room, user: DEPUTY });
  const hook = new Webhook("incidents", { url: HOOK_URL, types: ["participant_update", "room_update"] });
  return { permalinkId: room.id, hostId: deputy.id, webhookId: hook.id };
};

/** The same resources served by the plugin, each aliased to its dynamic type so the engine keeps it. */
const pluginProgram = async (): Promise<Record<string, unknown>> => {
  const moved = (type: string): pulumi.CustomResourceOptions => ({
    aliases: [{ type: `pulumi-nodejs:dynamic/eyeson:${type}` }],
  });
  const room = new PluginResource(
    "eyeson:index:Permalink",
    "war-room",
    { ...ROOM, guestUrl: undefined },
    moved("Permalink"),
  );
  const deputy = new PluginResource(
    "eyeson:index:PermalinkHost",
    "deputy",
    { permalinkId: room.id, user: DEPUTY },
    moved("PermalinkHost"),
  );
  const hook = new PluginResource(
    "eyeson:index:Webhook",
    "incidents",
    { url: HOOK_URL, types: ["participant_update", "room_update"] },
    moved("Webhook"),
  );
  return { permalinkId: room.id, hostId: deputy.id, webhookId: hook.id };
};

describe("moving a stack from the dynamic resources to the plugin, through the real engine", function () {
  this.timeout(300_000);
  const { emu, stack } = useEmulatorStack({
    emulator: { strict: true },
    stack: { program: dynamicProgram, projectName: "eyeson-migration" },
  });
  let created: Record<string, unknown> = {};
  const writes = (): string[] => apiWrites(emu());
  beforeEach(() => emu().requests.clear());

  it("creates the room, its host and the webhook with the dynamic resources", async () => {
    const up = await stack().up();
    created = Object.fromEntries(Object.entries(up.outputs).map(([key, output]) => [key, output.value]));
    assert.equal(emu().store.permalinks.size, 1);
    assert.equal(created.hostId, `${String(created.permalinkId)}/deputy`);
  });

  it("previews the switch to the plugin's types with no replacement, no create and no delete", async () => {
    stack().setProgram(pluginProgram);
    const preview = await stack().preview();
    const eyeson = preview.steps.filter((s) => s.type.startsWith("eyeson:index:"));
    assert.deepEqual(eyeson.map((s) => s.type).sort(), TYPES.map((t) => `eyeson:index:${t}`).sort());
    assert.ok(
      eyeson.every((s) => s.op === "same"),
      `every moved resource stays: ${JSON.stringify(eyeson.map((s) => `${s.op} ${s.type}`))}`,
    );
    for (const op of ["create", "replace", "delete", "create-replacement", "delete-replaced"]) {
      assert.equal(preview.changeSummary[op] ?? 0, 0, `${op} in ${JSON.stringify(preview.changeSummary)}`);
    }
    assert.deepEqual(writes(), []);
  });

  it("switches on up, keeping every id and sending eyeson no change", async () => {
    const up = await stack().up();
    const after = Object.fromEntries(Object.entries(up.outputs).map(([key, output]) => [key, output.value]));
    assert.deepEqual(after, created);
    assert.deepEqual(writes(), []);
    const state = await stack().exportState();
    for (const type of TYPES) {
      assert.equal(resourcesOfType(state, `pulumi-nodejs:dynamic/eyeson:${type}`).length, 0, `${type} moved`);
      assert.equal(resourcesOfType(state, `eyeson:index:${type}`).length, 1, `${type} is the plugin's`);
    }
  });

  it("refreshes clean, then previews no changes", async () => {
    await stack().refresh({ expectNoChanges: true });
    await stack().preview({ expectNoChanges: true });
    assert.deepEqual(writes(), []);
  });

  it("keeps the tokens and join links encrypted, and the dynamic resources' provider code gone after refresh", async () => {
    const text = JSON.stringify(await stack().exportState());
    const tokens = [...emu().store.permalinks.values()].flatMap((permalink) => [
      permalink.guestToken,
      ...permalink.hosts.map((h) => h.userToken),
    ]);
    // The permalink's guest token and both hosts' tokens: a loop over nothing would prove nothing.
    assert.equal(tokens.length, 3, `${tokens.length} tokens`);
    for (const token of tokens) assert.ok(!text.includes(token), "a token appears in plain text");
    assert.ok(!/permalink\?/.test(text), "a join link appears in plain text");
    assert.ok(!text.includes("__provider"), "no serialized dynamic provider remains");
  });

  it("destroys through the plugin what the dynamic resources created", async () => {
    await stack().destroy();
    assert.equal(emu().store.permalinks.size, 0);
    assert.equal(emu().store.webhooks.size, 0);
  });
});
