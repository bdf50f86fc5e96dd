/**
 * `Permalink`: a standing eyeson meeting room (eyeson-api.md §2.8, §3.3) with its first host.
 */
import * as pulumi from "@pulumi/pulumi";
import type { EyesonClient } from "../client";
import type { Permalink as ApiPermalink, RoomOptions, UpdatePermalinkArgs, UserInput } from "../types";
import {
  isAlreadyGone,
  isNotFound,
  messageOf,
  ProviderBase,
  ResourceInitError,
  STATE_VERSION,
} from "./runtime";
import { shim } from "./shimProvider";
import {
  canonicalTimestamp,
  checkRoomOptions,
  checkUser,
  compact,
  deepEqual,
  differs,
  Failures,
  isRecord,
  isUnknown,
  optionalString,
  optionalTimestamp,
  optionalUserId,
  rejectUnknownKeys,
} from "./validate";

/** The first host of a permalink as program inputs. */
export interface PermalinkUserArgs {
  /** Display name (required). */
  readonly name: pulumi.Input<string>;
  /** Your own user id; the API picks one when absent. */
  readonly id?: pulumi.Input<string>;
  /** Avatar image URL. */
  readonly avatar?: pulumi.Input<string>;
}

/** Arguments of `new Permalink(...)`. */
export interface PermalinkArgs {
  /** Room name; updates in place. The API picks one when absent. */
  readonly name?: pulumi.Input<string>;
  /** The first host; any change replaces the permalink (the API cannot change it). */
  readonly user: pulumi.Input<PermalinkUserArgs>;
  /** ISO 8601 time after which the meeting can no longer be started; must be in the future when set. */
  readonly expiresAt?: pulumi.Input<string>;
  /** Room options (eyeson-api.md §3.1); update in place. */
  readonly options?: pulumi.Input<RoomOptions>;
  /** Take over this existing permalink instead of creating one (`pulumi import` cannot work for dynamic resources). */
  readonly adoptId?: pulumi.Input<string>;
}

/** Normalised inputs, as `check` returns them. */
export interface PermalinkInputs {
  readonly name?: string;
  readonly user: UserInput;
  readonly expiresAt?: string;
  readonly options?: RoomOptions;
  readonly adoptId?: string;
}

/** Outputs: every normalised input plus the server's fields. Optional because older states may lack some. */
export interface PermalinkOutputs extends PermalinkInputs {
  readonly stateVersion?: number;
  readonly permalinkId?: string;
  readonly userId?: string;
  readonly roomId?: string;
  readonly createdAt?: string;
  readonly started?: boolean;
  readonly userToken?: string;
  readonly guestToken?: string;
  readonly hostUrl?: string;
  readonly guestUrl?: string;
}

/** Outputs kept secret in the state: tokens and the links that embed them. */
export const PERMALINK_SECRET_OUTPUTS = ["userToken", "guestToken", "hostUrl", "guestUrl"] as const;

const INPUT_KEYS = ["name", "user", "expiresAt", "options", "adoptId"] as const;

