// The policy pack users start from (examples/policy-pack, built from pulumi-eyeson/policy) through the real
// engine: `pulumi preview --policy-pack` starts the pack with the Node.js language host's RunPlugin (the
// stand-in in scripts/language-host when Pulumi's own is not there). A stack breaking a mandatory rule fails
// the preview with that rule's message, an advisory rule warns and the preview passes, and a compliant stack
// passes. Every program declares the dynamic resource and the plugin's side by side, so each rule is shown to
// check both. Needs `npm run build` (the pack imports pulumi-eyeson/policy from dist/).
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { startEmulator } from "../../emulator";
import { Permalink } from "../../provider/resources/permalink";
import { Webhook } from "../../provider/resources/webhook";
import type { RoomOptions } from "../../provider/types";
import { directoryStack } from "./directoryStack";
import { useEmulator } from "./emulatorStack";
import { createEngineStack, requireCli, type EngineProgram } from "./harness";
import { PluginResource } from "./pluginResource";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const ROOT = path.resolve(__dirname, "..", "..");
const PACK = path.join(ROOT, "examples", "policy-pack");
const DAY_MS = 24 * 60 * 60 * 1000;

interface RoomSpec {
  options?: RoomOptions;
  expiresAt?: string;
  protect?: boolean;
}

/** One room and one webhook as dynamic resources, and the same again from the plugin (names end in `-plugin`). */
function program(room: RoomSpec, webhookUrl: string): EngineProgram {
  return async () => {
    const args = {
      user: { name: "On-call", id: "oncall" },
      options: room.options,
      expiresAt: room.expiresAt,
    };
    new Permalink("war-room", args, { protect: room.protect });
    new PluginResource("eyeson:index:Permalink", "war-room-plugin", args, { protect: room.protect });
    // Each in a provider process of its own, so each is the one Webhook its provider sees.
    new Webhook("incidents", { url: webhookUrl, types: ["room_update"] });
    new PluginResource("eyeson:index:Webhook", "incidents-plugin", {
      url: webhookUrl,
      types: ["room_update"],
    });
  };
}

const ALLOWED_HOOK = "https://incidents.example.com/hooks/eyeson";
const QUIET: RoomOptions = { recordingAvailable: false, broadcastAvailable: false };
const inDays = (days: number): string => new Date(Date.now() + days * DAY_MS).toISOString();

interface Case {
  title: string;
  stack: string;
  room: RoomSpec;
  webhookUrl?: string;
  policy: string;
  level: "mandatory" | "advisory";
  /** The message for `<Resource> "<name>"`, once for the dynamic resource and once for the plugin's. */
  message: (resource: string) => RegExp;
}

