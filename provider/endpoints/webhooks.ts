/**
 * The API key's one webhook: register (replacing any other), read, delete
 * (https://docs.eyeson.com/docs/rest/advanced/register_webhooks; `docs/api-notes.md`, "Webhooks").
 */
import type { RegisterWebhookBody } from "../requests";
import { json, type Endpoint } from "./endpoint";

/** The webhook endpoints, by client method. */
export const WEBHOOK_ENDPOINTS = {
  registerWebhook: {
    method: "POST",
    path: "/webhooks",
    auth: "api_key",
    // One comma-separated string: a JSON list of types was once silently ignored.
    body: (args: RegisterWebhookBody) => json({ url: args.url, types: args.types.join(",") }),
    answer: "nothing",
  },
  getWebhook: {
    // No registration may come as a 404, an empty body, JSON null or an object without an id.
    method: "GET",
    path: "/webhooks",
    auth: "api_key",
    answer: "webhookOrNone",
  },
  deleteWebhook: {
    method: "DELETE",
    path: "/webhooks/{webhookId}",
    auth: "api_key",
    answer: "deleted",
    missingOk: [404],
  },
} as const satisfies Record<string, Endpoint<never>>;
