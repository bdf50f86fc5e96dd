/**
 * The host side of `Permalink` (the class a program declares is in the `permalink` module): a standing eyeson meeting room with its first host (https://docs.eyeson.com/docs/rest/references/permalink).
 *
 * The options a program declares are the options it manages: a removed one is sent back to the API's default
 * (the table in `provider/roomOptions.ts`), a refresh records the server's value of each declared one, and a
 * value the server only spells differently (colour case, a normalised URL, another time format) is no change.
 */
import { randomBytes } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import type { EyesonClient } from "../client";
import type { Permalink as ApiPermalink, RoomOptions, UserInput } from "../types";
import { isEyesonNotFound, ResourceInitError, type EyesonError } from "../errors";
import {
  CREATE_KEY_FIELD,
  findMarked,
  uncertain,
  pauseBeforeAttempt,
  UNCERTAIN_ATTEMPTS,
} from "./createMarks";
import {
  checkLiveMeetings,
  guardStep,
  liveMeetingsPolicy,
  planRoom,
  replaceWarning,
  settingFailures,
} from "./liveMeetings";
import { currentUrn } from "./hostCalls";
import { messageOf, ProviderBase, checkedKeys, quietError } from "./providerBase";
import { replacingChanges } from "./declare";
import { PERMALINK } from "./declarations";
import {
  inputsOf,
  optionsDiffer,
  outputsOf,
  readState,
  updateArgs,
  type PermalinkInputs,
  type PermalinkOutputs,
} from "./permalinkState";
import { checkRoomOptions, checkUser, optionalString, optionalTimestamp, optionalUserId } from "../validate";
import { canonicalTimestamp, compact, differs, isRecord, isUnknown } from "../values";

