/**
 * The dashboard page's files, served from the package itself (`dist/emulator/dashboard/` once built,
 * this folder when run from the sources): no CDN, no network, no build step. The page's content security
 * policy allows only these files and requests to this origin.
 */
import { readFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { join } from "node:path";
import { errorBody } from "../errors";

/** Where the dashboard is served, relative to the emulator's URL. */
export const DASHBOARD_PATH = "/__emulator/dashboard";

/** The files of the page, by the path they are served at. */
export const DASHBOARD_FILES: Readonly<Record<string, { file: string; type: string }>> = {
  [DASHBOARD_PATH]: { file: "index.html", type: "text/html; charset=utf-8" },
  [`${DASHBOARD_PATH}/app.js`]: { file: "app.js", type: "text/javascript; charset=utf-8" },
  [`${DASHBOARD_PATH}/controls.js`]: { file: "controls.js", type: "text/javascript; charset=utf-8" },
  [`${DASHBOARD_PATH}/dom.js`]: { file: "dom.js", type: "text/javascript; charset=utf-8" },
  [`${DASHBOARD_PATH}/style.css`]: { file: "style.css", type: "text/css; charset=utf-8" },
};

const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
  "form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

const cache = new Map<string, Buffer>();

/** The bytes of one of the page's files, read once. */
export function dashboardFile(file: string): Buffer {
  let bytes = cache.get(file);
  if (!bytes) {
    bytes = readFileSync(join(__dirname, file));
    cache.set(file, bytes);
  }
  return bytes;
}

/** True when the path is one of the page's files (a trailing slash is tolerated, as for the controls). */
export function isDashboardPath(path: string): boolean {
  return Object.hasOwn(DASHBOARD_FILES, path);
}

/** Answers GET (or HEAD) of one of the page's files; anything else on these paths is a 405. */
export function serveDashboardFile(method: string, path: string, res: ServerResponse): void {
  const entry = DASHBOARD_FILES[path];
  if (method !== "GET" && method !== "HEAD") {
    const body = JSON.stringify(errorBody("Method not allowed"));
    res.writeHead(405, { allow: "GET, HEAD", "content-type": "application/json; charset=utf-8" });
    res.end(body);
    return;
  }
  const bytes = dashboardFile(entry.file);
  res.writeHead(200, {
    "content-type": entry.type,
    "content-length": bytes.length,
    "cache-control": "no-cache",
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
  });
  res.end(method === "HEAD" ? undefined : bytes);
}
