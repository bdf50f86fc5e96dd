/**
 * What `pulumi-eyeson doctor` checks: each assumption of `docs/api-notes.md` the account's answers can
 * confirm, held against what the account answered. Read-only by default (the permalink list, one permalink,
 * an id that does not exist, the webhook); with `write`, one throwaway permalink is created, renamed and
 * deleted. The webhook is only ever read.
 *
 * A finding says what was seen in kinds and statuses ("a string", "200"), never a value, so a report can be
 * pasted anywhere. `needed` marks what the provider cannot work without; what it tolerates (an answer in
 * another plausible shape) differs without failing.
 */
import type { ClientAnswer, EyesonClient } from "../provider/client";
import { EyesonAuthError, isEyesonNotFound } from "../provider/errors";
import { WEBHOOK_TYPES } from "../provider/types";
import { at, describeBody, isIsoTimestamp, kindOf, parseBody, type ParsedBody } from "./wireShape";

/** A finding's verdict: as our notes say, otherwise, or not checked (and why, in `seen`). */
export type Verdict = "holds" | "differs" | "unchecked";

/** One assumption, checked. */
export interface Finding {
  /** A stable name, for CI scripts reading `--format json`. */
  readonly id: string;
  /** The heading of `docs/api-notes.md` the assumption comes from. */
  readonly section: string;
  /** What our notes assume, in a phrase. */
  readonly assumption: string;
  readonly verdict: Verdict;
  /** True when pulumi-eyeson cannot work as documented if this differs. */
  readonly needed: boolean;
  /** What the account answered: statuses, kinds and counts, never a value. */
  readonly seen: string;
}

/** The name of the permalink `--write` creates, so nobody mistakes it for a real room. */
export const DOCTOR_PERMALINK_NAME = "pulumi-eyeson doctor (safe to delete)";

/** The host of the throwaway permalink. */
const DOCTOR_USER = { name: "pulumi-eyeson doctor", id: "pulumi-eyeson-doctor" };

/** An id no permalink has (24 hex digits like a real id), to see how the API says "not found". */
const UNKNOWN_PERMALINK_ID = "000000000000000000000000";

/** The client calls the doctor makes, and the answers it saw. */
export interface DoctorAccount {
  readonly client: Pick<
    EyesonClient,
    | "endpoint"
    | "listPermalinks"
    | "getPermalink"
    | "getWebhook"
    | "createPermalink"
    | "updatePermalink"
    | "deletePermalink"
  >;
  /** The last successful answer of an operation (see `EyesonClientOptions.onAnswer`). */
  lastAnswer(operation: string): ClientAnswer | undefined;
  /** Forgets the answers seen so far, so the next check sees only its own. */
  clearAnswers(): void;
}

/** Collects findings in order. */
class Report {
  readonly findings: Finding[] = [];

  add(id: string, section: string, assumption: string, verdict: Verdict, seen: string, needed = false): void {
    this.findings.push({ id, section, assumption, verdict, needed, seen });
  }

  /** A field's kind against the kinds our notes allow. */
  field(
    prefix: string,
    body: unknown,
    path: string,
    allowed: readonly string[],
    needed: boolean,
    extra?: (value: unknown) => string | undefined,
  ): void {
    const value = at(body, path);
    const kind = kindOf(value);
    const problem = allowed.includes(kind) ? extra?.(value) : undefined;
    const holds = allowed.includes(kind) && problem === undefined;
    this.add(
      `${prefix}.${path}`,
      "Response objects",
      `${path} is ${allowed.join(" or ")}`,
      holds ? "holds" : "differs",
      problem ?? kind,
      needed,
    );
  }
}

/** The fields of a permalink object pulumi-eyeson reads, with the kinds our notes give them. */
function permalinkFields(report: Report, prefix: string, body: unknown): void {
  const timestamp = (value: unknown): string | undefined =>
    typeof value === "string" && !isIsoTimestamp(value) ? "a string that is not an ISO 8601 time" : undefined;
  report.field(prefix, body, "permalink.id", ["a string"], true);
  report.field(prefix, body, "permalink.user_token", ["a string"], true);
  report.field(prefix, body, "permalink.guest_token", ["a string"], false);
  report.field(prefix, body, "permalink.created_at", ["a string"], false, timestamp);
  report.field(prefix, body, "permalink.expires_at", ["null", "a string", "absent"], false, timestamp);
  report.field(prefix, body, "room.id", ["a string"], false);
  report.field(prefix, body, "room.name", ["a string"], false);
  report.field(prefix, body, "user.id", ["a string"], false);
  report.field(prefix, body, "options", ["an object"], false);
  report.field(prefix, body, "links.gui", ["a string"], false);
  report.field(prefix, body, "links.guest_join", ["a string"], false);
}

