/** Webhook registration: one webhook per API key, registering replaces it (`docs/api-notes.md`, "Webhooks"). */
import type { Value } from "../decode";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "../entities";
import { invalidParameter } from "../errors";
import { empty, json, readInput, requireApiKey, type Route } from "../http";
import { webhookView } from "../views";
import { commaSeparated, NO_PARAMS } from "./common";

/** `types`: a comma-separated string as documented; a JSON list is accepted too. */
function parseTypes(value: Value, name: string): WebhookEventType[] {
  const types = commaSeparated(value);
  if (!types) throw invalidParameter(name, "expected a comma-separated list of event types");
  if (types.length === 0) throw invalidParameter(name, "at least one event type is needed");
  for (const type of types) {
    if (!(WEBHOOK_EVENT_TYPES as readonly string[]).includes(type)) {
      throw invalidParameter(name, `unknown event type "${type}"; known: ${WEBHOOK_EVENT_TYPES.join(", ")}`);
    }
  }
  return [...new Set(types)] as WebhookEventType[];
}

/** The routes of this group. */
export const webhookRoutes: Route[] = [
  {
    method: "POST",
    pattern: "/webhooks",
    handle: (ctx) => {
      const apiKey = requireApiKey(ctx, 403);
      const body = readInput<{ url: string; types: WebhookEventType[] }>(ctx, {
        url: { type: "string", required: true, format: "http-url" },
        types: { type: "custom", required: true, parse: parseTypes },
      });
      ctx.store.webhookArea.registerWebhook(apiKey, body.url, body.types);
      return empty(201);
    },
  },
  {
    method: "GET",
    pattern: "/webhooks",
    handle: (ctx) => {
      const apiKey = requireApiKey(ctx, 403);
      readInput(ctx, NO_PARAMS);
      const webhook = ctx.store.webhooks.get(apiKey);
      // No webhook registered: 200 with JSON null (an emulator choice; the client reads it as none).
      return json(200, webhook ? webhookView(webhook) : null);
    },
  },
  {
    method: "DELETE",
    pattern: "/webhooks/:webhookId",
    handle: (ctx) => {
      const apiKey = requireApiKey(ctx, 403);
      readInput(ctx, NO_PARAMS);
      ctx.store.webhookArea.deleteWebhook(apiKey, ctx.params.webhookId);
      return empty(204);
    },
  },
];
