// The PermalinkHost provider against the emulator: stable ids, secret-free ids, token checks on refresh.
import assert from "node:assert/strict";
import { type PermalinkHostInputs, type PermalinkHostOutputs } from "../../provider/resources/permalinkHost";
import { PermalinkHostProvider } from "../../provider/resources/permalinkHostProvider";
import { UNKNOWN } from "../../provider/values";
import { answered, apiClient, configured, hasUndefined, routes, TEST_OPTIONS, useEmulator } from "./support";

describe("PermalinkHost", () => {
  const emu = useEmulator();
  let provider: PermalinkHostProvider;
  let permalinkId = "";

  beforeEach(async () => {
    provider = await configured(new PermalinkHostProvider(TEST_OPTIONS), emu());
    const permalink = await apiClient(emu()).createPermalink({
      name: "Standing",
      user: { name: "Owner", id: "owner" },
    });
    permalinkId = permalink.permalink.id;
    emu().requests.clear();
  });

  async function checked(news: object, olds: object = {}): Promise<PermalinkHostInputs> {
    const result = await provider.check(olds as PermalinkHostInputs, news as PermalinkHostInputs);
    assert.deepEqual(result.failures, []);
    return result.inputs as PermalinkHostInputs;
  }

  async function created(user: object = { name: "Deputy", id: "deputy" }) {
    const inputs = await checked({ permalinkId, user });
    const result = await provider.create(inputs);
    return { inputs, id: result.id, outs: result.outs as PermalinkHostOutputs };
  }

  describe("check", () => {
    it("uses the declared user id", async () => {
      assert.equal((await checked({ permalinkId, user: { name: "A", id: "a" } })).userId, "a");
    });

    it("generates a user id once and keeps it on every later check", async () => {
      const first = await checked({ permalinkId, user: { name: "A" } });
      assert.match(first.userId ?? "", /^pulumi-[0-9a-f]{16}$/);
      const again = await checked({ permalinkId, user: { name: "A" } }, first);
      assert.equal(again.userId, first.userId);
      assert.equal(
        (await checked({ ...first })).userId,
        first.userId,
        "checked inputs fed back keep their id",
      );
    });

    it("does not carry an explicit id over once it is removed from the program", async () => {
      const first = await checked({ permalinkId, user: { name: "A", id: "a" } });
      const next = await checked({ permalinkId, user: { name: "A" } }, first);
      assert.notEqual(next.userId, "a");
    });

    it("keeps unknown values during preview", async () => {
      assert.deepEqual(await checked({ permalinkId: UNKNOWN, user: UNKNOWN }), {
        permalinkId: UNKNOWN,
        user: UNKNOWN,
        userId: UNKNOWN,
      });
      const partly = await checked({ permalinkId: UNKNOWN, user: { name: "A", id: UNKNOWN } });
      assert.equal(partly.userId, UNKNOWN);
    });

    const bad: Array<[string, object, string]> = [
      ["a missing permalink id", { user: { name: "A" } }, "permalinkId"],
      ["a permalink id with a slash", { permalinkId: "a/b", user: { name: "A" } }, "permalinkId"],
      ["a missing user", { permalinkId: "p" }, "user"],
      ["a user without a name", { permalinkId: "p", user: { id: "a" } }, "user.name"],
      ["a user id with whitespace", { permalinkId: "p", user: { name: "A", id: "a b" } }, "user.id"],
      ["an unknown property", { permalinkId: "p", user: { name: "A" }, token: "x" }, "token"],
    ];
    for (const [what, news, property] of bad) {
      it(`rejects ${what} at ${property} before any request`, async () => {
        const result = await provider.check({} as PermalinkHostInputs, news as PermalinkHostInputs);
        assert.ok(
          result.failures?.some((f) => f.property === property),
          `expected a failure at ${property}, got ${JSON.stringify(result.failures)}`,
        );
        assert.deepEqual(routes(emu()), []);
      });
    }
  });

  describe("diff", () => {
    it("reports no changes for the same host", async () => {
      const { outs } = await created({ name: "Deputy" });
      const news = await checked({ permalinkId, user: { name: "Deputy" } }, outs);
      assert.deepEqual(await provider.diff("id", outs, news), {
        changes: false,
        replaces: [],
        deleteBeforeReplace: true,
      });
    });

    it("replaces the host, deleting it first, when anything about it changes", async () => {
      const { outs } = await created();
      const cases: Array<[object, string[]]> = [
        [
          { permalinkId: "0123456789abcdef01234567", user: { name: "Deputy", id: "deputy" } },
          ["permalinkId"],
        ],
        [{ permalinkId, user: { name: "Renamed", id: "deputy" } }, ["user"]],
        [{ permalinkId, user: { name: "Deputy", id: "other" } }, ["user", "userId"]],
        [{ permalinkId: UNKNOWN, user: { name: "Deputy", id: "deputy" } }, ["permalinkId"]],
        [{ permalinkId, user: UNKNOWN }, ["user", "userId"]],
      ];
      for (const [news, replaces] of cases) {
        const diff = await provider.diff("id", outs, await checked(news, outs));
        assert.deepEqual([diff.changes, diff.replaces, diff.deleteBeforeReplace], [true, replaces, true]);
      }
    });
  });

  describe("create", () => {
    it("registers the host with one request; the id is <permalinkId>/<userId> and holds no token", async () => {
      const { id, outs } = await created();
      assert.deepEqual(routes(emu()), ["POST /permalink/:permalinkId/users"]);
      assert.equal(id, `${permalinkId}/deputy`);
      assert.equal(outs.userId, "deputy");
      assert.equal(typeof outs.userToken, "string");
      assert.equal(typeof outs.hostUrl, "string");
      assert.ok(!id.includes(outs.userToken as string));
      assert.equal(outs.stateVersion, 1);
      assert.equal(hasUndefined(outs), false);
      const info = await apiClient(emu()).getPermalinkRoom(outs.userToken as string);
      assert.equal(info.permalink.id, permalinkId);
      assert.equal(info.user.id, "deputy");
    });

    it("sends the generated user id, so the resource id is known before the API answers", async () => {
      const { inputs, id } = await created({ name: "Anonymous" });
      assert.equal(id, `${permalinkId}/${inputs.userId}`);
    });
  });

  describe("read", () => {
    it("checks the permalink and the token with two reads and keeps the state", async () => {
      const { id, outs } = await created();
      emu().requests.clear();
      const result = await provider.read(id, outs);
      const [byId, byToken, ...rest] = emu().requests.list();
      assert.deepEqual([byId?.route, byId?.auth], ["GET /permalink/:permalinkId", "api_key"]);
      assert.deepEqual(
        [byToken?.method, byToken?.auth],
        ["GET", "token"],
        "the token is checked without the API key",
      );
      assert.deepEqual(rest, []);
      assert.equal(result.id, id);
      assert.deepEqual(result.props, outs);
      assert.deepEqual(result.inputs, {
        permalinkId,
        user: { name: "Deputy", id: "deputy" },
        userId: "deputy",
      });
    });

    it("drops the host when its token was revoked", async () => {
      const { id, outs } = await created();
      await apiClient(emu()).removePermalinkHost(permalinkId, outs.userToken as string);
      assert.equal((await provider.read(id, outs)).id, undefined);
    });

    it("drops the host when the permalink was deleted", async () => {
      const { id, outs } = await created();
      await apiClient(emu()).deletePermalink(permalinkId);
      assert.equal((await provider.read(id, outs)).id, undefined);
    });

    it("reads the permalink and user ids from the resource id when the state lacks them", async () => {
      const { id, outs } = await created();
      const result = await provider.read(id, { userToken: outs.userToken } as PermalinkHostOutputs);
      assert.equal((result.props as PermalinkHostOutputs).permalinkId, permalinkId);
      assert.equal((result.props as PermalinkHostOutputs).userId, "deputy");
    });

    for (const [status, path] of [
      [403, "/permalink/*"],
      [500, "/permalink/*"],
      [429, "/permalink/*"],
    ] as const) {
      it(`fails the refresh on ${status} instead of dropping the host`, async () => {
        const { id, outs } = await created();
        emu().faults.inject({ method: "GET", path, status, times: Infinity });
        await assert.rejects(provider.read(id, outs), new RegExp(`\\(${status}\\)`));
        emu().faults.clear();
      });
    }
  });

  describe("delete", () => {
    it("removes the host with its token from the state, after one read that no meeting runs in its room", async () => {
      const { id, outs } = await created();
      emu().requests.clear();
      await provider.delete(id, outs);
      assert.deepEqual(routes(emu()), [
        "GET /permalink/:permalinkId",
        "DELETE /permalink/:permalinkId/users/:userToken",
      ]);
      await assert.rejects(apiClient(emu()).getPermalinkRoom(outs.userToken as string), /\(404\)/);
    });

    it("fails on 410 and on 403, so the engine keeps the host: only a 404 means it is gone", async () => {
      const { id, outs } = await created();
      for (const status of [410, 403]) {
        emu().faults.inject({ method: "DELETE", path: "/permalink/*/users/*", status });
        await assert.rejects(provider.delete(id, outs), new RegExp(`\\(${status}\\)`));
      }
      const token = outs.userToken as string;
      assert.ok((await apiClient(emu()).getPermalinkRoom(token)).permalink.id);
    });

    it("succeeds when the host or the whole permalink is already gone: its DELETE is answered 404", async () => {
      const { id, outs } = await created();
      await apiClient(emu()).removePermalinkHost(permalinkId, outs.userToken as string);
      emu().requests.clear();
      await provider.delete(id, outs);
      assert.deepEqual(answered(emu()), [
        "GET /permalink/:permalinkId 200",
        "DELETE /permalink/:permalinkId/users/:userToken 404",
      ]);
      await apiClient(emu()).deletePermalink(permalinkId);
      emu().requests.clear();
      await provider.delete(id, outs);
      assert.deepEqual(answered(emu()), [
        "GET /permalink/:permalinkId 404",
        "DELETE /permalink/:permalinkId/users/:userToken 404",
      ]);
    });
  });
});
