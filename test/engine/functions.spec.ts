// The virtual situation room through the real Pulumi engine against the emulator: a standing Permalink, then
// Output-form functions that start its meeting as a host, register a guest, lay out the podium, put a status
// image behind it, post to the chat, record, snapshot, and read recordings and snapshots back.
// Needs `npm run build` (the engine's provider host loads `pulumi-eyeson/provider/...` from dist).
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as eyeson from "../../provider/functions";
import { closeClients } from "../../provider/functions/invoke";
import { Permalink } from "../../provider/resources/permalink";
import { useEmulatorStack } from "./emulatorStack";
import { apiRequests, apiWrites } from "./harness";

const STATUS_IMAGE = "https://status.example.com/dashboard.png";
const INCIDENT = "INC-1042: checkout latency - situation room is open";

/** The situation-room program; every live operation is an Output-form function. */
const situationRoom = async () => {
  const warRoom = new Permalink("war-room", {
    name: "War room",
    user: { name: "Incident lead", id: "lead" },
    options: { sfuMode: "disabled", widescreen: true },
  });
  const meeting = eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken });
  const accessKey = meeting.accessKey;
  const guest = eyeson.registerGuestOutput(
    { guestToken: warRoom.guestToken, name: "Responder", id: "responder" },
    { dependsOn: meeting },
  );
  const layout = eyeson.setLayoutOutput({
    accessKey,
    layout: "custom",
    name: "podium",
    map: [
      [0, 80, 640, 560, "cover"],
      [640, 80, 640, 560, "cover"],
    ],
    users: [meeting.user.id, guest.user.id],
  });
  const layer = eyeson.addLayerOutput({ accessKey, url: STATUS_IMAGE, zIndex: -1, id: "status" });
  const message = eyeson.sendMessageOutput({ accessKey, content: INCIDENT });
  const recording = eyeson.startRecordingOutput({ accessKey }, { dependsOn: [layout, layer, message] });
  const stopped = eyeson.stopRecordingOutput({ accessKey }, { dependsOn: recording });
  const snapshot = eyeson.takeSnapshotOutput({ accessKey }, { dependsOn: layout });
  const roomId = meeting.room.id;
  const recordings = eyeson.listRoomRecordingsOutput({ roomId }, { dependsOn: stopped });
  const snapshots = eyeson.listRoomSnapshotsOutput({ roomId }, { dependsOn: snapshot });
  // Read-only and fed only by the resource: runs in a preview once the permalink exists.
  const permalink = eyeson.getPermalinkOutput({ permalinkId: warRoom.permalinkId });
  return {
    permalinkId: warRoom.permalinkId,
    roomId,
    hostAccessKey: accessKey,
    guestLink: guest.links.gui,
    recordingCount: recordings.recordings.apply((r) => r.length),
    snapshotCount: snapshots.snapshots.apply((s) => s.length),
    permalinkName: pulumi.unsecret(permalink.room.name),
  };
};

/** Ends the meeting, then posts into it: the post must fail the update with the typed 410. */
const lateMessage = async () => {
  const warRoom = new Permalink("war-room", {
    name: "War room",
    user: { name: "Incident lead", id: "lead" },
    options: { sfuMode: "disabled", widescreen: true },
  });
  const meeting = eyeson.startPermalinkMeetingOutput({ userToken: warRoom.userToken });
  const ended = eyeson.endRoomOutput({ accessKey: meeting.accessKey });
  const late = eyeson.sendMessageOutput(
    { accessKey: meeting.accessKey, content: "anyone?" },
    { dependsOn: ended },
  );
  return { ended: ended.ended, late: late.sent };
};

