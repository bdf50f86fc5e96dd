/**
 * What the dashboard page shows, as one read-only JSON document (`GET /__emulator/state`): each API key's
 * permalinks with their hosts and meeting, its running meetings and webhook, the webhook deliveries, the
 * request log and the active faults. The page acts through the public API and the other controls with the
 * keys and tokens it finds here, exactly as a user with curl would; nothing here changes state.
 */
import { createHash } from "node:crypto";
import { isLoopbackHost } from "../../provider/loopback";
import type { EmulatorCore, RequestLogEntry } from "../core";
import { WEBHOOK_EVENT_TYPES, type MeetingRecord } from "../entities";
import { optionsView, type Json } from "../views";

/** The path of the emulator's own webhook receiver, which checks `X-Eyeson-Signature` (see controls). */
export const RECEIVER_PATH = "/__emulator/receiver";

/** How many of the newest request-log entries the state carries; the full log is `GET /__emulator/requests`. */
export const STATE_REQUEST_LIMIT = 200;

/**
 * The plain warning when the emulator listens beyond loopback, or undefined on loopback. Printed at start
 * and shown on the page: the controls and the page need no key, so reaching the port is all it takes.
 */
export function exposureWarning(host: string | undefined): string | undefined {
  if (host === undefined || isLoopbackHost(host)) return undefined;
  return (
    `The emulator listens on ${host}, not only on this machine: anyone who can reach it can act as any user. ` +
    "The dashboard and the /__emulator/ controls need no key; they show every API key and token, and start, " +
    "end, change and reset everything."
  );
}

function meetingState(meeting: MeetingRecord): { [key: string]: Json } {
  return {
    roomId: meeting.roomId,
    name: meeting.name,
    permalinkId: meeting.permalinkId,
    startedAt: meeting.startedAt,
    ready: meeting.ready,
    locked: meeting.locked,
    guestToken: meeting.guestToken,
    recording: meeting.recordingId !== null,
    participants: [...meeting.participants.values()].map(({ user }) => ({
      id: user.id,
      name: user.name,
      guest: user.guest,
      joinedAt: user.joinedAt,
    })),
  };
}

function accountState(core: EmulatorCore, apiKey: string): { [key: string]: Json } {
  const { store } = core;
  const webhook = store.webhooks.get(apiKey);
  return {
    apiKey,
    permalinks: store.permalinksOf(apiKey).map((permalink) => {
      const meeting = store.runningMeeting(apiKey, permalink.id);
      return {
        id: permalink.id,
        name: permalink.name,
        createdAt: permalink.createdAt,
        expiresAt: permalink.expiresAt,
        expired: store.permalinkArea.isExpired(permalink),
        guestToken: permalink.guestToken,
        options: optionsView(permalink.options),
        hosts: store.permalinkArea.activeHosts(permalink).map((host) => ({
          id: host.user.id,
          name: host.user.name,
          userToken: host.userToken,
        })),
        meeting: meeting ? meetingState(meeting) : null,
      };
    }),
    meetings: store.runningMeetings(apiKey).map(meetingState),
    webhook: webhook
      ? {
          id: webhook.id,
          url: webhook.url,
          types: [...webhook.types],
          lastRequestSentAt: webhook.lastRequestSentAt,
          lastResponseCode: webhook.lastResponseCode,
        }
      : null,
  };
}

/**
 * The dashboard's document. `faults` comes from the caller (the controls own their JSON form). A delivery to
 * the emulator's own receiver says whether the signature verified there (it answers 201 or 401); bodies are
 * left out, since a `room_update` carries the guest token.
 */
export function dashboardState(core: EmulatorCore, faults: Json[]): { [key: string]: Json } {
  const origin = core.store.core.origin;
  const receiver = `${origin}${RECEIVER_PATH}`;
  const log: readonly RequestLogEntry[] = core.requestLog;
  return {
    origin,
    receiverUrl: receiver,
    warning: exposureWarning(core.listenHost) ?? null,
    webhookTypes: [...WEBHOOK_EVENT_TYPES],
    accounts: core.store.core.apiKeys.map((apiKey) => accountState(core, apiKey)),
    deliveries: core.deliveries.list().map((d) => {
      const ours = d.url === receiver;
      return {
        type: d.type,
        webhookId: d.webhookId,
        url: d.url,
        status: d.status,
        error: d.error ?? null,
        at: d.at,
        ours,
        verified: ours && d.status !== null ? d.status === 201 : null,
      };
    }),
    requestCount: log.length,
    requests: log.slice(-STATE_REQUEST_LIMIT).map((e) => ({ ...e }) as unknown as Json),
    faults,
  };
}

/** A strong ETag of a JSON text, so a page that polls gets 304 while nothing changed. */
export function etagOf(text: string): string {
  return `"${createHash("sha1").update(text).digest("base64url")}"`;
}
