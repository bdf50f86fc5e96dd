import assert from "node:assert/strict";
import { startEmulator, type EmulatorHandle } from "../../emulator";
import { EyesonClient, NO_DELAY_RETRY_POLICY } from "../../provider/client";
import {
  EyesonConfigError,
  EyesonGoneError,
  EyesonNotFoundError,
  EyesonRateLimitError,
} from "../../provider/errors";
import type { EyesonApi } from "../../provider/eyesonApi";

/** A 2x2 PNG: signature, IHDR, IEND. Enough for the emulator's image checks. */
const TINY_PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000020000000208060000007fa87d630000000049454e44ae426082",
  "hex",
);
const WHIP = "https://whip.example.com/ingest";

describe("EyesonClient against the emulator", () => {
  let emulator: EmulatorHandle;
  let client: EyesonClient;
  /** Every client method this spec called, to prove all 45 ran against the emulator. */
  const called = new Set<string>();
  /** Every credential the flows received, to check the emulator's log never shows one. */
  const secrets: string[] = [];
  let api: EyesonApi;

  before(async () => {
    emulator = await startEmulator({ strict: true, seed: 7 });
    client = new EyesonClient({
      apiKey: emulator.apiKey,
      endpoint: emulator.url,
      retry: NO_DELAY_RETRY_POLICY,
      env: {},
    });
    api = new Proxy(client, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== "function") return value;
        if (typeof prop === "string") called.add(prop);
        return (value as (...args: unknown[]) => unknown).bind(target);
      },
    });
  });
  after(async () => {
    await client.close();
    await emulator.close();
  });

  it("runs a meeting: room, guest, users, chat, layers, layout, playback, forwards, broadcast, lock, end", async () => {
    const host = await api.startRoom({
      id: "standup",
      name: "Daily standup",
      user: { name: "Hannah Host", id: "hannah" },
      options: { sfuMode: "disabled", widescreen: true, lockAvailable: true, customFields: { locale: "de" } },
    });
    assert.equal(host.room.id, "standup");
    assert.equal(host.user.id, "hannah");
    assert.equal(typeof host.accessKey, "string");
    assert.equal(host.options.widescreen, true);
    const ak = host.accessKey;
    secrets.push(ak);

    const fetched = await api.getRoom(ak);
    assert.equal(fetched.room.name, "Daily standup");
    assert.ok((await api.listRooms()).some((r) => r.id === "standup"));

    const guestToken = host.room.guestToken;
    assert.ok(guestToken);
    const guest = await api.registerGuest(guestToken, { name: "Gus Guest", id: "gus" });
    assert.equal(guest.user.guest, true);
    assert.notEqual(guest.accessKey, ak);
    secrets.push(guestToken, guest.accessKey);

    const users = await api.listRoomUsers(ak);
    assert.deepEqual(users.map((u) => u.id).sort(), ["gus", "hannah"]);
    assert.ok(Array.isArray(await api.listRoomUsers(ak, { online: true })));
    const gus = await api.getRoomUser(ak, "gus");
    assert.equal(gus.name, "Gus Guest");
    assert.equal(typeof gus.joinedAt, "string");

    await api.sendMessage(ak, { content: "Welcome!" });
    await api.addLayer(ak, { url: "https://example.com/background.png", zIndex: -1, id: "bg" });
    await api.addLayer(ak, { file: { data: TINY_PNG }, zIndex: 1, id: "logo" });
    await api.setLayout(ak, {
      layout: "custom",
      name: "split",
      map: [
        [0, 0, 640, 720, "cover"],
        [640, 0, 640, 720, "contain"],
      ],
      users: ["hannah", "gus"],
      showNames: false,
    });
    const laidOut = await api.getRoom(ak);
    assert.deepEqual(laidOut.options.layoutUsers, ["hannah", "gus"]);
    assert.deepEqual(laidOut.options.layoutMap, [
      [0, 0, 640, 720, "cover"],
      [640, 0, 640, 720, "contain"],
    ]);

    await api.startPlayback(ak, { url: "https://example.com/intro.webm", playId: "intro", audio: true });
    const roomId = host.room.id;
    await api.forwardSource(roomId, {
      forwardId: "fw-src",
      userId: "gus",
      type: ["audio", "video"],
      url: WHIP,
    });
    await api.forwardMcu(roomId, { forwardId: "fw-mcu", type: ["video"], url: WHIP });
    await api.forwardPlayback(roomId, { forwardId: "fw-play", playId: "intro", type: ["audio"], url: WHIP });
    for (const id of ["fw-src", "fw-mcu", "fw-play"]) assert.equal(await api.stopForward(roomId, id), true);
    assert.equal(await api.stopForward(roomId, "fw-src", { missingOk: true }), false);
    assert.equal(await api.stopPlayback(ak, "intro"), true);

    await api.startBroadcast(ak, {
      streamUrl: "rtmp://live.example.com/app/stream-key",
      playerUrl: "https://watch.example.com/1",
    });
    await api.updateBroadcast(ak, { playerUrl: "https://watch.example.com/2" });
    assert.equal(await api.stopBroadcast(ak), true);
    assert.equal(await api.stopBroadcast(ak, { missingOk: true }), false);

    assert.equal(await api.removeLayer(ak, 1), true);
    assert.equal(await api.removeLayer(ak, -1), true);

    assert.equal(await api.kickRoomUser(ak, "gus"), true);
    await api.lockRoom(ak);
    assert.equal((await api.getRoom(ak)).locked, true);

    assert.equal(await api.endRoom(ak), true);
    await assert.rejects(api.getRoom(ak), (e: unknown) => EyesonGoneError.isInstance(e));
    assert.equal(await api.endRoom(ak, { missingOk: true }), false);

    await api.startRoom({ id: "spare", user: { name: "Sam" } });
    assert.equal(await api.shutdownRoom("spare"), true);
    assert.equal(
      (await api.listRooms()).some((r) => r.id === "spare"),
      false,
    );
  });

  it("documents a meeting: recording and snapshot, listed, fetched and deleted", async () => {
    const host = await api.startRoom({ id: "review", user: { name: "Rita", id: "rita" } });
    const ak = host.accessKey;

    await api.startRecording(ak);
    await api.stopRecording(ak);
    const recordings = await api.listRoomRecordings("review", { all: true });
    assert.equal(recordings.length, 1);
    const recording = await api.getRecording(recordings[0]!.id);
    assert.equal(recording.id, recordings[0]!.id);
    assert.equal(typeof recording.createdAt, "number");

    await api.takeSnapshot(ak);
    const snapshots = await api.listRoomSnapshots("review");
    assert.equal(snapshots.length, 1);
    const snapshotId = snapshots[0]!.id;
    assert.equal((await api.getSnapshot(snapshotId)).id, snapshotId);
    const viaRoom = await api.getRoomSnapshot(ak, snapshotId);
    assert.equal(viaRoom.id, snapshotId);
    assert.equal(typeof viaRoom.createdAt, "string");

    assert.equal(await api.deleteSnapshot(snapshotId), true);
    assert.equal(await api.deleteSnapshot(snapshotId, { missingOk: true }), false);
    assert.equal(await api.deleteRecording(recording.id), true);
    await assert.rejects(api.getRecording(recording.id), (e: unknown) => EyesonNotFoundError.isInstance(e));
    assert.equal(await api.deleteRecording(recording.id, { missingOk: true }), false);
    await api.endRoom(ak);
  });

  it("runs a permalink: create, list all pages, update, hosts, start by token, delete", async () => {
    const first = await api.createPermalink({
      name: "Weekly sync",
      user: { name: "Paula", id: "paula" },
      options: { widescreen: true, exitUrl: "https://example.com/bye" },
    });
    const second = await api.createPermalink({ user: { name: "Otto", id: "otto" } });
    const pid = first.permalink.id;
    assert.equal(first.room.startedAt, null);

    const all = await api.listPermalinks({ all: true, limit: 1 });
    assert.deepEqual(all.items.map((p) => p.permalink.id).sort(), [pid, second.permalink.id].sort());
    const page = await api.listPermalinks({ page: 1, limit: 1 });
    assert.equal(page.items.length, 1);
    assert.equal(page.total, 2);

    assert.equal((await api.getPermalink(pid)).room.name, "Weekly sync");
    const updated = await api.updatePermalink(pid, {
      name: "Weekly sync (moved)",
      options: { showNames: false },
    });
    assert.equal(updated.room.name, "Weekly sync (moved)");
    assert.equal(updated.options.showNames, false);

    const added = await api.addPermalinkHost(pid, { name: "Quinn", id: "quinn" });
    const quinnToken = added.permalink.userToken;
    secrets.push(quinnToken, first.permalink.userToken, first.permalink.guestToken);
    assert.notEqual(quinnToken, first.permalink.userToken);

    const before = await api.getPermalinkRoom(quinnToken);
    assert.equal(before.permalink.id, pid);
    assert.equal(before.room.startedAt, null);
    const meeting = await api.startPermalinkMeeting(quinnToken);
    secrets.push(meeting.accessKey);
    assert.equal(meeting.user.id, "quinn");
    assert.notEqual((await api.getPermalinkRoom(quinnToken)).room.startedAt, null);

    assert.equal(await api.removePermalinkHost(pid, quinnToken), true);
    await assert.rejects(api.getPermalinkRoom(quinnToken), (e: unknown) => EyesonNotFoundError.isInstance(e));
    assert.equal(await api.removePermalinkHost(pid, quinnToken, { missingOk: true }), false);

    await api.endRoom(meeting.accessKey);
    assert.equal(await api.deletePermalink(pid), true);
    assert.equal(await api.deletePermalink(pid, { missingOk: true }), false);
    assert.equal(await api.deletePermalink(second.permalink.id), true);
  });

  it("manages the one webhook of the API key", async () => {
    assert.equal(await api.getWebhook(), null);
    await api.registerWebhook({
      url: "https://hooks.example.com/eyeson",
      types: ["room_update", "recording_update"],
    });
    const webhook = await api.getWebhook();
    assert.ok(webhook);
    assert.equal(webhook.url, "https://hooks.example.com/eyeson");
    assert.deepEqual([...webhook.types].sort(), ["recording_update", "room_update"]);
    assert.equal(await api.deleteWebhook(webhook.id), true);
    assert.equal(await api.getWebhook(), null);
    assert.equal(await api.deleteWebhook(webhook.id, { missingOk: true }), false);
  });

  it("has called every one of the 45 client methods against the emulator", () => {
    const methods = Object.getOwnPropertyNames(EyesonClient.prototype).filter(
      (name) => name !== "constructor" && name !== "close",
    );
    assert.equal(methods.length, 45);
    assert.deepEqual(
      methods.filter((m) => !called.has(m)),
      [],
    );
  });

  it("reaches 45 distinct emulator routes, each answered with a 2xx at least once", () => {
    const routes = new Set(
      emulator.requests
        .list()
        .filter((r) => r.status >= 200 && r.status < 300)
        .map((r) => r.route),
    );
    assert.equal(routes.size, 45, [...routes].sort().join("\n"));
  });

  it("takes the listed participants from GET /rooms/ACCESS_KEY/users, the path of the endpoint list", () => {
    const routes = emulator.requests.list().map((r) => r.route);
    assert.ok(routes.includes("GET /rooms/:accessKey/users"), routes.join(", "));
  });

  it("leaves no access key, token or API key in the emulator's request log", () => {
    assert.ok(secrets.length >= 7);
    const log = JSON.stringify(emulator.requests.list());
    for (const secret of [...secrets, emulator.apiKey]) assert.equal(log.includes(secret), false);
  });

  it("retries an injected 503 on a GET and honours an injected 429's Retry-After of zero", async () => {
    emulator.requests.clear();
    emulator.faults.inject({ method: "GET", path: "/rooms", status: 503, times: 2 });
    assert.ok(Array.isArray(await client.listRooms()));
    emulator.faults.inject({ method: "GET", path: "/rooms", status: 429, retryAfter: 0 });
    assert.ok(Array.isArray(await client.listRooms()));
    assert.deepEqual(
      emulator.requests.list().map((r) => r.status),
      [503, 503, 200, 429, 200],
    );
  });

  it("gives up with a rate-limit error when the emulator asks to wait longer than the retry budget", async () => {
    emulator.faults.inject({ method: "GET", path: "/rooms", status: 429, retryAfter: 3600 });
    await assert.rejects(
      client.listRooms(),
      (e: unknown) => EyesonRateLimitError.isInstance(e) && e.retryAfterMs === 3_600_000,
    );
  });

  it("rejects a wrong API key with the check-eyeson:apiKey hint", async () => {
    const wrong = new EyesonClient({ apiKey: "not-the-key", endpoint: emulator.url, env: {} });
    try {
      await assert.rejects(wrong.listRooms(), /failed \(40[13]\).*check eyeson:apiKey/);
    } finally {
      await wrong.close();
    }
  });

  it("refuses an API-key call without a key before the emulator sees it", async () => {
    const keyless = new EyesonClient({ endpoint: emulator.url, env: {} });
    emulator.requests.clear();
    try {
      await assert.rejects(keyless.listPermalinks(), (e: unknown) => EyesonConfigError.isInstance(e));
      assert.equal(emulator.requests.list().length, 0);
    } finally {
      await keyless.close();
    }
  });
});
