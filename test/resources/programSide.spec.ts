// What a program loads when it declares the resources: the classes, not the providers behind them. The HTTP
// client (provider/client.ts and undici, which only it imports) is the dynamic-provider host's business; a
// program that only declares resources must not pay for loading it.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

/** The repository's modules (relative paths) and packages a fresh Node process loads running `code`. */
function loadedBy(code: string): string[] {
  const script =
    `${code}\n` +
    "setTimeout(() => { process.stdout.write(JSON.stringify(Object.keys(require.cache))); process.exit(0); }, 200);";
  const out = execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, PULUMI_TEST_MODE: "true" },
  });
  return (JSON.parse(out) as string[]).map((file) => path.relative(ROOT, file));
}

const DECLARE = `
const pulumi = require("@pulumi/pulumi");
pulumi.runtime.setMocks({
  newResource: (args) => ({ id: args.name + "-id", state: args.inputs }),
  call: () => ({}),
});
const { Permalink } = require("./provider/resources/permalink");
const { PermalinkHost } = require("./provider/resources/permalinkHost");
const { Webhook } = require("./provider/resources/webhook");
const room = new Permalink("room", { user: { name: "Host" } });
new PermalinkHost("deputy", { permalink: room, user: { name: "Deputy" } });
new Webhook("hook", { url: "https://hooks.example.com/eyeson", types: ["room_update"] });
`;

describe("declaring resources in a program", function () {
  this.timeout(60_000);

  it("loads the resource classes but not the HTTP client, undici or the provider implementations", () => {
    const loaded = loadedBy(DECLARE);
    assert.ok(loaded.includes(path.join("provider", "resources", "permalink.ts")), "the class was loaded");
    const http = loaded.filter(
      (file) =>
        file === path.join("provider", "client.ts") ||
        file.startsWith(path.join("provider", "http")) ||
        /[/\\]node_modules[/\\]undici[/\\]/.test(file) ||
        /^provider[/\\]resources[/\\](permalink|permalinkHost|webhook)Provider\.ts$/.test(file),
    );
    assert.deepEqual(http, []);
  });

  it("loads the client once the dynamic-provider host asks the shim for an implementation", () => {
    // The counter-check: the same probe sees the client when the host side is reached.
    const loaded = loadedBy(`${DECLARE}\nrequire("./provider/resources/shim").load("permalink", {});`);
    assert.ok(loaded.includes(path.join("provider", "client.ts")));
    assert.ok(loaded.includes(path.join("provider", "resources", "permalinkProvider.ts")));
  });
});
