// The virtual situation room: on `up`, start the on-call permalink's meeting, lay it out for the incident,
// put the status dashboard behind the podium, post the incident line in the chat and start recording.
// Every call runs only during `up` (a preview makes none), and the program can run again while the meeting
// runs: the start joins it, layout and layer are set again as they are, the recording is already running,
// and the chat line (the one thing the API cannot compare) is posted only by the run that started the meeting.
//
// Functions have no lifecycle, so `pulumi destroy` would leave the meeting and its recording running. To stand
// the room down, run it once with `standDown` set: `pulumi config set standDown true && pulumi up` stops the
// recording and ends the meeting for everyone; then `pulumi destroy`.
import * as pulumi from "@pulumi/pulumi";
import * as eyeson from "pulumi-eyeson";

const config = new pulumi.Config();
const standingRooms = new pulumi.StackReference(
  config.get("standingRoomsStack") ?? `organization/eyeson-standing-rooms/${pulumi.getStack()}`,
);
const hostToken = standingRooms.requireOutput("oncallHostToken") as pulumi.Output<string>;
const incident = config.get("incident") ?? "Incident";

/** Opens the room for the incident (the default). */
function openRoom(): Record<string, pulumi.Output<unknown>> {
  const meeting = eyeson.startPermalinkMeetingOutput({ userToken: hostToken });
  const accessKey = meeting.accessKey;

  const layout = eyeson.setLayoutOutput({
    accessKey,
    layout: "custom",
    name: "present-upper-6",
    users: meeting.user.id.apply((id) => [id, "", "", "", "", "", ""]),
    showNames: true,
  });
  const layer = eyeson.addLayerOutput({
    accessKey,
    url: config.get("statusImageUrl") ?? "https://status.example.com/dashboard.png",
    zIndex: -1,
  });

  // A chat message cannot be compared with what is there, so post it only when this run opened the meeting.
  const message = meeting.apply(async (m): Promise<string> => {
    if (m.alreadyRunning) return "not posted again: the meeting was already running";
    await eyeson.sendMessage({
      accessKey: m.accessKey,
      type: "chat",
      content: `${incident} - situation room is open`,
    });
    return "posted";
  });

  // Record where the room allows it; a second run finds the recording running and leaves it.
  const recording = meeting.apply(async (m): Promise<string> => {
    if (m.options.recordingAvailable === false) return "not available in this room";
    const started = await eyeson.startRecording({ accessKey: m.accessKey });
    return started.alreadyRunning ? "already running" : "started";
  });

  return {
    // The running meeting's room id: not sensitive, so shown in plain text.
    roomId: pulumi.unsecret(meeting.room.id),
    // The join link for responders (secret).
    guestLink: meeting.apply((m) => m.links.guestJoin),
    // Whether this run opened the meeting or joined it.
    meetingWas: pulumi.unsecret(meeting.alreadyRunning.apply((r) => (r ? "joined" : "started"))),
    // What the pipeline did to the room in this run.
    effects: pulumi.unsecret(
      pulumi.all([layout, layer, message, recording]).apply(([, , chat, rec]) => ({
        layout: "set",
        statusLayer: "set",
        chatMessage: chat,
        recording: rec,
      })),
    ),
  };
}

/** Stands the room down: stops the recording and ends the meeting, if one runs (a read-only check first). */
function standDown(): Record<string, pulumi.Output<unknown>> {
  const room = eyeson.getPermalinkRoomOutput({ userToken: hostToken });
  const ended = room.apply(async (r): Promise<string> => {
    if (r.room.startedAt == null) return "no meeting was running";
    if (pulumi.runtime.isDryRun()) return "the update will stop the recording and end the meeting";
    // Joining gives this run an access key for the running meeting; it does not start another one.
    const meeting = await eyeson.startPermalinkMeeting({ userToken: r.permalink.userToken });
    await eyeson.stopRecording({ accessKey: meeting.accessKey, missingOk: true });
    await eyeson.endRoom({ accessKey: meeting.accessKey, missingOk: true });
    return "recording stopped, meeting ended";
  });
  return { standDownResult: pulumi.unsecret(ended) };
}

// The stack outputs are the chosen mode's: open (roomId, guestLink, meetingWas, effects) or stand-down
// (standDownResult). One object, so the mode that did not run leaves no empty outputs behind.
export = config.getBoolean("standDown") ? standDown() : openRoom();
