import assert from "node:assert/strict";
import {
  endRoom,
  endRoomOutput,
  getRoom,
  getRoomOutput,
  listRooms,
  listRoomsOutput,
  lockRoom,
  lockRoomOutput,
  shutdownRoom,
  shutdownRoomOutput,
  startRoom,
  startRoomOutput,
} from "../../provider/functions";
import { describeCases, functionCase } from "./support";

describeCases("rooms", [
  functionCase({
    name: "startRoom",
    does: "opens a meeting in the given room and returns the host's access key and links",
    prepare: async () => ({
      id: "standup",
      name: "Stand-up",
      user: { name: "Ada", id: "ada" },
      options: { sfuMode: "disabled" as const, widescreen: true },
    }),
    promise: startRoom,
    output: startRoomOutput,
    request: "POST /rooms",
    auth: "api_key",
    secret: true,
    verify: (room, ctx) => {
      assert.equal(room.room.id, "standup");
      assert.equal(room.user.id, "ada");
      assert.match(room.accessKey, /^[A-Za-z0-9]{24}$/);
      assert.ok(room.links.gui.includes(room.accessKey));
      assert.equal(room.options.sfuMode, "disabled");
      assert.equal(ctx.meetingRecord("standup").options.widescreen, true);
    },
  }),
  functionCase({
    name: "getRoom",
    does: "reads the running meeting as the access key's user sees it",
    prepare: async (ctx) => ({ accessKey: (await ctx.meeting()).accessKey }),
    promise: getRoom,
    output: getRoomOutput,
    request: "GET /rooms/:accessKey",
    auth: "access_key",
    secret: true,
    verify: (room, _ctx, args) => {
      assert.equal(room.room.id, "situation");
      assert.equal(room.accessKey, args.accessKey);
      assert.equal(room.user.name, "Ada");
    },
  }),
  functionCase({
    name: "endRoom",
    does: "ends the meeting for everyone",
    prepare: async (ctx) => ({ accessKey: (await ctx.meeting()).accessKey }),
    promise: endRoom,
    output: endRoomOutput,
    request: "DELETE /rooms/:accessKey",
    auth: "access_key",
    secret: false,
    verify: (result, ctx) => {
      assert.deepEqual(result, { ended: true });
      assert.equal(ctx.emulator.store.runningMeeting(ctx.emulator.apiKey, "situation"), undefined);
    },
  }),
  functionCase({
    name: "listRooms",
    does: "lists the running meetings of the API key",
    prepare: async (ctx) => {
      await ctx.meeting();
      return {};
    },
    promise: listRooms,
    output: listRoomsOutput,
    request: "GET /rooms",
    auth: "api_key",
    // Each room carries its guest token, so the list is secret.
    secret: true,
    verify: (result) => {
      assert.deepEqual(
        result.rooms.map((r) => r.id),
        ["situation"],
      );
    },
  }),
  functionCase({
    name: "shutdownRoom",
    does: "force-ends the meeting running in a room by room id",
    prepare: async (ctx) => ({ roomId: (await ctx.meeting()).roomId }),
    promise: shutdownRoom,
    output: shutdownRoomOutput,
    request: "DELETE /rooms/:roomId",
    auth: "api_key",
    secret: false,
    verify: (result, ctx) => {
      assert.deepEqual(result, { roomId: "situation", ended: true });
      assert.equal(ctx.emulator.store.runningMeeting(ctx.emulator.apiKey, "situation"), undefined);
    },
  }),
  functionCase({
    name: "lockRoom",
    does: "locks the meeting so nobody else can join",
    prepare: async (ctx) => ({ accessKey: (await ctx.meeting()).accessKey }),
    promise: lockRoom,
    output: lockRoomOutput,
    request: "POST /rooms/:accessKey/lock",
    auth: "access_key",
    secret: false,
    verify: (result, ctx) => {
      assert.deepEqual(result, { locked: true });
      assert.equal(ctx.meetingRecord().locked, true);
    },
  }),
]);
