import assert from "node:assert/strict";
import { EyesonClient } from "../../provider/client";
import { DEFAULT_ENDPOINT, MISSING_API_KEY_MESSAGE, resolveSettings } from "../../provider/config";
import { isLoopbackHost } from "../../provider/loopback";
import { EyesonConfigError } from "../../provider/errors";
import { startScriptedServer, type ScriptedServer } from "../support/scripted-server";
import { ACCESS_KEY, API_KEY, USER_TOKEN } from "./fixtures";

describe("eyeson configuration", () => {
  describe("resolveSettings", () => {
    it("uses the public endpoint and no key when nothing is set", () => {
      assert.deepEqual(resolveSettings({}, {}), { endpoint: DEFAULT_ENDPOINT });
    });

    it("reads EYESON_API_KEY and EYESON_API_ENDPOINT from the environment", () => {
      const env = { EYESON_API_KEY: "env-key", EYESON_API_ENDPOINT: "https://eyeson.example/api/" };
      assert.deepEqual(resolveSettings({}, env), {
        apiKey: "env-key",
        endpoint: "https://eyeson.example/api",
      });
    });

    it("prefers explicit settings over the environment", () => {
      const env = { EYESON_API_KEY: "env-key", EYESON_API_ENDPOINT: "https://env.example" };
      assert.deepEqual(resolveSettings({ apiKey: "explicit", endpoint: "http://127.0.0.1:4000/" }, env), {
        apiKey: "explicit",
        endpoint: "http://127.0.0.1:4000",
      });
    });

    it("treats empty or blank values as unset and trims pasted whitespace", () => {
      const env = { EYESON_API_KEY: "  env-key\n", EYESON_API_ENDPOINT: "" };
      assert.deepEqual(resolveSettings({ apiKey: " ", endpoint: "" }, env), {
        apiKey: "env-key",
        endpoint: DEFAULT_ENDPOINT,
      });
    });

    const ACCEPTED: ReadonlyArray<[string, string]> = [
      ["https://api.eyeson.team/", "https://api.eyeson.team"],
      ["https://proxy.example/eyeson//", "https://proxy.example/eyeson"],
      ["http://127.0.0.1:3000", "http://127.0.0.1:3000"],
      ["http://127.8.9.10", "http://127.8.9.10"],
      ["http://localhost:8080/", "http://localhost:8080"],
      ["http://[::1]:9000", "http://[::1]:9000"],
    ];
    for (const [raw, endpoint] of ACCEPTED) {
      it(`accepts ${raw} as ${endpoint}`, () => {
        assert.equal(resolveSettings({ endpoint: raw }, {}).endpoint, endpoint);
      });
    }

    const REJECTED: ReadonlyArray<[string, string, RegExp]> = [
      ["a malformed URL", "api.eyeson.team", /is not a valid URL/],
      ["plain http to a remote host", "http://api.eyeson.team", /plain http:\/\/ to a non-loopback host/],
      ["plain http to a private address", "http://10.0.0.5:3000", /non-loopback/],
      ["another scheme", "ftp://api.eyeson.team", /must use https:\/\//],
      ["credentials in the URL", "https://user:pw@api.eyeson.team", /must not contain credentials/],
      ["a query string", "https://api.eyeson.team/?x=1", /query string/],
    ];
    for (const [what, raw, message] of REJECTED) {
      it(`rejects ${what} with a configuration error`, () => {
        assert.throws(
          () => resolveSettings({ endpoint: raw }, {}),
          (err: unknown) => EyesonConfigError.isInstance(err) && message.test(err.message),
        );
      });
    }

    it("never echoes the API key when it was pasted into the endpoint setting", () => {
      assert.throws(
        () => resolveSettings({ apiKey: API_KEY, endpoint: API_KEY }, {}),
        (err: unknown) => EyesonConfigError.isInstance(err) && !err.message.includes(API_KEY),
      );
    });

    it("rejects an API key with a line break without showing it", () => {
      assert.throws(
        () => resolveSettings({ apiKey: "abc\ndef" }, {}),
        (err: unknown) => EyesonConfigError.isInstance(err) && !err.message.includes("abc"),
      );
    });

    it("knows which hosts are loopback", () => {
      for (const host of ["127.0.0.1", "127.255.0.1", "localhost", "[::1]", "::1"]) {
        assert.equal(isLoopbackHost(host), true, host);
      }
      for (const host of [
        "128.0.0.1",
        "10.0.0.1",
        "example.com",
        "localhost.example.com",
        "[::2]",
        "app.localhost",
      ]) {
        assert.equal(isLoopbackHost(host), false, host);
      }
    });
  });

  describe("EyesonClient", () => {
    let server: ScriptedServer;

    before(async () => {
      server = await startScriptedServer();
    });
    beforeEach(() => server.reset());
    after(() => server.close());

    it("fails an API-key call without a key with the how-to-set-it error and sends nothing", async () => {
      const client = new EyesonClient({ endpoint: server.url, env: {} });
      try {
        const err = await client.listRooms().then(
          () => assert.fail("expected a configuration error"),
          (e: unknown) => e,
        );
        assert.ok(EyesonConfigError.isInstance(err));
        assert.equal(err.message, MISSING_API_KEY_MESSAGE);
        assert.match(err.message, /pulumi config set --secret eyeson:apiKey/);
        assert.match(err.message, /EYESON_API_KEY/);
        assert.equal(server.requests.length, 0);
      } finally {
        await client.close();
      }
    });

    it("runs access-key and token calls without an API key", async () => {
      const client = new EyesonClient({ endpoint: server.url, env: {} });
      try {
        server.enqueue({ status: 201 }, { status: 201, body: { access_key: "x" } });
        await client.lockRoom(ACCESS_KEY);
        await client.startPermalinkMeeting(USER_TOKEN);
        assert.equal(server.requests.length, 2);
        assert.ok(server.requests.every((r) => r.headers.authorization === undefined));
      } finally {
        await client.close();
      }
    });

    it("takes key and endpoint from the env option", async () => {
      const client = new EyesonClient({
        env: { EYESON_API_KEY: "from-env", EYESON_API_ENDPOINT: `${server.url}/` },
      });
      try {
        assert.equal(client.endpoint, server.url);
        server.enqueue({ body: [] });
        await client.listRooms();
        assert.equal(server.requests[0]!.headers.authorization, "from-env");
      } finally {
        await client.close();
      }
    });

    const BAD: ReadonlyArray<[string, string]> = [
      ["a malformed endpoint", "not a url"],
      ["http:// to a non-loopback host", "http://eyeson.example"],
    ];
    for (const [what, endpoint] of BAD) {
      it(`refuses ${what} when constructed, before any request`, () => {
        assert.throws(
          () => new EyesonClient({ apiKey: API_KEY, endpoint, env: {} }),
          (err: unknown) => EyesonConfigError.isInstance(err),
        );
      });
    }

    it("refuses a timeout that is not a positive number", () => {
      assert.throws(() => new EyesonClient({ timeoutMs: 0, env: {} }), /timeoutMs must be a positive number/);
    });

    it("sends requests to the endpoint's path prefix", async () => {
      const client = new EyesonClient({ apiKey: API_KEY, endpoint: `${server.url}/v1/`, env: {} });
      try {
        server.enqueue({ body: [] });
        await client.listRooms();
        assert.equal(server.requests[0]!.pathname, "/v1/rooms");
      } finally {
        await client.close();
      }
    });
  });
});