describe("functions through the real Pulumi engine: the situation room", function () {
  this.timeout(300_000);

  // Registered first, so the functions' clients close before the stack and the emulator go.
  after(closeClients);
  const { emu, stack } = useEmulatorStack({
    emulator: { strict: true },
    stack: { program: situationRoom, projectName: "eyeson-situation-room" },
  });
  const writes = (): string[] => apiWrites(emu());

  beforeEach(() => emu().requests.clear());

  it("previews a fresh stack without touching eyeson", async () => {
    const result = await stack().preview();
    assert.equal(result.changeSummary.create, 2, "the stack and the permalink");
    assert.deepEqual(writes(), []);
  });

  it("runs the whole situation room on up, and the room shows each effect", async () => {
    const result = await stack().up();

    const permalinkId = String(result.outputs.permalinkId?.value);
    const roomId = String(result.outputs.roomId?.value);
    assert.equal(roomId, permalinkId, "the permalink's meeting runs in the permalink's room");
    assert.equal(result.outputs.recordingCount?.value, 1);
    assert.equal(result.outputs.snapshotCount?.value, 1);
    assert.equal(result.outputs.permalinkName?.value, "War room");

    const meeting = emu().store.runningMeeting(emu().apiKey, roomId) ?? assert.fail("the meeting runs");
    assert.deepEqual([...meeting.participants.keys()], ["lead", "responder"]);
    assert.equal(meeting.options.layout, "custom");
    assert.equal(meeting.options.layout_name, "podium");
    assert.deepEqual(meeting.options.layout_users, ["lead", "responder"]);
    assert.equal(meeting.options.layout_map?.length, 2);
    assert.equal(meeting.layers.background?.url, STATUS_IMAGE);
    assert.deepEqual(
      meeting.messages.map((m) => [m.type, m.content]),
      [["chat", INCIDENT]],
    );
    assert.equal(meeting.recordingId, null, "the recording was stopped");
    assert.equal(meeting.snapshotIds.length, 1);
    const [recording] = [...emu().store.recordings.values()];
    assert.notEqual(recording?.duration, null);

    const calls = apiRequests(emu());
    /** Where `route` was called, failing when it was not: a missing call must not count as "before". */
    const at = (route: string): number => {
      const index = calls.indexOf(route);
      assert.ok(index >= 0, `${route} was called; calls: ${calls.join(", ")}`);
      return index;
    };
    assert.ok(
      at("POST /rooms/:accessKey/recording") < at("DELETE /rooms/:accessKey/recording"),
      "the recording stops after it started",
    );
    assert.ok(
      at("POST /permalink/:userToken") < at("POST /guests/:guestToken"),
      "the guest registers once the meeting runs",
    );
    assert.equal(stack().diagnostics.filter((d) => d.startsWith("error")).length, 0);
  });

  it("keeps tokens and join links encrypted in the exported state", async () => {
    const outputs = await stack().outputs();
    for (const name of ["hostAccessKey", "guestLink", "roomId"]) {
      assert.equal(outputs[name]?.secret, true, `${name} is a secret output`);
    }
    assert.equal(outputs.permalinkName?.secret, false);
    const accessKey = String(outputs.hostAccessKey?.value);
    const guestLink = String(outputs.guestLink?.value);
    assert.match(accessKey, /^[A-Za-z0-9]{24}$/);
    const state = JSON.stringify(await stack().exportState());
    assert.ok(state.includes("ciphertext"), "secrets are stored encrypted");
    for (const secret of [accessKey, guestLink, emu().apiKey]) {
      assert.ok(!state.includes(secret), "no token, join link or key is stored in plain text");
    }
    const events = JSON.stringify(stack().events);
    assert.ok(!events.includes(accessKey) && !events.includes(emu().apiKey), "none in engine events either");
  });

  it("previews the running stack with reads only: side-effecting functions stay unknown", async () => {
    const result = await stack().preview();
    assert.deepEqual(writes(), []);
    assert.ok(apiRequests(emu()).includes("GET /permalink/:permalinkId"), "read-only functions still run");
    assert.deepEqual(
      result.changeSummary,
      { same: 2 },
      "functions register no resources, so nothing changes",
    );
  });

  it("rejoins the running meeting on a second up and repeats each operation", async () => {
    const before = await stack().outputs();
    const result = await stack().up();
    const roomId = String(result.outputs.roomId?.value);
    assert.equal(roomId, String(before.roomId?.value), "the same room");
    assert.notEqual(result.outputs.hostAccessKey?.value, before.hostAccessKey?.value, "a fresh access key");
    assert.equal(emu().store.runningMeetings(emu().apiKey).length, 1, "still one meeting");
    const meeting = emu().store.runningMeeting(emu().apiKey, roomId) ?? assert.fail("the meeting runs");
    assert.equal(meeting.messages.length, 2);
    assert.equal(result.outputs.recordingCount?.value, 2);
    assert.equal(result.outputs.snapshotCount?.value, 2);
    assert.ok(!writes().includes("POST /permalink"), "the standing permalink is not created again");
  });

  it("fails the update with the typed 410 when a function calls into an ended meeting, naming no token", async () => {
    stack().setProgram(lateMessage);
    const failed = await stack()
      .up()
      .then(
        () => assert.fail("the update should fail"),
        (err: unknown) => err,
      );
    const text = `${String(failed)}\n${stack().diagnostics.join("\n")}`;
    assert.match(text, /POST \/rooms\/\*\*\*\/messages failed \(410\)/);
    assert.match(text, /the meeting has ended/);
    const accessKeys = [...emu().store.accessKeys.keys()];
    assert.ok(accessKeys.length > 0);
    for (const secret of [...accessKeys, emu().apiKey])
      assert.ok(!text.includes(secret), "no token in the failure");
    assert.deepEqual(writes().slice(-3), [
      "POST /permalink/:userToken",
      "DELETE /rooms/:accessKey",
      "POST /rooms/:accessKey/messages",
    ]);
  });
});
