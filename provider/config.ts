/**
 * Where the eyeson API key and endpoint come from: explicit settings first, then the environment.
 */
import { EyesonConfigError, redact } from "./errors";
import { isLoopbackHost } from "./loopback";

/** The public eyeson API. */
export const DEFAULT_ENDPOINT = "https://api.eyeson.team";

/** Where the endpoint is set, named in every message about a bad one. */
const ENDPOINT_SETTINGS = "eyeson:endpoint or EYESON_API_ENDPOINT";

/** The one message for a missing API key; it says both ways to set one. */
export const MISSING_API_KEY_MESSAGE =
  "No eyeson API key: set it with `pulumi config set --secret eyeson:apiKey <key>` or the EYESON_API_KEY environment variable";

/** Settings a caller may pass explicitly (provider config, function options, client options). */
export interface ExplicitSettings {
  readonly apiKey?: string;
  readonly endpoint?: string;
}

/** Resolved settings: the endpoint is validated and has no trailing slash; the key may be absent. */
export interface EyesonSettings {
  readonly apiKey?: string;
  readonly endpoint: string;
}

/** Resolves explicit settings over `EYESON_API_KEY` / `EYESON_API_ENDPOINT`; throws `EyesonConfigError` on a bad endpoint. */
export function resolveSettings(
  explicit: ExplicitSettings = {},
  env: NodeJS.ProcessEnv = process.env,
): EyesonSettings {
  const apiKey = nonEmpty(explicit.apiKey) ?? nonEmpty(env.EYESON_API_KEY);
  if (apiKey !== undefined && /[\u0000-\u001f\u007f]/.test(apiKey)) {
    // Never echo the key: say what is wrong with it instead.
    throw new EyesonConfigError(
      "The eyeson API key contains control characters (a pasted line break?); set it again with `pulumi config set --secret eyeson:apiKey <key>`",
    );
  }
  const raw = nonEmpty(explicit.endpoint) ?? nonEmpty(env.EYESON_API_ENDPOINT) ?? DEFAULT_ENDPOINT;
  return apiKey === undefined
    ? { endpoint: normalizeEndpoint(raw, apiKey) }
    : { apiKey, endpoint: normalizeEndpoint(raw, apiKey) };
}

/** Throws the missing-key `EyesonConfigError` unless `apiKey` is set. */
export function requireApiKey(apiKey: string | undefined): string {
  if (apiKey === undefined || apiKey === "") throw new EyesonConfigError(MISSING_API_KEY_MESSAGE);
  return apiKey;
}

/**
 * Validates an endpoint URL and strips trailing slashes: https anywhere, http only to loopback
 * (the emulator), no credentials, query or fragment. `secret` is scrubbed from the message in case
 * the key was pasted into the endpoint setting by mistake.
 */
export function normalizeEndpoint(raw: string, secret?: string): string {
  const shown = JSON.stringify(redact(raw, [secret]));
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EyesonConfigError(
      `The eyeson endpoint ${shown} is not a valid URL; use e.g. ${DEFAULT_ENDPOINT} (${ENDPOINT_SETTINGS})`,
    );
  }
  if (url.username || url.password) {
    throw new EyesonConfigError(
      `The eyeson endpoint must not contain credentials (${ENDPOINT_SETTINGS}); set the key with eyeson:apiKey or EYESON_API_KEY instead`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new EyesonConfigError(`The eyeson endpoint ${shown} must use https:// (${ENDPOINT_SETTINGS})`);
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    throw new EyesonConfigError(
      `The eyeson endpoint ${shown} uses plain http:// to a non-loopback host (${ENDPOINT_SETTINGS}); use https://, or http:// only for 127.0.0.1, ::1 or localhost (the emulator)`,
    );
  }
  if (url.search || url.hash) {
    throw new EyesonConfigError(
      `The eyeson endpoint ${shown} must not have a query string or fragment (${ENDPOINT_SETTINGS})`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Stack config keys the providers read in `configure`. */
export const CONFIG_KEYS = {
  apiKey: "eyeson:apiKey",
  endpoint: "eyeson:endpoint",
  liveMeetings: "eyeson:liveMeetings",
} as const;
