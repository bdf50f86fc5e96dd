/**
 * Webhook deliveries (`docs/api-notes.md`, "Webhook deliveries"): each event a registered webhook subscribed to is POSTed as JSON to its
 * URL, signed with `X-Eyeson-Signature` = hex HMAC-SHA256 of the raw body keyed with the API key. Deliveries
 * run one after another in the background, in event order; `idle()` waits until all have been attempted.
 * Only loopback URLs are called unless external delivery is allowed. A failing receiver never breaks the
 * emulator: the attempt is logged and the next one runs.
 */
import { createHmac } from "node:crypto";
import { request as httpRequest, type ClientRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { isLoopbackHost } from "../provider/loopback";
import type { WebhookEventType, WebhookRecord } from "./entities";
import type { EmulatorStore, StoreEvent } from "./store";
import { participantView, railsTime, recordingView, roomInfoView, snapshotView, type Json } from "./views";

/** One attempted (or skipped) delivery, for tests. */
export interface DeliveryLogEntry {
  readonly type: WebhookEventType;
  readonly webhookId: string;
  readonly url: string;
  /** The receiver's status; null when the connection failed or the delivery was skipped. */
  readonly status: number | null;
  /** Why there is no status (connection error, timeout, or a non-loopback URL). */
  readonly error?: string;
  /** The exact JSON body that was (or would have been) sent. */
  readonly body: string;
  readonly at: string;
}

/** Options of the deliverer. */
export interface DeliveryOptions {
  readonly allowExternal: boolean;
  /** Per-delivery timeout; default 5 s. */
  readonly timeoutMs?: number;
}

/** The hex HMAC-SHA256 signature of a webhook body (`docs/api-notes.md`, "Webhooks"). */
export function signWebhookBody(body: string, apiKey: string): string {
  return createHmac("sha256", apiKey).update(body).digest("hex");
}

/** Builds the delivery's envelope for an event. */
function payloadOf(
  store: EmulatorStore,
  event: StoreEvent,
): { apiKey: string; body: { [key: string]: Json } } {
  const timestamp = Math.floor(store.core.now().getTime() / 1000);
  switch (event.type) {
    case "room_update":
      return {
        apiKey: event.meeting.apiKey,
        body: { timestamp, type: event.type, room: roomInfoView(event.meeting) },
      };
    case "recording_update":
      return {
        apiKey: event.recording.apiKey,
        body: { timestamp, type: event.type, recording: recordingView(store, event.recording) },
      };
    case "snapshot_update":
      return {
        apiKey: event.snapshot.apiKey,
        body: { timestamp, type: event.type, snapshot: snapshotView(store, event.snapshot) },
      };
    case "participant_update":
      return {
        apiKey: event.meeting.apiKey,
        body: {
          timestamp,
          type: event.type,
          participant: participantView(event.meeting, event.user, event.online),
        },
      };
  }
}

/** Sends webhook payloads for store events. */
export class WebhookDeliverer {
  private readonly log: DeliveryLogEntry[] = [];
  private readonly inFlight = new Set<ClientRequest>();
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;
  private closed = false;
  /** Bumped by `reset()`: deliveries queued before it are dropped, not sent or logged. */
  private generation = 0;

  /** Creates a deliverer for one store. */
  constructor(
    private readonly store: EmulatorStore,
    private readonly options: DeliveryOptions,
  ) {}

  /** Queues the delivery of an event if the owning API key's webhook subscribed to its type. */
  handle(event: StoreEvent): void {
    if (this.closed) return;
    const { apiKey, body } = payloadOf(this.store, event);
    const webhook = this.store.webhooks.get(apiKey);
    if (!webhook || !webhook.types.includes(event.type)) return;
    const raw = JSON.stringify(body);
    const generation = this.generation;
    this.pending += 1;
    this.tail = this.tail
      .then(() =>
        generation === this.generation
          ? this.deliver(webhook, event.type, raw, apiKey, generation)
          : undefined,
      )
      .catch(() => undefined)
      .finally(() => {
        this.pending -= 1;
      });
  }

  /** Resolves once every queued delivery has been attempted (including ones queued while waiting). */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.tail;
  }

  /** Deliveries attempted so far, oldest first. */
  list(): DeliveryLogEntry[] {
    return [...this.log];
  }

  /** Forgets the delivery log. */
  clear(): void {
    this.log.length = 0;
  }

  /** Drops queued deliveries (an emulator reset) and forgets the log. */
  reset(): void {
    this.generation += 1;
    this.log.length = 0;
  }

  /** Aborts deliveries in flight and accepts no more. */
  close(): void {
    this.closed = true;
    for (const req of this.inFlight) req.destroy();
  }

  private async deliver(
    webhook: WebhookRecord,
    type: WebhookEventType,
    body: string,
    apiKey: string,
    generation: number,
  ): Promise<void> {
    if (this.closed) return;
    const at = this.store.core.nowIso();
    const entry = { type, webhookId: webhook.id, url: webhook.url, body, at };
    const record = (result: { status: number | null; error?: string }): void => {
      if (generation === this.generation) this.log.push({ ...entry, ...result });
    };
    let url: URL;
    try {
      url = new URL(webhook.url);
    } catch {
      record({ status: null, error: "invalid URL" });
      return;
    }
    if (!this.options.allowExternal && !isLoopbackHost(url.hostname)) {
      record({ status: null, error: "skipped: not a loopback URL (allowExternalWebhooks is off)" });
      return;
    }
    webhook.lastRequestSentAt = railsTime(at);
    const result = await this.post(url, body, signWebhookBody(body, apiKey));
    if (result.status !== null) webhook.lastResponseCode = String(result.status);
    record(result);
  }

  private post(
    url: URL,
    body: string,
    signature: string,
  ): Promise<{ status: number | null; error?: string }> {
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      let settled = false;
      const finish = (result: { status: number | null; error?: string }): void => {
        if (settled) return;
        settled = true;
        this.inFlight.delete(req);
        resolve(result);
      };
      const req = send(
        url,
        {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            "user-agent": "eyeson-emulator",
            "x-eyeson-signature": signature,
          },
          timeout: this.options.timeoutMs ?? 5000,
          // A connection of its own per delivery. Node's shared agent would keep one idle for 5 s, as long
          // as a Node receiver keeps it by default, so a delivery sent at that moment could go out on a
          // connection the receiver is closing and fail though the receiver is up.
          agent: false,
        },
        (res) => {
          res.resume();
          res.on("end", () => finish({ status: res.statusCode ?? null }));
          res.on("error", () => finish({ status: res.statusCode ?? null }));
        },
      );
      this.inFlight.add(req);
      req.on("timeout", () => {
        req.destroy();
        finish({ status: null, error: "timeout" });
      });
      req.on("error", (err: NodeJS.ErrnoException) =>
        finish({ status: null, error: err.code ?? "connection error" }),
      );
      req.end(body);
    });
  }
}
