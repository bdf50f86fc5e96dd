/** Permanent meetings: permalink management with the API key, start and info by host token. */
import type { PermalinkRecord } from "../entities";
import {
  empty,
  hasAuthorization,
  json,
  readInput,
  requireApiKey,
  type Route,
  type RouteProbe,
} from "../http";
import type { EmulatorStore, OptionsInput, UserInputValue } from "../store";
import { permalinkView } from "../views";
import { optionsSpec } from "../options";
import { NO_PARAMS, joinedRoom, requireUser, userSpec } from "./common";

/** Permalink list defaults from the SDKs (`docs/api-notes.md`, "Lists and pages"): page 1, 25 per page. */
const DEFAULT_LIMIT = 25;
/** The emulator's cap on `limit` (not documented). */
const MAX_LIMIT = 100;

/**
 * `GET /permalink/X` is a host token or a permalink id: a known token wins, then a known permalink id; an
 * unknown X is a token without an `Authorization` header and a permalink id with one.
 */
function isUserTokenPath(probe: RouteProbe): boolean {
  const value = probe.params.userToken;
  if (probe.store.userTokens.has(value)) return true;
  if (probe.store.permalinks.has(value)) return false;
  return !hasAuthorization(probe);
}

/** The permalink seen through its first active host (the creator while they remain). */
export function viewByPermalink(store: EmulatorStore, permalink: PermalinkRecord) {
  return permalinkView(store, permalink, store.permalinkArea.activeHosts(permalink)[0] ?? permalink.hosts[0]);
}

/** The routes of this group. */
export const permalinkRoutes: Route[] = [
  {
    method: "POST",
    pattern: "/permalink",
    handle: (ctx) => {
      const apiKey = requireApiKey(ctx, 401);
      const body = readInput<{
        name?: string;
        user?: UserInputValue;
        expires_at?: string;
        options?: OptionsInput;
      }>(ctx, {
        // The room `id` is accepted and ignored, as eyeson's permalink reference says.
        id: { type: "string" },
        name: { type: "string" },
        user: userSpec,
        expires_at: { type: "string", format: "iso-date" },
        options: optionsSpec,
      });
      const { permalink, host } = ctx.store.permalinkArea.createPermalink(apiKey, {
        name: body.name,
        user: requireUser(body.user),
        expires_at: body.expires_at,
        options: body.options,
      });
      return json(201, permalinkView(ctx.store, permalink, host));
    },
  },
  {
    method: "GET",
    pattern: "/permalink",
    handle: (ctx) => {
      const apiKey = requireApiKey(ctx, 401);
      const query = readInput<{ page?: number; limit?: number; expired?: boolean }>(ctx, {
        page: { type: "integer", min: 1 },
        limit: { type: "integer", min: 1, max: MAX_LIMIT },
        expired: { type: "boolean" },
      });
      const page = query.page ?? 1;
      const limit = query.limit ?? DEFAULT_LIMIT;
      const all = ctx.store
        .permalinksOf(apiKey)
        .filter((p) => query.expired === undefined || ctx.store.permalinkArea.isExpired(p) === query.expired);
      return json(200, {
        page,
        limit,
        total: all.length,
        items: all.slice((page - 1) * limit, page * limit).map((p) => viewByPermalink(ctx.store, p)),
      });
    },
  },
  {
    method: "GET",
    pattern: "/permalink/:userToken",
    secret: ["userToken"],
    when: isUserTokenPath,
    handle: (ctx) => {
      ctx.auth = "token";
      readInput(ctx, NO_PARAMS);
      const { permalink, host } = ctx.store.permalinkArea.resolveUserToken(ctx.params.userToken);
      return json(200, permalinkView(ctx.store, permalink, host));
    },
  },
  {
    method: "GET",
    pattern: "/permalink/:permalinkId",
    handle: (ctx) => {
      const apiKey = requireApiKey(ctx, 401);
      readInput(ctx, NO_PARAMS);
      return json(
        200,
        viewByPermalink(ctx.store, ctx.store.permalinkArea.permalink(apiKey, ctx.params.permalinkId)),
      );
    },
  },
  {
    method: "POST",
    pattern: "/permalink/:userToken",
    secret: ["userToken"],
    handle: (ctx) => {
      ctx.auth = "token";
      readInput(ctx, NO_PARAMS);
      const key = ctx.store.permalinkArea.startPermalinkMeeting(ctx.params.userToken);
      return joinedRoom(ctx, key);
    },
  },
  {
    method: "PUT",
    pattern: "/permalink/:permalinkId",
    handle: (ctx) => {
      const apiKey = requireApiKey(ctx, 401);
      const permalink = ctx.store.permalinkArea.permalink(apiKey, ctx.params.permalinkId);
      const body = readInput<{ name?: string; expires_at?: string | null; options?: OptionsInput }>(ctx, {
        name: { type: "string" },
        expires_at: { type: "string", format: "iso-date", nullable: true },
        options: optionsSpec,
      });
      ctx.store.permalinkArea.updatePermalink(permalink, body);
      return json(200, viewByPermalink(ctx.store, permalink));
    },
  },
  {
    method: "DELETE",
    pattern: "/permalink/:permalinkId",
    handle: (ctx) => {
      const apiKey = requireApiKey(ctx, 401);
      readInput(ctx, NO_PARAMS);
      ctx.store.permalinkArea.deletePermalink(
        ctx.store.permalinkArea.permalink(apiKey, ctx.params.permalinkId),
      );
      return empty(200);
    },
  },
  {
    method: "POST",
    pattern: "/permalink/:permalinkId/users",
    handle: (ctx) => {
      const apiKey = requireApiKey(ctx, 401);
      const permalink = ctx.store.permalinkArea.permalink(apiKey, ctx.params.permalinkId);
      const body = readInput<{ user?: UserInputValue }>(ctx, { user: userSpec });
      const host = ctx.store.permalinkArea.addHost(permalink, requireUser(body.user));
      return json(201, permalinkView(ctx.store, permalink, host));
    },
  },
  {
    method: "DELETE",
    pattern: "/permalink/:permalinkId/users/:userToken",
    secret: ["userToken"],
    handle: (ctx) => {
      const apiKey = requireApiKey(ctx, 401);
      readInput(ctx, NO_PARAMS);
      ctx.store.permalinkArea.removeHost(
        ctx.store.permalinkArea.permalink(apiKey, ctx.params.permalinkId),
        ctx.params.userToken,
      );
      return empty(200);
    },
  },
];
