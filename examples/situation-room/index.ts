// The virtual situation room: on `up`, start the on-call permalink's meeting, lay it out for the incident,
// put the status dashboard behind the podium, post the incident line in the chat and start recording.
// Every call runs only during `up` (a preview makes none), and the program can run again while the meeting
// runs: the start joins it, layout and layer are set again as they are, the recording is already running,
// and the chat line (the one thing the API cannot compare) is posted only by the run that started the meeting.
import * as pulumi from "@pulumi/pulumi";
import * as eyeson from "pulumi-eyeson";

const config = new pulumi.Config();
const standingRooms = new pulumi.StackReference(
  config.get("standingRoomsStack") ?? `organization/eyeson-standing-rooms/${pulumi.getStack()}`,
);
const hostToken = standingRooms.requireOutput("oncallHostToken") as pulumi.Output<string>;
const incident = config.get("incident") ?? "Incident";

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

/** The running meeting's room id: not sensitive, so shown in plain text. */
export const roomId = pulumi.unsecret(meeting.room.id);
/** The join link for responders (secret). */
export const guestLink = meeting.links.guestJoin;
/** Whether this run opened the meeting or joined it. */
export const meetingWas = pulumi.unsecret(meeting.alreadyRunning.apply((r) => (r ? "joined" : "started")));
/** What the pipeline did to the room in this run. */
export const effects = pulumi.unsecret(
  pulumi.all([layout, layer, message, recording]).apply(([, , chat, rec]) => ({
    layout: "set",
    statusLayer: "set",
    chatMessage: chat,
    recording: rec,
  })),
);