/** The Permalink implementation; the engine reaches it through the shim. */
export class PermalinkProvider
  extends ProviderBase
  implements pulumi.dynamic.ResourceProvider<PermalinkInputs, PermalinkOutputs>
{
  /**
   * Validates and normalises the inputs; unknown values pass through. Under the engine it also proves the
   * credentials (one read-only request per provider process), so a preview fails where the `up` would.
   */
  async check(
    olds: PermalinkInputs,
    news: PermalinkInputs,
  ): Promise<pulumi.dynamic.CheckResult<PermalinkInputs>> {
    const { failures, raw } = checkedKeys(news, PERMALINK);
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
    const createKey = optionalString(failures, "createKey", raw.createKey, { nonEmpty: true, max: 64 });
    const liveMeetings = checkLiveMeetings(failures, raw.liveMeetings);
    for (const failure of settingFailures(this.liveMeetingsSettings()))
      failures.add(failure.property, failure.reason);
    // Proven only for valid inputs: a bad input alone fails the preview, with no request sent.
    const credentials = failures.list.length === 0 ? await this.credentialFailure() : undefined;
    if (credentials) failures.add(credentials.property, credentials.reason);
    const inputs = compact({
      name,
      user: user as UserInput,
      expiresAt,
      options,
      adoptId,
      createKey,
      liveMeetings,
    });
    return { inputs, failures: failures.list };
  }

  /**
   * Name, expiry, options and `liveMeetings` update in place; any change to the first host replaces. `adoptId`,
   * and `createKey` never matter here (they are read by create only).
   *
   * A replacement reads the room first (one request, shared with the room's other resources; see
   * the `liveMeetings` module) and warns: always that the links change, and whether a meeting runs. With a meeting
   * running under `protect`, it asks the engine to delete before it creates (`deleteBeforeReplace`): the
   * engine then runs the deletes first, the room's hosts' and then the permalink's, and the first of them
   * reads the room again and refuses, so the `up` stops before its first write. Without that, the engine
   * would create the new permalink before it deletes the old one.
   */
  async diff(id: string, olds: PermalinkOutputs, news: PermalinkInputs): Promise<pulumi.dynamic.DiffResult> {
    const old = readState(olds);
    const replaces = replacingChanges(PERMALINK, old, news, differs);
    const updates = settingsChanged(old, news) || differs(old.liveMeetings, news.liveMeetings);
    let deleteBeforeReplace = false;
    if (replaces.length > 0) {
      const policy = liveMeetingsPolicy(news.liveMeetings, this.liveMeetingsSettings());
      const urn = currentUrn();
      const planned = await this.withClient((client) => planRoom(client, this.currentAccount(), id));
      await this.warn(replaceWarning(urn, id, planned, policy), urn);
      deleteBeforeReplace = planned.room?.startedAt !== undefined && policy.mode === "protect";
    }
    return { changes: replaces.length > 0 || updates, replaces, deleteBeforeReplace };
  }

  /**
   * Creates the permalink (1 request), or with `adoptId` takes over an existing one (2 requests). When the
   * answer to the create is lost, the permalink is looked up by the mark the create put on it and taken over,
   * so it is never created twice.
   */
  async create(inputs: PermalinkInputs): Promise<pulumi.dynamic.CreateResult<PermalinkOutputs>> {
    const account = this.currentAccount();
    return this.withClient(async (client) => {
      if (inputs.adoptId !== undefined) return adopt(client, inputs, account);
      if (inputs.createKey === undefined) return createOnce(client, inputs, account);
      // This create's own mark: the resource's key and a random part, so a lookup finds exactly what this
      // create made (a forced replacement has the same key as the permalink it replaces).
      const mark = `${inputs.createKey}.${randomBytes(6).toString("hex")}`;
      for (let attempt = 1; ; attempt++) {
        try {
          return await createOnce(client, inputs, account, mark);
        } catch (err) {
          if (!uncertain(err)) throw err;
          // The server may have acted: look before creating again, so nothing exists twice.
          const maybe = await findMarked(client, mark).catch(() => undefined);
          const taken = maybe && (await takeOverCreated(client, maybe, inputs, account));
          if (taken) return taken;
          if (attempt >= UNCERTAIN_ATTEMPTS) throw lostCreate(err, mark);
          await pauseBeforeAttempt(attempt);
        }
      }
    });
  }

  /**
   * Reads the permalink (1 request) and records the server's name, expiry and declared options, so drift
   * shows in the next preview. Drops it from the state only on a 404 from the account that created it.
   */
  async read(id: string, props?: PermalinkOutputs): Promise<pulumi.dynamic.ReadResult<PermalinkOutputs>> {
    const old = readState(props);
    const account = this.currentAccount();
    return this.withClient(async (client) => {
      let live: ApiPermalink;
      try {
        live = await client.getPermalink(id);
      } catch (err) {
        await this.assertNotFound(err, old.account, `Permalink ${id}`, "dropped from the state");
        return {};
      }
      const outs = outputsOf(old, live, account, { refresh: true });
      return { id: live.permalink?.id ?? id, props: outs, inputs: inputsOf(outs) };
    });
  }

  /**
   * Sends name, expiry and options with `PUT` (1 request): a removed option goes back to the API's default,
   * a removed expiry is cleared. Returns the full outputs.
   */
  async update(
    id: string,
    olds: PermalinkOutputs,
    news: PermalinkInputs,
  ): Promise<pulumi.dynamic.UpdateResult<PermalinkOutputs>> {
    const old = readState(olds);
    // Only `liveMeetings` changed: it lives in the state alone, so eyeson is not asked.
    if (!settingsChanged(old, news))
      return { outs: compact({ ...old, ...news, liveMeetings: news.liveMeetings }) };
    return this.withClient(async (client) => {
      const updated = await client.updatePermalink(id, updateArgs(news, old.expiresAt, old.options));
      return { outs: outputsOf(news, updated, this.currentAccount() ?? old.account) };
    });
  }

  /**
   * Deletes the permalink (1 request). Already gone (eyeson's 404) is success, unless another account than the
   * one that created it says so. Under `liveMeetings: protect` it first reads the room (1 request) and refuses,
   * changing nothing, while a meeting runs in it.
   */
  async delete(id: string, props: PermalinkOutputs): Promise<void> {
    const old = readState(props);
    const policy = liveMeetingsPolicy(old.liveMeetings, this.liveMeetingsSettings());
    await this.withClient(async (client) => {
      await guardStep(client, this.currentAccount(), policy, {
        kind: "permalink",
        permalinkId: id,
        urn: currentUrn(),
        roomName: old.name,
      });
      const deleted = await client.deletePermalink(id, { missingOk: true });
      if (!deleted) await this.assertGoneHere(old.account, `Permalink ${id}`, "deleted from the state");
    });
  }
}