/** The Permalink implementation; the engine reaches it through the shim. */
export class PermalinkProvider
  extends ProviderBase
  implements pulumi.dynamic.ResourceProvider<PermalinkInputs, PermalinkOutputs>
{
  /** Validates and normalises offline; unknown values pass through; nothing is sent. */
  async check(
    olds: PermalinkInputs,
    news: PermalinkInputs,
  ): Promise<pulumi.dynamic.CheckResult<PermalinkInputs>> {
    const failures = new Failures();
    const raw: Record<string, unknown> = isRecord(news) ? news : {};
    rejectUnknownKeys(failures, "", raw, INPUT_KEYS);
    const name = optionalString(failures, "name", raw.name, { nonEmpty: true, max: 256 });
    const user = checkUser(failures, "user", raw.user);
    const expiresAt = optionalTimestamp(failures, "expiresAt", raw.expiresAt);
    // An expiry that is unchanged may have passed since it was set; only a new one must be in the future.
    const previous = isRecord(olds) ? olds.expiresAt : undefined;
    if (expiresAt !== undefined && !isUnknown(expiresAt) && expiresAt !== previous) {
      const time = Date.parse(expiresAt);
      if (!Number.isNaN(time) && time <= Date.now())
        failures.add("expiresAt", `must be in the future (${expiresAt})`);
    }
    const options = checkRoomOptions(failures, "options", raw.options);
    const adoptId = optionalUserId(failures, "adoptId", raw.adoptId);
    const inputs = compact({ name, user: user as UserInput, expiresAt, options, adoptId });
    return { inputs, failures: failures.list };
  }

  /** Name, expiry and options update in place; any change to the first host replaces. `adoptId` is ignored. */
  async diff(_id: string, olds: PermalinkOutputs, news: PermalinkInputs): Promise<pulumi.dynamic.DiffResult> {
    const old = readState(olds);
    const replaces = differs(old.user, news.user) ? ["user"] : [];
    const updates = [
      news.name !== undefined && differs(old.name, news.name),
      differs(old.expiresAt, news.expiresAt),
      differs(emptyToUndefined(old.options), emptyToUndefined(news.options)),
    ].some(Boolean);
    return { changes: replaces.length > 0 || updates, replaces, deleteBeforeReplace: false };
  }

  /** Creates the permalink (1 request), or with `adoptId` takes over an existing one (2 requests). */
  async create(inputs: PermalinkInputs): Promise<pulumi.dynamic.CreateResult<PermalinkOutputs>> {
    return this.withClient(async (client) => {
      if (inputs.adoptId !== undefined) return adopt(client, inputs);
      const created = await client.createPermalink(
        compact({
          name: inputs.name,
          user: inputs.user,
          expiresAt: inputs.expiresAt,
          options: inputs.options,
        }),
      );
      return { id: created.permalink.id, outs: outputsOf(inputs, created) };
    });
  }

  /** Reads the permalink (1 request); drops it from the state only when the API answers 404. */
  async read(id: string, props?: PermalinkOutputs): Promise<pulumi.dynamic.ReadResult<PermalinkOutputs>> {
    const old = readState(props);
    return this.withClient(async (client) => {
      let live: ApiPermalink;
      try {
        live = await client.getPermalink(id);
      } catch (err) {
        if (isNotFound(err)) return {};
        throw err;
      }
      const outs = outputsOf(old, live, { refresh: true });
      return { id: live.permalink?.id ?? id, props: outs, inputs: inputsOf(outs) };
    });
  }

  /** Sends name, expiry and options with `PUT` (1 request) and returns the full outputs. */
  async update(
    id: string,
    olds: PermalinkOutputs,
    news: PermalinkInputs,
  ): Promise<pulumi.dynamic.UpdateResult<PermalinkOutputs>> {
    const old = readState(olds);
    return this.withClient(async (client) => {
      const updated = await client.updatePermalink(id, updateArgs(news, old.expiresAt));
      return { outs: outputsOf(news, updated) };
    });
  }

  /** Deletes the permalink (1 request); 404 and 410 mean it is already gone. */
  async delete(id: string, _props: PermalinkOutputs): Promise<void> {
    await this.withClient(async (client) => {
      try {
        await client.deletePermalink(id, { missingOk: true });
      } catch (err) {
        if (!isAlreadyGone(err)) throw err;
      }
    });
  }
}

