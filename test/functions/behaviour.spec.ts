/**
 * What every function shares: where credentials come from, argument checks before any request, secrets in
 * the Output form, `dependsOn`, what a second run does, and the typed errors of a live meeting.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { EyesonClient, NO_DELAY_RETRY_POLICY } from "../../provider/client";
import { MISSING_API_KEY_MESSAGE } from "../../provider/config";
import {
  EyesonApiError,
  EyesonConfigError,
  EyesonGoneError,
  EyesonNotFoundError,
} from "../../provider/errors";
import * as f from "../../provider/functions";
import {
  assertNoSecret,
  enterProgram,
  leaveProgram,
  openMeeting,
  resolveOutput,
  routes,
  startFunctionsEmulator,
  stopFunctionsEmulator,
  valueOf,
  type Emulator,
} from "./support";

/** Nothing listens here: a request to it fails at once. */
const DEAD_ENDPOINT = "http://127.0.0.1:1";
const ENV_KEYS = ["EYESON_API_KEY", "EYESON_API_ENDPOINT"] as const;

class Thing extends pulumi.CustomResource {
  constructor(name: string) {
    super("test:index:Thing", name, {});
  }
}

describe("functions: shared behaviour", () => {
  let emulator: Emulator | undefined;
  const saved: Partial<Record<(typeof ENV_KEYS)[number], string>> = {};
  const emu = (): Emulator => emulator ?? assert.fail("emulator not started");

  before(async () => {
    for (const key of ENV_KEYS) saved[key] = process.env[key];
    emulator = await startFunctionsEmulator();
  });

  after(async () => {
    for (const key of ENV_KEYS) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
    await stopFunctionsEmulator(emulator);
  });

  beforeEach(async () => {
    for (const key of ENV_KEYS) delete process.env[key];
    emu().reset();
    await enterProgram(emu());
  });

  describe("credentials", () => {
    it("uses eyeson:apiKey and eyeson:endpoint from the stack config inside a program", async () => {
      process.env.EYESON_API_ENDPOINT = DEAD_ENDPOINT;
      process.env.EYESON_API_KEY = "not-the-key";
      assert.deepEqual(await f.getWebhook(), { webhook: null });
      assert.equal(emu().requests.list()[0]?.auth, "api_key");
    });

    it("falls back to EYESON_API_KEY and EYESON_API_ENDPOINT when the stack config has none", async () => {
      pulumi.runtime.setAllConfig({});
      process.env.EYESON_API_KEY = emu().apiKey;
      process.env.EYESON_API_ENDPOINT = emu().url;
      assert.deepEqual(await f.getWebhook(), { webhook: null });
      assert.deepEqual(routes(emu()), ["GET /webhooks"]);
    });

    it("lets explicit apiKey and endpoint options override the stack config and the environment", async () => {
      pulumi.runtime.setAllConfig({ "eyeson:endpoint": DEAD_ENDPOINT, "eyeson:apiKey": "wrong" }, [
        "eyeson:apiKey",
      ]);
      process.env.EYESON_API_ENDPOINT = DEAD_ENDPOINT;
      const opts = { apiKey: pulumi.secret(emu().apiKey), endpoint: emu().url };
      assert.deepEqual(await f.getWebhook({}, opts), { webhook: null });
      const resolved = await resolveOutput(f.getWebhookOutput({}, opts));
      assert.deepEqual(resolved.value, { webhook: null });
      assert.equal(resolved.secret, false, "a secret apiKey option does not make every result secret");
    });

    it("ignores stack config outside a Pulumi program and reads the environment", async () => {
      leaveProgram();
      pulumi.runtime.setAllConfig({ "eyeson:endpoint": DEAD_ENDPOINT, "eyeson:apiKey": "wrong" });
      process.env.EYESON_API_KEY = emu().apiKey;
      process.env.EYESON_API_ENDPOINT = emu().url;
      assert.deepEqual(await f.getWebhook(), { webhook: null });
    });

    it("fails with the config hint and sends nothing when no API key is set anywhere", async () => {
      pulumi.runtime.setAllConfig({ "eyeson:endpoint": emu().url });
      await assert.rejects(f.listRooms(), (err: unknown) => {
        assert.ok(EyesonConfigError.isInstance(err));
        assert.equal(err.message, MISSING_API_KEY_MESSAGE);
        return true;
      });
      await assert.rejects(resolveOutput(f.listRoomsOutput()), { message: MISSING_API_KEY_MESSAGE });
      assert.deepEqual(emu().requests.list(), []);
    });

    it("rejects a plain-http endpoint that is not loopback before any request", async () => {
      await assert.rejects(
        f.getWebhook({}, { endpoint: "http://api.example.com" }),
        (err: unknown) => EyesonConfigError.isInstance(err) && /plain http:\/\//.test(err.message),
      );
    });
  });

  describe("arguments", () => {
    const bad: [string, () => Promise<unknown>, RegExp][] = [
      [
        "startRoom without a user",
        () => f.startRoom({} as f.StartRoomArgs),
        /^startRoom: user is required: the user as \{ name, id\?, avatar\? \}$/,
      ],
      [
        "startRoom without user.name",
        () => f.startRoom({ user: { name: " " } }),
        /^startRoom: user.name must not be empty$/,
      ],
      [
        "startRoom with an unknown sfuMode",
        () => f.startRoom({ user: { name: "A" }, options: { sfuMode: "mesh" as "ptp" } }),
        /^startRoom: options.sfuMode must be one of "ptp", "screencast", "disabled", got "mesh"$/,
      ],
      [
        "sendMessage without content",
        () => f.sendMessage({ accessKey: "k", content: "" }),
        /^sendMessage: content must be a non-empty string$/,
      ],
      [
        "sendMessage with an unknown type",
        () => f.sendMessage({ accessKey: "k", content: "x", type: "shout" as "chat" }),
        /^sendMessage: type must be one of "chat", "custom"$/,
      ],
      [
        "a call without an access key",
        () => f.takeSnapshot({ accessKey: "" }),
        /^takeSnapshot: accessKey must be a non-empty string$/,
      ],
      [
        "addLayer with both url and file",
        () => f.addLayer({ accessKey: "k", url: "https://x.example/a.png", file: "a.png" }),
        /^addLayer: url\/file exactly one of url \(a public image\) and file \(a local path\) must be given$/,
      ],
      [
        "addLayer with neither url nor file",
        () => f.addLayer({ accessKey: "k" }),
        /^addLayer: url\/file exactly one/,
      ],
      [
        "addLayer with z-index 2",
        () => f.addLayer({ accessKey: "k", url: "https://x.example/a.png", zIndex: 2 as 1 }),
        /^addLayer: zIndex must be one of 1, -1$/,
      ],
      [
        "addLayer with a missing file",
        () => f.addLayer({ accessKey: "k", file: "/nonexistent/dashboard.png" }),
        /^addLayer: file does not exist or cannot be read$/,
      ],
      [
        "addLayer with a GIF",
        () => f.addLayer({ accessKey: "k", file: "dashboard.gif" }),
        /^addLayer: file must be a \.png, \.jpg, \.jpeg, \.webp or \.svg image$/,
      ],
      [
        "removeLayer with index 0",
        () => f.removeLayer({ accessKey: "k", zIndex: 0 as 1 }),
        /^removeLayer: zIndex must be one of 1, -1$/,
      ],
      [
        "setLayout with 11 boxes",
        () =>
          f.setLayout({
            accessKey: "k",
            map: Array.from({ length: 11 }, () => [0, 0, 10, 10, "auto"] as const),
          }),
        /^setLayout: map has 11 boxes; a layout takes at most 10$/,
      ],
      [
        "setLayout with an unknown fit",
        () => f.setLayout({ accessKey: "k", map: [[0, 0, 10, 10, "stretch" as "auto"]] }),
        /^setLayout: map\[0\] fit must be one of "auto", "contain", "cover"$/,
      ],
      [
        "setLayout with a negative x",
        () => f.setLayout({ accessKey: "k", map: [[-1, 0, 10, 10, "auto"]] }),
        /^setLayout: map\[0\] x must be a number of pixels, 0 or more$/,
      ],
      [
        "setLayout with an unknown layout",
        () => f.setLayout({ accessKey: "k", layout: "grid" as "auto" }),
        /^setLayout: layout must be one of "auto", "custom"$/,
      ],
      [
        "startPlayback with loopCount -2",
        () => f.startPlayback({ accessKey: "k", url: "https://m.example/a.webm", loopCount: -2 }),
        /^startPlayback: loopCount must be an integer from -1 up$/,
      ],
      [
        "forwardMcu without media types",
        () => f.forwardMcu({ roomId: "r", forwardId: "x", type: [], url: "https://w.example" }),
        /^forwardMcu: type must be a non-empty list of "audio" and\/or "video"$/,
      ],
      [
        "forwardSource with an unknown media type",
        () =>
          f.forwardSource({
            roomId: "r",
            forwardId: "x",
            userId: "u",
            type: ["audio", "screen" as "video"],
            url: "https://w.example",
          }),
        /^forwardSource: type\[1\] must be one of "audio", "video"$/,
      ],
      [
        "forwardMcu with a repeated media type",
        () =>
          f.forwardMcu({ roomId: "r", forwardId: "x", type: ["video", "video"], url: "https://w.example" }),
        /^forwardMcu: type must not repeat a media type$/,
      ],
      [
        "forwardMcu with an ftp URL",
        () => f.forwardMcu({ roomId: "r", forwardId: "x", type: ["video"], url: "ftp://w.example" }),
        /^forwardMcu: url must be a https or http URL$/,
      ],
      [
        "listRoomRecordings with a non-date since",
        () => f.listRoomRecordings({ roomId: "r", since: "yesterday" }),
        /^listRoomRecordings: since must be an ISO 8601 date-time/,
      ],
      [
        "listPermalinks with limit 0",
        () => f.listPermalinks({ limit: 0 }),
        /^listPermalinks: limit must be an integer from 1 to 100$/,
      ],
      [
        "registerGuest without a name",
        () => f.registerGuest({ guestToken: "t" } as f.RegisterGuestArgs),
        /^registerGuest: name is required$/,
      ],
    ];

    for (const [what, call, message] of bad) {
      it(`rejects ${what} with a message naming the property, before any request`, async () => {
        await assert.rejects(call(), (err: unknown) => {
          assert.ok(EyesonConfigError.isInstance(err), "an EyesonConfigError");
          assert.match(err.message, message);
          return true;
        });
        assert.deepEqual(emu().requests.list(), []);
      });
    }

    it("never echoes a broadcast stream URL (it holds the stream key) in a message", async () => {
      const streamUrl = "https://live.example.com/app/sk_live_streamkey123";
      await assert.rejects(f.startBroadcast({ accessKey: "k", streamUrl }), (err: unknown) => {
        assert.ok(err instanceof Error);
        assert.equal(err.message, "startBroadcast: streamUrl must be a rtmp or rtmps URL");
        return true;
      });
    });

    it("rejects the Output form's result for bad arguments, before any request", async () => {
      await assert.rejects(
        resolveOutput(f.setLayoutOutput({ accessKey: "k", layout: "grid" as "auto" })),
        /setLayout: layout/,
      );
      assert.deepEqual(emu().requests.list(), []);
    });

    it("accepts Inputs nested in objects and lists in the Output form", async () => {
      const room = f.startRoomOutput({
        id: pulumi.output("nested"),
        user: { name: pulumi.output("Ada"), id: Promise.resolve("ada") },
        options: pulumi.output({ sfuMode: "disabled" as const }),
      });
      const layout = f.setLayoutOutput({
        accessKey: room.accessKey,
        layout: "custom",
        map: [[0, 0, pulumi.output(640), 720, "cover"]],
        users: [room.user.id, ""],
      });
      assert.deepEqual(await valueOf(layout), { layout: "custom", boxes: 1, users: ["ada", ""] });
      assert.deepEqual(emu().store.runningMeeting(emu().apiKey, "nested")?.options.layout_map, [
        [0, 0, 640, 720, "cover"],
      ]);
    });
  });

  describe("secrets", () => {
    it("makes a result that carries an access key or join links secret, down to each lifted field", async () => {
      const room = f.startRoomOutput({ id: "secret", user: { name: "Ada" } });
      const fields: pulumi.Output<unknown>[] = [room, room.accessKey, room.links.gui, room.room.id];
      for (const field of fields) {
        assert.equal((await resolveOutput(field)).secret, true);
      }
    });

    it("keeps results without tokens plain", async () => {
      const { accessKey } = await openMeeting();
      const user = await resolveOutput(
        f.getRoomUserOutput({ accessKey: pulumi.output(accessKey), userId: "ada" }),
      );
      assert.equal(user.secret, false);
    });

    it("makes a result secret when its input was secret, as Pulumi does", async () => {
      const { accessKey } = await openMeeting();
      const sent = await resolveOutput(
        f.sendMessageOutput({ accessKey: pulumi.secret(accessKey), content: "hi" }),
      );
      assert.equal(sent.secret, true);
    });
  });

  describe("dependsOn", () => {
    it("waits for the resources it depends on, then runs", async () => {
      const thing = new Thing("ready");
      const webhook = f.getWebhookOutput({}, { dependsOn: [thing] });
      assert.deepEqual(await valueOf(webhook), { webhook: null });
      assert.deepEqual(routes(emu()), ["GET /webhooks"]);
    });

    it("waits for another function's result, so a recording is stopped only after it started", async () => {
      const { accessKey } = await openMeeting();
      emu().requests.clear();
      const key = pulumi.secret(accessKey);
      const started = f.startRecordingOutput({ accessKey: key });
      const stopped = f.stopRecordingOutput({ accessKey: key }, { dependsOn: [started] });
      const user = f.getRoomUserOutput({ accessKey, userId: "ada" }, { dependsOn: stopped });
      const resolved = await resolveOutput(user);
      assert.equal(resolved.value?.id, "ada");
      assert.equal(resolved.secret, false, "a secret dependency does not make the result secret");
      assert.deepEqual(routes(emu()), [
        "POST /rooms/:accessKey/recording",
        "DELETE /rooms/:accessKey/recording",
        "GET /rooms/:accessKey/users/:userId",
      ]);
    });

    it("lets the Promise form run once the resources exist", async () => {
      const thing = new Thing("ready-too");
      assert.deepEqual(await f.getWebhook({}, { dependsOn: thing }), { webhook: null });
    });
  });

  describe("second runs", () => {
    it("startRoom with the same room id joins the running meeting instead of opening another", async () => {
      const first = await f.startRoom({ id: "standup", user: { name: "Ada", id: "ada" } });
      const second = await f.startRoom({ id: "standup", user: { name: "Bob", id: "bob" } });
      assert.equal(second.room.id, first.room.id);
      assert.notEqual(second.accessKey, first.accessKey);
      assert.equal(emu().store.runningMeetings(emu().apiKey).length, 1);
      assert.deepEqual(
        [...(emu().store.runningMeeting(emu().apiKey, "standup")?.participants.keys() ?? [])],
        ["ada", "bob"],
      );
    });

    it("startPermalinkMeeting twice joins the permalink's running meeting", async () => {
      const client = new EyesonClient({
        apiKey: emu().apiKey,
        endpoint: emu().url,
        retry: NO_DELAY_RETRY_POLICY,
      });
      const permalink = await client.createPermalink({ user: { name: "Grace" } });
      await client.close();
      const first = await f.startPermalinkMeeting({ userToken: permalink.permalink.userToken });
      const second = await f.startPermalinkMeeting({ userToken: permalink.permalink.userToken });
      assert.equal(second.room.id, first.room.id);
      assert.equal(emu().store.runningMeetings(emu().apiKey).length, 1);
    });

    it("stopRecording when none runs fails with EyesonNotFoundError the caller can catch", async () => {
      const { accessKey } = await openMeeting();
      await f.startRecording({ accessKey });
      await f.stopRecording({ accessKey });
      await assert.rejects(f.stopRecording({ accessKey }), (err: unknown) => {
        assert.ok(EyesonNotFoundError.isInstance(err));
        assert.equal(err.status, 404);
        assertNoSecret(err.message, [accessKey]);
        return true;
      });
    });

    it("startRecording while one runs succeeds and says the recording was already running", async () => {
      const { accessKey } = await openMeeting();
      assert.deepEqual(await f.startRecording({ accessKey }), { started: true, alreadyRunning: false });
      const recordingId = emu().store.runningMeeting(emu().apiKey, "situation")?.recordingId;
      assert.deepEqual(await f.startRecording({ accessKey }), { started: true, alreadyRunning: true });
      assert.equal(emu().store.runningMeeting(emu().apiKey, "situation")?.recordingId, recordingId);
    });

    it("startRecording still fails with the API's 406 when no recording explains it", async () => {
      const { accessKey } = await openMeeting();
      emu().faults.inject({ method: "POST", path: "/rooms/*/recording", status: 406 });
      await assert.rejects(
        f.startRecording({ accessKey }),
        (err: unknown) => EyesonApiError.isInstance(err) && err.status === 406,
      );
    });

    it("stopRecording with missingOk converges when none runs", async () => {
      const { accessKey } = await openMeeting();
      await f.startRecording({ accessKey });
      assert.deepEqual(await f.stopRecording({ accessKey, missingOk: true }), { stopped: true });
      assert.deepEqual(await f.stopRecording({ accessKey, missingOk: true }), { stopped: false });
    });

    it("startBroadcast and startPlayback while they run succeed and say so, starting nothing twice", async () => {
      const { accessKey } = await openMeeting();
      const stream = { accessKey, streamUrl: "rtmp://live.example.com/app/key-1" };
      assert.equal((await f.startBroadcast(stream)).alreadyRunning, false);
      assert.equal((await f.startBroadcast(stream)).alreadyRunning, true);
      const video = { accessKey, url: "https://media.example.com/a.webm", playId: "a" };
      assert.equal((await f.startPlayback(video)).alreadyRunning, false);
      assert.equal((await f.startPlayback(video)).alreadyRunning, true);
      assert.equal(emu().store.runningMeeting(emu().apiKey, "situation")?.playbacks.length, 1);
    });

    it("a forward with a forwardId that is already running succeeds and says so", async () => {
      const { roomId } = await openMeeting();
      const forward = { roomId, forwardId: "mcu", type: ["video" as const], url: "https://w.example/whip" };
      assert.equal((await f.forwardMcu(forward)).alreadyRunning, false);
      assert.equal((await f.forwardMcu(forward)).alreadyRunning, true);
      assert.equal(emu().store.runningMeeting(emu().apiKey, "situation")?.forwards.size, 1);
    });

    it("lockRoom twice leaves the meeting locked", async () => {
      const { accessKey } = await openMeeting();
      assert.deepEqual(await f.lockRoom({ accessKey }), { locked: true });
      assert.deepEqual(await f.lockRoom({ accessKey }), { locked: true });
      assert.equal(emu().store.runningMeeting(emu().apiKey, "situation")?.locked, true);
    });

    it("deletes report false with missingOk when the object is already gone", async () => {
      const { accessKey, roomId } = await openMeeting();
      assert.deepEqual(await f.removeLayer({ accessKey, missingOk: true }), { zIndex: 1, removed: false });
      assert.deepEqual(await f.stopForward({ roomId, forwardId: "none", missingOk: true }), {
        roomId,
        forwardId: "none",
        stopped: false,
      });
      await f.endRoom({ accessKey });
      assert.deepEqual(await f.endRoom({ accessKey, missingOk: true }), { ended: false });
    });
  });

  describe("an ended meeting", () => {
    it("answers access-key calls, plain (sendMessage) and Output (setLayoutOutput), with EyesonGoneError (410), a readable message and no token", async () => {
      const { accessKey } = await openMeeting();
      await f.endRoom({ accessKey });
      emu().requests.clear();
      await assert.rejects(f.sendMessage({ accessKey, content: "anyone?" }), (err: unknown) => {
        assert.ok(EyesonGoneError.isInstance(err));
        assert.equal(err.status, 410);
        assert.equal(err.operation, "sendMessage");
        assert.match(
          err.message,
          /^POST \/rooms\/\*\*\*\/messages failed \(410\): .+ — the meeting has ended/,
        );
        assertNoSecret(`${err.message} ${err.stack ?? ""} ${JSON.stringify(err)}`, [accessKey, emu().apiKey]);
        return true;
      });
      await assert.rejects(
        resolveOutput(f.setLayoutOutput({ accessKey, layout: "auto" })),
        (err: unknown) => {
          assert.ok(EyesonGoneError.isInstance(err));
          assertNoSecret(err.message, [accessKey]);
          return true;
        },
      );
      assert.deepEqual(routes(emu()), ["POST /rooms/:accessKey/messages", "POST /rooms/:accessKey/layout"]);
    });
  });
});
