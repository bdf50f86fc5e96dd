/**
 * Walking the API's paged lists for `all: true` (`docs/api-notes.md`, "Lists and pages"): the permalink list
 * answers pages with a total, the room recording and snapshot lists bare arrays of 25.
 */
import type { Permalink, PermalinkPage, Webhook, WebhookType } from "../types";

/** The room recording and snapshot lists always hold this many items per page. */
export const ROOM_DOCUMENTS_PAGE_SIZE = 25;

// A walk over pages stops here even if the API keeps answering full pages.
const MAX_PAGES = 1_000;

/**
 * Every permalink from page `first` on, merged into one page: stops at an empty or short page, or once
 * the total is reached. The server may cap `limit`; what it says it used decides whether a page was full.
 */
export async function allPermalinkPages(
  fetchPage: (page: number, limit: number) => Promise<PermalinkPage>,
  first: number,
  limit: number,
): Promise<PermalinkPage> {
  const items: Permalink[] = [];
  const seen = new Set<string>();
  let total = Number.NaN;
  let effectiveLimit = limit;
  for (let page = first; page < first + MAX_PAGES; page++) {
    const result = await fetchPage(page, limit);
    total = result.total;
    effectiveLimit = typeof result.limit === "number" && result.limit > 0 ? result.limit : limit;
    // A server that ignores `page` (a bare list of everything) answers the same items again: stop there.
    const fresh = result.items.filter((item) => {
      const id = item.permalink?.id;
      if (typeof id !== "string") return true;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    items.push(...fresh);
    if (fresh.length === 0 || result.items.length < effectiveLimit) break;
    if (Number.isFinite(total) && (first - 1) * effectiveLimit + items.length >= total) break;
  }
  return { page: first, limit: effectiveLimit, total: Number.isFinite(total) ? total : items.length, items };
}

/** Every item of a room document list from page `first` on: pages of 25 until one holds fewer. */
export async function allDocumentPages<T>(
  fetchPage: (page: number) => Promise<T[]>,
  first: number,
): Promise<T[]> {
  const out: T[] = [];
  for (let page = first; page < first + MAX_PAGES; page++) {
    const items = await fetchPage(page);
    out.push(...items);
    if (items.length < ROOM_DOCUMENTS_PAGE_SIZE) break;
  }
  return out;
}

/**
 * A page of `GET /permalink` from what the API answered: the documented `{page, limit, total, items}` (numbers
 * given as text read as numbers, no `items` as none), or a bare array, which carries no total (`NaN`, so a
 * walk goes by short pages). `page` and `limit` are what was asked, where the answer does not say.
 */
export function toPermalinkPage(body: object, page: number, limit: number): PermalinkPage {
  if (Array.isArray(body)) return { page, limit, total: Number.NaN, items: body as Permalink[] };
  const raw = body as Record<string, unknown>;
  return {
    ...raw,
    page: numberOr(raw.page, page),
    limit: numberOr(raw.limit, limit),
    total: numberOr(raw.total, Number.NaN),
    items: (itemsOf(raw) ?? []) as Permalink[],
  };
}

/** One page as a caller sees it: a bare list's total is the items it holds. */
export function onePage(page: PermalinkPage): PermalinkPage {
  return Number.isFinite(page.total) ? page : { ...page, total: page.items.length };
}

/** The `items` of a page object, or undefined when it has none. */
export function itemsOf(body: object): unknown[] | undefined {
  const items = (body as { items?: unknown }).items;
  return Array.isArray(items) ? items : undefined;
}

/** A count the API gave as a number or as text, else `fallback`. */
function numberOr(value: unknown, fallback: number): number {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n : fallback;
}

/**
 * The webhook object in the documented shape: `types` as a list even when sent as one comma-separated
 * string, `last_response_code` as text even when sent as a number (`docs/api-notes.md`, "Webhooks").
 */
export function documentedWebhook(webhook: Webhook): Webhook {
  const raw = webhook as unknown as { types?: unknown; lastResponseCode?: unknown };
  const types =
    typeof raw.types === "string"
      ? (raw.types
          .split(",")
          .map((t) => t.trim())
          .filter((t) => t !== "") as WebhookType[])
      : webhook.types;
  const code =
    typeof raw.lastResponseCode === "number" ? String(raw.lastResponseCode) : webhook.lastResponseCode;
  return { ...webhook, types, lastResponseCode: code };
}
