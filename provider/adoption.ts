/**
 * What `pulumi-eyeson adopt` found in an eyeson account, as resource declarations: each permalink as a
 * `Permalink` with `adoptId` and the webhook as a `Webhook` with `adoptExisting`, carrying every value the
 * API reports, so that the first `pulumi up` takes the objects over without changing them.
 *
 * The declarations are independent of any output format (see `formats/`), and each one has been through the
 * resource's own `check`, the one the engine runs at `up`: a value the resource would refuse is reported as a
 * problem here instead of failing the user's first `up`.
 */
import type { EyesonApi } from "./eyesonApi";
import type { Permalink, RoomOptions, RoomOptionsState, UserInput, Webhook } from "./types";
import { type PermalinkInputs } from "./resources/permalink";
import { PermalinkProvider } from "./resources/permalinkProvider";
import { type WebhookInputs } from "./resources/webhook";
import { WebhookProvider } from "./resources/webhookProvider";
import { canonicalTimestamp, isRecord } from "./values";
import { CREATE_KEY_FIELD } from "./resources/createMarks";
import { ROOM_OPTION_KEYS } from "./roomOptions";

/** The only client calls adoption makes: both are GETs, so running it changes nothing in the account. */
export type AccountReader = Pick<EyesonApi, "listPermalinks" | "getWebhook">;

/** One permalink as a `Permalink` declaration. */
export interface PermalinkDeclaration {
  /** The Pulumi resource name, unique among the declarations (derived from the room name). */
  readonly resourceName: string;
  /** The permalink id, also `inputs.adoptId`. */
  readonly permalinkId: string;
  /** The resource's inputs: `adoptId` and every value the API reported, normalised as `check` does. */
  readonly inputs: PermalinkInputs;
  /** Why the resource would refuse these inputs (e.g. an expiry in the past); empty when it can be adopted. */
  readonly problems: readonly string[];
}

/** The account's webhook as a `Webhook` declaration. */
export interface WebhookDeclaration {
  /** The Pulumi resource name. */
  readonly resourceName: string;
  /** The webhook id the API reports. */
  readonly webhookId: string;
  /** `url`, `types` (sorted, as `check` normalises them) and `adoptExisting: true`. */
  readonly inputs: WebhookInputs;
  /** Why the resource would refuse these inputs (e.g. a plain http:// URL); empty when it can be adopted. */
  readonly problems: readonly string[];
}

/** Everything found in one account, in the API's order. */
export interface Adoption {
  /** The API endpoint that was read (never the key). */
  readonly endpoint: string;
  readonly permalinks: readonly PermalinkDeclaration[];
  /** Absent when the account has no webhook registered. */
  readonly webhook?: WebhookDeclaration;
}

/** Reads the account's permalinks (every page) and its webhook, and declares each; makes only GET requests. */
export async function planAdoption(reader: AccountReader, endpoint: string): Promise<Adoption> {
  const page = await reader.listPermalinks({ all: true });
  const webhook = await reader.getWebhook();
  const names = new UniqueNames();
  const permalinks: PermalinkDeclaration[] = [];
  for (const live of page.items) {
    permalinks.push(await declarePermalink(live, names));
  }
  return webhook
    ? { endpoint, permalinks, webhook: await declareWebhook(webhook, names) }
    : { endpoint, permalinks };
}

/**
 * A live permalink's settings as `Permalink` inputs, as the API reports them: room name, first host (with id
 * and avatar), expiry and the settable room options. Not yet checked; `adopt` and the plugin's import use it.
 */
export function permalinkSettings(live: Permalink): Omit<PermalinkInputs, "adoptId" | "createKey"> {
  return {
    name: nonEmpty(live.room?.name),
    user: hostOf(live),
    expiresAt: canonicalTimestamp(live.permalink?.expiresAt),
    options: declaredOptions(live.options),
  };
}

async function declarePermalink(live: Permalink, names: UniqueNames): Promise<PermalinkDeclaration> {
  const id = live.permalink.id;
  const raw = { adoptId: id, ...permalinkSettings(live) };
  // The engine calls check with no old inputs at the first `up`, exactly as here.
  const checked = await new PermalinkProvider().check({} as PermalinkInputs, raw as PermalinkInputs);
  return {
    resourceName: names.take(raw.name ?? "", `permalink-${id}`),
    permalinkId: id,
    inputs: checked.inputs ?? (raw as PermalinkInputs),
    problems: (checked.failures ?? []).map((f) => `${f.property}: ${f.reason}`),
  };
}

async function declareWebhook(live: Webhook, names: UniqueNames): Promise<WebhookDeclaration> {
  const raw = { url: live.url, types: [...live.types], adoptExisting: true };
  const checked = await new WebhookProvider().check({} as WebhookInputs, raw);
  return {
    resourceName: names.take("webhook", "webhook"),
    webhookId: live.id,
    inputs: checked.inputs ?? raw,
    problems: (checked.failures ?? []).map((f) => `${f.property}: ${f.reason}`),
  };
}

/** The first host as the API reports it; adopting checks the declared host against it. */
function hostOf(live: Permalink): UserInput {
  const user = live.user;
  const host: { name: string; id?: string; avatar?: string } = { name: user?.name ?? "" };
  if (nonEmpty(user?.id) !== undefined) host.id = user.id;
  if (nonEmpty(user?.avatar ?? undefined) !== undefined) host.avatar = user.avatar as string;
  return host;
}

/**
 * The settable room options among those the API echoes. The echo also carries live meeting state that no
 * input sets (`layout`, `layoutUsers`, `voiceActivation`, ...): those are left out, and so are nulls, which
 * mean "not set".
 */
function declaredOptions(echoed: RoomOptionsState | undefined): RoomOptions | undefined {
  if (!isRecord(echoed)) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of ROOM_OPTION_KEYS) {
    const value = (echoed as Record<string, unknown>)[key];
    if (value === undefined || value === null) continue;
    if (key === "customFields") {
      const fields = customFieldsOf(value);
      if (fields !== undefined) out.customFields = fields;
    } else {
      out[key] = value;
    }
  }
  return Object.keys(out).length > 0 ? (out as RoomOptions) : undefined;
}

function customFieldsOf(value: unknown): Record<string, unknown> | undefined {
  if (!isRecord(value)) return undefined;
  // The create mark is the provider's own bookkeeping, not a setting to declare.
  const fields = Object.fromEntries(
    Object.entries(value).filter(
      ([key, field]) => field !== null && field !== undefined && key !== CREATE_KEY_FIELD,
    ),
  );
  return Object.keys(fields).length > 0 ? fields : undefined;
}

function nonEmpty(value: string | null | undefined): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/** Resource names from room names: lower-case words joined by `-`, made unique with a counter. */
class UniqueNames {
  readonly #taken = new Set<string>();

  take(label: string, fallback: string): string {
    const slug =
      label
        .toLowerCase()
        .normalize("NFKD")
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "")
        .slice(0, 48)
        .replace(/-+$/, "") || fallback;
    let name = slug;
    for (let n = 2; this.#taken.has(name); n++) name = `${slug}-${n}`;
    this.#taken.add(name);
    return name;
  }
}
