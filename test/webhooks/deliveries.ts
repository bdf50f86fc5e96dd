/**
 * Real signed webhook deliveries for the signature specs: a receiver on 127.0.0.1 that keeps each raw body
 * and header, a run that makes the emulator send every event type, and the tampered variants of a delivery
 * that a receiver must refuse.
 */
import assert from "node:assert/strict";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { EmulatorHandle } from "../../emulator";
import { call, expectStatus, startRoom } from "../emulator/helpers";

/** One delivery as it arrived: the exact bytes and the signature header. */
export interface Delivery {
  readonly raw: Buffer;
  readonly signature: IncomingHttpHeaders[string];
}

/**
 * A receiver on 127.0.0.1 (port 0) that answers 201 and keeps every delivery.
 * @param answerAfterMs how long it holds each answer back (default 0), so a delivery is still in flight for
 * that long after the event that caused it.
 */
export async function captureReceiver(answerAfterMs = 0): Promise<{
  url: string;
  received: Delivery[];
  close(): Promise<void>;
}> {
  const received: Delivery[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ raw: Buffer.concat(chunks), signature: req.headers["x-eyeson-signature"] });
      setTimeout(() => res.writeHead(201).end(), answerAfterMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/eyeson`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The four event types eyeson delivers ("Webhook deliveries" in emulator/README.md). */
export const EVENT_TYPES = ["room_update", "participant_update", "recording_update", "snapshot_update"];

/**
 * Registers `url` as the webhook of `key` for every event type, then starts a meeting, lets a guest join,
 * records, takes a snapshot and ends the meeting, and waits until every delivery was attempted.
 */
export async function deliverEveryEvent(
  emulator: EmulatorHandle,
  url: string,
  key = emulator.apiKey,
): Promise<void> {
  expectStatus(
    await call(emulator.url, "POST", "/webhooks", { key, form: { url, types: EVENT_TYPES.join(",") } }),
    201,
  );
  const room = await startRoom(emulator, { user: { id: "alice", name: "Alice" } }, key);
  const ak = room.access_key as string;
  expectStatus(await call(emulator.url, "GET", `/rooms/${ak}`), 200);
  expectStatus(
    await call(emulator.url, "POST", `/guests/${room.room.guest_token as string}`, {
      json: { name: "Bob", id: "bob" },
    }),
    201,
  );
  expectStatus(await call(emulator.url, "POST", `/rooms/${ak}/recording`), 201);
  expectStatus(await call(emulator.url, "DELETE", `/rooms/${ak}/recording`), 200);
  expectStatus(await call(emulator.url, "POST", `/rooms/${ak}/snapshot`), 201);
  expectStatus(await call(emulator.url, "DELETE", `/rooms/${ak}`), 204);
  await emulator.deliveries.idle();
}

/** A delivery changed so that its signature must no longer verify. */
export interface Tampered {
  readonly what: string;
  readonly raw: Buffer;
  readonly signature: string | string[] | undefined;
}

/**
 * The variants of a genuine delivery (its body and signature) that a receiver must refuse; `otherKeySignature`
 * is the same body signed with another API key. Each variant is checked to differ from the genuine one, so
 * none of them can pass by accident.
 */
export function tamperedVariants(raw: Buffer, signature: string, otherKeySignature: string): Tampered[] {
  const changedByte = Buffer.from(raw);
  // The last digit of the timestamp: still valid JSON, a different event time.
  const digit = changedByte.indexOf(",") - 1;
  changedByte[digit] = changedByte[digit] === 0x30 ? 0x31 : 0x30;
  const parsed = JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
  const reordered = Object.fromEntries(Object.entries(parsed).reverse());
  const variants: Tampered[] = [
    { what: "a changed byte in the body", raw: changedByte, signature },
    { what: "a trailing newline after the body", raw: Buffer.concat([raw, Buffer.from("\n")]), signature },
    {
      what: "the body re-serialised with indentation",
      raw: Buffer.from(JSON.stringify(parsed, null, 2)),
      signature,
    },
    {
      what: "the body re-serialised with its keys reordered",
      raw: Buffer.from(JSON.stringify(reordered)),
      signature,
    },
    { what: "a truncated signature", raw, signature: signature.slice(0, 63) },
    { what: "half a signature", raw, signature: signature.slice(0, 32) },
    { what: "an upper-cased signature", raw, signature: signature.toUpperCase() },
    { what: "a signature with a sha256= prefix", raw, signature: `sha256=${signature}` },
    { what: "a missing signature", raw, signature: undefined },
    { what: "an empty signature", raw, signature: "" },
    { what: "the signature of another API key", raw, signature: otherKeySignature },
    { what: "the signature given twice", raw, signature: [signature, signature] },
  ];
  for (const v of variants) {
    assert.ok(
      !v.raw.equals(raw) || v.signature !== signature,
      `the variant "${v.what}" must differ from the genuine delivery`,
    );
  }
  return variants;
}