async function adopt(
  client: EyesonClient,
  inputs: PermalinkInputs,
): Promise<pulumi.dynamic.CreateResult<PermalinkOutputs>> {
  const id = inputs.adoptId as string;
  let existing: ApiPermalink;
  try {
    existing = await client.getPermalink(id);
  } catch (err) {
    if (isNotFound(err)) {
      throw new Error(
        `Cannot adopt permalink ${id}: it does not exist for this API key (remove adoptId to create one)`,
      );
    }
    throw err;
  }
  const mismatch = hostMismatch(inputs.user, existing);
  if (mismatch) {
    // Nothing was changed yet, so no id is attached: the engine must not record the permalink as ours.
    throw new Error(
      `Cannot adopt permalink ${id}: its first host ${mismatch}; the API cannot change the first host, so declare the existing one`,
    );
  }
  try {
    const updated = await client.updatePermalink(
      id,
      updateArgs(inputs, canonicalTimestamp(existing.permalink?.expiresAt)),
    );
    return { id, outs: outputsOf(inputs, updated) };
  } catch (err) {
    const message = `Adopted permalink ${id}, but setting its name, expiry and options failed: ${messageOf(err)}`;
    throw new ResourceInitError(message, id, outputsOf(inputs, existing));
  }
}

function hostMismatch(user: UserInput, live: ApiPermalink): string | undefined {
  const host = live.user;
  if (!host) return undefined;
  if (host.name !== user.name)
    return `is named ${JSON.stringify(host.name)}, not ${JSON.stringify(user.name)}`;
  if (user.id !== undefined && host.id !== user.id)
    return `has the id ${JSON.stringify(host.id)}, not ${JSON.stringify(user.id)}`;
  if (user.avatar !== undefined && host.avatar !== user.avatar) return "has a different avatar";
  return undefined;
}

function updateArgs(news: PermalinkInputs, currentExpiry: string | undefined): UpdatePermalinkArgs {
  // A removed expiry is cleared with null; an absent name or option keeps the server's value.
  const expiresAt = news.expiresAt ?? (currentExpiry !== undefined ? null : undefined);
  return compact({ name: news.name, expiresAt, options: news.options });
}

/**
 * Outputs from declared inputs and an API answer. After create/update the declared values are kept (they
 * were just sent); on refresh the server's values replace them, so drift shows and the next `up` repairs it.
 */
function outputsOf(
  declared: PermalinkOutputs,
  live: ApiPermalink,
  mode: { refresh?: boolean } = {},
): PermalinkOutputs {
  const info = live.permalink;
  const serverExpiry = canonicalTimestamp(info?.expiresAt);
  return compact({
    stateVersion: STATE_VERSION,
    name: mode.refresh ? (live.room?.name ?? declared.name) : (declared.name ?? live.room?.name),
    user: declared.user,
    expiresAt: mode.refresh ? serverExpiry : (declared.expiresAt ?? serverExpiry),
    options: mode.refresh ? refreshOptions(declared.options, live.options) : declared.options,
    adoptId: declared.adoptId,
    permalinkId: info?.id ?? declared.permalinkId,
    userId: live.user?.id ?? declared.userId ?? declared.user?.id,
    roomId: live.room?.id ?? declared.roomId,
    createdAt: info?.createdAt ?? declared.createdAt,
    started: live.room ? live.room.startedAt !== null && live.room.startedAt !== undefined : declared.started,
    userToken: info?.userToken ?? declared.userToken,
    guestToken: info?.guestToken ?? declared.guestToken,
    hostUrl: live.links?.gui ?? declared.hostUrl,
    guestUrl: live.links?.guestJoin ?? declared.guestUrl,
  });
}

/** The declared options with the server's value for each declared key it echoes (§2.2 echoes most). */
function refreshOptions(declared: RoomOptions | undefined, live: unknown): RoomOptions | undefined {
  if (!declared || !isRecord(live)) return declared;
  const out: Record<string, unknown> = { ...declared };
  for (const key of Object.keys(declared) as (keyof RoomOptions)[]) {
    if (key === "customFields") continue;
    if (live[key] !== undefined) out[key] = live[key] ?? undefined;
  }
  const fields = declared.customFields;
  const liveFields = live.customFields;
  if (fields && isRecord(liveFields)) {
    const merged: Record<string, unknown> = { ...fields };
    for (const key of Object.keys(fields)) if (liveFields[key] !== undefined) merged[key] = liveFields[key];
    out.customFields = merged;
  }
  return compact(out) as RoomOptions;
}

