/**
 * Verifying eyeson's webhook deliveries. eyeson signs each delivery with the header `X-Eyeson-Signature`: the
 * lowercase hex HMAC-SHA256 of the raw request body, keyed with the API key that owns the webhook
 * (https://docs.eyeson.com/docs/rest/advanced/register_webhooks; docs/api-notes.md "Webhooks"; the emulator
 * signs the same way, see emulator/README.md "Webhook deliveries").
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** 32 bytes of HMAC-SHA256 as eyeson sends them: exactly 64 lowercase hex digits. */
const SIGNATURE_FORMAT = /^[0-9a-f]{64}$/;

/**
 * True when `signature` is eyeson's signature of `rawBody` under `apiKey`. Pass the body exactly as received
 * (a `Buffer` from the request stream; a string is read as UTF-8), never a re-serialised parsed object, and
 * the header as `req.headers["x-eyeson-signature"]`. Returns false, never throws, for a missing, repeated,
 * malformed or upper-case signature and for an empty key; compares in constant time.
 *
 * @example
 * ```ts
 * const ok = eyeson.verifyWebhookSignature(rawBody, req.headers["x-eyeson-signature"], apiKey);
 * ```
 *
 * @param rawBody - The request body as received: a `Buffer` or `Uint8Array`, or a string read as UTF-8.
 * @param signature - The `X-Eyeson-Signature` header as Node gives it (a string, a list or undefined).
 * @param apiKey - The API key that registered the webhook.
 */
export function verifyWebhookSignature(
  rawBody: string | Buffer | Uint8Array,
  signature: string | readonly string[] | undefined,
  apiKey: string,
): boolean {
  // Several values for one header is not something eyeson sends; refuse rather than pick one.
  const given: unknown =
    typeof signature === "string"
      ? signature
      : Array.isArray(signature) && signature.length === 1
        ? signature[0]
        : undefined;
  if (typeof given !== "string" || !SIGNATURE_FORMAT.test(given)) return false;
  if (typeof apiKey !== "string" || apiKey === "") return false;
  let body: Uint8Array;
  if (typeof rawBody === "string") body = Buffer.from(rawBody, "utf8");
  else if (rawBody instanceof Uint8Array) body = rawBody;
  else return false;
  const expected = createHmac("sha256", apiKey).update(body).digest();
  // Both are 32 bytes here (the format check fixed the length), as timingSafeEqual requires.
  return timingSafeEqual(Buffer.from(given, "hex"), expected);
}
