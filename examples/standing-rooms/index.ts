// Standing eyeson rooms for one environment: the stack's config lists the rooms, their hosts and the
// incident webhook; `pulumi up` in the pipeline keeps eyeson in line with it.
import * as pulumi from "@pulumi/pulumi";
import * as eyeson from "pulumi-eyeson";

/** One standing room as written in Pulumi.<stack>.yaml. */
interface RoomConfig {
  key: string;
  name: string;
  expiresAt?: string;
  hosts?: { name: string; id?: string; avatar?: string }[];
  options?: eyeson.RoomOptions;
}

const config = new pulumi.Config();
const rooms = config.requireObject<RoomConfig[]>("rooms");
const oncallRoom = config.get("oncallRoom") ?? rooms[0]?.key;
const webhookConfig = config.requireObject<{ url: string; types: eyeson.WebhookType[] }>("webhook");

const permalinks = new Map<string, eyeson.Permalink>();
const hostTokens = new Map<string, pulumi.Output<string>>();

for (const room of rooms) {
  // The first host creates the permalink; the others are added as PermalinkHost resources so that
  // adding or removing one later touches only that host.
  const [first, ...others] = room.hosts ?? [{ name: "Pipeline" }];
  const permalink = new eyeson.Permalink(room.key, {
    name: room.name,
    user: first,
    expiresAt: room.expiresAt,
    options: room.options,
  });
  permalinks.set(room.key, permalink);
  hostTokens.set(room.key, permalink.userToken);
  for (const host of others) {
    // The permalink itself, not an output of it: an in-place update of the room then plans no change here.
    new eyeson.PermalinkHost(`${room.key}-${host.id ?? host.name}`, { permalink, user: host });
  }
}

const webhook = new eyeson.Webhook("incident-webhook", {
  url: webhookConfig.url,
  types: webhookConfig.types,
});

/** Permalink id per room key. */
export const permalinkIds = Object.fromEntries([...permalinks].map(([key, p]) => [key, p.permalinkId]));
/** Guest join link per room key: share these, they are secret in the state all the same. */
export const guestLinks = pulumi.secret(
  Object.fromEntries([...permalinks].map(([key, p]) => [key, p.guestUrl])),
);
/** The on-call room's host token, read by the situation-room stack through a StackReference. */
export const oncallHostToken = pulumi.secret(
  oncallRoom ? (hostTokens.get(oncallRoom) ?? pulumi.output("")) : pulumi.output(""),
);
/** The registered webhook's id. */
export const webhookId = webhook.webhookId;
