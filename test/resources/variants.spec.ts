// Every answer variant of the emulator (`emulator/variants.ts`: the shapes docs/api-notes.md leaves open)
// against the provider's own code: each resource's lifecycle, the lists, and `pulumi-eyeson doctor`. The
// variant that drops what the provider needs fails create with a clear error, and doctor says which line.
import assert from "node:assert/strict";
import { startEmulator, VARIANT_NAMES, type EmulatorHandle } from "../../emulator";
import { parseArgs } from "../../emulator/cli";
import { type PermalinkInputs, type PermalinkOutputs } from "../../provider/resources/permalink";
import { PermalinkProvider } from "../../provider/resources/permalinkProvider";
import { type PermalinkHostInputs } from "../../provider/resources/permalinkHost";
import { PermalinkHostProvider } from "../../provider/resources/permalinkHostProvider";
import { type WebhookInputs, type WebhookOutputs } from "../../provider/resources/webhook";
import { WebhookProvider } from "../../provider/resources/webhookProvider";
import type { ProviderBase } from "../../provider/resources/providerBase";
import { leakedSecrets, runCli } from "../cli/doctorSupport";
import { apiClient, configured, inDays, TEST_OPTIONS } from "./support";

const TOLERATED = VARIANT_NAMES.filter((name) => name !== "missing-ids");

/** Runs `check` as the engine does and fails the test on any failure. */
async function checked<T>(
  provider: ProviderBase & { check(olds: T, news: T): Promise<{ inputs?: T; failures?: unknown[] }> },
  news: object,
  olds: object = {},
): Promise<T> {
  const result = await provider.check(olds as T, news as T);
  assert.deepEqual(result.failures ?? [], []);
  return result.inputs as T;
}

