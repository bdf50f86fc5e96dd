/**
 * The dashboard over HTTP: the page's files as the package serves them, the state document it polls, and the
 * controls its buttons call that exist for it (leave, the signature-checking receiver). The page itself runs
 * in a real browser in test/engine/dashboard.spec.ts.
 */
import assert from "node:assert/strict";
import { signWebhookBody, startEmulator, type EmulatorHandle } from "../../emulator";
import { exposureWarning } from "../../emulator/dashboard/state";
import { call, client, expectStatus, type Body } from "./helpers";

/** The page, its script and its style sheet together; the issue asks for "well under 100 kB". */
const MAX_PAGE_BYTES = 100_000;

describe("emulator dashboard", () => {
  let emulator: EmulatorHandle;
  let api: ReturnType<typeof client>;

  before(async () => {
    emulator = await startEmulator({ seed: 7 });
    api = client(emulator);
  });
  beforeEach(() => emulator.reset());
  after(() => emulator.close());

  const state = async (): Promise<Body> =>
    expectStatus(await call(emulator.url, "GET", "/__emulator/state"), 200);

  /** A permalink with a second host; returns the permalink response and the second host's token. */
  async function warRoom(): Promise<{
    id: string;
    hostToken: string;
    secondToken: string;
    guestToken: string;
  }> {
    const created = expectStatus(
      await api.api("POST", "/permalink", {
        json: {
          name: "War room",
          user: { name: "On-call", id: "oncall" },
          expires_at: "2031-01-01T00:00:00Z",
        },
      }),
      201,
    );
    const id = created.permalink.id as string;
    const second = expectStatus(
      await api.api("POST", `/permalink/${id}/users`, { json: { user: { name: "Backup", id: "backup" } } }),
      201,
    );
    return {
      id,
      hostToken: created.permalink.user_token,
      secondToken: second.permalink.user_token,
      guestToken: created.permalink.guest_token,
    };
  }

  it("serves its page, script and style sheet from the package, together under 100 kB, loading nothing from elsewhere", async () => {
    let total = 0;
    for (const [path, type] of [
      ["/__emulator/dashboard", "text/html"],
      ["/__emulator/dashboard/app.js", "text/javascript"],
      ["/__emulator/dashboard/controls.js", "text/javascript"],
      ["/__emulator/dashboard/dom.js", "text/javascript"],
      ["/__emulator/dashboard/style.css", "text/css"],
    ]) {
      const res = await fetch(`${emulator.url}${path}`);
      assert.equal(res.status, 200, path);
      assert.ok(res.headers.get("content-type")?.startsWith(type), `${path} is ${type}`);
      assert.match(res.headers.get("content-security-policy") ?? "", /default-src 'none'; script-src 'self'/);
      const text = await res.text();
      assert.doesNotMatch(text, /https?:\/\/|(src|href)="\/\//, `${path} refers to no other origin`);
      total += Buffer.byteLength(text);
    }
    assert.ok(total < MAX_PAGE_BYTES, `the page weighs ${total} bytes`);
    assert.equal(emulator.dashboardUrl, `${emulator.url}/__emulator/dashboard`);
  });

  it("does not log the page or its polling as API requests", async () => {
    await fetch(emulator.dashboardUrl);
    await state();
    assert.deepEqual(emulator.requests.list(), []);
  });

  it("lists each permalink with its hosts, expiry and running meeting, and who is in it", async () => {
    const room = await warRoom();
    expectStatus(await api.open("POST", `/permalink/${room.hostToken}`), 201);
    expectStatus(await api.open("POST", `/guests/${room.guestToken}`, { json: { name: "Guest 1" } }), 201);
    const [account] = (await state()).accounts;
    assert.equal(account.apiKey, emulator.apiKey);
    const [permalink] = account.permalinks;
    assert.equal(permalink.name, "War room");
    assert.equal(permalink.expiresAt, "2031-01-01T00:00:00.000Z");
    assert.deepEqual(
      permalink.hosts.map((h: Body) => [h.id, h.name, h.userToken]),
      [
        ["oncall", "On-call", room.hostToken],
        ["backup", "Backup", room.secondToken],
      ],
    );
    assert.equal(permalink.meeting.roomId, room.id);
    assert.ok(permalink.meeting.startedAt);
    assert.deepEqual(
      permalink.meeting.participants.map((p: Body) => [p.name, p.guest]),
      [
        ["On-call", false],
        ["Guest 1", true],
      ],
    );
    assert.deepEqual(
      account.meetings.map((m: Body) => m.roomId),
      [room.id],
    );
  });

  it("lets a participant leave a running meeting (the leave control), which keeps running", async () => {
    const room = await warRoom();
    expectStatus(await api.open("POST", `/permalink/${room.hostToken}`), 201);
    expectStatus(await api.open("POST", `/permalink/${room.secondToken}`), 201);
    expectStatus(await call(emulator.url, "DELETE", `/__emulator/meetings/${room.id}/users/oncall`), 204);
    const [permalink] = (await state()).accounts[0].permalinks;
    assert.deepEqual(
      permalink.meeting.participants.map((p: Body) => p.id),
      ["backup"],
    );
    const again = await call(emulator.url, "DELETE", `/__emulator/meetings/${room.id}/users/oncall`);
    assert.equal(again.status, 404);
    assert.equal(again.body.error, "No running meeting with this user in this room");
    assert.deepEqual(
      emulator.requests.list().filter((r) => r.route.includes("users/:userId")),
      [],
    );
  });

  it("shows whether each delivery's signature verified at the emulator's own receiver", async () => {
    const { receiverUrl } = await state();
    expectStatus(
      await api.api("POST", "/webhooks", {
        json: { url: receiverUrl, types: "room_update,participant_update" },
      }),
      201,
    );
    const room = await warRoom();
    expectStatus(await api.open("POST", `/permalink/${room.hostToken}`), 201);
    await emulator.deliveries.idle();
    const { deliveries, accounts } = await state();
    assert.deepEqual(
      deliveries.map((d: Body) => [d.type, d.status, d.ours, d.verified]),
      [
        ["room_update", 201, true, true],
        ["participant_update", 201, true, true],
      ],
    );
    assert.equal(accounts[0].webhook.url, receiverUrl);
    assert.ok(
      !JSON.stringify(deliveries).includes(room.guestToken),
      "no delivery body (it holds the guest token)",
    );
  });

  it("has its receiver answer 201 to a body signed with an API key and 401 to anything else", async () => {
    const body = JSON.stringify({ type: "room_update", timestamp: 1 });
    const post = (signature: string): Promise<Response> =>
      fetch(`${emulator.url}/__emulator/receiver`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-eyeson-signature": signature },
        body,
      });
    assert.equal((await post(signWebhookBody(body, emulator.apiKey))).status, 201);
    assert.equal((await post(signWebhookBody(body, "another key"))).status, 401);
    assert.equal((await post("")).status, 401);
  });

  it("marks the requests an injected fault changed in the request log", async () => {
    emulator.faults.inject({ method: "GET", path: "/rooms", status: 503 });
    emulator.faults.inject({ method: "GET", path: "/webhooks", lose: true });
    assert.equal((await api.api("GET", "/rooms")).status, 503);
    await assert.rejects(api.api("GET", "/webhooks"));
    assert.equal((await api.api("GET", "/rooms")).status, 200);
    const { requests, requestCount } = await state();
    assert.equal(requestCount, 3);
    assert.deepEqual(
      requests.map((r: Body) => [r.route, r.status, r.faulted === true, r.lost === true]),
      [
        ["GET /rooms", 503, true, false],
        ["GET /webhooks", 200, true, true],
        ["GET /rooms", 200, false, false],
      ],
    );
  });

  it("lists the active faults as GET /__emulator/faults shows them", async () => {
    emulator.faults.inject({ path: "/permalink", status: 429, times: 2 });
    const { faults } = await state();
    const listed = expectStatus(await call(emulator.url, "GET", "/__emulator/faults"), 200);
    assert.deepEqual(faults, listed);
    assert.equal(faults[0].remaining, 2);
  });

  it("answers 304 to a page that already has the current state, and 200 once something changed", async () => {
    const first = await fetch(`${emulator.url}/__emulator/state`);
    const etag = first.headers.get("etag") ?? assert.fail("no ETag");
    const same = await fetch(`${emulator.url}/__emulator/state`, { headers: { "if-none-match": etag } });
    assert.equal(same.status, 304);
    await warRoom();
    const changed = await fetch(`${emulator.url}/__emulator/state`, { headers: { "if-none-match": etag } });
    assert.equal(changed.status, 200);
  });

  it("warns plainly when the emulator listens beyond loopback, and not on loopback", async () => {
    assert.equal((await state()).warning, null);
    assert.equal(exposureWarning("127.0.0.1"), undefined);
    assert.equal(exposureWarning("::1"), undefined);
    assert.match(
      exposureWarning("0.0.0.0") ?? "",
      /^The emulator listens on 0\.0\.0\.0, .*anyone who can reach it can act as any user/,
    );
  });

  it("answers 405 to anything but GET on the page's files", async () => {
    const res = await fetch(emulator.dashboardUrl, { method: "POST" });
    assert.equal(res.status, 405);
    assert.equal(res.headers.get("allow"), "GET, HEAD");
  });
});
