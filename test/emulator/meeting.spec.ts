/** A whole meeting against the emulator, the way a program drives it, plus the room-option switches. */
import assert from "node:assert/strict";
import { startEmulator, type EmulatorHandle } from "../../emulator";
import { client, expectStatus, png, startRoom } from "./helpers";

describe("emulator: a whole meeting", () => {
  let emulator: EmulatorHandle;
  let c: ReturnType<typeof client>;

  before(async () => {
    emulator = await startEmulator({ strict: true, seed: 11 });
    c = client(emulator);
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => emulator.reset());

  it("runs from start to end: guest, lock, layer, layout, message, recording, snapshot, broadcast, forward, then 410", async () => {
    // Start: the response says not ready yet; the first GET makes room and user ready.
    const started = await startRoom(emulator, {
      id: "standup",
      name: "Daily standup",
      user: { id: "alice", name: "Alice" },
      options: { lock_available: true, sfu_mode: "disabled", widescreen: true },
    });
    assert.equal(started.ready, false);
    assert.equal(started.room.name, "Daily standup");
    assert.equal(started.links.self, `${emulator.url}/rooms/${started.access_key}`);
    assert.equal(started.links.gui, `${emulator.url}/?${started.access_key}`);
    assert.equal(started.links.guest_join, `${emulator.url}/?guest=${started.room.guest_token}`);
    const ak: string = started.access_key;
    const ready = expectStatus(await c.open("GET", `/rooms/${ak}`), 200);
    assert.equal(ready.ready, true);
    assert.equal(ready.room.ready, true);

    // A second start with the same room id joins the running meeting as a new user.
    const joined = await startRoom(emulator, { id: "standup", user: { id: "carol", name: "Carol" } });
    assert.notEqual(joined.access_key, ak);
    assert.equal(joined.room.started_at, started.room.started_at);

    // A guest joins with the guest token.
    const guest = expectStatus(
      await c.open("POST", `/guests/${started.room.guest_token}`, { form: { name: "Bob", id: "bob" } }),
      201,
    );
    assert.equal(guest.user.guest, true);
    const users = expectStatus(await c.open("GET", `/rooms/${ak}/users`), 200);
    assert.deepEqual(
      users.map((u: { id: string }) => u.id),
      ["alice", "carol", "bob"],
    );

    // Lock: nobody joins afterwards, neither as guest nor through POST /rooms.
    expectStatus(await c.open("POST", `/rooms/${ak}/lock`), 201);
    expectStatus(
      await c.open("POST", `/guests/${started.room.guest_token}`, { json: { name: "Late" } }),
      423,
    );
    expectStatus(await c.api("POST", "/rooms", { json: { id: "standup", user: { name: "Late" } } }), 423);
    assert.equal(expectStatus(await c.open("GET", `/rooms/${ak}`), 200).locked, true);

    // An image layer from a file, and a layout that is echoed in the room options.
    const form = new FormData();
    form.append("file", new Blob([png(1280, 720)], { type: "image/png" }), "overlay.png");
    form.append("z-index", "1");
    form.append("id", "banner");
    expectStatus(await c.open("POST", `/rooms/${ak}/layers`, { multipart: form }), 201);
    assert.equal(
      emulator.store.meetings.get(emulator.store.accessKeys.get(ak)!.meetingId)?.layers.foreground?.id,
      "banner",
    );
    expectStatus(
      await c.open("POST", `/rooms/${ak}/layout`, {
        json: {
          layout: "custom",
          name: "two",
          users: ["alice", "bob"],
          voice_activation: true,
          show_names: false,
          map: '[[0,0,640,720,"cover"],[640,0,640,720,"cover"]]',
        },
      }),
      200,
    );
    const options = expectStatus(await c.open("GET", `/rooms/${ak}`), 200).options;
    assert.equal(options.layout, "custom");
    assert.equal(options.layout_name, "two");
    assert.deepEqual(options.layout_users, ["alice", "bob"]);
    assert.deepEqual(options.layout_map, [
      [0, 0, 640, 720, "cover"],
      [640, 0, 640, 720, "cover"],
    ]);
    assert.equal(options.voice_activation, true);
    assert.equal(options.show_names, false);

    // A chat message.
    expectStatus(
      await c.open("POST", `/rooms/${ak}/messages`, { json: { type: "chat", content: "Hi all" } }),
      201,
    );

    // Recording: start shows a running recording; a second start is 406; stop gives duration and download.
    expectStatus(await c.open("POST", `/rooms/${ak}/recording`), 201);
    const recording = expectStatus(await c.open("GET", `/rooms/${ak}`), 200).recording;
    assert.equal(recording.duration, null);
    assert.equal(recording.links.download, null);
    expectStatus(await c.open("POST", `/rooms/${ak}/recording`), 406);
    expectStatus(await c.open("DELETE", `/rooms/${ak}/recording`), 200);
    assert.equal(expectStatus(await c.open("GET", `/rooms/${ak}`), 200).recording, null);
    const done = expectStatus(await c.api("GET", `/recordings/${recording.id}`), 200);
    assert.equal(typeof done.duration, "number");
    assert.match(done.links.download, /\/__emulator\/downloads\/recordings\//);
    expectStatus(await c.open("GET", new URL(done.links.download).pathname), 200);

    // A snapshot shows up in the room and in the room's list.
    expectStatus(await c.open("POST", `/rooms/${ak}/snapshot`), 201);
    const snapshots = expectStatus(await c.api("GET", "/rooms/standup/snapshots"), 200);
    assert.equal(snapshots.length, 1);
    assert.equal(snapshots[0].creator.id, "alice");
    assert.equal(expectStatus(await c.open("GET", `/rooms/${ak}`), 200).snapshots[0].id, snapshots[0].id);

    // A broadcast: one at a time, its player URL can change.
    expectStatus(
      await c.open("POST", `/rooms/${ak}/broadcasts`, {
        json: { stream_url: "rtmp://live.example.com/app/secret-key" },
      }),
      201,
    );
    expectStatus(
      await c.open("POST", `/rooms/${ak}/broadcasts`, { json: { stream_url: "rtmp://other.example.com/x" } }),
      406,
    );
    expectStatus(
      await c.open("PUT", `/rooms/${ak}/broadcasts`, { json: { player_url: "https://example.com/watch" } }),
      200,
    );
    const room = expectStatus(await c.open("GET", `/rooms/${ak}`), 200);
    assert.equal(room.broadcasts[0].player_url, "https://example.com/watch");
    assert.ok(!JSON.stringify(room).includes("secret-key"), "the stream key is never echoed");

    // A forward, unique per room.
    const forward = { forward_id: "ai-1", type: "audio,video", url: "https://whip.example.com/in" };
    expectStatus(await c.api("POST", "/rooms/standup/forward/mcu", { form: forward }), 201);
    expectStatus(await c.api("POST", "/rooms/standup/forward/mcu", { form: forward }), 409);

    // End: every access key of the meeting answers 410, its guest token too, and the room is no longer listed.
    expectStatus(await c.open("DELETE", `/rooms/${ak}`), 204);
    for (const key of [ak, joined.access_key, guest.access_key]) {
      const gone = expectStatus(await c.open("GET", `/rooms/${key}`), 410);
      assert.deepEqual(gone, { error: "Access key expired" });
    }
    expectStatus(
      await c.open("POST", `/rooms/${ak}/messages`, { json: { type: "chat", content: "late" } }),
      410,
    );
    expectStatus(
      await c.open("POST", `/guests/${started.room.guest_token}`, { json: { name: "Late" } }),
      410,
    );
    assert.deepEqual(expectStatus(await c.api("GET", "/rooms"), 200), []);
    expectStatus(await c.api("DELETE", "/rooms/standup/forward/ai-1"), 404);

    // The recording outlives the meeting; a new start in the same room is a new meeting.
    assert.equal(expectStatus(await c.api("GET", "/rooms/standup/recordings"), 200).length, 1);
    const again = await startRoom(emulator, { id: "standup" });
    assert.notEqual(again.room.guest_token, started.room.guest_token);
    assert.equal(again.locked, false);
  });

  it("kicks a participant out of the list and answers 403 when kicking is switched off", async () => {
    const room = await startRoom(emulator, { id: "k", user: { id: "alice", name: "Alice" } });
    const guest = expectStatus(
      await c.open("POST", `/guests/${room.room.guest_token}`, { json: { name: "Bob", id: "bob" } }),
      201,
    );
    expectStatus(await c.open("DELETE", `/rooms/${room.access_key}/users/bob`), 200);
    assert.deepEqual(
      expectStatus(await c.open("GET", `/rooms/${room.access_key}/users`), 200).map(
        (u: { id: string }) => u.id,
      ),
      ["alice"],
    );
    expectStatus(await c.open("GET", `/rooms/${room.access_key}/users/bob`), 404);
    // The kicked user's key still works: the API lets a kicked user rejoin.
    expectStatus(await c.open("GET", `/rooms/${guest.access_key}`), 200);

    const strict = await startRoom(emulator, { id: "strict", options: { kick_available: false } });
    const other = expectStatus(
      await c.open("POST", `/guests/${strict.room.guest_token}`, { json: { name: "Eve", id: "eve" } }),
      201,
    );
    assert.equal(other.user.id, "eve");
    const denied = expectStatus(await c.open("DELETE", `/rooms/${strict.access_key}/users/eve`), 403);
    assert.match(denied.error, /Kick/i);
  });

  it("answers 405 for recording, broadcast and layout when the room switched them off, and 403 for lock by default", async () => {
    const room = await startRoom(emulator, {
      options: { recording_available: "false", broadcast_available: 0, layout_available: false },
    });
    const ak = room.access_key;
    expectStatus(await c.open("POST", `/rooms/${ak}/recording`), 405);
    expectStatus(
      await c.open("POST", `/rooms/${ak}/broadcasts`, { json: { stream_url: "rtmp://x.example.com/a" } }),
      405,
    );
    expectStatus(await c.open("POST", `/rooms/${ak}/layout`, { json: { layout: "auto" } }), 405);
    expectStatus(await c.open("POST", `/rooms/${ak}/lock`), 403);
  });

  it("rejects an overlay image larger than the canvas with 400", async () => {
    const room = await startRoom(emulator, { options: { widescreen: true } });
    const form = new FormData();
    form.append("file", new Blob([png(1280, 960)], { type: "image/png" }), "big.png");
    const body = expectStatus(
      await c.open("POST", `/rooms/${room.access_key}/layers`, { multipart: form }),
      400,
    );
    assert.match(body.error, /file/);
    const background = new FormData();
    background.append("file", new Blob([png(1280, 960)], { type: "image/png" }), "big.png");
    background.append("z-index", "-1");
    expectStatus(await c.open("POST", `/rooms/${room.access_key}/layers`, { multipart: background }), 201);
  });

  it("answers 409 for a second playback with the same play_id and lets another start", async () => {
    const room = await startRoom(emulator);
    const ak = room.access_key;
    const playback = { url: "https://example.com/a.webm", play_id: "intro", audio: true, loop_count: -1 };
    expectStatus(await c.open("POST", `/rooms/${ak}/playbacks`, { json: playback }), 201);
    expectStatus(await c.open("POST", `/rooms/${ak}/playbacks`, { json: playback }), 409);
    expectStatus(
      await c.open("POST", `/rooms/${ak}/playbacks`, {
        json: { playback: { url: "https://example.com/b.mp3" } },
      }),
      201,
    );
    const playbacks = expectStatus(await c.open("GET", `/rooms/${ak}`), 200).playbacks;
    assert.deepEqual(
      playbacks.map((p: { play_id: string | null; audio: boolean }) => [p.play_id, p.audio]),
      [
        ["intro", true],
        [null, false],
      ],
    );
  });

  it("resets the layout to automatic tiling when only layout=auto is sent", async () => {
    const room = await startRoom(emulator);
    const ak = room.access_key;
    expectStatus(
      await c.open("POST", `/rooms/${ak}/layout`, { form: { layout: "custom", "users[]": ["a", "b"] } }),
      200,
    );
    expectStatus(await c.open("POST", `/rooms/${ak}/layout`, { form: { layout: "auto" } }), 200);
    const options = expectStatus(await c.open("GET", `/rooms/${ak}`), 200).options;
    assert.equal(options.layout, "auto");
    assert.equal(options.layout_users, null);
  });

  it("pages room recordings by 25, newest first, and filters by started_at", async () => {
    const room = await startRoom(emulator, { id: "long" });
    for (let i = 0; i < 27; i += 1) {
      expectStatus(await c.open("POST", `/rooms/${room.access_key}/recording`), 201);
      expectStatus(await c.open("DELETE", `/rooms/${room.access_key}/recording`), 200);
    }
    const first = expectStatus(await c.api("GET", "/rooms/long/recordings"), 200);
    const second = expectStatus(await c.api("GET", "/rooms/long/recordings", { query: { page: "2" } }), 200);
    assert.equal(first.length, 25);
    assert.equal(second.length, 2);
    assert.equal(new Set([...first, ...second].map((r: { id: string }) => r.id)).size, 27);
    const byMeeting = expectStatus(
      await c.api("GET", "/rooms/long/recordings", { query: { started_at: room.room.started_at } }),
      200,
    );
    assert.equal(byMeeting.length, 25);
    const none = expectStatus(
      await c.api("GET", "/rooms/long/recordings", { query: { started_at: "2001-01-01T00:00:00Z" } }),
      200,
    );
    assert.deepEqual(none, []);
    expectStatus(await c.api("GET", "/rooms/never-started/recordings"), 404);
  });
});
