/** Webhooks: one registration per API key. */
import type { WebhookEventType, WebhookRecord } from "../entities";
import { notFound } from "../errors";
import type { StoreCore } from "./core";

/** The webhooks area of the store. */
export class Webhooks {
  /** An area of the store whose registrations are `core.webhooks`. */
  constructor(private readonly core: StoreCore) {}

  /** `POST /webhooks`: one webhook per API key; a new registration replaces the old one (new id). */
  registerWebhook(apiKey: string, url: string, types: WebhookEventType[]): WebhookRecord {
    const webhook: WebhookRecord = {
      id: this.core.newId(),
      apiKey,
      url,
      types,
      lastRequestSentAt: null,
      lastResponseCode: null,
    };
    this.core.webhooks.set(apiKey, webhook);
    return webhook;
  }

  /** `DELETE /webhooks/ID`: 404 unless `id` is this key's webhook. */
  deleteWebhook(apiKey: string, id: string): void {
    const webhook = this.core.webhooks.get(apiKey);
    if (!webhook || webhook.id !== id) throw notFound("Webhook");
    this.core.webhooks.delete(apiKey);
  }
}
