/**
 * Creates that can be found again. A `POST` whose answer is lost (a reset, a timeout, a 5xx after the server
 * acted) may have created the object, and creating it again would leave a duplicate with a live guest link.
 * So each permalink carries a create key, a custom field the API stores and returns; before creating, and
 * after any uncertain failure, the provider looks for it and takes the object over instead.
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
  return `pk-${createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 24)}`;
}

/** True when a failed request may have been carried out: no answer came, or a 5xx came after sending it. */
export function uncertain(err: unknown): boolean {
  if (EyesonConnectionError.isInstance(err)) return err.mayHaveActed;
  return EyesonApiError.isInstance(err) && err.status >= 500;
}

// Per provider process and account: the create keys found on the account's permalinks. Listed once, then
// kept up to date with this process's own creates, so N creates cost one listing, not N.
const known = new Map<string, Promise<Map<string, ApiPermalink>>>();

/**
 * The permalink created with `key` in the account `account`, if any. `fresh` lists again (after an uncertain
 * failure the cached listing cannot know what the lost request did).
 */
export async function findCreated(
  client: EyesonClient,
  account: string,
  key: string,
  opts: { readonly fresh?: boolean } = {},
): Promise<ApiPermalink | undefined> {
  let listing = opts.fresh ? undefined : known.get(account);
  if (listing === undefined) {
    listing = listByKey(client);
    known.set(account, listing);
    // A failed listing is not remembered: the next create asks again.
    listing.catch(() => known.delete(account));
  }
  return (await listing).get(key);
}

/** Records a permalink this process created, so later lookups in the same process know it. */
export async function rememberCreated(account: string, key: string, permalink: ApiPermalink): Promise<void> {
  const listing = known.get(account);
  if (listing) (await listing.catch(() => new Map<string, ApiPermalink>())).set(key, permalink);
}

async function listByKey(client: EyesonClient): Promise<Map<string, ApiPermalink>> {
  const page = await client.listPermalinks({ all: true, limit: 100 });
  const byKey = new Map<string, ApiPermalink>();
  for (const item of page.items) {
    const fields = item.options?.customFields;
    const key =
      fields && typeof fields === "object"
        ? (fields as Record<string, unknown>)[CREATE_KEY_FIELD]
        : undefined;
    if (typeof key === "string" && key !== "") byKey.set(key, item);
  }
  return byKey;
}

/** Forgets every listing; for tests that reset the emulator between cases. */
export function forgetCreated(): void {
  known.clear();
}
