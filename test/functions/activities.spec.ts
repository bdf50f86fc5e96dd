import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  addLayer,
  addLayerOutput,
  removeLayer,
  removeLayerOutput,
  sendMessage,
  sendMessageOutput,
  setLayout,
  setLayoutOutput,
  startBroadcast,
  startBroadcastOutput,
  startPlayback,
  startPlaybackOutput,
  stopBroadcast,
  stopBroadcastOutput,
  stopPlayback,
  stopPlaybackOutput,
  updateBroadcast,
  updateBroadcastOutput,
} from "../../provider/functions";
import { describeCases, functionCase } from "./support";

/** A 1×1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const STREAM_URL = "rtmp://live.example.com/app/sk_live_streamkey123";

function pngFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "eyeson-layer-"));
  const file = join(dir, "dashboard.png");
  writeFileSync(file, PNG);
  return file;
}

describeCases("activities", [
  functionCase({
    name: "sendMessage",
    does: "posts a chat message into the meeting",
    prepare: async (ctx) => ({
      accessKey: (await ctx.meeting()).accessKey,
      content: "INC-1042: checkout latency",
    }),
    promise: sendMessage,
    output: sendMessageOutput,
    request: "POST /rooms/:accessKey/messages",
    auth: "access_key",
    secret: false,
    verify: (result, ctx) => {
      assert.deepEqual(result, { type: "chat", sent: true });
      const [message] = ctx.meetingRecord().messages;
      assert.equal(message?.type, "chat");
      assert.equal(message?.content, "INC-1042: checkout latency");
    },
  }),
  functionCase({
    name: "addLayer",
    does: "puts an image from a URL on the background layer",
    prepare: async (ctx) => ({
      accessKey: (await ctx.meeting()).accessKey,
      url: "https://status.example.com/dashboard.png",
      zIndex: -1 as const,
      id: "status",
    }),
    promise: addLayer,
    output: addLayerOutput,
    request: "POST /rooms/:accessKey/layers",
    auth: "access_key",
    secret: false,
    verify: (result, ctx) => {
      assert.deepEqual(result, { zIndex: -1, id: "status", source: "url" });
      const layer = ctx.meetingRecord().layers.background;
      assert.equal(layer?.url, "https://status.example.com/dashboard.png");
      assert.equal(layer?.id, "status");
    },
  }),
  functionCase({
    name: "addLayer",
    does: "uploads a local image file as the foreground layer",
    prepare: async (ctx) => ({ accessKey: (await ctx.meeting()).accessKey, file: pngFile() }),
    promise: addLayer,
    output: addLayerOutput,
    request: "POST /rooms/:accessKey/layers",
    auth: "access_key",
    secret: false,
    verify: (result, ctx, args) => {
      rmSync(join(args.file, ".."), { recursive: true, force: true });
      assert.deepEqual(result, { zIndex: 1, source: "file" });
      const layer = ctx.meetingRecord().layers.foreground;
      assert.deepEqual(layer?.file, {
        filename: "dashboard.png",
        contentType: "image/png",
        size: PNG.length,
      });
    },
  }),
  functionCase({
    name: "removeLayer",
    does: "clears the background layer",
    prepare: async (ctx) => {
      const { accessKey } = await ctx.meeting();
      await ctx.client.addLayer(accessKey, { url: "https://status.example.com/dashboard.png", zIndex: -1 });
      return { accessKey, zIndex: -1 as const };
    },
    promise: removeLayer,
    output: removeLayerOutput,
    request: "DELETE /rooms/:accessKey/layers/:index",
    auth: "access_key",
    secret: false,
    verify: (result, ctx) => {
      assert.deepEqual(result, { zIndex: -1, removed: true });
      assert.equal(ctx.meetingRecord().layers.background, null);
    },
  }),
  functionCase({
    name: "setLayout",
    does: "sets a custom podium layout with its boxes and users",
    prepare: async (ctx) => ({
      accessKey: (await ctx.meeting()).accessKey,
      layout: "custom" as const,
      name: "podium-2",
      map: [
        [0, 0, 640, 720, "cover"],
        [640, 0, 640, 720, "contain"],
      ] as const,
      users: ["ada", ""],
      showNames: false,
    }),
    promise: setLayout,
    output: setLayoutOutput,
    request: "POST /rooms/:accessKey/layout",
    auth: "access_key",
    secret: false,
    verify: (result, ctx) => {
      assert.deepEqual(result, { layout: "custom", name: "podium-2", boxes: 2, users: ["ada", ""] });
      const options = ctx.meetingRecord().options;
      assert.equal(options.layout, "custom");
      assert.equal(options.layout_name, "podium-2");
      assert.deepEqual(options.layout_map, [
        [0, 0, 640, 720, "cover"],
        [640, 0, 640, 720, "contain"],
      ]);
      assert.deepEqual(options.layout_users, ["ada", ""]);
      assert.equal(options.show_names, false);
    },
  }),
  functionCase({
    name: "startPlayback",
    does: "plays a video into the meeting under its play id",
    prepare: async (ctx) => ({
      accessKey: (await ctx.meeting()).accessKey,
      url: "https://media.example.com/briefing.webm",
      playId: "briefing",
      audio: true,
      loopCount: -1,
    }),
    promise: startPlayback,
    output: startPlaybackOutput,
    request: "POST /rooms/:accessKey/playbacks",
    auth: "access_key",
    secret: false,
    verify: (result, ctx) => {
      assert.deepEqual(result, { playId: "briefing", started: true, alreadyRunning: false });
      const [playback] = ctx.meetingRecord().playbacks;
      assert.equal(playback?.play_id, "briefing");
      assert.equal(playback?.audio, true);
      assert.equal(playback?.loop_count, -1);
    },
  }),
  functionCase({
    name: "stopPlayback",
    does: "stops a playback by its play id",
    prepare: async (ctx) => {
      const { accessKey } = await ctx.meeting();
      await ctx.client.startPlayback(accessKey, {
        url: "https://media.example.com/b.webm",
        playId: "briefing",
      });
      return { accessKey, playId: "briefing" };
    },
    promise: stopPlayback,
    output: stopPlaybackOutput,
    request: "DELETE /rooms/:accessKey/playbacks/:playId",
    auth: "access_key",
    secret: false,
    verify: (result, ctx) => {
      assert.deepEqual(result, { playId: "briefing", stopped: true });
      assert.equal(
        ctx.meetingRecord().playbacks.some((p) => p.play_id === "briefing"),
        false,
      );
    },
  }),
  functionCase({
    name: "startBroadcast",
    does: "starts the RTMP live stream and leaves the stream key out of the result",
    prepare: async (ctx) => ({
      accessKey: (await ctx.meeting()).accessKey,
      streamUrl: STREAM_URL,
      playerUrl: "https://watch.example.com/incident",
    }),
    promise: startBroadcast,
    output: startBroadcastOutput,
    request: "POST /rooms/:accessKey/broadcasts",
    auth: "access_key",
    secret: false,
    verify: (result, ctx) => {
      assert.deepEqual(result, {
        playerUrl: "https://watch.example.com/incident",
        started: true,
        alreadyRunning: false,
      });
      assert.ok(!JSON.stringify(result).includes("streamkey"));
      assert.equal(ctx.meetingRecord().broadcast?.streamUrl, STREAM_URL);
    },
  }),
  functionCase({
    name: "updateBroadcast",
    does: "changes the broadcast's public player URL",
    prepare: async (ctx) => {
      const { accessKey } = await ctx.meeting();
      await ctx.client.startBroadcast(accessKey, { streamUrl: STREAM_URL });
      return { accessKey, playerUrl: "https://watch.example.com/v2" };
    },
    promise: updateBroadcast,
    output: updateBroadcastOutput,
    request: "PUT /rooms/:accessKey/broadcasts",
    auth: "access_key",
    secret: false,
    verify: (result, ctx) => {
      assert.deepEqual(result, { playerUrl: "https://watch.example.com/v2" });
      assert.equal(ctx.meetingRecord().broadcast?.player_url, "https://watch.example.com/v2");
    },
  }),
  functionCase({
    name: "stopBroadcast",
    does: "stops the broadcast",
    prepare: async (ctx) => {
      const { accessKey } = await ctx.meeting();
      await ctx.client.startBroadcast(accessKey, { streamUrl: STREAM_URL });
      return { accessKey };
    },
    promise: stopBroadcast,
    output: stopBroadcastOutput,
    request: "DELETE /rooms/:accessKey/broadcasts",
    auth: "access_key",
    secret: false,
    verify: (result, ctx) => {
      assert.deepEqual(result, { stopped: true });
      assert.equal(ctx.meetingRecord().broadcast, null);
    },
  }),
]);