const CASES: Case[] = [
  {
    // The provider itself accepts http only to a loopback receiver; the policy accepts no http at all.
    title: "a webhook on plain http",
    stack: "dev",
    room: { options: QUIET },
    webhookUrl: "http://127.0.0.1:8080/hooks/eyeson",
    policy: "eyeson-webhook-url",
    level: "mandatory",
    message: (r) =>
      new RegExp(
        `^Webhook "${r}": url must use https, but it starts with "http://"; point url at an https://`,
      ),
  },
  {
    title: "a webhook to a host that is not allowed",
    stack: "dev",
    room: { options: QUIET },
    webhookUrl: "https://hooks.elsewhere.example.net/eyeson?token=s3cret",
    policy: "eyeson-webhook-url",
    level: "mandatory",
    message: (r) =>
      new RegExp(
        `^Webhook "${r}": url delivers to host hooks\\.elsewhere\\.example\\.net, which is not allowed; ` +
          "point url at one of incidents\\.example\\.com, .*add the host to allowedHosts",
      ),
  },
  {
    title: "an exit URL outside the allowed domains",
    stack: "dev",
    room: { options: { ...QUIET, exitUrl: "https://elsewhere.example.net/bye" } },
    policy: "eyeson-room-link-domains",
    level: "mandatory",
    message: (r) =>
      new RegExp(
        `^Permalink "${r}": options\\.exitUrl points to elsewhere\\.example\\.net, outside the allowed domains; ` +
          "use a URL on example\\.com, or remove options\\.exitUrl\\.$",
      ),
  },
  {
    title: "a logo outside the allowed domains",
    stack: "dev",
    room: { options: { ...QUIET, customFields: { logo: "https://cdn.example.org/logo.png" } } },
    policy: "eyeson-room-link-domains",
    level: "mandatory",
    message: (r) =>
      new RegExp(`^Permalink "${r}": options\\.customFields\\.logo points to cdn\\.example\\.org, outside`),
  },
  {
    title: "recording left at eyeson's default where it must be off",
    stack: "dev",
    room: { options: { broadcastAvailable: false } },
    policy: "eyeson-recording-off",
    level: "mandatory",
    message: (r) =>
      new RegExp(
        `^Permalink "${r}": options\\.recordingAvailable is not set, so eyeson's default \\(true\\) applies, ` +
          "but rooms in stack dev must not allow it; set options\\.recordingAvailable: false\\.$",
      ),
  },
  {
    title: "broadcasting allowed where it must be off (the same rule again, under a name of its own)",
    stack: "pr-7",
    room: { options: { recordingAvailable: false, broadcastAvailable: true }, expiresAt: inDays(3) },
    policy: "eyeson-pr-media-off",
    level: "mandatory",
    message: (r) =>
      new RegExp(`^Permalink "${r}": options\\.broadcastAvailable is true, but rooms in stack pr-7`),
  },
  {
    title: "a room with no expiry in a pull-request stack",
    stack: "pr-7",
    room: { options: QUIET },
    policy: "eyeson-room-expiry",
    level: "mandatory",
    message: (r) =>
      new RegExp(
        `^Permalink "${r}": expiresAt is not set, but rooms in stack pr-7 must expire within 7 days; ` +
          "set expiresAt to a time no later than \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\dZ \\(7 days from now\\)\\.$",
      ),
  },
  {
    title: "a room expiring too late in a pull-request stack",
    stack: "pr-7",
    room: { options: QUIET, expiresAt: inDays(30) },
    policy: "eyeson-room-expiry",
    level: "mandatory",
    message: (r) =>
      new RegExp(`^Permalink "${r}": expiresAt is "[^"]+", but rooms in stack pr-7 must expire`),
  },
  {
    title: "an unprotected production room (advisory: the preview warns and passes)",
    stack: "prod",
    room: { options: { recordingAvailable: true } },
    policy: "eyeson-room-protected",
    level: "advisory",
    message: (r) =>
      new RegExp(
        `^Permalink "${r}": the room is not protected, but rooms in stack prod must be; ` +
          "add protect: true to its resource options",
      ),
  },
];

/** The policy violations the engine reported in these events. */
function violations(
  events: readonly EngineEvent[],
): Array<{ policy: string; level: string; message: string }> {
  return events.flatMap((e) =>
    e.policyEvent
      ? [
          {
            policy: e.policyEvent.policyName,
            level: e.policyEvent.enforcementLevel,
            message: e.policyEvent.message.trim(),
          },
        ]
      : [],
  );
}