describe("answer variants", () => {
  it("lists a variant for each open spot, the documented one first", () => {
    assert.equal(VARIANT_NAMES[0], "documented");
    assert.ok(VARIANT_NAMES.length >= 10);
  });

  it("takes --variant on the emulator's command line and names the variants when one is unknown", () => {
    assert.equal(parseArgs(["--variant", "bare-lists"]).variant, "bare-lists");
    assert.throws(
      () => parseArgs(["--variant=nope"]),
      /Unknown variant: nope \(one of documented, status-200, /,
    );
  });

  for (const variant of TOLERATED) {
    describe(`variant ${variant}`, () => {
      let emulator: EmulatorHandle;
      before(async () => {
        emulator = await startEmulator({ strict: true, variant });
      });
      after(() => emulator.close());

      it("runs Permalink, PermalinkHost and Webhook through create, refresh, update and delete", async () => {
        const permalinks = await configured(new PermalinkProvider(TEST_OPTIONS), emulator);
        const hosts = await configured(new PermalinkHostProvider(TEST_OPTIONS), emulator);
        const webhooks = await configured(new WebhookProvider(TEST_OPTIONS), emulator);

        const inputs = await checked<PermalinkInputs>(permalinks, {
          name: "Variant room",
          user: { name: "Pipeline", id: "pipeline" },
          expiresAt: inDays(30),
          options: { widescreen: true, sfuMode: "disabled", customFields: { locale: "de" } },
        });
        const created = await permalinks.create(inputs);
        assert.match(created.id, /^[0-9a-f]{24}$/);
        const outs = created.outs as PermalinkOutputs;
        assert.equal(typeof outs.userToken, "string");
        const refreshed = await permalinks.read(created.id, outs);
        assert.equal(refreshed.id, created.id);
        assert.equal((refreshed.props as PermalinkOutputs).name, "Variant room");
        const diff = await permalinks.diff(created.id, refreshed.props as PermalinkOutputs, inputs);
        assert.equal(diff.changes, false, "a refresh right after create finds nothing to change");

        const renamed = await checked<PermalinkInputs>(
          permalinks,
          { ...inputs, name: "Renamed", options: { widescreen: false } },
          inputs,
        );
        const updated = await permalinks.update(created.id, outs, renamed);
        assert.equal((updated.outs as PermalinkOutputs).name, "Renamed");
        assert.equal((await apiClient(emulator).getPermalink(created.id)).room.name, "Renamed");

        const hostInputs = await checked<PermalinkHostInputs>(hosts, {
          permalinkId: created.id,
          user: { name: "Deputy", id: "deputy" },
        });
        const host = await hosts.create(hostInputs);
        assert.equal(host.id, `${created.id}/deputy`);
        assert.equal((await hosts.read(host.id, host.outs)).id, host.id);
        await hosts.delete(host.id, host.outs ?? assert.fail("no host outputs"));

        const hookInputs = await checked<WebhookInputs>(webhooks, {
          url: "http://127.0.0.1:9/hook",
          types: ["room_update", "recording_update"],
        });
        const hook = await webhooks.create(hookInputs);
        const hookRead = await webhooks.read(hook.id, hook.outs as WebhookOutputs);
        assert.deepEqual((hookRead.props as WebhookOutputs).types, ["recording_update", "room_update"]);
        assert.equal(
          (await webhooks.diff(hook.id, hookRead.props as WebhookOutputs, hookInputs)).changes,
          false,
        );
        await webhooks.delete(hook.id, hookRead.props as WebhookOutputs);
        assert.equal(await apiClient(emulator).getWebhook(), null);

        await permalinks.delete(created.id, updated.outs as PermalinkOutputs);
        assert.deepEqual(
          await permalinks.read(created.id, updated.outs as PermalinkOutputs),
          {},
          "gone after delete",
        );
      });

      it("lists every permalink once, walks the room lists and reads an empty webhook slot", async () => {
        emulator.reset();
        const client = apiClient(emulator);
        try {
          for (let i = 0; i < 27; i += 1)
            await client.createPermalink({ name: `Room ${i}`, user: { name: "Host" } });
          const all = await client.listPermalinks({ all: true });
          assert.equal(all.items.length, 27);
          assert.equal(new Set(all.items.map((p) => p.permalink.id)).size, 27);
          assert.equal(all.total, 27);
          const first = await client.listPermalinks({ limit: 5 });
          assert.ok(
            (first.items.length >= 5 && first.total === 27) || first.items.length === 27,
            "a page, or the whole bare list",
          );
          const room = await client.startRoom({ id: "variant-room", user: { name: "U" } });
          assert.deepEqual(
            (await client.listRooms()).map((r) => r.id),
            ["variant-room"],
          );
          assert.deepEqual(await client.listRoomRecordings("variant-room", { all: true }), []);
          assert.equal(await client.endRoom(room.accessKey), true);
          assert.equal(await client.getWebhook(), null);
          await client.registerWebhook({
            url: "http://127.0.0.1:9/hook",
            types: ["room_update", "snapshot_update"],
          });
          const slot = emulator.store.webhooks.get(emulator.apiKey) ?? assert.fail("no webhook registered");
          slot.lastResponseCode = "201";
          const hook = await client.getWebhook();
          assert.deepEqual(
            [hook?.types, hook?.lastResponseCode],
            [["room_update", "snapshot_update"], "201"],
          );
        } finally {
          await client.close();
        }
      });

      it("pulumi-eyeson doctor passes, read-only and with --write, and prints no credential", async () => {
        emulator.reset();
        const client = apiClient(emulator);
        await client.createPermalink({ name: "Standing", user: { name: "Host" } });
        await client.registerWebhook({ url: "http://127.0.0.1:9/hook", types: ["room_update"] });
        await client.close();
        for (const argv of [["doctor"], ["doctor", "--write"]]) {
          const run = await runCli(argv, emulator);
          assert.equal(run.code, 0, `${argv.join(" ")} on ${variant}:\n${run.stdout}${run.stderr}`);
          assert.deepEqual(leakedSecrets(run.stdout + run.stderr, emulator), []);
        }
      });
    });
  }

  describe("variant missing-ids (breaks what pulumi-eyeson needs)", () => {
    let emulator: EmulatorHandle;
    before(async () => {
      emulator = await startEmulator({ strict: true, variant: "missing-ids" });
    });
    after(() => emulator.close());

    it("fails a Permalink create with the operation and what is missing, instead of storing no id", async () => {
      const permalinks = await configured(new PermalinkProvider(TEST_OPTIONS), emulator);
      const inputs = await checked<PermalinkInputs>(permalinks, { user: { name: "Pipeline" } });
      await assert.rejects(
        permalinks.create(inputs),
        /POST \/permalink .*201.*not an object with permalink\.id/,
      );
    });

    it("fails pulumi-eyeson doctor --write with the line that names the missing field", async () => {
      const run = await runCli(["doctor", "--write"], emulator);
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.match(
        run.stdout,
        /^differs {3}permalink\.id is a string \[Response objects\]: absent {2}<- pulumi-eyeson needs this$/m,
      );
      assert.deepEqual(leakedSecrets(run.stdout + run.stderr, emulator), []);
    });

    it("can be switched off over HTTP for the requests that follow", async () => {
      const set = await fetch(`${emulator.url}/__emulator/variant`, {
        method: "POST",
        body: JSON.stringify({ name: "documented" }),
      });
      assert.equal(set.status, 200);
      assert.equal((await runCli(["doctor"], emulator)).code, 0);
      const bad = await fetch(`${emulator.url}/__emulator/variant`, {
        method: "POST",
        body: JSON.stringify({ name: "nope" }),
      });
      assert.equal(bad.status, 400);
      assert.match(
        ((await bad.json()) as { error: string }).error,
        /Unknown variant: nope \(one of documented, /,
      );
    });
  });
});