/** The status and body of the last answer of `operation`. */
function answerOf(
  account: DoctorAccount,
  operation: string,
): { status: number; body: ParsedBody } | undefined {
  const answer = account.lastAnswer(operation);
  return answer && { status: answer.status, body: parseBody(answer.body) };
}

/** How an error reads in a report: its status and the API's words (already free of credentials). */
function failureOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Checks the endpoint and the key; false when the key does not work (nothing else can be checked). */
async function checkAccess(account: DoctorAccount, report: Report): Promise<unknown[]> {
  const endpoint = new URL(account.client.endpoint);
  const eyesons = endpoint.protocol === "https:" && endpoint.host === "api.eyeson.team";
  report.add(
    "endpoint",
    "The endpoints",
    "the endpoint is eyeson's API (https://api.eyeson.team)",
    eyesons ? "holds" : "differs",
    eyesons ? endpoint.origin : `${endpoint.origin}, not eyeson's (an emulator, a proxy or a test server)`,
  );
  account.clearAnswers();
  try {
    await account.client.listPermalinks({ limit: 1 });
  } catch (err) {
    const auth = err instanceof EyesonAuthError;
    report.add(
      "key",
      "Credentials",
      "the API key works, sent raw in Authorization",
      "differs",
      `${failureOf(err)}${auth ? "" : " (no answer to check the key with)"}`,
      true,
    );
    return [];
  }
  const answer = answerOf(account, "listPermalinks");
  report.add(
    "key",
    "Credentials",
    "the API key works, sent raw in Authorization",
    "holds",
    `GET /permalink answered ${answer?.status}`,
    true,
  );
  report.add(
    "list.status",
    "Errors and statuses",
    "GET /permalink answers 200",
    answer?.status === 200 ? "holds" : "differs",
    `${answer?.status} (the client takes any 2xx)`,
  );
  return checkListShape(report, answer?.body);
}

/** The permalink list's paging; answers the items it found. */
function checkListShape(report: Report, body: ParsedBody | undefined): unknown[] {
  const section = "Lists and pages";
  const assumption = "GET /permalink answers a page {page, limit, total, items}";
  if (body === undefined || !("json" in body)) {
    report.add("list.paging", section, assumption, "differs", body ? describeBody(body) : "no body", true);
    return [];
  }
  const json = body.json;
  if (Array.isArray(json)) {
    report.add(
      "list.paging",
      section,
      assumption,
      "differs",
      "a bare array (the client reads it as the whole list)",
    );
    report.add(
      "list.limit",
      section,
      "the list honours limit=1",
      json.length <= 1 ? "holds" : "differs",
      `${json.length} items for limit=1`,
    );
    return json;
  }
  const items = at(json, "items");
  if (!Array.isArray(items)) {
    report.add(
      "list.paging",
      section,
      assumption,
      "differs",
      `${describeBody(body)} without an items array`,
      true,
    );
    return [];
  }
  const counters = ["page", "limit", "total"].map((key) => `${key} ${kindOf(at(json, key))}`);
  const numeric = ["page", "limit", "total"].every((key) => typeof at(json, key) === "number");
  report.add(
    "list.paging",
    section,
    assumption,
    numeric ? "holds" : "differs",
    `${counters.join(", ")}, items an array${numeric ? "" : " (the client reads numbers given as text and stops at a short page)"}`,
  );
  report.add(
    "list.limit",
    section,
    "the list honours limit=1",
    items.length <= 1 ? "holds" : "differs",
    `${items.length} item(s) for limit=1 (the client's walk copes either way)`,
  );
  return items;
}

