// `pulumi up` in the repository, as a user runs it: the CLI reads the top-level Pulumi.yaml (the
// standing-rooms example, its stack files under examples/standing-rooms), starts the Node.js language host,
// and the program type-checks and runs with ts-node. These are the commands of CONTRIBUTING.md's "Run the
// example stack yourself", with a stack name of the test's own so that no tracked stack file is touched.
// Needs `npm run build` (the program imports `pulumi-eyeson`, which resolves to dist/).
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { startEmulator, type EmulatorHandle } from "../../emulator";
import { standingRoomsStack } from "./directoryStack";
import { requireCli } from "./harness";

describe("the repository's Pulumi.yaml through the pulumi CLI (directory program)", function () {
  this.timeout(600_000);
  // The dev stack's rooms, under a stack name of our own.
  const dir = standingRoomsStack("directory");
  const { stackFile, pulumi, ok } = dir;
  let emulator: EmulatorHandle;

  before(async function () {
    requireCli(this);
    emulator = await startEmulator({ strict: true });
    dir.open();
    await dir.init(emulator);
  });

  after(async () => {
    await dir.dispose();
    await emulator?.close();
  });

  it("creates the dev rooms, the second host and the webhook with `pulumi up`", async () => {
    const up = await ok("up", "--yes");
    assert.match(up.stdout, /5 created/);
    const permalinks = emulator.store.permalinksOf(emulator.apiKey);
    assert.equal(permalinks.length, 2);
    const routes = emulator.requests.list().map((r) => r.route);
    assert.ok(routes.includes("POST /permalink/:permalinkId/users"));
    assert.ok(routes.includes("POST /webhooks"));
    const outputs = JSON.parse((await ok("stack", "output", "--json")).stdout) as Record<string, unknown>;
    assert.equal(outputs.guestLinks, "[secret]");
    assert.deepEqual(Object.keys(outputs.permalinkIds as object).sort(), ["sandbox", "war-room"]);
  });

  it("keeps the API key encrypted in the stack file it wrote", () => {
    const text = fs.readFileSync(stackFile, "utf8");
    assert.ok(!text.includes(emulator.apiKey));
    assert.match(text, /eyeson:apiKey:\s*\n\s*secure:/);
  });

  it("previews no changes afterwards, sending no request that changes anything", async () => {
    emulator.requests.clear();
    await ok("preview", "--expect-no-changes");
    assert.deepEqual(
      emulator.requests.list().filter((r) => r.method !== "GET"),
      [],
    );
  });

  it("removes everything with `pulumi destroy`", async () => {
    await ok("destroy", "--yes");
    assert.deepEqual(emulator.store.permalinksOf(emulator.apiKey), []);
    const hook = await fetch(`${emulator.url}/webhooks`, { headers: { authorization: emulator.apiKey } });
    assert.equal(await hook.text(), "null");
  });

  it("fails the preview with the program's own error when its config is missing", async () => {
    await ok("config", "rm", "eyeson-standing-rooms:rooms");
    const preview = await pulumi("preview");
    assert.notEqual(preview.code, 0);
    assert.match(
      preview.stdout + preview.stderr,
      /Missing required configuration variable 'eyeson-standing-rooms:rooms'/,
    );
    assert.deepEqual(emulator.store.permalinksOf(emulator.apiKey), []);
  });
});
