import assert from "node:assert/strict";
import { inspect } from "node:util";
import { EyesonClient, NO_DELAY_RETRY_POLICY, type RetryPolicy } from "../../provider/client";
import { EyesonApiError, redact, scrubbed } from "../../provider/errors";
import { startScriptedServer, type ScriptedResponse, type ScriptedServer } from "../support/scripted-server";
import { ACCESS_KEY, API_KEY, GUEST_TOKEN, PARTICIPANT_WIRE, SECRETS, USER_TOKEN } from "./fixtures";

const PERMALINK_ID = "6643685b858f54f55edef723";

// Every call whose path carries a credential, and how its path must read once redacted.
const TOKEN_PATHS: ReadonlyArray<{
  name: string;
  call: (c: EyesonClient) => Promise<unknown>;
  shown: string;
}> = [
  { name: "getRoom", call: (c) => c.getRoom(ACCESS_KEY), shown: "GET /rooms/***" },
  { name: "lockRoom", call: (c) => c.lockRoom(ACCESS_KEY), shown: "POST /rooms/***/lock" },
  { name: "getRoomUser", call: (c) => c.getRoomUser(ACCESS_KEY, "jane"), shown: "GET /rooms/***/users/jane" },
  {
    name: "kickRoomUser",
    call: (c) => c.kickRoomUser(ACCESS_KEY, "jane"),
    shown: "DELETE /rooms/***/users/jane",
  },
  {
    name: "sendMessage",
    call: (c) => c.sendMessage(ACCESS_KEY, { content: "x" }),
    shown: "POST /rooms/***/messages",
  },
  { name: "removeLayer", call: (c) => c.removeLayer(ACCESS_KEY, 1), shown: "DELETE /rooms/***/layers/1" },
  {
    name: "getRoomSnapshot",
    call: (c) => c.getRoomSnapshot(ACCESS_KEY, "s1"),
    shown: "GET /rooms/***/snapshots/s1",
  },
  {
    name: "registerGuest",
    call: (c) => c.registerGuest(GUEST_TOKEN, { name: "G" }),
    shown: "POST /guests/***",
  },
  { name: "getPermalinkRoom", call: (c) => c.getPermalinkRoom(USER_TOKEN), shown: "GET /permalink/***" },
  {
    name: "startPermalinkMeeting",
    call: (c) => c.startPermalinkMeeting(USER_TOKEN),
    shown: "POST /permalink/***",
  },
  {
    name: "removePermalinkHost",
    call: (c) => c.removePermalinkHost(PERMALINK_ID, USER_TOKEN),
    shown: `DELETE /permalink/${PERMALINK_ID}/users/***`,
  },
];

// The API's message repeats every credential, as a careless server might.
const CHATTY_ERROR = {
  error: `Invalid access key ${ACCESS_KEY} for guest ${GUEST_TOKEN}, user ${USER_TOKEN}, key ${API_KEY}`,
};

function assertNoSecret(text: string, where: string): void {
  for (const secret of SECRETS) {
    assert.ok(!text.includes(secret), `${where} leaks ${secret.slice(0, 4)}…: ${text}`);
  }
}

function assertErrorClean(err: unknown, where: string): void {
  assert.ok(err instanceof Error, `${where}: not an Error`);
  assertNoSecret(err.message, `${where} message`);
  assertNoSecret(String(err.stack), `${where} stack`);
  assertNoSecret(JSON.stringify(err), `${where} JSON`);
  assertNoSecret(inspect(err, { depth: 10, showHidden: true }), `${where} inspect`);
  assertNoSecret(JSON.stringify(Object.values(err)), `${where} fields`);
}

