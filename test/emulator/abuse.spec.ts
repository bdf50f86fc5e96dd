/**
 * Malformed requests: bodies the emulator cannot decode, content types it does not take, oversized bodies,
 * unknown paths and methods, broken HTTP. Each gets a 4xx with the error envelope (emulator/README.md lists
 * the choices), and the emulator keeps answering afterwards.
 */
import assert from "node:assert/strict";
import { startEmulator, type EmulatorHandle } from "../../emulator";
import { MAX_BODY_BYTES, MAX_PARAM_DEPTH } from "../../emulator/decode";
import { abandonRequest, rawRequest, watchInternalErrors } from "./abuse";
import { call, expectStatus } from "./helpers";

/** One malformed API request and what it must get. */
interface Case {
  readonly title: string;
  readonly method: string;
  readonly path: string;
  readonly contentType?: string;
  readonly body?: string | Buffer;
  readonly status: number;
  readonly error: RegExp;
  readonly allow?: string;
}

const deepJson = (depth: number): string => "[".repeat(depth) + "]".repeat(depth);
const nestedObject = (depth: number): string => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
const multipart = (boundary: string, ...parts: string[]): string =>
  parts.map((p) => `--${boundary}\r\n${p}\r\n`).join("") + `--${boundary}--\r\n`;

const CASES: readonly Case[] = [
  // Bodies it cannot decode: 400 with the envelope.
  ...[
    ["a body that is not JSON", "{not json", /^Invalid JSON body$/],
    ["a JSON list", "[1, 2]", /^The JSON body must be an object$/],
    ["a JSON string", '"user"', /^The JSON body must be an object$/],
    ["JSON nested 200 000 levels deep", deepJson(200_000), /nested deeper than/],
    [
      `JSON objects nested ${MAX_PARAM_DEPTH + 1} levels deep`,
      nestedObject(MAX_PARAM_DEPTH + 1),
      /nested deeper/,
    ],
    ["a JSON __proto__ key", '{"__proto__": {"polluted": "yes"}}', /^Invalid parameter: __proto__ /],
    [
      "a JSON key inherited from Object",
      '{"user": {"name": "A"}, "constructor": "x"}',
      /^Unknown parameter: constructor$/,
    ],
  ].map(([what, body, error]): Case => ({
    title: `answers 400 with eyeson's error envelope for ${what as string}`,
    method: "POST",
    path: "/rooms",
    contentType: "application/json",
    body: body as string,
    status: 400,
    error: error as RegExp,
  })),
  ...[
    ["a __proto__[...] form key", "__proto__[polluted]=yes", /^Invalid parameter: __proto__ /],
    [
      `a form key ${MAX_PARAM_DEPTH + 1} brackets deep`,
      `a${"[b]".repeat(MAX_PARAM_DEPTH)}=1`,
      /nested deeper/,
    ],
    ["a form key 30 000 brackets deep", `a${"[b]".repeat(30_000)}=1`, /nested deeper/],
    [
      "a key given both as a value and as an object",
      "user=x&user[name]=y",
      /^Invalid parameter: user \(given both as a value and as an object\)$/,
    ],
    ["a key given both as a value and as a list", "users=x&users[]=y", /^Invalid parameter: users/],
  ].map(([what, body, error]): Case => ({
    title: `answers 400 with eyeson's error envelope for ${what as string}`,
    method: "POST",
    path: "/rooms",
    contentType: "application/x-www-form-urlencoded",
    body: body as string,
    status: 400,
    error: error as RegExp,
  })),
  {
    title: "answers 400 for a __proto__[...] query parameter",
    method: "GET",
    path: "/permalink?__proto__[polluted]=yes",
    status: 400,
    error: /^Invalid parameter: __proto__ /,
  },
  ...[
    ["without a boundary", "multipart/form-data", "--x\r\n\r\n", /^Multipart body without a boundary$/],
    [
      "whose boundary never occurs",
      "multipart/form-data; boundary=abc",
      multipart("xyz", 'Content-Disposition: form-data; name="z-index"\r\n\r\n1'),
      /^Malformed multipart body$/,
    ],
    [
      "cut off before its closing boundary",
      "multipart/form-data; boundary=abc",
      '--abc\r\nContent-Disposition: form-data; name="z-index"\r\n\r\n1',
      /^Malformed multipart body$/,
    ],
    [
      "with a part that has no name",
      "multipart/form-data; boundary=abc",
      multipart("abc", "Content-Disposition: form-data\r\n\r\n1"),
      /^Multipart part without a name$/,
    ],
    [
      "with a part named __proto__",
      'multipart/form-data; boundary="abc"',
      multipart("abc", 'Content-Disposition: form-data; name="__proto__[polluted]"\r\n\r\nyes'),
      /^Invalid parameter: __proto__ /,
    ],
  ].map(([what, contentType, body, error]): Case => ({
    title: `answers 400 for a multipart body ${what as string}`,
    method: "POST",
    path: "/rooms",
    contentType: contentType as string,
    body: body as string,
    status: 400,
    error: error as RegExp,
  })),
  // Content types it does not take.
  ...["text/xml", "text/plain", "application/octet-stream", "multipart/mixed; boundary=x", "image/png"].map(
    (contentType): Case => ({
      title: `answers 415 for a body sent as ${contentType}`,
      method: "POST",
      path: "/rooms",
      contentType,
      body: "user[name]=A",
      status: 415,
      error: /^Unsupported content type: /,
    }),
  ),
  // Unknown paths and wrong methods.
  {
    title: "answers 404 for an unknown path",
    method: "GET",
    path: "/nowhere",
    status: 404,
    error: /^Not found$/,
  },
  {
    title: "answers 404 for a path segment with broken percent-encoding",
    method: "GET",
    path: "/rooms/%E0%A4%A/users",
    status: 404,
    error: /^Not found$/,
  },
  ...[
    ["PATCH", "/rooms", "POST, GET"],
    ["PUT", "/webhooks", "POST, GET"],
    ["DELETE", "/permalink", "POST, GET"],
    ["OPTIONS", "/rooms", "POST, GET"],
    ["POST", "/recordings/0123456789abcdef01234567", "GET, DELETE"],
  ].map(([method, path, allow]): Case => ({
    title: `answers 405 with Allow: ${allow} to ${method} ${path}`,
    method,
    path,
    status: 405,
    error: /^Method not allowed$/,
    allow,
  })),
];

