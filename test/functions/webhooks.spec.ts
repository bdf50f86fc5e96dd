import assert from "node:assert/strict";
import { getWebhook, getWebhookOutput } from "../../provider/functions";
import { describeCases, functionCase } from "./support";

describeCases("webhooks", [
  functionCase({
    name: "getWebhook",
    does: "reads the API key's registered webhook",
    prepare: async (ctx) => {
      await ctx.client.registerWebhook({ url: "https://hooks.example.com/eyeson", types: ["room_update"] });
      return {};
    },
    promise: getWebhook,
    output: getWebhookOutput,
    request: "GET /webhooks",
    auth: "api_key",
    secret: false,
    verify: (result) => {
      assert.equal(result.webhook?.url, "https://hooks.example.com/eyeson");
      assert.deepEqual(result.webhook?.types, ["room_update"]);
    },
  }),
  functionCase({
    name: "getWebhook",
    does: "returns null when no webhook is registered",
    prepare: async () => ({}),
    promise: getWebhook,
    output: getWebhookOutput,
    request: "GET /webhooks",
    auth: "api_key",
    secret: false,
    verify: (result) => assert.deepEqual(result, { webhook: null }),
  }),
]);