/** One permalink read by id, the fields of its object, and how an unknown id is answered. */
async function checkPermalinkReads(
  account: DoctorAccount,
  report: Report,
  id: string | undefined,
): Promise<void> {
  if (id === undefined) {
    report.add(
      "get.status",
      "Response objects",
      "GET /permalink/ID answers the permalink",
      "unchecked",
      "the account has no permalink (--write checks one made for the purpose)",
    );
  } else {
    account.clearAnswers();
    try {
      await account.client.getPermalink(id);
      const answer = answerOf(account, "getPermalink");
      const json = answer && "json" in answer.body ? answer.body.json : undefined;
      const same = at(json, "permalink.id") === id;
      report.add(
        "get.status",
        "Response objects",
        "GET /permalink/ID answers 200 with that permalink",
        answer?.status === 200 && same ? "holds" : "differs",
        `${answer?.status} with ${answer ? describeBody(answer.body) : "no body"}${same ? ", the same id" : ", not that permalink's id"}`,
        !same,
      );
      permalinkFields(report, "permalink", json);
    } catch (err) {
      report.add(
        "get.status",
        "Response objects",
        "GET /permalink/ID answers 200 with that permalink",
        "differs",
        failureOf(err),
        true,
      );
    }
  }
  try {
    await account.client.getPermalink(UNKNOWN_PERMALINK_ID);
    report.add(
      "get.notFound",
      'Deleting, and what "gone" means',
      'an unknown permalink answers 404 {"error": ...}',
      "differs",
      `${answerOf(account, "getPermalink")?.status ?? "2xx"}: a refresh could never tell that a permalink was deleted`,
      true,
    );
  } catch (err) {
    const gone = isEyesonNotFound(err);
    report.add(
      "get.notFound",
      'Deleting, and what "gone" means',
      'an unknown permalink answers 404 {"error": ...}',
      gone ? "holds" : "differs",
      gone
        ? "404 with an error message"
        : `${failureOf(err)}: a refresh will not drop a permalink deleted in eyeson`,
      !gone,
    );
  }
}

/** The webhook registration, read only. */
async function checkWebhook(account: DoctorAccount, report: Report): Promise<void> {
  const section = "Webhooks";
  account.clearAnswers();
  let webhook;
  try {
    webhook = await account.client.getWebhook();
  } catch (err) {
    report.add(
      "webhook.read",
      section,
      "GET /webhooks answers the registration or nothing",
      "differs",
      failureOf(err),
      true,
    );
    return;
  }
  const answer = answerOf(account, "getWebhook");
  if (webhook === null) {
    report.add(
      "webhook.read",
      section,
      "GET /webhooks answers the registration, or 404 / an empty body / null / {} when there is none",
      "holds",
      answer ? `none registered: ${answer.status} with ${describeBody(answer.body)}` : "none registered: 404",
    );
    return;
  }
  const json = answer && "json" in answer.body ? answer.body.json : undefined;
  report.add(
    "webhook.read",
    section,
    "GET /webhooks answers one object (not a list)",
    "holds",
    `${answer?.status} with ${answer ? describeBody(answer.body) : "no body"}`,
  );
  report.add(
    "webhook.id",
    section,
    "the webhook object has an id and a url",
    kindOf(at(json, "id")) === "a string" && kindOf(at(json, "url")) === "a string" ? "holds" : "differs",
    `id ${kindOf(at(json, "id"))}, url ${kindOf(at(json, "url"))}`,
    true,
  );
  const types = at(json, "types");
  const list =
    typeof types === "string"
      ? types.split(",").map((t) => t.trim())
      : Array.isArray(types)
        ? types
        : undefined;
  const known = list !== undefined && list.every((t) => (WEBHOOK_TYPES as readonly unknown[]).includes(t));
  report.add(
    "webhook.types",
    section,
    "types is a comma-separated string or an array of known event types",
    known ? "holds" : "differs",
    `${kindOf(types)}${list && !known ? " with a type pulumi-eyeson does not know" : ""}`,
    list === undefined,
  );
  const lastDelivery = [
    ["webhook.lastResponseCode", "last_response_code", "a string", " (the provider records it as text)"],
    ["webhook.lastRequestSentAt", "last_request_sent_at", "a time string", ""],
  ] as const;
  for (const [id, wire, kind, ifNumber] of lastDelivery) {
    const value = at(json, wire);
    report.add(
      id,
      "Response objects",
      `${wire} is ${kind} or null`,
      ["a string", "null", "absent"].includes(kindOf(value)) ? "holds" : "differs",
      `${kindOf(value)}${typeof value === "number" ? ifNumber : ""}`,
    );
  }
}

