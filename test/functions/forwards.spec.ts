import assert from "node:assert/strict";
import {
  forwardMcu,
  forwardMcuOutput,
  forwardPlayback,
  forwardPlaybackOutput,
  forwardSource,
  forwardSourceOutput,
  stopForward,
  stopForwardOutput,
} from "../../provider/functions";
import { describeCases, functionCase } from "./support";

const WHIP = "https://analysis.example.com/whip";

describeCases("forwards", [
  functionCase({
    name: "forwardSource",
    does: "forwards one participant's stream to a WHIP endpoint",
    prepare: async (ctx) => ({
      roomId: (await ctx.meeting()).roomId,
      forwardId: "ada-to-ai",
      userId: "ada",
      type: ["audio", "video"] as const,
      url: WHIP,
    }),
    promise: forwardSource,
    output: forwardSourceOutput,
    request: "POST /rooms/:roomId/forward/source",
    auth: "api_key",
    secret: false,
    verify: (result, ctx) => {
      assert.deepEqual(result, { roomId: "situation", forwardId: "ada-to-ai", alreadyRunning: false });
      const forward = ctx.meetingRecord().forwards.get("ada-to-ai");
      assert.equal(forward?.kind, "source");
      assert.equal(forward?.userId, "ada");
      assert.deepEqual(forward?.type, ["audio", "video"]);
      assert.equal(forward?.url, WHIP);
    },
  }),
  functionCase({
    name: "forwardMcu",
    does: "forwards the composed meeting stream to a WHIP endpoint",
    prepare: async (ctx) => ({
      roomId: (await ctx.meeting()).roomId,
      forwardId: "mcu",
      type: ["video"] as const,
      url: WHIP,
    }),
    promise: forwardMcu,
    output: forwardMcuOutput,
    request: "POST /rooms/:roomId/forward/mcu",
    auth: "api_key",
    secret: false,
    verify: (result, ctx) => {
      assert.deepEqual(result, { roomId: "situation", forwardId: "mcu", alreadyRunning: false });
      assert.equal(ctx.meetingRecord().forwards.get("mcu")?.kind, "mcu");
    },
  }),
  functionCase({
    name: "forwardPlayback",
    does: "forwards a running playback to a WHIP endpoint",
    prepare: async (ctx) => {
      const { accessKey, roomId } = await ctx.meeting();
      await ctx.client.startPlayback(accessKey, {
        url: "https://media.example.com/b.webm",
        playId: "briefing",
      });
      return { roomId, forwardId: "briefing-fw", playId: "briefing", type: ["audio"] as const, url: WHIP };
    },
    promise: forwardPlayback,
    output: forwardPlaybackOutput,
    request: "POST /rooms/:roomId/forward/playback",
    auth: "api_key",
    secret: false,
    verify: (result, ctx) => {
      assert.deepEqual(result, { roomId: "situation", forwardId: "briefing-fw", alreadyRunning: false });
      assert.equal(ctx.meetingRecord().forwards.get("briefing-fw")?.playId, "briefing");
    },
  }),
  functionCase({
    name: "stopForward",
    does: "stops a forward by its id",
    prepare: async (ctx) => {
      const { roomId } = await ctx.meeting();
      await ctx.client.forwardMcu(roomId, { forwardId: "mcu", type: ["video"], url: WHIP });
      return { roomId, forwardId: "mcu" };
    },
    promise: stopForward,
    output: stopForwardOutput,
    request: "DELETE /rooms/:roomId/forward/:forwardId",
    auth: "api_key",
    secret: false,
    verify: (result, ctx) => {
      assert.deepEqual(result, { roomId: "situation", forwardId: "mcu", stopped: true });
      assert.equal(ctx.meetingRecord().forwards.size, 0);
    },
  }),
]);
