// `pulumi-eyeson adopt --format import-file` against the emulator: the document `pulumi import --file` takes,
// naming each permalink and the webhook by id for the plugin's types, and nothing secret. The engine part (the
// import itself, then a preview with no changes) is in test/engine/plugin-yaml.spec.ts.
import assert from "node:assert/strict";
import { startEmulator, type EmulatorHandle } from "../../emulator";
import { main } from "../../cli";
import type { CommandIo } from "../../cli/io";
import { EyesonClient, NO_DELAY_RETRY_POLICY } from "../../provider/client";

async function adopt(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string }> {
  let stdout = "";
  const io: CommandIo = { env, stdout: (t) => (stdout += t), stderr: () => undefined };
  return { code: await main(["adopt", ...argv], io), stdout };
}

describe("pulumi-eyeson adopt --format import-file", () => {
  let emulator: EmulatorHandle;
  let client: EyesonClient;
  const env = (): NodeJS.ProcessEnv => ({
    EYESON_API_KEY: emulator.apiKey,
    EYESON_API_ENDPOINT: emulator.url,
  });

  before(async () => {
    emulator = await startEmulator({ strict: true });
    client = new EyesonClient({
      apiKey: emulator.apiKey,
      endpoint: emulator.url,
      retry: NO_DELAY_RETRY_POLICY,
      env: {},
    });
  });
  beforeEach(() => emulator.reset());
  after(async () => {
    await client.close();
    await emulator.close();
  });

  it("names each permalink and the webhook by id with the plugin's type tokens", async () => {
    const lobby = await client.createPermalink({ name: "Lobby", user: { name: "Reception" } });
    const lobby2 = await client.createPermalink({ name: "Lobby", user: { name: "Night desk" } });
    await client.registerWebhook({ url: "https://hooks.example.com/eyeson", types: ["room_update"] });
    const hook = await client.getWebhook();
    const run = await adopt(["--format", "import-file"], env());
    assert.equal(run.code, 0);
    const document = JSON.parse(run.stdout) as { resources: { type: string; name: string; id: string }[] };
    assert.deepEqual(document, {
      resources: [
        { type: "eyeson:index:Permalink", name: "lobby", id: lobby.permalink.id },
        { type: "eyeson:index:Permalink", name: "lobby-2", id: lobby2.permalink.id },
        { type: "eyeson:index:Webhook", name: "webhook", id: hook?.id },
      ],
    });
  });

  it("lists a permalink whose expiry has passed too, since an import keeps it as it is", async () => {
    const past = await client.createPermalink({
      name: "Old",
      user: { name: "Host" },
      expiresAt: "2020-01-01T00:00:00Z",
    });
    const run = await adopt(["--format=import-file"], env());
    assert.deepEqual(JSON.parse(run.stdout), {
      resources: [{ type: "eyeson:index:Permalink", name: "old", id: past.permalink.id }],
    });
  });

  it("writes an empty list for an empty account, and never the API key or a token", async () => {
    assert.deepEqual(JSON.parse((await adopt(["--format", "import-file"], env())).stdout), { resources: [] });
    const room = await client.createPermalink({ name: "Room", user: { name: "Host" } });
    const text = (await adopt(["--format", "import-file"], env())).stdout;
    for (const secret of [emulator.apiKey, room.permalink.userToken, room.permalink.guestToken]) {
      assert.ok(!text.includes(secret));
    }
  });
});
