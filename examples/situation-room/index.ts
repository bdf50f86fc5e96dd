// The virtual situation room: on `up`, start the on-call permalink's meeting, lay it out for the incident,
// put the status dashboard behind the podium, post the incident line in the chat and start recording.
// Every call is an Output-form function: `pulumi preview` (and the preview step of `pulumi up`) makes none.
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
const message = eyeson.sendMessageOutput({
  accessKey,
  type: "chat",
  content: `${incident} - situation room is open`,
});
const recording = eyeson.startRecordingOutput({ accessKey });

/** The running meeting's room id: not sensitive, so shown in plain text. */
export const roomId = pulumi.unsecret(meeting.room.id);
/** The join link for responders (secret). */
export const guestLink = meeting.links.guestJoin;
/** What the pipeline did to the room. */
export const effects = pulumi
  .all([layout, layer, message, recording])
  .apply(() => ["layout", "status layer", "chat message", "recording"]);