function inputsOf(outs: PermalinkOutputs): PermalinkInputs {
  return compact({
    name: outs.name,
    user: outs.user,
    expiresAt: outs.expiresAt,
    options: outs.options,
    adoptId: outs.adoptId,
  });
}

function emptyToUndefined(options: RoomOptions | undefined): RoomOptions | undefined {
  return options && !isUnknown(options) && deepEqual(options, {}) ? undefined : options;
}

/**
 * Reads any state shape this provider has written. Version 1 (marked `stateVersion: 1`) is the only one so
 * far; a missing marker or field is read as absent, and unknown extra fields are ignored.
 */
function readState(props: PermalinkOutputs | undefined): PermalinkOutputs {
  const state = isRecord(props) ? props : ({} as Partial<PermalinkOutputs>);
  const user = isRecord(state.user) ? (state.user as UserInput) : { name: "" };
  return { ...state, user };
}

/** A standing eyeson meeting room with its first host; tokens and join links are secret outputs. */
export class Permalink extends pulumi.dynamic.Resource {
  /** Room name (the server's when none was declared). */
  declare readonly name: pulumi.Output<string>;
  /** The first host, as declared. */
  declare readonly user: pulumi.Output<UserInput>;
  /** Expiry (ISO 8601, UTC), if any. */
  declare readonly expiresAt: pulumi.Output<string | undefined>;
  /** Declared room options (refreshed from the server for the keys it echoes). */
  declare readonly options: pulumi.Output<RoomOptions | undefined>;
  /** The adopted permalink's id, if `adoptId` was set. */
  declare readonly adoptId: pulumi.Output<string | undefined>;
  /** Version of the state shape written by the provider. */
  declare readonly stateVersion: pulumi.Output<number>;
  /** The permalink id (also the resource id). */
  declare readonly permalinkId: pulumi.Output<string>;
  /** The first host's user id (the declared one, or the one the API assigned). */
  declare readonly userId: pulumi.Output<string>;
  /** The room id of the permalink's meetings. */
  declare readonly roomId: pulumi.Output<string>;
  /** When the permalink was created (ISO 8601). */
  declare readonly createdAt: pulumi.Output<string>;
  /** Whether a meeting was running at the last create, update or refresh. */
  declare readonly started: pulumi.Output<boolean>;
  /** Secret: the first host's token; whoever holds it can start the meeting as host. */
  declare readonly userToken: pulumi.Output<string>;
  /** Secret: lets anyone join a running meeting as a guest. */
  declare readonly guestToken: pulumi.Output<string>;
  /** Secret: the first host's meeting link (embeds `userToken`). */
  declare readonly hostUrl: pulumi.Output<string>;
  /** Secret: the guest join link (embeds `guestToken`). */
  declare readonly guestUrl: pulumi.Output<string>;

  /** Declares a permalink; the URN type is `pulumi-nodejs:dynamic/eyeson:Permalink`. */
  constructor(name: string, args: PermalinkArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      name: undefined,
      expiresAt: undefined,
      options: undefined,
      adoptId: undefined,
      stateVersion: undefined,
      permalinkId: undefined,
      userId: undefined,
      roomId: undefined,
      createdAt: undefined,
      started: undefined,
      userToken: undefined,
      guestToken: undefined,
      hostUrl: undefined,
      guestUrl: undefined,
      ...args,
    };
    const secrets = pulumi.mergeOptions(opts, { additionalSecretOutputs: [...PERMALINK_SECRET_OUTPUTS] });
    super(shim("permalink"), name, props, secrets, "eyeson", "Permalink");
  }
}
