import assert from "node:assert/strict";
import {
  getRoomUser,
  getRoomUserOutput,
  kickRoomUser,
  kickRoomUserOutput,
  listRoomUsers,
  listRoomUsersOutput,
  registerGuest,
  registerGuestOutput,
} from "../../provider/functions";
import { describeCases, functionCase, type CaseContext } from "./support";

/** The host's access key after a guest named Bob (id `bob`) joined. */
async function meetingWithGuest(ctx: CaseContext): Promise<string> {
  const meeting = await ctx.meeting();
  await ctx.client.registerGuest(meeting.guestToken, { name: "Bob", id: "bob" });
  return meeting.accessKey;
}

describeCases("users", [
  functionCase({
    name: "listRoomUsers",
    does: "lists the meeting's participants",
    prepare: async (ctx) => ({ accessKey: await meetingWithGuest(ctx) }),
    promise: listRoomUsers,
    output: listRoomUsersOutput,
    request: "GET /rooms/:accessKey/users",
    auth: "access_key",
    secret: false,
    verify: (result) => {
      assert.deepEqual(result.users.map((u) => u.id).sort(), ["ada", "bob"]);
      assert.equal(result.users.find((u) => u.id === "bob")?.guest, true);
    },
  }),
  functionCase({
    name: "getRoomUser",
    does: "reads one participant's details",
    prepare: async (ctx) => ({ accessKey: await meetingWithGuest(ctx), userId: "bob" }),
    promise: getRoomUser,
    output: getRoomUserOutput,
    request: "GET /rooms/:accessKey/users/:userId",
    auth: "access_key",
    secret: false,
    verify: (user) => {
      assert.equal(user.id, "bob");
      assert.equal(user.name, "Bob");
      assert.equal(user.guest, true);
      assert.equal(typeof user.joinedAt, "string");
    },
  }),
  functionCase({
    name: "kickRoomUser",
    does: "removes a participant from the meeting",
    prepare: async (ctx) => ({ accessKey: await meetingWithGuest(ctx), userId: "bob" }),
    promise: kickRoomUser,
    output: kickRoomUserOutput,
    request: "DELETE /rooms/:accessKey/users/:userId",
    auth: "access_key",
    secret: false,
    verify: (result, ctx) => {
      assert.deepEqual(result, { userId: "bob", kicked: true });
      assert.equal(ctx.meetingRecord().participants.has("bob"), false);
    },
  }),
  functionCase({
    name: "registerGuest",
    does: "registers a guest in the running meeting with the guest token and returns the guest's access key",
    prepare: async (ctx) => ({ guestToken: (await ctx.meeting()).guestToken, name: "Bob", id: "bob" }),
    promise: registerGuest,
    output: registerGuestOutput,
    request: "POST /guests/:guestToken",
    auth: "token",
    secret: true,
    verify: async (room, ctx) => {
      assert.equal(room.user.id, "bob");
      assert.equal(room.user.guest, true);
      assert.notEqual(room.accessKey, (await ctx.meeting()).accessKey);
      assert.equal(ctx.meetingRecord().participants.has("bob"), true);
    },
  }),
]);