describe("the eyeson policy pack (examples/policy-pack), through `pulumi preview --policy-pack`", function () {
  this.timeout(600_000);
  const emu = useEmulator();

  /** Previews `prog` on a new stack with the pack; resolves the violations and whether the preview failed. */
  async function previewWithPack(
    prog: EngineProgram,
    stackName: string,
  ): Promise<{ failed: string | undefined; found: ReturnType<typeof violations> }> {
    emu().reset();
    const stack = await createEngineStack({
      program: prog,
      emulatorUrl: emu().url,
      apiKey: emu().apiKey,
      projectName: "eyeson-policy",
      stackName,
    });
    try {
      let failed: string | undefined;
      try {
        await stack.preview({ policyPacks: [PACK] });
      } catch (err) {
        failed = err instanceof Error ? err.message : String(err);
      }
      return { failed, found: violations(stack.events) };
    } finally {
      await stack.dispose();
    }
  }

  for (const c of CASES) {
    const outcome = c.level === "mandatory" ? "fails the preview" : "warns, and the preview passes";
    it(`${c.title}: ${outcome} with ${c.policy}'s message, for the dynamic and the plugin resource`, async () => {
      const { failed, found } = await previewWithPack(program(c.room, c.webhookUrl ?? ALLOWED_HOOK), c.stack);
      const resource = c.policy.startsWith("eyeson-webhook") ? "incidents" : "war-room";
      for (const name of [resource, `${resource}-plugin`]) {
        // The engine shows the policy's description, then the violation's message on a line of its own.
        const hit = found.find((v) => v.message.split("\n").some((line) => c.message(name).test(line)));
        assert.ok(
          hit,
          `a violation for ${name} matching ${c.message(name)}: ${JSON.stringify(found, null, 1)}`,
        );
        assert.equal(hit.policy, c.policy);
        assert.equal(hit.level, c.level);
      }
      assert.deepEqual(
        [...new Set(found.map((v) => v.policy))],
        [c.policy],
        "no other rule is broken by this stack",
      );
      if (c.level === "mandatory") {
        assert.ok(failed, "a mandatory violation fails the preview");
        const printed = failed.split("\n").map((line) => line.trim());
        assert.ok(
          printed.some((line) => c.message(resource).test(line)),
          `the CLI prints the message:\n${failed}`,
        );
      } else {
        assert.equal(failed, undefined, "an advisory violation does not fail the preview");
      }
      // The receiver's path and query never show: they may carry its secret.
      assert.ok(!JSON.stringify(found).includes("s3cret"));
    });
  }

  it("starts the pack with the stack's name, project and config, as Pulumi's language host does", async () => {
    emu().reset();
    const stack = await createEngineStack({
      program: async () => {
        new Webhook("incidents", { url: ALLOWED_HOOK, types: ["room_update"] });
      },
      emulatorUrl: emu().url,
      apiKey: emu().apiKey,
      projectName: "eyeson-policy-probe",
      stackName: "staging-eu",
    });
    try {
      await stack.preview({ policyPacks: [path.join(__dirname, "fixtures", "stack-probe-pack")] });
      assert.deepEqual(
        violations(stack.events).map((v) => v.message.split("\n").pop()),
        [`stack=staging-eu project=eyeson-policy-probe endpoint=${emu().url}`],
      );
    } finally {
      await stack.dispose();
    }
  });

  for (const [stackName, room] of [
    ["dev", { options: QUIET }],
    ["pr-7", { options: QUIET, expiresAt: inDays(6) }],
    ["prod", { options: { recordingAvailable: true, exitUrl: "https://status.example.com" }, protect: true }],
  ] as const) {
    it(`a compliant ${stackName} stack passes with no violation`, async () => {
      const { failed, found } = await previewWithPack(program(room, ALLOWED_HOOK), stackName);
      assert.equal(failed, undefined);
      assert.deepEqual(found, []);
    });
  }
});

describe("the README's `pulumi preview --stack dev --policy-pack examples/policy-pack` (directory program)", function () {
  this.timeout(600_000);
  // The standing-rooms program with a copy of its dev stack file, so that no tracked stack file is touched.
  const dir = directoryStack({
    name: "policy",
    stack: "dev",
    stackFileFrom: path.join(ROOT, "examples", "standing-rooms", "Pulumi.dev.yaml"),
  });
  const { project, pulumi, ok } = dir;
  let emulator: Emulator | undefined;

  before(async function () {
    requireCli(this);
    emulator = await startEmulator();
    dir.open();
    const program = path.relative(project, path.join(ROOT, "examples", "standing-rooms"));
    fs.writeFileSync(
      path.join(project, "Pulumi.yaml"),
      `name: eyeson-standing-rooms\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: ${program}/\n`,
    );
    await dir.init(emulator);
  });

  after(async () => {
    await dir.dispose();
    await emulator?.close();
  });

  it("passes for the example's dev stack", async () => {
    const preview = await ok("preview", "--policy-pack", PACK);
    assert.doesNotMatch(preview.stdout, /mandatory|advisory/);
  });

  it("fails once a dev room allows recording, naming the room, the property and the fix", async () => {
    await ok("config", "set", "--path", "eyeson-standing-rooms:rooms[0].options.recordingAvailable", "true");
    const preview = await pulumi("preview", "--policy-pack", PACK);
    assert.notEqual(preview.code, 0);
    assert.match(
      preview.stdout,
      /Permalink "war-room": options\.recordingAvailable is true, but rooms in stack dev must not allow it; set options\.recordingAvailable: false\./,
    );
    assert.deepEqual(emulator?.store.permalinksOf(emulator.apiKey), []);
  });
});
