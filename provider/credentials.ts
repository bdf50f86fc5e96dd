/**
 * Proving, before anything changes, that the API key works against the endpoint: a preview must fail on
 * credentials that would make the `up` fail.
 *
 * The proof is one read-only request (`GET /permalink?limit=1`) per process and account. Its answer must be
 * eyeson's permalink page, so a wrong base path or a foreign server answering everything fails here too.
 */
import { createHash } from "node:crypto";
import type { EyesonClient } from "./client";
import { EyesonApiError, EyesonAuthError, EyesonConfigError } from "./errors";
import { MISSING_API_KEY_MESSAGE, type EyesonSettings } from "./config";

/**
 * A short, non-secret fingerprint of an account: the first 16 hex digits of a SHA-256 over the endpoint and
 * the API key. The key cannot be recovered from it; it tells whether two settings name the same account.
 */
export function accountFingerprint(endpoint: string, apiKey: string): string {
  return createHash("sha256")
    .update(`pulumi-eyeson account\n${endpoint}\n${apiKey}`)
    .digest("hex")
    .slice(0, 16);
}

// One probe per process and account, shared by resources and functions; keyed by the fingerprint only.
const probes = new Map<string, Promise<void>>();

/**
 * Resolves once the key in `settings` has been shown to work (at most one request per process and account);
 * rejects with the reason otherwise. `client` is the caller's client for those settings.
 */
export function verifyCredentials(settings: EyesonSettings, client: EyesonClient): Promise<void> {
  if (settings.apiKey === undefined) {
    return Promise.reject(new EyesonConfigError(MISSING_API_KEY_MESSAGE));
  }
  const account = accountFingerprint(settings.endpoint, settings.apiKey);
  let probe = probes.get(account);
  if (probe === undefined) {
    probe = probeOnce(client);
    probes.set(account, probe);
  }
  return probe;
}

async function probeOnce(client: EyesonClient): Promise<void> {
  try {
    const page = await client.listPermalinks({ limit: 1 });
    if (!Array.isArray(page.items)) {
      throw new EyesonConfigError(
        `${client.endpoint} answered GET /permalink without eyeson's permalink list; is eyeson:endpoint the eyeson API?`,
      );
    }
  } catch (err) {
    if (EyesonAuthError.isInstance(err)) {
      throw new EyesonConfigError(
        `The eyeson API refused the API key (${err.status}: ${err.apiMessage}); check eyeson:apiKey ` +
          "(`pulumi config set --secret eyeson:apiKey <key>`) and that eyeson:endpoint is the account's API",
      );
    }
    if (EyesonApiError.isInstance(err) && err.status === 404) {
      throw new EyesonConfigError(
        `${client.endpoint} answered GET /permalink with 404; is eyeson:endpoint the eyeson API (a wrong base path)?`,
      );
    }
    throw err;
  }
}