describe("EyesonClient redaction", () => {
  let server: ScriptedServer;
  let lines: string[];
  let client: EyesonClient;
  const policy: RetryPolicy = { ...NO_DELAY_RETRY_POLICY, maxRetries: 1 };

  before(async () => {
    server = await startScriptedServer();
    client = new EyesonClient({
      apiKey: API_KEY,
      endpoint: server.url,
      retry: policy,
      env: { EYESON_LOG: "debug" },
      logger: (line) => lines.push(line),
      sleep: async () => undefined,
    });
  });
  beforeEach(() => {
    server.reset();
    lines = [];
  });
  after(async () => {
    await client.close();
    await server.close();
  });

  const FAILURES: ReadonlyArray<[string, ScriptedResponse[]]> = [
    ["a 404", [{ status: 404, body: CHATTY_ERROR }]],
    ["a 410", [{ status: 410, body: CHATTY_ERROR }]],
    ["a 403 with an errors list", [{ status: 403, body: { errors: [CHATTY_ERROR.error, "again"] } }]],
    [
      "a 500 in plain text",
      [
        { status: 500, body: CHATTY_ERROR.error },
        { status: 500, body: CHATTY_ERROR.error },
      ],
    ],
    ["a reset connection", [{ reset: true }, { reset: true }]],
  ];

  for (const row of TOKEN_PATHS) {
    for (const [what, replies] of FAILURES) {
      it(`${row.name} keeps every token out of the error and the debug log on ${what}`, async () => {
        server.enqueue(...replies);
        const err = await row.call(client).then(
          () => assert.fail("expected an error"),
          (e: unknown) => e,
        );
        assertErrorClean(err, row.name);
        assert.ok(EyesonApiError.isInstance(err));
        assert.ok(err.message.startsWith(`${row.shown} failed`), err.message);
        assert.equal(err.operation, row.name);
        assert.ok(lines.length >= 1);
        for (const line of lines) assertNoSecret(line, "log line");
      });
    }
  }

  it("keeps the API key out of errors from API-key calls", async () => {
    server.enqueue({ status: 401, body: { error: `bad key ${API_KEY}` } });
    const err = await client.listRooms().then(
      () => assert.fail("expected an error"),
      (e: unknown) => e,
    );
    assertErrorClean(err, "listRooms");
    assert.match(
      (err as Error).message,
      /^GET \/rooms failed \(401\): bad key \*\*\* — check eyeson:apiKey$/,
    );
  });

  it("scrubs a credential it received earlier from later API messages, whatever its shape", async () => {
    const odd = "odd-shaped.access-key";
    server.enqueue(
      { status: 201, body: { access_key: odd, room: { id: "r", guest_token: "guest-tok.en" } } },
      { status: 500, body: { error: `stuck on ${odd} and guest-tok.en` } },
      { status: 500, body: { error: `stuck on ${odd} and guest-tok.en` } },
    );
    await client.startRoom({ user: { name: "A" } });
    const err = await client.listRooms().then(
      () => assert.fail("expected an error"),
      (e: unknown) => e as Error,
    );
    assert.equal(err.message.includes(odd), false, err.message);
    assert.equal(err.message.includes("guest-tok.en"), false, err.message);
    assert.match(err.message, /stuck on \*\*\* and \*\*\*/);
  });

  it("keeps ids that are not secret readable in paths", async () => {
    server.enqueue({ status: 404, body: { error: "nope" } });
    await assert.rejects(
      client.removePermalinkHost(PERMALINK_ID, USER_TOKEN),
      new RegExp(`DELETE /permalink/${PERMALINK_ID}/users/\\*\\*\\* failed \\(404\\): nope`),
    );
  });

  it("writes one debug line per attempt with method, redacted path, status, attempt and duration", async () => {
    server.enqueue({ status: 503 }, { body: [PARTICIPANT_WIRE] });
    await client.listRoomUsers(ACCESS_KEY, { online: true });
    const attempts = lines.filter((l) => l.includes("->"));
    assert.equal(attempts.length, 2);
    assert.match(
      attempts[0]!,
      /^eyeson: GET \/rooms\/\*\*\*\/users\?online=true -> 503 \(attempt 1, \d+ ms\)$/,
    );
    assert.match(
      attempts[1]!,
      /^eyeson: GET \/rooms\/\*\*\*\/users\?online=true -> 200 \(attempt 2, \d+ ms\)$/,
    );
  });

  it("logs nothing unless EYESON_LOG is debug", async () => {
    const quiet: string[] = [];
    const c = new EyesonClient({
      apiKey: API_KEY,
      endpoint: server.url,
      env: {},
      logger: (l) => quiet.push(l),
    });
    try {
      server.enqueue({ body: [] });
      await c.listRooms();
      assert.deepEqual(quiet, []);
    } finally {
      await c.close();
    }
  });

  it("writes debug lines to stderr when no logger is given", async () => {
    const c = new EyesonClient({ apiKey: API_KEY, endpoint: server.url, env: { EYESON_LOG: "debug" } });
    const written: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      server.enqueue({ status: 201 });
      await c.lockRoom(ACCESS_KEY);
    } finally {
      process.stderr.write = original;
      await c.close();
    }
    assert.equal(written.length, 1);
    assert.match(written[0]!, /^eyeson: POST \/rooms\/\*\*\*\/lock -> 201 \(attempt 1, \d+ ms\)\n$/);
  });

  describe("redact()", () => {
    const CASES: ReadonlyArray<[string, string, string]> = [
      [
        "a GUI link",
        `open https://app.eyeson.team/?${ACCESS_KEY} now`,
        "open https://app.eyeson.team/?*** now",
      ],
      ["a guest link", `https://app.eyeson.team/?guest=${GUEST_TOKEN}`, "https://app.eyeson.team/?guest=***"],
      [
        "a permalink GUI link",
        `https://app.eyeson.team/permalink?${USER_TOKEN}`,
        "https://app.eyeson.team/permalink?***",
      ],
      [
        "a websocket link",
        `https://api.eyeson.team/rt?access_key=${ACCESS_KEY}`,
        "https://api.eyeson.team/rt?access_key=***",
      ],
      ["a guest path", `POST /guests/${GUEST_TOKEN}`, "POST /guests/***"],
      [
        "a permalink host path",
        `DELETE /permalink/${PERMALINK_ID}/users/${USER_TOKEN}`,
        `DELETE /permalink/${PERMALINK_ID}/users/***`,
      ],
      ["a JSON field", `{"access_key":"${ACCESS_KEY}","name":"x"}`, `{"access_key":"***","name":"x"}`],
    ];
    for (const [what, input, expected] of CASES) {
      it(`hides the token in ${what}`, () => {
        assert.equal(redact(input), expected);
      });
    }

    it("hides known secrets anywhere, also URL-encoded", () => {
      const odd = "a/b+c";
      assert.equal(redact(`x ${odd} y ${encodeURIComponent(odd)}`, [odd]), "x *** y ***");
    });
  });

  it("scrubs a cause and the causes inside it before passing it on", () => {
    const inner = new Error(`connect failed for ${API_KEY}`);
    const aggregate = new AggregateError([inner], `two addresses failed (${ACCESS_KEY})`);
    const outer = new Error(`request to /rooms/${ACCESS_KEY} failed`, { cause: aggregate });
    assert.equal(scrubbed(outer, [API_KEY]), outer);
    assertNoSecret(inspect(outer, { depth: 10, showHidden: true }), "scrubbed cause");
    assert.equal(scrubbed("not an error", [API_KEY]), "not an error");
  });
});
