// `pulumi-eyeson orphans` reads the plugin's Permalinks out of a state as it reads the dynamic ones: the
// plugin's creates carry the same create marks (see test/faults for the whole recovery procedure).
import assert from "node:assert/strict";
import { stackPermalinks } from "../../cli/orphans";

describe("pulumi-eyeson orphans with the plugin's resources", () => {
  it("collects the create keys and ids of eyeson:index:Permalink resources beside the dynamic ones", () => {
    const exported = {
      deployment: {
        resources: [
          { type: "eyeson:index:Permalink", id: "p1", inputs: { createKey: "pk-plugin" } },
          { type: "pulumi-nodejs:dynamic/eyeson:Permalink", id: "p2", inputs: { createKey: "pk-dynamic" } },
          { type: "eyeson:index:Webhook", id: "w1", inputs: { declaredAt: "pk-webhook" } },
        ],
        pending_operations: [
          { resource: { type: "eyeson:index:Permalink", inputs: { createKey: "pk-pending" } } },
        ],
      },
    };
    const { createKeys, ids } = stackPermalinks(exported);
    assert.deepEqual([...createKeys].sort(), ["pk-dynamic", "pk-pending", "pk-plugin"]);
    assert.deepEqual([...ids].sort(), ["p1", "p2"]);
  });
});
