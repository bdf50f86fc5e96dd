import assert from "node:assert/strict";
import { EyesonClient, NO_DELAY_RETRY_POLICY } from "../../provider/client";
import {
  apiMessageOf,
  EyesonApiError,
  EyesonAuthError,
  EyesonConfigError,
  EyesonConnectionError,
  EyesonError,
  EyesonGoneError,
  EyesonNotFoundError,
  EyesonRateLimitError,
  errorFromResponse,
  ResourceInitError,
} from "../../provider/errors";
import { startScriptedServer, type ScriptedServer } from "../support/scripted-server";
import { ACCESS_KEY, API_KEY } from "./fixtures";

const facts = (status: number, body = "", auth: "api_key" | "access_key" | "token" = "api_key") => ({
  operation: "createPermalink",
  method: "POST",
  path: "/permalink",
  status,
  body,
  auth,
  secrets: [],
  retryStatuses: NO_DELAY_RETRY_POLICY.retryStatuses,
});

describe("eyeson errors", () => {
  it("reads like the contract: method, redacted path, status, the API's words and a hint", () => {
    const err = errorFromResponse(facts(401, JSON.stringify({ error: "Invalid API key" })));
    assert.equal(err.message, "POST /permalink failed (401): Invalid API key — check eyeson:apiKey");
    assert.equal(err.status, 401);
    assert.equal(err.method, "POST");
    assert.equal(err.path, "/permalink");
    assert.equal(err.apiMessage, "Invalid API key");
    assert.equal(err.operation, "createPermalink");
    assert.equal(err.retryable, false);
    assert.equal(err.name, "EyesonAuthError");
  });

  const CLASSES: ReadonlyArray<[number, string, (e: unknown) => boolean]> = [
    [401, "EyesonAuthError", (e) => EyesonAuthError.isInstance(e)],
    [403, "EyesonAuthError", (e) => EyesonAuthError.isInstance(e)],
    [404, "EyesonNotFoundError", (e) => EyesonNotFoundError.isInstance(e)],
    [410, "EyesonGoneError", (e) => EyesonGoneError.isInstance(e)],
    [429, "EyesonRateLimitError", (e) => EyesonRateLimitError.isInstance(e)],
    [400, "EyesonApiError", (e) => EyesonApiError.isInstance(e) && !EyesonNotFoundError.isInstance(e)],
    [503, "EyesonApiError", (e) => EyesonApiError.isInstance(e) && !EyesonRateLimitError.isInstance(e)],
  ];
  for (const [status, name, check] of CLASSES) {
    it(`makes a ${status} an ${name} that is also an EyesonApiError and an EyesonError`, () => {
      const err = errorFromResponse(facts(status));
      assert.equal(err.name, name);
      assert.ok(check(err));
      assert.ok(EyesonApiError.isInstance(err));
      assert.ok(EyesonError.isInstance(err));
      assert.ok(err instanceof Error);
      assert.equal(EyesonConfigError.isInstance(err), false);
    });
  }

  const HINTS: ReadonlyArray<[number, "api_key" | "access_key" | "token", RegExp]> = [
    [401, "api_key", /check eyeson:apiKey/],
    [403, "api_key", /check eyeson:apiKey/],
    [403, "access_key", /room's options forbid this/],
    [404, "api_key", /does not exist/],
    [404, "access_key", /access key/],
    [405, "access_key", /switch this feature off/],
    [410, "access_key", /meeting has ended or the access key expired/],
    [423, "token", /locked/],
    [500, "api_key", /server error/],
  ];
  for (const [status, auth, hint] of HINTS) {
    it(`hints ${hint.source} for a ${status} on a ${auth} call`, () => {
      assert.match(errorFromResponse(facts(status, "", auth)).message, hint);
    });
  }

  it("does not call a 404 page that is not eyeson's a missing object: it names a gateway or a wrong endpoint", () => {
    const message = errorFromResponse(facts(404, "<html><body>Not Found</body></html>")).message;
    assert.match(message, /not in eyeson's error format, so it may come from a gateway or proxy/);
    assert.doesNotMatch(message, /does not exist/);
    assert.match(errorFromResponse(facts(404, '{"error":"Not found"}')).message, /does not exist/);
  });

  it("uses the HTTP status text when the API gives no message", () => {
    assert.equal(errorFromResponse(facts(404)).apiMessage, "Not Found");
  });

  const MESSAGES: ReadonlyArray<[string, string, string]> = [
    ["an error string", '{"error":"Invalid access key"}', "Invalid access key"],
    ["an errors list", '{"errors":["name is missing","url is invalid"]}', "name is missing; url is invalid"],
    ["a Rails errors map", '{"errors":{"name":["can\'t be blank"]}}', "name can't be blank"],
    ["a message field", '{"message":"nope"}', "nope"],
    ["plain text", "Service Unavailable\nmore", "Service Unavailable"],
    ["an HTML page", "<html><body>502</body></html>", ""],
    ["an empty body", "", ""],
  ];
  for (const [what, body, expected] of MESSAGES) {
    it(`takes the API's message from ${what}`, () => {
      assert.equal(apiMessageOf(body), expected);
    });
  }

  it("recognises errors from another copy of the module by their brand", () => {
    const err = errorFromResponse(facts(404));
    const copy = Object.create(null) as object;
    Object.defineProperty(copy, Symbol.for("pulumi-eyeson:error-kinds"), {
      value: ["EyesonError", "EyesonApiError", "EyesonNotFoundError"],
    });
    assert.ok(EyesonNotFoundError.isInstance(copy));
    assert.ok(EyesonApiError.isInstance(copy));
    assert.equal(EyesonGoneError.isInstance(copy), false);
    assert.equal(EyesonNotFoundError.isInstance({ status: 404 }), false);
    assert.equal(EyesonError.isInstance(null), false);
    assert.ok(EyesonNotFoundError.isInstance(err));
  });

  it("makes instanceof recognise errors from another copy of the module by their brand", () => {
    const copy = Object.create(null) as object;
    Object.defineProperty(copy, Symbol.for("pulumi-eyeson:error-kinds"), {
      value: ["EyesonError", "EyesonApiError", "EyesonNotFoundError"],
    });
    assert.ok(copy instanceof EyesonNotFoundError);
    assert.ok(copy instanceof EyesonApiError);
    assert.equal(copy instanceof EyesonGoneError, false);
    assert.equal(({ status: 404 } as object) instanceof EyesonNotFoundError, false);
    class Custom extends EyesonError {}
    assert.ok(new Custom("x") instanceof Custom, "a subclass declared elsewhere keeps prototype instanceof");
    assert.equal(errorFromResponse(facts(404)) instanceof Custom, false);
  });

  const CODES: ReadonlyArray<[string, { readonly code: string }, unknown]> = [
    ["EYESON_ERROR", EyesonError, new EyesonError("x")],
    ["EYESON_CONFIG", EyesonConfigError, new EyesonConfigError("x")],
    ["EYESON_RESOURCE_INIT", ResourceInitError, new ResourceInitError("x", "id", {})],
    ["EYESON_API_ERROR", EyesonApiError, errorFromResponse(facts(400))],
    ["EYESON_AUTH", EyesonAuthError, errorFromResponse(facts(401))],
    ["EYESON_NOT_FOUND", EyesonNotFoundError, errorFromResponse(facts(404))],
    ["EYESON_GONE", EyesonGoneError, errorFromResponse(facts(410))],
    ["EYESON_RATE_LIMITED", EyesonRateLimitError, errorFromResponse(facts(429))],
  ];
  for (const [code, cls, err] of CODES) {
    it(`gives every ${code.toLowerCase().replace(/_/g, " ")} error the stable code ${code}`, () => {
      assert.equal(cls.code, code);
      assert.equal((err as { code: string }).code, code);
    });
  }

  it("gives a connection error the failure's own code, and the class its stable one", () => {
    const err = new EyesonConnectionError({
      status: 0,
      method: "GET",
      path: "/rooms",
      apiMessage: "refused",
      operation: "listRooms",
      retryable: true,
      code: "ECONNREFUSED",
      timedOut: false,
    });
    assert.equal(err.code, "ECONNREFUSED");
    assert.equal(EyesonConnectionError.code, "EYESON_CONNECTION");
  });

  it("passes a cause on, as Error does", () => {
    const cause = new Error("underlying");
    assert.equal(new EyesonError("x", { cause }).cause, cause);
    assert.equal(new EyesonConfigError("x", { cause }).cause, cause);
    assert.equal(new EyesonError("x").cause, undefined);
  });

  it("moves ResourceInitError into the family: branded, with the fields the provider host reads", () => {
    const err = new ResourceInitError("half done", "p1", { a: 1 });
    assert.ok(err instanceof EyesonError);
    assert.ok(ResourceInitError.isInstance(err));
    assert.deepEqual(
      [err.id, err.properties, err.reasons, err.name],
      ["p1", { a: 1 }, ["half done"], "ResourceInitError"],
    );
    assert.equal(ResourceInitError.isInstance(new EyesonError("x")), false);
  });

  it("serialises to JSON with its fields and without the brand", () => {
    const err = errorFromResponse(facts(429));
    const json = JSON.parse(JSON.stringify(err)) as Record<string, unknown>;
    assert.equal(json.status, 429);
    assert.equal(json.operation, "createPermalink");
    assert.equal(json.retryable, true);
    assert.deepEqual(Object.getOwnPropertySymbols(err).length, 1);
    assert.equal(Object.keys(err).includes("name"), false);
  });

  describe("from the client", () => {
    let server: ScriptedServer;
    let client: EyesonClient;

    before(async () => {
      server = await startScriptedServer();
      client = new EyesonClient({
        apiKey: API_KEY,
        endpoint: server.url,
        retry: NO_DELAY_RETRY_POLICY,
        env: {},
      });
    });
    beforeEach(() => server.reset());
    after(async () => {
      await client.close();
      await server.close();
    });

    it("names the client method that failed", async () => {
      server.enqueue({ status: 405, body: { error: "recording not available" } });
      const err = await client.startRecording(ACCESS_KEY).then(
        () => assert.fail("expected an error"),
        (e: unknown) => e,
      );
      assert.ok(EyesonApiError.isInstance(err));
      assert.equal(err.operation, "startRecording");
      assert.equal(err.path, "/rooms/***/recording");
      assert.equal(
        err.message,
        "POST /rooms/***/recording failed (405): recording not available — the room's options switch this feature off (recording_available, broadcast_available, layout_available…)",
      );
    });

    it("reports a 410 on an access-key path as the meeting having ended", async () => {
      server.enqueue({ status: 410, body: { error: "Access key expired" } });
      await assert.rejects(
        client.getRoom(ACCESS_KEY),
        (e: unknown) =>
          EyesonGoneError.isInstance(e) &&
          e.message ===
            "GET /rooms/*** failed (410): Access key expired — the meeting has ended or the access key expired",
      );
    });

    it("passes the socket's error on as the cause of a connection error", async () => {
      server.enqueue({ reset: true });
      const err = await client.startRoom({ user: { name: "A" } }).then(
        () => assert.fail("expected an error"),
        (e: unknown) => e,
      );
      assert.ok(EyesonConnectionError.isInstance(err));
      assert.ok(err.cause instanceof Error, "the underlying error is the cause");
      assert.equal((err.cause as { code?: unknown }).code, "UND_ERR_SOCKET");
    });

    it("passes the parser's error on as the cause of an answer that is not JSON", async () => {
      server.enqueue({ status: 200, body: "<html>not json</html>" });
      const err = await client.getRoom(ACCESS_KEY).then(
        () => assert.fail("expected an error"),
        (e: unknown) => e,
      );
      assert.ok(EyesonApiError.isInstance(err));
      assert.match(err.message, /the response was not JSON/);
      assert.ok(err.cause instanceof SyntaxError);
    });

    it("reports a connection failure as an EyesonConnectionError with status 0", async () => {
      server.enqueue({ reset: true });
      await assert.rejects(
        client.startRoom({ user: { name: "A" } }),
        (e: unknown) => EyesonConnectionError.isInstance(e) && e.status === 0 && e.code === "UND_ERR_SOCKET",
      );
    });
  });
});