/** Creates, renames and deletes one throwaway permalink; deletes it whatever fails in between. */
async function checkWrites(account: DoctorAccount, report: Report): Promise<void> {
  const section = "Errors and statuses";
  let id: string | undefined;
  try {
    account.clearAnswers();
    const created = await account.client
      .createPermalink({ name: DOCTOR_PERMALINK_NAME, user: DOCTOR_USER })
      .catch((err: unknown) => {
        // Refused by the client although the API answered 2xx: the answer's fields say why.
        const refused = answerOf(account, "createPermalink");
        if (refused === undefined) throw err;
        report.add(
          "create.answer",
          section,
          "POST /permalink answers the permalink it made",
          "differs",
          `${failureOf(err)}; a permalink named "${DOCTOR_PERMALINK_NAME}" may be left: delete it in eyeson's dashboard`,
          true,
        );
        return undefined;
      });
    id = created?.permalink?.id;
    const answer = answerOf(account, "createPermalink");
    report.add(
      "create.status",
      section,
      "POST /permalink answers 200 or 201 with the permalink",
      answer && [200, 201].includes(answer.status) && "json" in answer.body ? "holds" : "differs",
      `${answer?.status} with ${answer ? describeBody(answer.body) : "no body"}`,
      id === undefined,
    );
    permalinkFields(report, "created", answer && "json" in answer.body ? answer.body.json : undefined);
    if (id === undefined) return;
    account.clearAnswers();
    const renamed = `${DOCTOR_PERMALINK_NAME} renamed`;
    await account.client.updatePermalink(id, { name: renamed });
    const put = answerOf(account, "updatePermalink");
    const read = await account.client.getPermalink(id);
    report.add(
      "update",
      "Room options",
      "PUT /permalink/ID changes what it is sent",
      read.room?.name === renamed ? "holds" : "differs",
      `${put?.status} with ${put ? describeBody(put.body) : "no body"}; the name ${read.room?.name === renamed ? "changed" : "did not change"}`,
      read.room?.name !== renamed,
    );
    account.clearAnswers();
    await account.client.deletePermalink(id);
    const deleted = answerOf(account, "deletePermalink");
    const deletedId = id;
    id = undefined;
    const gone = await account.client.getPermalink(deletedId).then(
      () => false,
      (err: unknown) => isEyesonNotFound(err),
    );
    report.add(
      "delete.gone",
      'Deleting, and what "gone" means',
      "a deleted permalink answers 404 afterwards",
      gone ? "holds" : "differs",
      gone ? "404 with an error message" : "it is still read: a delete would look like it failed to act",
      !gone,
    );
    report.add(
      "delete.status",
      'Deleting, and what "gone" means',
      "DELETE /permalink/ID answers 200 or 204",
      deleted && [200, 204].includes(deleted.status) ? "holds" : "differs",
      `${deleted?.status} with ${deleted ? describeBody(deleted.body) : "no body"} (the client takes any 2xx)`,
    );
  } catch (err) {
    report.add(
      "write",
      section,
      "create, rename and delete of one permalink succeed",
      "differs",
      failureOf(err),
      true,
    );
  } finally {
    // A failure midway still removes the throwaway room; a second failure is reported, never hidden.
    if (id !== undefined) {
      await account.client
        .deletePermalink(id, { missingOk: true })
        .catch((err: unknown) =>
          report.add(
            "cleanup",
            section,
            `the throwaway permalink "${DOCTOR_PERMALINK_NAME}" is deleted`,
            "differs",
            `${failureOf(err)}; delete it in eyeson's dashboard`,
            true,
          ),
        );
    }
  }
}

/** Runs every check; `write` adds the throwaway permalink's create, rename and delete. */
export async function inspectAccount(
  account: DoctorAccount,
  options: { write: boolean },
): Promise<Finding[]> {
  const report = new Report();
  const items = await checkAccess(account, report);
  if (report.findings.some((f) => f.id === "key" && f.verdict === "differs")) return report.findings;
  if (items.length > 0) report.field("list", items[0], "permalink.id", ["a string"], true);
  const id = at(items[0], "permalink.id");
  await checkPermalinkReads(account, report, typeof id === "string" ? id : undefined);
  await checkWebhook(account, report);
  if (options.write) await checkWrites(account, report);
  return report.findings;
}
