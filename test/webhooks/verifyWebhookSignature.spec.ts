/**
 * `verifyWebhookSignature` against the emulator's real signed deliveries (captured raw by a receiver on
 * 127.0.0.1) and against tampered variants of them.
 */
import assert from "node:assert/strict";
import { startEmulator, signWebhookBody, type EmulatorHandle } from "../../emulator";
import { verifyWebhookSignature } from "../../provider";
import {
  captureReceiver,
  deliverEveryEvent,
  EVENT_TYPES,
  tamperedVariants,
  type Delivery,
} from "./deliveries";

const OTHER_KEY = "emu_anotherKeyOfTheSameAccount00000";

describe("verifyWebhookSignature", () => {
  let emulator: EmulatorHandle;
  let receiver: Awaited<ReturnType<typeof captureReceiver>>;
  let apiKey: string;

  before(async () => {
    emulator = await startEmulator({
      strict: true,
      seed: 8,
      apiKeys: ["emu_theKeyThatRegisteredTheWebhook0", OTHER_KEY],
    });
    apiKey = emulator.apiKey;
    receiver = await captureReceiver();
  });
  after(async () => {
    await receiver.close();
    await emulator.close();
  });
  beforeEach(() => {
    emulator.reset();
    receiver.received.length = 0;
  });

  /** Every event type delivered once more, as the receiver got it. */
  async function genuineDeliveries(): Promise<Delivery[]> {
    await deliverEveryEvent(emulator, receiver.url);
    const types = receiver.received.map((d) => (JSON.parse(d.raw.toString("utf8")) as { type: string }).type);
    assert.deepEqual([...new Set(types)].sort(), [...EVENT_TYPES].sort());
    return receiver.received;
  }

  it("accepts every delivery the emulator signed, given as Buffer, Uint8Array or string", async () => {
    const deliveries = await genuineDeliveries();
    assert.ok(deliveries.length >= 8, `${deliveries.length} deliveries`);
    for (const { raw, signature } of deliveries) {
      assert.equal(typeof signature, "string");
      assert.equal(verifyWebhookSignature(raw, signature, apiKey), true);
      assert.equal(verifyWebhookSignature(new Uint8Array(raw), signature, apiKey), true);
      assert.equal(verifyWebhookSignature(raw.toString("utf8"), signature, apiKey), true);
      // node:http gives a list only for repeated headers; a list of one is still that one header.
      assert.equal(verifyWebhookSignature(raw, [signature as string], apiKey), true);
    }
  });

  it("accepts a body signed with non-ASCII text, read back as a UTF-8 string", () => {
    const body = JSON.stringify({
      timestamp: 1,
      type: "room_update",
      room: { id: "r", name: "Café ☕ Zürich" },
    });
    const signature = signWebhookBody(body, apiKey);
    assert.equal(verifyWebhookSignature(Buffer.from(body, "utf8"), signature, apiKey), true);
    assert.equal(verifyWebhookSignature(body, signature, apiKey), true);
    assert.equal(verifyWebhookSignature(Buffer.from(body, "latin1"), signature, apiKey), false);
  });

  it("rejects every tampered variant of every delivery", async () => {
    const deliveries = await genuineDeliveries();
    let tried = 0;
    for (const { raw, signature } of deliveries) {
      const variants = tamperedVariants(
        raw,
        signature as string,
        signWebhookBody(raw.toString("utf8"), OTHER_KEY),
      );
      for (const v of variants) {
        assert.equal(verifyWebhookSignature(v.raw, v.signature, apiKey), false, v.what);
        tried += 1;
      }
    }
    assert.equal(tried, deliveries.length * 12);
  });

  it("rejects a genuine delivery checked with another API key or an empty one", async () => {
    const [{ raw, signature }] = await genuineDeliveries();
    assert.equal(verifyWebhookSignature(raw, signature, OTHER_KEY), false);
    assert.equal(verifyWebhookSignature(raw, signature, ""), false);
  });

  it("returns false instead of throwing for values a JavaScript caller might pass", async () => {
    const [{ raw, signature }] = await genuineDeliveries();
    const loose = verifyWebhookSignature as (body: unknown, signature: unknown, key: unknown) => boolean;
    const cases: ReadonlyArray<[string, unknown, unknown, unknown]> = [
      ["a null signature", raw, null, apiKey],
      ["a numeric signature", raw, 42, apiKey],
      ["an empty list of signatures", raw, [], apiKey],
      ["a list holding a number", raw, [42], apiKey],
      ["a signature of non-hex characters", raw, "z".repeat(64), apiKey],
      ["a signature with a multi-byte character", raw, `${(signature as string).slice(0, 63)}é`, apiKey],
      ["a parsed object for the body", JSON.parse(raw.toString("utf8")), signature, apiKey],
      ["a null body", null, signature, apiKey],
      ["an undefined key", raw, signature, undefined],
      ["a Buffer for the key", raw, signature, Buffer.from(apiKey)],
    ];
    for (const [what, body, sig, key] of cases) {
      assert.equal(loose(body, sig, key), false, what);
    }
  });
});