/** Whether a change reaches eyeson: the name (when declared), the expiry or the options. */
function settingsChanged(old: PermalinkOutputs, news: PermalinkInputs): boolean {
  return [
    news.name !== undefined && differs(old.name, news.name),
    differs(old.expiresAt, news.expiresAt),
    optionsDiffer(old.options, news.options),
  ].some(Boolean);
}

async function createOnce(
  client: EyesonClient,
  inputs: PermalinkInputs,
  account: string | undefined,
  mark?: string,
): Promise<pulumi.dynamic.CreateResult<PermalinkOutputs>> {
  const created = await client.createPermalink(
    compact({
      name: inputs.name,
      user: inputs.user,
      expiresAt: inputs.expiresAt,
      options: withMark(inputs.options, mark),
    }),
  );
  return { id: created.permalink.id, outs: outputsOf(inputs, created, account) };
}

/** The declared options with the create mark among the custom fields, where a later lookup finds it. */
function withMark(options: RoomOptions | undefined, mark: string | undefined): RoomOptions | undefined {
  if (mark === undefined) return options;
  return { ...options, customFields: { ...options?.customFields, [CREATE_KEY_FIELD]: mark } };
}

/**
 * Takes over a permalink an earlier attempt of this create made: sets the declared name, expiry and options
 * (they may have changed since) and returns it as created. Undefined when it is gone by now.
 */
async function takeOverCreated(
  client: EyesonClient,
  found: ApiPermalink,
  inputs: PermalinkInputs,
  account: string | undefined,
): Promise<pulumi.dynamic.CreateResult<PermalinkOutputs> | undefined> {
  const id = found.permalink.id;
  let updated: ApiPermalink;
  try {
    const expiry = canonicalTimestamp(found.permalink.expiresAt);
    updated = await client.updatePermalink(id, updateArgs(inputs, expiry, undefined));
  } catch (err) {
    if (isEyesonNotFound(err)) return undefined;
    throw err;
  }
  // The listing shows the permalink through its first host, so its tokens are this resource's.
  const merged = { ...updated, permalink: { ...found.permalink, ...updated.permalink } };
  return { id, outs: outputsOf(inputs, merged, account) };
}

function lostCreate(err: unknown, mark: string): EyesonError {
  return quietError(
    `Creating the permalink failed ${UNCERTAIN_ATTEMPTS} times without a clear answer (${messageOf(err)}). eyeson may ` +
      `have created it: such a room carries the custom field pulumi_create_key=${mark}. Once eyeson answers again, ` +
      "`npx pulumi-eyeson orphans` lists the rooms this stack's creates made that its state does not hold " +
      "(`--delete` removes them); then run `pulumi up` again.",
  );
}

async function adopt(
  client: EyesonClient,
  inputs: PermalinkInputs,
  account: string | undefined,
): Promise<pulumi.dynamic.CreateResult<PermalinkOutputs>> {
  const id = inputs.adoptId as string;
  let existing: ApiPermalink;
  try {
    existing = await client.getPermalink(id);
  } catch (err) {
    if (isEyesonNotFound(err)) {
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
      updateArgs(inputs, canonicalTimestamp(existing.permalink?.expiresAt), undefined),
    );
    return { id, outs: outputsOf(inputs, updated, account) };
  } catch (err) {
    const message = `Adopted permalink ${id}, but setting its name, expiry and options failed: ${messageOf(err)}`;
    throw new ResourceInitError(message, id, outputsOf(inputs, existing, account));
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
