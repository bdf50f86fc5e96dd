// The Permalink provider against the emulator: every method, unknown placeholders, bad inputs, drift, adoption.
import assert from "node:assert/strict";
import { type PermalinkInputs, type PermalinkOutputs } from "../../provider/resources/permalink";
import { PermalinkProvider } from "../../provider/resources/permalinkProvider";
import { ResourceInitError } from "../../provider/errors";
import { UNKNOWN } from "../../provider/values";
import {
  answered,
  allStrings,
  apiClient,
  configured,
  hasUndefined,
  inDays,
  routes,
  TEST_OPTIONS,
  useEmulator,
} from "./support";

const BASE: PermalinkInputs = { name: "Incident room", user: { name: "Pipeline", id: "pipeline" } };

describe("Permalink", () => {
  const emu = useEmulator();
  let provider: PermalinkProvider;

  beforeEach(async () => {
    provider = await configured(new PermalinkProvider(TEST_OPTIONS), emu());
  });

  /** Runs check as the engine does for a new resource and fails on any failure. */
  async function checked(news: object, olds: object = {}): Promise<PermalinkInputs> {
    const result = await provider.check(
      olds as unknown as PermalinkInputs,
      news as unknown as PermalinkInputs,
    );
    assert.deepEqual(result.failures, []);
    return result.inputs as PermalinkInputs;
  }

  async function created(news: object = { ...BASE }) {
    const inputs = await checked(news);
    const result = await provider.create(inputs);
    return { inputs, id: result.id, outs: result.outs as PermalinkOutputs };
  }

  describe("check", () => {
    it("normalises expiresAt to a UTC timestamp with milliseconds", async () => {
      const inputs = await checked({ ...BASE, expiresAt: "2031-05-01T12:00:00+02:00" });
      assert.equal(inputs.expiresAt, "2031-05-01T10:00:00.000Z");
    });

    it("keeps declared room options, custom fields included, and drops nothing it does not understand silently", async () => {
      const options = {
        showNames: false,
        exitUrl: "https://example.com/bye",
        sfuMode: "disabled",
        widescreen: true,
        backgroundColor: "#101010",
        audioInsert: "enabled",
        audioInsertPosition: { x: 10, y: 20 },
        customFields: { locale: "de", hideChat: true, virtualBackground: false, teamColour: "blue" },
      };
      const inputs = await checked({ ...BASE, options });
      assert.deepEqual(inputs.options, options);
    });

    const bad: Array<[string, Record<string, unknown>, string]> = [
      ["a missing user", { name: "x" }, "user"],
      ["a host without a name", { user: { id: "a" } }, "user.name"],
      ["an empty host name", { user: { name: "  " } }, "user.name"],
      ["a host id with a slash", { user: { name: "a", id: "a/b" } }, "user.id"],
      ["an avatar that is not a URL", { user: { name: "a", avatar: "me.png" } }, "user.avatar"],
      ["an unknown host property", { user: { name: "a", email: "a@b.c" } }, "user.email"],
      ["an empty name", { ...BASE, name: "" }, "name"],
      ["a name that is not a string", { ...BASE, name: 42 }, "name"],
      ["an expiry in the past", { ...BASE, expiresAt: "2001-01-01T00:00:00Z" }, "expiresAt"],
      ["an expiry without a time zone", { ...BASE, expiresAt: "2031-01-01T10:00" }, "expiresAt"],
      ["an expiry that is not a date", { ...BASE, expiresAt: "next tuesday" }, "expiresAt"],
      ["an unknown room option", { ...BASE, options: { showName: true } }, "options.showName"],
      ["a boolean option given as a string", { ...BASE, options: { showNames: "yes" } }, "options.showNames"],
      ["an unknown sfu mode", { ...BASE, options: { sfuMode: "mesh" } }, "options.sfuMode"],
      [
        "a background colour by name",
        { ...BASE, options: { backgroundColor: "red" } },
        "options.backgroundColor",
      ],
      [
        "a negative insert position",
        { ...BASE, options: { audioInsertPosition: { x: -1, y: 0 } } },
        "options.audioInsertPosition.x",
      ],
      ["an exit URL that is not http(s)", { ...BASE, options: { exitUrl: "ftp://x" } }, "options.exitUrl"],
      [
        "an unknown locale",
        { ...BASE, options: { customFields: { locale: "es" } } },
        "options.customFields.locale",
      ],
      [
        "a nested custom field",
        { ...BASE, options: { customFields: { theme: { a: 1 } } } },
        "options.customFields.theme",
      ],
      ["an unknown top-level property", { ...BASE, title: "x" }, "title"],
      ["an adopt id with a slash", { ...BASE, adoptId: "a/b" }, "adoptId"],
    ];
    for (const [what, news, property] of bad) {
      it(`rejects ${what} at ${property} before any request`, async () => {
        const result = await provider.check({} as PermalinkInputs, news as unknown as PermalinkInputs);
        assert.ok(
          result.failures?.some((f) => f.property === property && f.reason.length > 0),
          `expected a failure at ${property}, got ${JSON.stringify(result.failures)}`,
        );
        assert.deepEqual(routes(emu()), []);
      });
    }

    it("accepts an expiry that has passed since it was set, as long as it is unchanged", async () => {
      const past = "2001-01-01T00:00:00.000Z";
      const inputs = await checked({ ...BASE, expiresAt: past }, { ...BASE, expiresAt: past });
      assert.equal(inputs.expiresAt, past);
    });

    it("passes unknown placeholders through untouched, at any depth", async () => {
      const news = {
        name: UNKNOWN,
        user: { name: UNKNOWN, id: UNKNOWN },
        expiresAt: UNKNOWN,
        options: { showNames: UNKNOWN, sfuMode: UNKNOWN, customFields: { locale: UNKNOWN } },
      };
      assert.deepEqual(await checked(news), news);
      assert.deepEqual(await checked({ user: UNKNOWN, options: UNKNOWN }), {
        user: UNKNOWN,
        options: UNKNOWN,
      });
      assert.deepEqual(routes(emu()), []);
    });

    it("is idempotent: checking checked inputs changes nothing", async () => {
      const once = await checked({ ...BASE, expiresAt: "2031-01-01", options: { widescreen: true } });
      assert.deepEqual(await checked({ ...once }, once as unknown as Record<string, unknown>), once);
    });
  });

  describe("diff", () => {
    async function diffOf(olds: PermalinkOutputs, news: object) {
      return provider.diff("id", olds, news as unknown as PermalinkInputs);
    }

    it("reports no changes when the declared inputs match the outputs", async () => {
      const { outs } = await created({ ...BASE, expiresAt: inDays(3), options: { showNames: false } });
      const news = await checked(
        { ...BASE, expiresAt: outs.expiresAt, options: { showNames: false } },
        outs as never,
      );
      assert.deepEqual(await diffOf(outs, news), {
        changes: false,
        replaces: [],
        deleteBeforeReplace: false,
      });
    });

    it("updates in place when the name, expiry or options change", async () => {
      const { outs } = await created({ ...BASE, expiresAt: inDays(3) });
      for (const news of [
        { ...BASE, name: "Renamed", expiresAt: outs.expiresAt },
        { ...BASE, expiresAt: inDays(9) },
        { ...BASE },
        { ...BASE, expiresAt: outs.expiresAt, options: { recordingAvailable: false } },
      ]) {
        const diff = await diffOf(outs, await checked(news, outs as never));
        assert.equal(diff.changes, true, JSON.stringify(news));
        assert.deepEqual(diff.replaces, []);
      }
    });

    it("replaces the permalink when the first host's name, id or avatar changes", async () => {
      const { outs } = await created();
      for (const user of [
        { name: "Someone else", id: "pipeline" },
        { name: "Pipeline", id: "other" },
        { name: "Pipeline", id: "pipeline", avatar: "https://example.com/a.png" },
      ]) {
        const diff = await diffOf(outs, await checked({ ...BASE, user }));
        assert.deepEqual(diff.replaces, ["user"], JSON.stringify(user));
        assert.equal(diff.changes, true);
      }
    });

    it("leaves the server's name alone when no name is declared", async () => {
      const { outs } = await created({ user: BASE.user });
      assert.equal(outs.name, "Pipeline");
      assert.equal((await diffOf(outs, await checked({ user: BASE.user }))).changes, false);
    });

    it("treats no options and empty options alike", async () => {
      const { outs } = await created();
      assert.equal((await diffOf(outs, await checked({ ...BASE, options: {} }))).changes, false);
    });

    it("ignores a changed adoptId, which only matters at create", async () => {
      const { outs } = await created();
      assert.equal(
        (await diffOf(outs, await checked({ ...BASE, adoptId: "0123456789abcdef01234567" }))).changes,
        false,
      );
    });

    it("reports an update for unknown name, expiry or options, and a replacement for an unknown host", async () => {
      const { outs } = await created();
      for (const news of [
        { ...BASE, name: UNKNOWN },
        { ...BASE, expiresAt: UNKNOWN },
        { ...BASE, options: UNKNOWN },
        { ...BASE, options: { showNames: UNKNOWN } },
      ]) {
        const diff = await diffOf(outs, news);
        assert.deepEqual([diff.changes, diff.replaces], [true, []], JSON.stringify(news));
      }
      for (const user of [UNKNOWN, { name: UNKNOWN, id: "pipeline" }]) {
        assert.deepEqual((await diffOf(outs, { ...BASE, user })).replaces, ["user"]);
      }
      assert.deepEqual(routes(emu()), ["POST /permalink"]);
    });
  });

  describe("create", () => {
    it("creates the permalink with one request and returns every input plus the server's fields", async () => {
      const expiresAt = inDays(30);
      const options = { showNames: false, customFields: { locale: "de" as const } };
      const { id, outs } = await created({ ...BASE, expiresAt, options });
      assert.deepEqual(routes(emu()), ["POST /permalink"]);
      assert.match(id, /^[0-9a-f]{24}$/);
      assert.equal(outs.permalinkId, id);
      assert.equal(outs.name, "Incident room");
      assert.deepEqual(outs.user, BASE.user);
      assert.equal(outs.userId, "pipeline");
      assert.equal(outs.expiresAt, expiresAt);
      assert.deepEqual(outs.options, options);
      assert.equal(outs.stateVersion, 1);
      assert.equal(outs.started, false);
      assert.equal(typeof outs.roomId, "string");
      assert.equal(typeof outs.createdAt, "string");
      for (const key of ["userToken", "guestToken", "hostUrl", "guestUrl"] as const) {
        assert.equal(typeof outs[key], "string", key);
      }
      assert.ok(!id.includes(outs.userToken as string) && !id.includes(outs.guestToken as string));
      assert.equal(hasUndefined(outs), false);
      const stored = emu().store.permalinks.get(id);
      assert.equal(stored?.name, "Incident room");
      assert.equal(stored?.options.show_names, false);
      assert.equal(stored?.options.custom_fields.locale, "de");
    });

    it("hands out a host token that starts the meeting", async () => {
      const { outs } = await created();
      const room = await apiClient(emu()).startPermalinkMeeting(outs.userToken as string);
      assert.equal(room.user.id, "pipeline");
    });
  });

  describe("read", () => {
    it("returns the live state with the same id, and inputs without any token", async () => {
      const { id, outs } = await created({ ...BASE, options: { showNames: false } });
      emu().requests.clear();
      const result = await provider.read(id, outs);
      assert.deepEqual(routes(emu()), ["GET /permalink/:permalinkId"]);
      assert.equal(result.id, id);
      assert.deepEqual(result.props, outs);
      assert.deepEqual(result.inputs, {
        name: "Incident room",
        user: BASE.user,
        options: { showNames: false },
      });
      assert.equal(hasUndefined(result), false);
    });

    it("reports drift made behind the engine's back, so the next diff repairs it", async () => {
      const { id, outs, inputs } = await created({
        ...BASE,
        expiresAt: inDays(3),
        options: { showNames: false },
      });
      await apiClient(emu()).updatePermalink(id, {
        name: "Hijacked",
        expiresAt: null,
        options: { showNames: true },
      });
      const result = await provider.read(id, outs);
      const props = result.props as PermalinkOutputs;
      assert.equal(props.name, "Hijacked");
      assert.equal(props.expiresAt, undefined);
      assert.deepEqual(props.options, { showNames: true });
      assert.equal((await provider.diff(id, props, inputs)).changes, true);
    });

    it("reports a running meeting as started", async () => {
      const { id, outs } = await created();
      await apiClient(emu()).startPermalinkMeeting(outs.userToken as string);
      assert.equal(((await provider.read(id, outs)).props as PermalinkOutputs).started, true);
    });

    it("drops the resource when the permalink was deleted (404)", async () => {
      const { id, outs } = await created();
      await apiClient(emu()).deletePermalink(id);
      const result = await provider.read(id, outs);
      assert.equal(result.id, undefined);
    });

    for (const status of [401, 403, 429, 500, 503]) {
      it(`fails the refresh on ${status} instead of dropping the resource`, async () => {
        const { id, outs } = await created();
        emu().faults.inject({ method: "GET", path: "/permalink/*", status, times: Infinity });
        await assert.rejects(provider.read(id, outs), (err: Error) => {
          assert.match(err.message, new RegExp(`\\(${status}\\)`));
          assert.ok(!allStrings(err.message).some((s) => s.includes(emu().apiKey)));
          return true;
        });
        emu().faults.clear();
      });
    }

    it("reads a state written without the version marker or server fields", async () => {
      const { id } = await created();
      const result = await provider.read(id, { user: BASE.user } as PermalinkOutputs);
      const props = result.props as PermalinkOutputs;
      assert.equal(props.stateVersion, 1);
      assert.equal(props.permalinkId, id);
      assert.equal(typeof props.userToken, "string");
    });
  });

  describe("update", () => {
    it("sends name, expiry and options with one PUT and returns the full outputs", async () => {
      const { id, outs } = await created({ ...BASE, expiresAt: inDays(3) });
      emu().requests.clear();
      const news = await checked({
        ...BASE,
        name: "Renamed",
        expiresAt: inDays(5),
        options: { widescreen: false },
      });
      const result = await provider.update(id, outs, news);
      assert.deepEqual(routes(emu()), ["PUT /permalink/:permalinkId"]);
      const updated = result.outs as PermalinkOutputs;
      assert.equal(updated.name, "Renamed");
      assert.equal(updated.expiresAt, news.expiresAt);
      assert.deepEqual(updated.options, { widescreen: false });
      for (const key of [
        "permalinkId",
        "roomId",
        "createdAt",
        "userToken",
        "guestToken",
        "hostUrl",
        "guestUrl",
      ] as const) {
        assert.equal(updated[key], outs[key], key);
      }
      assert.equal(emu().store.permalinks.get(id)?.options.widescreen, false);
    });

    it("clears the expiry on the server when it is no longer declared", async () => {
      const { id, outs } = await created({ ...BASE, expiresAt: inDays(3) });
      const result = await provider.update(id, outs, await checked({ ...BASE }));
      assert.equal((result.outs as PermalinkOutputs).expiresAt, undefined);
      assert.equal(emu().store.permalinks.get(id)?.expiresAt, null);
    });
  });

  describe("delete", () => {
    it("deletes the permalink with one request, after one read that no meeting runs in it", async () => {
      const { id, outs } = await created();
      emu().requests.clear();
      await provider.delete(id, outs);
      assert.deepEqual(routes(emu()), ["GET /permalink/:permalinkId", "DELETE /permalink/:permalinkId"]);
      assert.equal(emu().store.permalinks.has(id), false);
    });

    it("succeeds when the permalink is already gone: its read and its DELETE are answered 404", async () => {
      const { id, outs } = await created();
      await apiClient(emu()).deletePermalink(id);
      emu().requests.clear();
      await provider.delete(id, outs);
      assert.deepEqual(answered(emu()), [
        "GET /permalink/:permalinkId 404",
        "DELETE /permalink/:permalinkId 404",
      ]);
    });

    it("fails on 410, which is not eyeson's answer for a permalink that is gone, so the engine keeps it", async () => {
      const { id, outs } = await created();
      emu().faults.inject({ method: "DELETE", path: "/permalink/*", status: 410 });
      await assert.rejects(provider.delete(id, outs), /\(410\)/);
      assert.equal(emu().store.permalinks.has(id), true);
    });

    it("fails on 403 so the engine keeps the resource", async () => {
      const { id, outs } = await created();
      emu().faults.inject({ method: "DELETE", path: "/permalink/*", status: 403 });
      await assert.rejects(provider.delete(id, outs), /\(403\)/);
      assert.equal(emu().store.permalinks.has(id), true);
    });
  });

  describe("adopt", () => {
    it("takes over an existing permalink and reconciles it to the declared inputs without creating one", async () => {
      const existing = await apiClient(emu()).createPermalink({
        name: "Old name",
        user: BASE.user,
        expiresAt: inDays(2),
        options: { showNames: true },
      });
      const id = existing.permalink.id;
      emu().requests.clear();
      const inputs = await checked({ ...BASE, adoptId: id, options: { showNames: false } });
      const result = await provider.create(inputs);
      assert.deepEqual(routes(emu()), ["GET /permalink/:permalinkId", "PUT /permalink/:permalinkId"]);
      assert.equal(result.id, id);
      const outs = result.outs as PermalinkOutputs;
      assert.equal(outs.adoptId, id);
      assert.equal(outs.name, "Incident room");
      assert.equal(outs.expiresAt, undefined);
      assert.equal(outs.userToken, existing.permalink.userToken);
      const stored = emu().store.permalinks.get(id);
      assert.equal(stored?.name, "Incident room");
      assert.equal(stored?.expiresAt, null);
      assert.equal(stored?.options.show_names, false);
      assert.equal(emu().store.permalinks.size, 1);
    });

    it("refuses, changing nothing, when the existing permalink's first host differs", async () => {
      const existing = await apiClient(emu()).createPermalink({
        name: "Theirs",
        user: { name: "Alice", id: "alice" },
      });
      emu().requests.clear();
      const inputs = await checked({ ...BASE, adoptId: existing.permalink.id });
      await assert.rejects(provider.create(inputs), (err: Error) => {
        assert.match(err.message, /first host/);
        assert.equal(ResourceInitError.isInstance(err), false);
        return true;
      });
      assert.deepEqual(routes(emu()), ["GET /permalink/:permalinkId"]);
      assert.equal(emu().store.permalinks.get(existing.permalink.id)?.name, "Theirs");
    });

    it("says so when the permalink to adopt does not exist", async () => {
      const inputs = await checked({ ...BASE, adoptId: "0123456789abcdef01234567" });
      await assert.rejects(
        provider.create(inputs),
        /Cannot adopt permalink 0123456789abcdef01234567: it does not exist/,
      );
    });

    it("keeps the adopted permalink's id in the error when reconciling it fails", async () => {
      const existing = await apiClient(emu()).createPermalink({ name: "Old", user: BASE.user });
      const id = existing.permalink.id;
      emu().faults.inject({ method: "PUT", path: "/permalink/*", status: 500, times: Infinity });
      const inputs = await checked({ ...BASE, adoptId: id });
      await assert.rejects(provider.create(inputs), (err: unknown) => {
        assert.ok(ResourceInitError.isInstance(err));
        assert.equal(err.id, id);
        assert.equal((err.properties as PermalinkOutputs).permalinkId, id);
        assert.ok(!err.message.includes(existing.permalink.userToken));
        return true;
      });
      emu().faults.clear();
    });
  });

  describe("configuration", () => {
    it("falls back to EYESON_API_KEY and EYESON_API_ENDPOINT, read when the operation runs", async () => {
      const env: NodeJS.ProcessEnv = {};
      const fromEnv = new PermalinkProvider({ client: { ...TEST_OPTIONS.client, env } });
      await fromEnv.configure({ config: { get: () => undefined, require: () => assert.fail("not used") } });
      env.EYESON_API_KEY = emu().apiKey;
      env.EYESON_API_ENDPOINT = emu().url;
      const inputs = await checked({ ...BASE });
      const result = await fromEnv.create(inputs);
      assert.ok(emu().store.permalinks.has(result.id));
    });

    it("fails with the config hint and sends nothing when no API key is set", async () => {
      const bare = new PermalinkProvider(TEST_OPTIONS);
      await bare.configure({
        config: { get: (k) => (k === "eyeson:endpoint" ? emu().url : undefined), require: () => "" },
      });
      await assert.rejects(bare.create(await checked({ ...BASE })), /eyeson:apiKey/);
      assert.deepEqual(routes(emu()), []);
    });
  });
});
