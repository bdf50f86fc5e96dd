/**
 * Walking the API's paged lists for `all: true` (`docs/api-notes.md`, "Lists and pages"): the permalink list
 * answers pages with a total, the room recording and snapshot lists bare arrays of 25.
 */
import type { Permalink, PermalinkPage } from "../types";

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
  let total = 0;
  let effectiveLimit = limit;
  for (let page = first; page < first + MAX_PAGES; page++) {
    const result = await fetchPage(page, limit);
    total = result.total;
    effectiveLimit = typeof result.limit === "number" && result.limit > 0 ? result.limit : limit;
    items.push(...result.items);
    if (result.items.length === 0 || result.items.length < effectiveLimit) break;
    if (typeof total === "number" && (first - 1) * effectiveLimit + items.length >= total) break;
  }
  return { page: first, limit: effectiveLimit, total, items };
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

/** `page` with `items` always a list (an API that leaves it out has none). */
export function withItems(page: PermalinkPage): PermalinkPage {
  return { ...page, items: Array.isArray(page.items) ? page.items : [] };
}
