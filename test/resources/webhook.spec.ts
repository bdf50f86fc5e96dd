// The Webhook provider against the emulator: one registration per API key, never clobbering someone else's.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebhookInputs, type WebhookOutputs } from "../../provider/resources/webhook";
import { WebhookProvider } from "../../provider/resources/webhookProvider";
import { UNKNOWN } from "../../provider/values";
import { startEmulator } from "../../emulator";
import { answered, apiClient, configured, hasUndefined, routes, TEST_OPTIONS, useEmulator } from "./support";

const URL_A = "https://hooks.example.com/eyeson/secret-path?token=abc";
const URL_B = "https://other.example.org/theirs/private";

describe("Webhook", () => {
  const emu = useEmulator();
  let provider: WebhookProvider;

  beforeEach(async () => {
    provider = await configured(new WebhookProvider(TEST_OPTIONS), emu());
  });

  async function checked(news: object): Promise<WebhookInputs> {
    const result = await provider.check({} as WebhookInputs, news as WebhookInputs);
    assert.deepEqual(result.failures, []);
    return result.inputs as WebhookInputs;
  }

  async function created(news: object = { url: URL_A, types: ["room_update"] }) {
    const result = await provider.create(await checked(news));
    return { id: result.id, outs: result.outs as WebhookOutputs };
  }

  describe("check", () => {
    it("sorts and de-duplicates the types, so their order never causes a change", async () => {
      const inputs = await checked({
        url: URL_A,
        types: [
          "recording_update",
          "room_update",
          "recording_update",
          "participant_update",
          "snapshot_update",
        ],
      });
      assert.deepEqual(inputs.types, [
        "participant_update",
        "recording_update",
        "room_update",
        "snapshot_update",
      ]);
    });

    it("accepts plain http only to loopback receivers", async () => {
      for (const url of ["http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]:9000/x"]) {
        assert.equal((await checked({ url, types: ["room_update"] })).url, url);
      }
    });

    it("keeps unknown values during preview", async () => {
      assert.deepEqual(await checked({ url: UNKNOWN, types: UNKNOWN }), { url: UNKNOWN, types: UNKNOWN });
      assert.deepEqual((await checked({ url: URL_A, types: [UNKNOWN, "room_update"] })).types, [
        UNKNOWN,
        "room_update",
      ]);
    });

    const bad: Array<[string, object, string]> = [
      ["a missing url", { types: ["room_update"] }, "url"],
      ["plain http to a public host", { url: "http://hooks.example.com/x", types: ["room_update"] }, "url"],
      ["a relative url", { url: "/hook", types: ["room_update"] }, "url"],
      ["a non-http scheme", { url: "ftp://example.com/x", types: ["room_update"] }, "url"],
      ["missing types", { url: URL_A }, "types"],
      ["an empty type list", { url: URL_A, types: [] }, "types"],
      ["types given as one string", { url: URL_A, types: "room_update" }, "types"],
      ["an unknown type", { url: URL_A, types: ["room_update", "meeting_update"] }, "types[1]"],
      [
        "a non-boolean adoptExisting",
        { url: URL_A, types: ["room_update"], adoptExisting: "yes" },
        "adoptExisting",
      ],
      ["an unknown property", { url: URL_A, types: ["room_update"], secret: "x" }, "secret"],
    ];
    for (const [what, news, property] of bad) {
      it(`rejects ${what} at ${property} before any request`, async () => {
        const result = await provider.check({} as WebhookInputs, news as WebhookInputs);
        assert.ok(
          result.failures?.some((f) => f.property === property),
          `expected a failure at ${property}, got ${JSON.stringify(result.failures)}`,
        );
        assert.deepEqual(routes(emu()), []);
      });
    }
  });

  describe("diff", () => {
    it("reports no changes for the same url and types in another order", async () => {
      const { outs } = await created({ url: URL_A, types: ["room_update", "recording_update"] });
      const news = await checked({
        url: URL_A,
        types: ["recording_update", "room_update"],
        adoptExisting: true,
      });
      assert.deepEqual(await provider.diff("id", outs, news), {
        changes: false,
        replaces: [],
        deleteBeforeReplace: true,
      });
    });

    it("replaces the registration, deleting it first, when the url or the types change or are unknown", async () => {
      const { outs } = await created();
      const cases: Array<[object, string[]]> = [
        [{ url: URL_B, types: ["room_update"] }, ["url"]],
        [{ url: URL_A, types: ["room_update", "snapshot_update"] }, ["types"]],
        [{ url: UNKNOWN, types: UNKNOWN }, ["url", "types"]],
      ];
      for (const [news, replaces] of cases) {
        const diff = await provider.diff("id", outs, await checked(news));
        assert.deepEqual([diff.changes, diff.replaces, diff.deleteBeforeReplace], [true, replaces, true]);
      }
    });
  });

  describe("create", () => {
    it("registers the webhook and reads back its id: GET, POST, GET", async () => {
      const { id, outs } = await created({ url: URL_A, types: ["room_update", "participant_update"] });
      assert.deepEqual(routes(emu()), ["GET /webhooks", "POST /webhooks", "GET /webhooks"]);
      const stored = emu().store.webhooks.get(emu().apiKey);
      assert.equal(stored?.id, id);
      assert.equal(stored?.url, URL_A);
      assert.deepEqual([...(stored?.types ?? [])].sort(), ["participant_update", "room_update"]);
      assert.equal(outs.webhookId, id);
      assert.deepEqual(outs.types, ["participant_update", "room_update"]);
      assert.equal(outs.stateVersion, 1);
      assert.equal(hasUndefined(outs), false);
    });

    it("refuses to overwrite a webhook someone else registered, without naming its path", async () => {
      await apiClient(emu()).registerWebhook({ url: URL_B, types: ["recording_update"] });
      emu().requests.clear();
      await assert.rejects(created(), (err: Error) => {
        assert.match(err.message, /already has a webhook/);
        assert.match(err.message, /another stack or tool/);
        assert.match(err.message, /its own API key/);
        assert.match(err.message, /adoptExisting/);
        assert.match(err.message, /https:\/\/other\.example\.org/);
        assert.ok(!err.message.includes("/theirs/private"));
        return true;
      });
      assert.deepEqual(routes(emu()), ["GET /webhooks"]);
      assert.equal(emu().store.webhooks.get(emu().apiKey)?.url, URL_B);
    });

    it("replaces someone else's webhook when adoptExisting is set", async () => {
      await apiClient(emu()).registerWebhook({ url: URL_B, types: ["recording_update"] });
      const { id, outs } = await created({ url: URL_A, types: ["room_update"], adoptExisting: true });
      const stored = emu().store.webhooks.get(emu().apiKey);
      assert.equal(stored?.id, id);
      assert.equal(stored?.url, URL_A);
      assert.equal(outs.adoptExisting, true);
    });

    it("takes over an identical registration as is, so a retried create is idempotent", async () => {
      await apiClient(emu()).registerWebhook({ url: URL_A, types: ["room_update"] });
      const existing = emu().store.webhooks.get(emu().apiKey)?.id;
      emu().requests.clear();
      const { id } = await created();
      assert.equal(id, existing);
      assert.deepEqual(routes(emu()), ["GET /webhooks"]);
    });

    it("explains how to recover when reading back the id fails, and the next create records the webhook", async () => {
      const inputs = await checked({ url: URL_A, types: ["room_update"] });
      // The first GET passes (a zero delay alone changes nothing); every later one fails.
      emu().faults.inject({ method: "GET", path: "/webhooks", delayMs: 0 });
      emu().faults.inject({ method: "GET", path: "/webhooks", status: 500, times: Infinity });
      await assert.rejects(provider.create(inputs), /reading back its id failed.*pulumi up/);
      emu().faults.clear();
      emu().requests.clear();
      const retried = await provider.create(inputs);
      assert.equal(retried.id, emu().store.webhooks.get(emu().apiKey)?.id);
      assert.deepEqual(routes(emu()), ["GET /webhooks"]);
    });
  });

  describe("read", () => {
    it("reads the registration with one request", async () => {
      const { id, outs } = await created();
      emu().requests.clear();
      const result = await provider.read(id, outs);
      assert.deepEqual(routes(emu()), ["GET /webhooks"]);
      assert.equal(result.id, id);
      assert.deepEqual(result.props, outs);
      assert.deepEqual(result.inputs, { url: URL_A, types: ["room_update"] });
    });

    it("drops the resource when no webhook is registered any more", async () => {
      const { id, outs } = await created();
      await apiClient(emu()).deleteWebhook(id);
      assert.equal((await provider.read(id, outs)).id, undefined);
    });

    it("keeps the resource, marked displaced, when another registration took the key's only slot", async () => {
      const { id, outs } = await created();
      await apiClient(emu()).registerWebhook({ url: URL_B, types: ["room_update"] });
      const read = await provider.read(id, outs);
      assert.equal(read.id, id);
      assert.match(String(read.props?.displacedBy), /^https:\/\/other\.example\.org\/…, types room_update$/);
      assert.equal(read.props?.url, URL_A);
      const diff = await provider.diff(id, read.props as WebhookOutputs, {
        url: URL_A,
        types: ["room_update"],
      });
      assert.deepEqual([diff.changes, diff.replaces], [true, []]);
    });

    it("refuses to take a displaced webhook back on its own, naming what to do", async () => {
      const { id, outs } = await created();
      await apiClient(emu()).registerWebhook({ url: URL_B, types: ["room_update"] });
      const read = await provider.read(id, outs);
      emu().requests.clear();
      await assert.rejects(
        provider.update(id, read.props as WebhookOutputs, { url: URL_A, types: ["room_update"] }),
        /was replaced.*will not take it back.*its own API key/s,
      );
      assert.deepEqual(routes(emu()), ["GET /webhooks"]);
      assert.equal(emu().store.webhooks.get(emu().apiKey)?.url, URL_B);
    });

    it("follows an identical re-registration under a new id", async () => {
      const { id, outs } = await created();
      await apiClient(emu()).registerWebhook({ url: URL_A, types: ["room_update"] });
      const newId = emu().store.webhooks.get(emu().apiKey)?.id;
      assert.notEqual(newId, id);
      assert.equal((await provider.read(id, outs)).id, newId);
    });

    it("follows a re-registration with its own URL and other types as drift, not as another owner", async () => {
      const { id, outs } = await created({ url: URL_A, types: ["room_update"] });
      await apiClient(emu()).registerWebhook({ url: URL_A, types: ["recording_update", "snapshot_update"] });
      const newId = emu().store.webhooks.get(emu().apiKey)?.id;
      assert.notEqual(newId, id);
      const read = await provider.read(id, outs);
      assert.equal(read.id, newId);
      assert.equal(read.props?.displacedBy, undefined);
      assert.deepEqual(read.props?.types, ["recording_update", "snapshot_update"]);
      assert.deepEqual(read.inputs, { url: URL_A, types: ["recording_update", "snapshot_update"] });
      const diff = await provider.diff(newId ?? "", read.props as WebhookOutputs, {
        url: URL_A,
        types: ["room_update"],
      });
      assert.deepEqual([diff.changes, diff.replaces], [true, ["types"]]);
    });

    it("does not follow another account's registration of its URL: the refresh fails and says why", async () => {
      const { id, outs } = await created({ url: URL_A, types: ["room_update"] });
      const elsewhere = await startEmulator();
      try {
        await apiClient(elsewhere).registerWebhook({ url: URL_A, types: ["recording_update"] });
        const other = await configured(new WebhookProvider(TEST_OPTIONS), elsewhere);
        await assert.rejects(other.read(id, outs), /created with another eyeson account or endpoint/);
      } finally {
        await elsewhere.close();
      }
    });

    for (const status of [401, 403, 429, 500]) {
      it(`fails the refresh on ${status} instead of dropping the resource`, async () => {
        const { id, outs } = await created();
        emu().faults.inject({ method: "GET", path: "/webhooks", status, times: Infinity });
        await assert.rejects(provider.read(id, outs), new RegExp(`\\(${status}\\)`));
        emu().faults.clear();
      });
    }

    it("shows the receiver's last response code, so a refresh reveals a failing receiver", async () => {
      const receiver = await startReceiver(500);
      try {
        const { id, outs } = await created({ url: receiver.url, types: ["room_update"] });
        await apiClient(emu()).startRoom({ user: { name: "Someone" } });
        await emu().deliveries.idle();
        const props = (await provider.read(id, outs)).props as WebhookOutputs;
        assert.equal(props.lastResponseCode, "500");
        assert.equal(typeof props.lastRequestSentAt, "string");
      } finally {
        await receiver.close();
      }
    });
  });

  describe("delete", () => {
    it("deletes its own registration: GET, then DELETE", async () => {
      const { id, outs } = await created();
      emu().requests.clear();
      await provider.delete(id, outs);
      assert.deepEqual(routes(emu()), ["GET /webhooks", "DELETE /webhooks/:webhookId"]);
      assert.equal(emu().store.webhooks.has(emu().apiKey), false);
    });

    it("leaves a webhook alone that someone else registered since", async () => {
      const { id, outs } = await created();
      await apiClient(emu()).registerWebhook({ url: URL_B, types: ["room_update"] });
      emu().requests.clear();
      await provider.delete(id, outs);
      assert.deepEqual(routes(emu()), ["GET /webhooks"]);
      assert.equal(emu().store.webhooks.get(emu().apiKey)?.url, URL_B);
    });

    it("succeeds when the webhook is already gone: it reads the empty slot and deletes nothing", async () => {
      const { id, outs } = await created();
      await apiClient(emu()).deleteWebhook(id);
      emu().requests.clear();
      await provider.delete(id, outs);
      assert.deepEqual(answered(emu()), ["GET /webhooks 200"]);
    });
  });
});

/** A loopback receiver answering every delivery with `status`. */
async function startReceiver(status: number): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(status).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
