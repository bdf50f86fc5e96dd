import assert from "node:assert/strict";
import {
  getPermalink,
  getPermalinkOutput,
  getPermalinkRoom,
  getPermalinkRoomOutput,
  listPermalinks,
  listPermalinksOutput,
  startPermalinkMeeting,
  startPermalinkMeetingOutput,
} from "../../provider/functions";
import type { Permalink } from "../../provider/types";
import { describeCases, functionCase, type CaseContext } from "./support";

function createWarRoom(ctx: CaseContext): Promise<Permalink> {
  return ctx.client.createPermalink({
    name: "War room",
    user: { name: "Grace", id: "grace" },
    options: { sfuMode: "disabled" },
  });
}

describeCases("permalinks", [
  functionCase({
    name: "listPermalinks",
    does: "lists the API key's permalinks",
    prepare: async (ctx) => {
      await createWarRoom(ctx);
      return { page: 1, limit: 10 };
    },
    promise: listPermalinks,
    output: listPermalinksOutput,
    request: "GET /permalink",
    auth: "api_key",
    secret: true,
    verify: (page) => {
      assert.equal(page.total, 1);
      assert.equal(page.items[0]?.room.name, "War room");
    },
  }),
  functionCase({
    name: "getPermalink",
    does: "reads one permalink by id",
    prepare: async (ctx) => ({ permalinkId: (await createWarRoom(ctx)).permalink.id }),
    promise: getPermalink,
    output: getPermalinkOutput,
    request: "GET /permalink/:permalinkId",
    auth: "api_key",
    secret: true,
    verify: (permalink, _ctx, args) => {
      assert.equal(permalink.permalink.id, args.permalinkId);
      assert.equal(permalink.user.id, "grace");
    },
  }),
  functionCase({
    name: "getPermalinkRoom",
    does: "reads a permalink's room with a host's user token",
    prepare: async (ctx) => ({ userToken: (await createWarRoom(ctx)).permalink.userToken }),
    promise: getPermalinkRoom,
    output: getPermalinkRoomOutput,
    request: "GET /permalink/:userToken",
    auth: "token",
    secret: true,
    verify: (permalink) => {
      assert.equal(permalink.room.name, "War room");
      assert.equal(permalink.room.startedAt, null);
    },
  }),
  functionCase({
    name: "startPermalinkMeeting",
    does: "starts the permalink's meeting as a host",
    prepare: async (ctx) => ({ userToken: (await createWarRoom(ctx)).permalink.userToken }),
    promise: startPermalinkMeeting,
    output: startPermalinkMeetingOutput,
    // Asking first tells whether this call starts the meeting or joins it (`alreadyRunning`).
    request: ["GET /permalink/:userToken", "POST /permalink/:userToken"],
    auth: "token",
    secret: true,
    verify: (room, ctx) => {
      assert.equal(room.user.id, "grace");
      assert.match(room.accessKey, /^[A-Za-z0-9]{24}$/);
      assert.ok(ctx.meetingRecord(room.room.id).participants.has("grace"));
    },
  }),
]);
