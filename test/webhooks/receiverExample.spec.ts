// examples/webhook-receiver run as the program a user starts (ts-node, EYESON_API_KEY, PORT=0 on 127.0.0.1):
// it answers 201 to the emulator's signed deliveries and 401 to tampered ones, and never prints the key.
// Needs `npm run build` (the program imports `pulumi-eyeson`, which resolves to dist/).
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { startEmulator, signWebhookBody, type EmulatorHandle } from "../../emulator";
import { call, expectStatus } from "../emulator/helpers";
import { deliverEveryEvent, EVENT_TYPES, tamperedVariants } from "./deliveries";

const ROOT = path.resolve(__dirname, "..", "..");
const PROGRAM = path.join(ROOT, "examples", "webhook-receiver", "index.ts");
const OTHER_KEY = "emu_someOtherAccountsKey000000000000";

/** Starts the example and resolves with its URL once it says where it listens. */
function startReceiver(apiKey: string, output: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", PROGRAM], {
    cwd: ROOT,
    env: { ...process.env, EYESON_API_KEY: apiKey, PORT: "0", HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    const seen = (chunk: Buffer): void => {
      output.push(chunk.toString("utf8"));
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output.join(""))?.[1];
      if (url) resolve({ child, url });
    };
    child.stdout?.on("data", seen);
    child.stderr?.on("data", seen);
    child.once("exit", (code) =>
      reject(new Error(`the receiver exited (${code}) before listening:\n${output.join("")}`)),
    );
  });
}

describe("examples/webhook-receiver", function () {
  // Starting ts-node and @pulumi/pulumi in a child takes a few seconds on a busy machine.
  this.timeout(60_000);
  let emulator: EmulatorHandle;
  let receiver: { child: ChildProcess; url: string };
  const output: string[] = [];

  before(async () => {
    emulator = await startEmulator({ strict: true, seed: 9 });
    receiver = await startReceiver(emulator.apiKey, output);
  });
  after(async () => {
    if (receiver && receiver.child.exitCode === null && receiver.child.signalCode === null) {
      const exited = new Promise((resolve) => receiver.child.once("exit", resolve));
      receiver.child.kill("SIGTERM");
      await exited;
    }
    await emulator?.close();
  });
  beforeEach(() => emulator.reset());

  /** Posts a delivery to the receiver as eyeson would, with the given signature header (or none). */
  async function post(raw: Buffer, signature: string | string[] | undefined): Promise<number> {
    const headers = new Headers({ "content-type": "application/json" });
    for (const value of signature === undefined ? [] : [signature].flat())
      headers.append("x-eyeson-signature", value);
    const res = await fetch(receiver.url, { method: "POST", headers, body: raw });
    await res.arrayBuffer();
    return res.status;
  }

  it("answers 201 to every delivery the emulator signed", async () => {
    await deliverEveryEvent(emulator, receiver.url);
    const deliveries = emulator.deliveries.list();
    assert.deepEqual([...new Set(deliveries.map((d) => d.type))].sort(), [...EVENT_TYPES].sort());
    assert.deepEqual(
      deliveries.map((d) => [d.type, d.status]),
      deliveries.map((d) => [d.type, 201]),
    );
    const webhook = expectStatus(await call(emulator.url, "GET", "/webhooks", { key: emulator.apiKey }), 200);
    assert.equal(webhook.last_response_code, "201");
  });

  it("answers 401 to every tampered variant of a delivery, and 201 to the genuine one", async () => {
    await deliverEveryEvent(emulator, receiver.url);
    for (const delivery of emulator.deliveries.list()) {
      const raw = Buffer.from(delivery.body, "utf8");
      const signature = signWebhookBody(delivery.body, emulator.apiKey);
      for (const v of tamperedVariants(raw, signature, signWebhookBody(delivery.body, OTHER_KEY))) {
        assert.equal(await post(v.raw, v.signature), 401, `${delivery.type}: ${v.what}`);
      }
      assert.equal(await post(raw, signature), 201, `${delivery.type}: the genuine delivery`);
    }
  });

  it("answers 405 to a method other than POST", async () => {
    const res = await fetch(receiver.url);
    await res.arrayBuffer();
    assert.equal(res.status, 405);
    assert.equal(res.headers.get("allow"), "POST");
  });

  // Last: it stops the program, so that all it printed has arrived.
  it("logs what it accepted and rejected, never the API key, and exits cleanly on SIGTERM", async () => {
    await deliverEveryEvent(emulator, receiver.url);
    const raw = Buffer.from(emulator.deliveries.list()[0].body, "utf8");
    assert.equal(await post(raw, undefined), 401);
    const closed = new Promise<number | null>((resolve) => receiver.child.once("close", resolve));
    receiver.child.kill("SIGTERM");
    assert.equal(await closed, 0);
    const printed = output.join("");
    assert.match(printed, /accepted room_update/);
    assert.match(printed, /rejected a delivery without a valid signature/);
    assert.equal(printed.includes(emulator.apiKey), false, "the API key was printed");
  });
});