describe("emulator: malformed requests", () => {
  let emulator: EmulatorHandle;
  let internal: ReturnType<typeof watchInternalErrors>;

  before(async () => {
    emulator = await startEmulator({ strict: true, seed: 11 });
    internal = watchInternalErrors();
  });
  after(async () => {
    internal.stop();
    await emulator.close();
  });
  beforeEach(() => emulator.reset());

  /**
   * A test that ends by proving the emulator survived it: it still answers, logged no 5xx and reported no
   * internal error.
   */
  function survives(title: string, body: () => Promise<void>): void {
    it(title, async () => {
      let failure: unknown;
      try {
        await body();
      } catch (err) {
        failure = err;
      }
      const problems: string[] = [];
      try {
        expectStatus(await call(emulator.url, "GET", "/__emulator/health"), 200);
      } catch (err) {
        problems.push(`health check failed: ${String(err)}`);
      }
      for (const r of emulator.requests.list().filter((r) => r.status >= 500))
        problems.push(`${r.status} logged for ${r.route}`);
      problems.push(...internal.stop().map((line) => `reported: ${line}`));
      internal = watchInternalErrors();
      // The case's own failure comes first; what it did to the emulator is added to its message.
      if (failure instanceof Error && problems.length > 0) failure.message += `\n${problems.join("\n")}`;
      if (failure !== undefined) throw failure;
      assert.deepEqual(problems, [], "the emulator did not survive");
    });
  }

  for (const c of CASES) {
    survives(c.title, async () => {
      const headers: Record<string, string> = { authorization: emulator.apiKey };
      if (c.contentType) headers["content-type"] = c.contentType;
      const res = await fetch(`${emulator.url}${c.path}`, { method: c.method, headers, body: c.body });
      const text = await res.text();
      assert.equal(res.status, c.status, `${c.method} ${c.path}: ${text}`);
      const body = JSON.parse(text) as { error: unknown };
      assert.deepEqual(Object.keys(body), ["error"]);
      assert.match(String(body.error), c.error);
      if (c.allow) assert.equal(res.headers.get("allow"), c.allow);
      assert.equal(({} as Record<string, unknown>).polluted, undefined, "Object.prototype was changed");
    });
  }

  survives("answers 405 with Allow to HEAD on a path that has GET", async () => {
    const res = await fetch(`${emulator.url}/rooms`, {
      method: "HEAD",
      headers: { authorization: emulator.apiKey },
    });
    assert.equal(res.status, 405);
    assert.equal(res.headers.get("allow"), "POST, GET");
  });

  survives("keeps error messages short when they name a huge parameter", async () => {
    const key = "k".repeat(100_000);
    const res = await call(emulator.url, "POST", "/rooms", {
      key: emulator.apiKey,
      form: { [key]: "1", "user[name]": "A" },
    });
    assert.equal(res.status, 400);
    assert.ok(res.text.length < 300, `a ${res.text.length}-character error`);
    assert.match(res.body.error, /^Unknown parameter: k+…$/);
  });

  describe("bodies over the size limit", () => {
    survives(
      `answers 413 for a body over ${MAX_BODY_BYTES} bytes and then serves the next request`,
      async () => {
        const res = await fetch(`${emulator.url}/rooms`, {
          method: "POST",
          headers: { authorization: emulator.apiKey, "content-type": "application/json" },
          body: Buffer.alloc(MAX_BODY_BYTES + 1, 0x20),
        });
        assert.equal(res.status, 413);
        assert.deepEqual(await res.json(), { error: "Request body too large" });
        expectStatus(
          await call(emulator.url, "POST", "/rooms", { key: emulator.apiKey, json: { user: { name: "A" } } }),
          201,
        );
      },
    );

    survives("answers 413 from the declared Content-Length, before the body arrives", async () => {
      const res = await rawRequest(
        emulator.url,
        `POST /rooms HTTP/1.1\r\nHost: x\r\nAuthorization: ${emulator.apiKey}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${MAX_BODY_BYTES + 1}\r\n\r\n{`,
        true,
      );
      assert.equal(res.status, 413);
      assert.deepEqual(JSON.parse(res.text), { error: "Request body too large" });
      assert.deepEqual(
        emulator.requests.list().map((r) => [r.route, r.status]),
        [["POST /rooms", 413]],
      );
    });

    survives("answers 413 for an oversized control body", async () => {
      const res = await fetch(`${emulator.url}/__emulator/faults`, {
        method: "POST",
        body: Buffer.alloc(MAX_BODY_BYTES + 1, 0x20),
      });
      assert.equal(res.status, 413);
      assert.deepEqual(await res.json(), { error: "Request body too large" });
      assert.deepEqual(emulator.faults.list(), []);
    });
  });

  describe("broken HTTP", () => {
    const cases: ReadonlyArray<[string, string, number, RegExp]> = [
      [
        "an absolute request target that is not a URL",
        "GET http://[::1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        400,
        /^Malformed request target$/,
      ],
      [
        "a request target starting with // that is not a URL",
        "GET //[x/rooms HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        400,
        /^Malformed request target$/,
      ],
      [
        "a chunked body with a bad chunk size",
        "POST /rooms HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
        400,
        /^Malformed HTTP request$/,
      ],
      [
        "a header line without a colon",
        "GET /rooms HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n",
        400,
        /^Malformed HTTP request$/,
      ],
      ["an unknown method", "BREW /rooms HTTP/1.1\r\nHost: x\r\n\r\n", 400, /^Malformed HTTP request$/],
      [
        "headers over the server's limit",
        `GET /rooms HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
        431,
        /^Request header fields too large$/,
      ],
    ];
    for (const [what, bytes, status, error] of cases) {
      survives(`answers ${status} with the error envelope for ${what}`, async () => {
        const res = await rawRequest(emulator.url, bytes);
        assert.equal(res.status, status, res.text);
        assert.match(res.headers["content-type"] ?? "", /^application\/json/);
        assert.match((JSON.parse(res.text) as { error: string }).error, error);
      });
    }

    survives("logs an unreadable request target without echoing it", async () => {
      await rawRequest(emulator.url, "GET //[secretsecretsecretsecret HTTP/1.1\r\nHost: x\r\n\r\n");
      assert.deepEqual(
        emulator.requests.list().map((r) => [r.method, r.path, r.route, r.status, r.auth]),
        [["GET", "(unreadable)", "GET (unmatched)", 400, "none"]],
      );
    });

    survives("answers 400 when a body ends before its Content-Length, logged under its route", async () => {
      const res = await rawRequest(
        emulator.url,
        `POST /rooms HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"us`,
      );
      assert.equal(res.status, 400);
      assert.deepEqual(JSON.parse(res.text), { error: "Malformed HTTP request" });
      assert.deepEqual(
        emulator.requests.list().map((r) => [r.route, r.status]),
        [["POST /rooms", 400]],
      );
    });

    survives(
      "serves the next request after a client resets the connection in the middle of a body",
      async () => {
        await abandonRequest(
          emulator.url,
          `POST /rooms HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"us`,
        );
        expectStatus(
          await call(emulator.url, "POST", "/rooms", { key: emulator.apiKey, json: { user: { name: "A" } } }),
          201,
        );
      },
    );
  });

  describe("controls", () => {
    const cases: ReadonlyArray<[string, string, string | undefined, number, RegExp, string?]> = [
      ["PUT", "/__emulator/health", undefined, 405, /^Method not allowed$/, "GET"],
      ["POST", "/__emulator/requests", undefined, 405, /^Method not allowed$/, "GET, DELETE"],
      ["GET", "/__emulator/reset", undefined, 405, /^Method not allowed$/, "POST"],
      ["PUT", "/__emulator/faults", undefined, 405, /^Method not allowed$/, "GET, POST, DELETE"],
      [
        "GET",
        "/__emulator/permalinks/0123456789abcdef01234567",
        undefined,
        405,
        /^Method not allowed$/,
        "PATCH",
      ],
      [
        "POST",
        "/__emulator/downloads/snapshots/0123456789abcdef01234567.jpg",
        undefined,
        405,
        /^Method not allowed$/,
        "GET",
      ],
      ["POST", "/__emulator/faults", "{bad", 400, /^Invalid JSON body$/],
      ["POST", "/__emulator/faults", '{"status": "soon"}', 400, /status/],
      ["POST", "/__emulator/reset", "null", 400, /^The body must be a JSON object$/],
      ["POST", "/__emulator/reset", '{"seed": "x"}', 400, /seed/],
      ["GET", "/__emulator/nothing", undefined, 404, /^Unknown emulator control$/],
    ];
    for (const [method, path, body, status, error, allow] of cases) {
      survives(`answers ${status} to ${method} ${path}${body ? ` with ${body}` : ""}`, async () => {
        const res = await fetch(`${emulator.url}${path}`, { method, body });
        assert.equal(res.status, status);
        assert.match(((await res.json()) as { error: string }).error, error);
        if (allow) assert.equal(res.headers.get("allow"), allow);
        assert.deepEqual(emulator.faults.list(), []);
      });
    }
  });
});
