// The emulator as a user runs it for a while, through the real Pulumi engine: stopped and started again with
// the same state directory (`--data`), it still knows the stack's rooms, host and webhook and its key, so a
// refresh changes nothing; and one stack's whole lifecycle while the emulator answers in the other shapes
// docs/api-notes.md leaves open (`emulator/variants.ts`).
// Needs `npm run build` (the engine's provider host loads `pulumi-eyeson/provider/...` from dist).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmulator, type EmulatorHandle } from "../../emulator";
import { Permalink } from "../../provider/resources/permalink";
import { PermalinkHost } from "../../provider/resources/permalinkHost";
import { Webhook } from "../../provider/resources/webhook";
import { apiWrites, createEngineStack, requireCli, resourcesOfType, type EngineStack } from "./harness";

const TYPES = ["Permalink", "PermalinkHost", "Webhook"].map((name) => `pulumi-nodejs:dynamic/eyeson:${name}`);

/** A standing room with a second host, and the incident webhook. */
const program = (roomName: string) => async () => {
  const room = new Permalink("war-room", {
    name: roomName,
    user: { name: "Primary on-call", id: "oncall-primary" },
    options: { widescreen: true, lockAvailable: true },
  });
  new PermalinkHost("secondary", {
    permalink: room,
    user: { name: "Secondary on-call", id: "oncall-secondary" },
  });
  new Webhook("incidents", {
    url: "https://incidents.example.com/hooks/eyeson",
    types: ["room_update", "recording_update"],
  });
  return { permalinkId: room.permalinkId };
};

/** What a refresh changed, by kind (`{ same: 4 }` when it found everything as the state has it). */
function refreshChanges(summary: unknown): Record<string, number> | undefined {
  return (summary as { resourceChanges?: Record<string, number> }).resourceChanges;
}

/** The ops of the eyeson resources in an operation's steps, e.g. `same Permalink`. */
function eyesonSteps(steps: ReadonlyArray<{ op: string; type: string }>): string[] {
  return steps
    .filter((s) => TYPES.includes(s.type))
    .map((s) => `${s.op} ${s.type.split(":").pop()}`)
    .sort();
}

describe("the emulator's state directory through the real engine", function () {
  this.timeout(300_000);
  let dir: string;
  let emulator: EmulatorHandle | undefined;
  let engine: EngineStack | undefined;

  before(async function () {
    requireCli(this);
    dir = mkdtempSync(path.join(tmpdir(), "eyeson-emulator-data-"));
    emulator = await startEmulator({ strict: true, dataDir: dir });
    engine = await createEngineStack({
      program: program("War room"),
      emulatorUrl: emulator.url,
      apiKey: emulator.apiKey,
      projectName: "eyeson-emulator-state",
    });
  });
  after(async () => {
    await engine?.dispose();
    await emulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("after a restart with the same --data, the key works and a refresh and a preview find nothing changed", async () => {
    const stack = engine ?? assert.fail("no stack");
    const first = emulator ?? assert.fail("no emulator");
    await stack.up();
    const key = first.apiKey;
    const port = Number(new URL(first.url).port);
    await first.close();

    emulator = await startEmulator({ strict: true, dataDir: dir, port });
    assert.equal(emulator.apiKey, key, "the saved key");
    const refresh = await stack.refresh();
    assert.deepEqual(refreshChanges(refresh.summary), { same: 4 });
    const state = await stack.exportState();
    for (const type of TYPES)
      assert.equal(resourcesOfType(state, type).length, 1, `${type} still in the state`);
    const preview = await stack.preview();
    assert.deepEqual(preview.changeSummary, { same: 4 });
    assert.deepEqual(apiWrites(emulator), [], "nothing was written to make it so");

    await stack.destroy();
    assert.equal(emulator.store.permalinks.size, 0);
    assert.equal(emulator.store.webhooks.size, 0);
  });
});

describe("one stack's lifecycle while the emulator answers in other shapes", function () {
  this.timeout(300_000);
  let emulator: EmulatorHandle | undefined;
  let engine: EngineStack | undefined;

  before(async function () {
    requireCli(this);
    emulator = await startEmulator({ strict: true, variant: "no-content" });
    engine = await createEngineStack({
      program: program("War room"),
      emulatorUrl: emulator.url,
      apiKey: emulator.apiKey,
      projectName: "eyeson-variants",
    });
  });
  after(async () => {
    await engine?.dispose();
    await emulator?.close();
  });

  it("creates (no-content), refreshes (webhook-text), plans (bare-lists), updates (omit-nulls) and destroys (status-200)", async () => {
    const stack = engine ?? assert.fail("no stack");
    const emu = emulator ?? assert.fail("no emulator");
    const up = await stack.up();
    assert.deepEqual(eyesonSteps(up.steps), ["create Permalink", "create PermalinkHost", "create Webhook"]);

    emu.variant.set("webhook-text");
    assert.deepEqual(refreshChanges((await stack.refresh()).summary), { same: 4 });

    emu.variant.set("bare-lists");
    assert.deepEqual((await stack.preview()).changeSummary, { same: 4 });

    emu.variant.set("omit-nulls");
    stack.setProgram(program("War room, renamed"));
    const update = await stack.up();
    assert.deepEqual(eyesonSteps(update.steps), ["same PermalinkHost", "same Webhook", "update Permalink"]);
    assert.equal([...emu.store.permalinks.values()][0]?.name, "War room, renamed");
    assert.deepEqual(refreshChanges((await stack.refresh()).summary), { same: 4 });

    emu.variant.set("status-200");
    await stack.destroy();
    assert.equal(emu.store.permalinks.size, 0);
    assert.equal(emu.store.webhooks.size, 0);
  });
});
