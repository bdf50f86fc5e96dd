// The messages a user meets in the first hour, as the real engine prints them: after an emulator restart with a
// new key the refusal names the resource's real URN and the way out (which then works), a refused key is a
// problem of the provider's configuration rather than "value {<nil>}", a misspelt option gets "did you mean",
// and no message is printed twice or with a stack trace.
// Needs `npm run build` (the engine's provider host loads `pulumi-eyeson/provider/...` from dist).
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { startEmulator, type EmulatorHandle } from "../../emulator";
import { Permalink } from "../../provider/resources/permalink";
import { PermalinkHost } from "../../provider/resources/permalinkHost";
import { Webhook } from "../../provider/resources/webhook";
import type { RoomOptions } from "../../provider/types";
import { createEngineStack, requireCli, type EngineStack } from "./harness";

const OLD_KEY = "emu_messages_before_restart_00000";
const NEW_KEY = "emu_messages_after_restart_000000";

/** The failure of `run` as a user reads it: the CLI's error and every diagnostic the engine printed. */
async function failureOf(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  return assert.fail("the operation succeeded");
}

/** Asserts that no line of `text` holds the same sentence twice, and that no stack trace is printed. */
function assertSaidOnce(text: string, sentence: string): void {
  for (const line of text.split("\n")) {
    assert.ok(line.split(sentence).length <= 2, `said twice in one line: ${line}`);
  }
  assert.doesNotMatch(text, /^\s+at .+:\d+:\d+\)?$/m, "no stack trace");
}

describe("messages that point at the fix, through the real engine", function () {
  this.timeout(600_000);
  let emulator: EmulatorHandle | undefined;
  const stacks: EngineStack[] = [];

  before(function () {
    requireCli(this);
  });
  after(async () => {
    for (const stack of stacks.reverse()) await stack.dispose();
    await emulator?.close();
  });

  /** Starts (or restarts, on the same port, as a user restarts it on 8787) the emulator with one key. */
  async function startWith(apiKey: string, port = 0): Promise<EmulatorHandle> {
    await emulator?.close();
    emulator = await startEmulator({ apiKeys: [apiKey], port });
    return emulator;
  }

  async function newStack(program: () => Promise<void>, apiKey: string): Promise<EngineStack> {
    const stack = await createEngineStack({
      program: async () => {
        await program();
      },
      emulatorUrl: emulator?.url ?? assert.fail("no emulator"),
      apiKey,
    });
    stacks.push(stack);
    return stack;
  }

  it("names the real URN and the way out after an emulator restart with a new key, and the way out works", async () => {
    const first = await startWith(OLD_KEY);
    const port = Number(new URL(first.url).port);
    const stack = await newStack(async () => {
      const room = new Permalink("war-room", { user: { name: "Lead", id: "lead" } });
      new PermalinkHost("deputy", { permalink: room, user: { name: "Deputy", id: "deputy" } });
      // Inside a component, so the URN the message names carries the parent's type.
      const alerts = new pulumi.ComponentResource("acme:index:Alerts", "alerts");
      new Webhook(
        "incidents",
        { url: "https://hooks.example.com/eyeson", types: ["room_update"] },
        { parent: alerts },
      );
    }, OLD_KEY);
    await stack.up();
    const urns = (await stack.exportState()).deployment.resources?.map((r) => r.urn) ?? [];
    const roomUrn = urns.find((urn) => urn.endsWith("eyeson:Permalink::war-room"));
    const hookUrn = urns.find((urn) => urn.endsWith("eyeson:Webhook::incidents"));
    assert.ok(roomUrn && hookUrn, `URNs in the state: ${urns.join(", ")}`);
    assert.match(hookUrn, /acme:index:Alerts\$pulumi-nodejs:dynamic\/eyeson:Webhook::incidents$/);

    // The restart: same port, a new key and an empty store; the user sets the new key.
    await startWith(NEW_KEY, port);
    await stack.setConfig("eyeson:apiKey", NEW_KEY, true);

    const plain = await failureOf(stack.refresh());
    assert.match(
      plain,
      /failed \(40[13]\): Invalid API key — check eyeson:apiKey\. A plain `pulumi refresh` or `pulumi destroy` uses the eyeson:apiKey and eyeson:endpoint of the stack's last `up`; with `--run-program` it uses the current ones\./,
    );
    assertSaidOnce(plain, "Invalid API key");

    const refused = await failureOf(stack.refresh({ runProgram: true }));
    for (const urn of [roomUrn, hookUrn]) {
      assert.ok(
        refused.includes(`forget it with \`pulumi state delete '${urn}' --target-dependents\`.`),
        `names ${urn}:\n${refused}`,
      );
    }
    assert.match(refused, /restart it with `--api-key <the old key>`/);
    assert.doesNotMatch(refused, /<urn>/);
    assertSaidOnce(refused, "was not found, but it was created with another eyeson account");

    // The way out it names: the old key again (the emulator forgot the objects), then a refresh that drops them.
    await startWith(OLD_KEY, port);
    await stack.setConfig("eyeson:apiKey", OLD_KEY, true);
    await stack.refresh({ runProgram: true });
    const up = await stack.up();
    assert.equal((up.summary as { resourceChanges?: Record<string, number> }).resourceChanges?.create, 3);
    await stack.preview({ expectNoChanges: true });
  });

  it("reports a refused key as the provider's configuration, not as a property value", async () => {
    await startWith(OLD_KEY);
    const stack = await newStack(async () => {
      new Permalink("war-room", { user: { name: "Lead", id: "lead" } });
    }, "emu_not_a_key_of_this_emulator_000");
    const refused = await failureOf(stack.preview());
    assert.match(
      refused,
      /resource 'war-room' has a problem: the eyeson provider's configuration: The eyeson API refused the API key \(401/,
    );
    assert.doesNotMatch(refused, /\{<nil>\}/);
    assertSaidOnce(refused, "refused the API key");
  });

  it("suggests the option and the custom field a misspelt key meant", async () => {
    await startWith(OLD_KEY);
    const stack = await newStack(async () => {
      // As a YAML program or a cast would pass it: the compiler does not see these keys.
      const options = { widescren: true, customFields: { hide_chat: true } } as unknown as RoomOptions;
      new Permalink("war-room", { user: { name: "Lead", id: "lead" }, options });
    }, OLD_KEY);
    const refused = await failureOf(stack.preview());
    assert.match(refused, /property options\.widescren .*unknown property; did you mean widescreen\?/);
    assert.match(
      refused,
      /property options\.customFields\.hide_chat .*is not a field eyeson documents; did you mean hideChat\?/,
    );
    assert.deepEqual(emulator?.store.permalinksOf(OLD_KEY), [], "nothing was created");
  });
});
