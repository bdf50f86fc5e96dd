/**
 * Creates that can be found again. A `POST` whose answer is lost (a reset, a timeout, a 5xx after the server
 * acted) may have created the object, and creating it again would leave a duplicate with a live guest link.
 * So each permalink carries a create mark, a custom field the API stores and returns: the resource's create
 * key (where it is declared) and a random part of this create. After an uncertain failure the provider looks
 * for the mark and takes the permalink over instead of creating another.
 */
import { createHash } from "node:crypto";
import type { EyesonClient } from "../client";
import { EyesonApiError, EyesonConnectionError } from "../errors";
import type { Permalink as ApiPermalink } from "../types";

/** The custom field (`options[custom_fields][pulumi_create_key]`) that marks a permalink's create. */
export const CREATE_KEY_FIELD = "pulumiCreateKey";

/**
 * The create key of a resource: a hash of where it is declared (organization, project, stack, type, name) and
 * of what replaces it (the first host). The same program run again finds its own permalink; a replacement,
 * which comes with another first host, never finds the one it replaces.
 */
export function createKey(parts: readonly string[]): string {
  return `pk-${digest(parts).slice(0, 24)}`;
}

/**
 * The user id of a host declared without one, derived from where it is declared (`parts`), so every run of
 * the program, and a registration sent again after a lost answer, uses the same id: `pulumi-<16 hex>`.
 */
export function generatedUserId(parts: readonly string[]): string {
  return `pulumi-${digest(parts).slice(0, 16)}`;
}

function digest(parts: readonly string[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

/**
 * How often a create is sent while its answers keep getting lost (each time after looking for what the last
 * one may have made); five uncertain failures in a row are an outage, not a glitch.
 */
export const UNCERTAIN_ATTEMPTS = 5;

/** A short pause before the next attempt of a create, growing with each attempt (at most a second). */
export function pauseBeforeAttempt(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 100 * attempt)));
}

/** True when a failed request may have been carried out: no answer came, or a 5xx came after sending it. */
export function uncertain(err: unknown): boolean {
  if (EyesonConnectionError.isInstance(err)) return err.mayHaveActed;
  return EyesonApiError.isInstance(err) && err.status >= 500;
}

/**
 * The permalink whose create mark is `key`, if any: one listing of the account (pages of 100). Only asked
 * after an uncertain failure, so a create costs one request when nothing goes wrong.
 */
export async function findMarked(client: EyesonClient, key: string): Promise<ApiPermalink | undefined> {
  const page = await client.listPermalinks({ all: true, limit: 100 });
  return page.items.find((item) => markOf(item) === key);
}

/** The create mark a permalink carries, if it was created by this provider. */
export function markOf(permalink: ApiPermalink): string | undefined {
  const fields = permalink.options?.customFields;
  const mark =
    fields && typeof fields === "object" ? (fields as Record<string, unknown>)[CREATE_KEY_FIELD] : undefined;
  return typeof mark === "string" && mark !== "" ? mark : undefined;
}
