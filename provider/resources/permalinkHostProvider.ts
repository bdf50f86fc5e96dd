/**
 * The host side of `PermalinkHost` (the class a program declares is in the `permalinkHost` module): a further host of a permalink, with their own token
 * (https://docs.eyeson.com/docs/rest/references/permalink; `docs/api-notes.md` on removing hosts).
 *
 * The resource id is `<permalinkId>/<userId>` and never the token: ids are stored in plain text. When no
 * `user.id` is declared, `check` generates one once and keeps it in the inputs, so the id stays stable.
 *
 * There is no adopt input: the API cannot look up an existing host's token by user id, and a token given as
 * an input would be stored in the state's inputs, in plain text unless the program marked it secret.
 *
 * Every change of the host replaces it (see `diff`); the one update is a change of `liveMeetings` alone, which
 * lives in the state only and sends no request.
 */
import { randomBytes } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { EyesonApiError, type EyesonError } from "../errors";
import type { Permalink as ApiPermalink, UserInput } from "../types";
import { uncertain, pauseBeforeAttempt, UNCERTAIN_ATTEMPTS } from "./createMarks";
import {
  checkLiveMeetings,
  guardStep,
  hostReplaceWarning,
  liveMeetingsPolicy,
  planRoom,
  settingFailures,
} from "./liveMeetings";
import { currentUrn } from "./hostCalls";
import { ProviderBase, checkedKeys, quietError, STATE_VERSION } from "./providerBase";
import { inputsIn, replacingChanges } from "./declare";
import { PERMALINK_HOST } from "./declarations";
import type { PermalinkHostInputs, PermalinkHostOutputs } from "./declaredTypes";
import { checkUser, Failures, optionalUserId, requiredString } from "../validate";
import { compact, differs, isRecord, isUnknown, UNKNOWN } from "../values";

/** The PermalinkHost implementation; the engine reaches it through the shim. */
export class PermalinkHostProvider
  extends ProviderBase
  implements pulumi.dynamic.ResourceProvider<PermalinkHostInputs, PermalinkHostOutputs>
{
  /**
   * Validates, settles the user id (declared, kept from before, or generated once) and, under the engine,
   * proves the credentials once per provider process.
   */
  async check(
    olds: PermalinkHostInputs,
    news: PermalinkHostInputs,
  ): Promise<pulumi.dynamic.CheckResult<PermalinkHostInputs>> {
    const { failures, raw } = checkedKeys(news, PERMALINK_HOST);
    const permalinkId = requiredString(failures, "permalinkId", raw.permalinkId, { max: 128 });
    if (permalinkId !== undefined && !isUnknown(permalinkId) && /[\s/]/.test(permalinkId)) {
      failures.add("permalinkId", "must not contain '/' or whitespace");
    }
    const user = checkUser(failures, "user", raw.user);
    const userId = settleUserId(failures, user, raw.userId, isRecord(olds) ? olds : undefined);
    const liveMeetings = checkLiveMeetings(failures, raw.liveMeetings);
    for (const failure of settingFailures(this.liveMeetingsSettings()))
      failures.add(failure.property, failure.reason);
    // Proven only for valid inputs: a bad input alone fails the preview, with no request sent.
    const credentials = failures.list.length === 0 ? await this.credentialFailure() : undefined;
    if (credentials) failures.add(credentials.property, credentials.reason);
    return {
      inputs: compact({
        permalinkId: permalinkId ?? "",
        user: user as UserInput,
        userId,
        liveMeetings,
      }),
      failures: failures.list,
    };
  }

  /**
   * Any change of the permalink or the host replaces; the old host is removed first, since a user id is
   * registered once per permalink. The permalink id is the permalink's resource id, which is unknown only when
   * that permalink is created or replaced: then the host is replaced too, as the plan says. `liveMeetings`
   * alone updates in place.
   *
   * A replacement within the same room reads the room (one request, shared with the room's other resources;
   * see the `liveMeetings` module) and warns when a meeting runs. A replacement that comes with its room's does not
   * read: the room's own plan reads and warns.
   */
  async diff(
    id: string,
    olds: PermalinkHostOutputs,
    news: PermalinkHostInputs,
  ): Promise<pulumi.dynamic.DiffResult> {
    const old = readState(olds, id);
    const replaces = replacingChanges(PERMALINK_HOST, old, news, differs);
    const sameRoom = old.permalinkId !== "" && !differs(old.permalinkId, news.permalinkId);
    if (replaces.length > 0 && sameRoom) {
      const policy = liveMeetingsPolicy(news.liveMeetings, this.liveMeetingsSettings());
      const planned = await this.withClient((client) =>
        planRoom(client, this.currentAccount(), old.permalinkId),
      );
      const urn = currentUrn();
      const warning = hostReplaceWarning(urn, old.permalinkId, planned, policy);
      if (warning !== undefined) await this.warn(warning, urn);
    }
    const changes = replaces.length > 0 || differs(old.liveMeetings, news.liveMeetings);
    return { changes, replaces, deleteBeforeReplace: true };
  }

  /** Records a changed `liveMeetings` (the only change that is not a replacement); sends no request. */
  async update(
    id: string,
    olds: PermalinkHostOutputs,
    news: PermalinkHostInputs,
  ): Promise<pulumi.dynamic.UpdateResult<PermalinkHostOutputs>> {
    const old = readState(olds, id);
    return {
      outs: compact({ ...old, liveMeetings: news.liveMeetings }),
    };
  }

  /** Registers the host (1 request); the id is `<permalinkId>/<userId>`. */
  async create(inputs: PermalinkHostInputs): Promise<pulumi.dynamic.CreateResult<PermalinkHostOutputs>> {
    const account = this.currentAccount();
    return this.withClient(async (client) => {
      const userId = inputs.userId ?? inputs.user.id;
      const user = compact({ name: inputs.user.name, id: userId, avatar: inputs.user.avatar });
      for (let attempt = 1; ; attempt++) {
        try {
          const added = await client.addPermalinkHost(inputs.permalinkId, user);
          const outs = outputsOf(inputs, added, account);
          return { id: `${inputs.permalinkId}/${outs.userId}`, outs };
        } catch (err) {
          const taken = alreadyAHost(err, inputs.permalinkId, userId, attempt > 1);
          if (taken) throw taken;
          // Sent again with the same user id, so a registration that did arrive cannot happen twice.
          if (!uncertain(err) || attempt >= UNCERTAIN_ATTEMPTS) throw err;
          await pauseBeforeAttempt(attempt);
        }
      }
    });
  }

  /**
   * Checks that the permalink exists (`GET /permalink/ID`) and that the host's token still works
   * (`GET /permalink/USER_TOKEN`): 2 requests. Only a 404 from either, from the account that registered the
   * host, drops the host from the state.
   */
  async read(
    id: string,
    props?: PermalinkHostOutputs,
  ): Promise<pulumi.dynamic.ReadResult<PermalinkHostOutputs>> {
    const old = readState(props, id);
    const account = this.currentAccount();
    return this.withClient(async (client) => {
      try {
        await client.getPermalink(old.permalinkId);
      } catch (err) {
        await this.assertNotFound(err, old.account, `PermalinkHost ${id}`, "dropped from the state");
        return {};
      }
      let live: ApiPermalink | undefined;
      if (old.userToken) {
        try {
          live = await client.getPermalinkRoom(old.userToken);
        } catch (err) {
          await this.assertNotFound(err, old.account, `PermalinkHost ${id}`, "dropped from the state");
          return {};
        }
      }
      const outs = compact({
        ...old,
        stateVersion: STATE_VERSION,
        account: account ?? old.account,
        hostUrl: live?.links?.gui ?? old.hostUrl,
      });
      return { id, props: outs, inputs: inputsIn<PermalinkHostInputs>(PERMALINK_HOST, old) };
    });
  }

  /**
   * Removes the host with its token from the state (1 request). Already gone (404) is success, unless another
   * account than the one that registered it says so. Under `liveMeetings: protect` it first reads the room
   * (1 request) and refuses, changing nothing, while a meeting runs in it.
   */
  async delete(id: string, props: PermalinkHostOutputs): Promise<void> {
    const old = readState(props, id);
    // Without a token there is nothing the API can remove; failing would block every destroy forever.
    if (!old.userToken || !old.permalinkId) return;
    const token = old.userToken;
    const policy = liveMeetingsPolicy(old.liveMeetings, this.liveMeetingsSettings());
    await this.withClient(async (client) => {
      await guardStep(client, this.currentAccount(), policy, {
        kind: "host",
        permalinkId: old.permalinkId,
        urn: currentUrn(),
        hostName: old.user.name,
      });
      const removed = await client.removePermalinkHost(old.permalinkId, token, { missingOk: true });
      if (!removed) await this.assertGoneHere(old.account, `PermalinkHost ${id}`, "deleted from the state");
    });
  }
}

/**
 * The error for "already a host of this permalink" (400): the user id is registered, and the API never
 * reveals that host's token, so this resource cannot take it over. `lostEarlier` is true when this very
 * create sent the registration before and lost the answer.
 */
function alreadyAHost(
  err: unknown,
  permalinkId: string,
  userId: string | undefined,
  lostEarlier: boolean,
): EyesonError | undefined {
  if (!EyesonApiError.isInstance(err) || err.status !== 400 || !/already/i.test(err.apiMessage))
    return undefined;
  const host = `host ${JSON.stringify(userId ?? "")} of permalink ${permalinkId}`;
  const wayOut =
    "The token was never seen, so nobody can use that registration, but only eyeson could remove it. Way out: " +
    "declare this host with another user id, or replace the room with all its hosts in one command, " +
    "`pulumi up --replace <the Permalink's URN>` (the room gets a new guest link).";
  if (lostEarlier) {
    return quietError(
      `The ${host} was registered, but eyeson's answer, which carries the host's token, was lost on the way, and ` +
        `the API never reveals a host's token again. ${wayOut}`,
    );
  }
  return quietError(
    `Cannot add ${host}: eyeson says this user is already a host of it (400), and the API never reveals an ` +
      "existing host's token, so it cannot be taken over. If you renamed this PermalinkHost in the program (or " +
      'moved it into a component), add `aliases: [{ name: "<its old name>" }]` to its resource options so Pulumi ' +
      "keeps the existing host instead of adding it again. If another stack or tool registered this user, declare " +
      `the host with another user id. If an earlier run lost the answer to this registration: ${wayOut}`,
  );
}

function settleUserId(
  failures: Failures,
  user: UserInput | undefined,
  given: unknown,
  olds: Record<string, unknown> | undefined,
): string | undefined {
  if (user === undefined) return undefined;
  if (isUnknown(user) || isUnknown(user.id)) return UNKNOWN;
  if (user.id !== undefined) return user.id;
  // An id generated before stays (states from before ids were derived from the resource's name keep theirs).
  const oldUser = olds && isRecord(olds.user) ? olds.user : undefined;
  if (oldUser && oldUser.id === undefined && typeof olds?.userId === "string" && !isUnknown(olds.userId)) {
    return olds.userId;
  }
  // The constructor's id, derived from where the resource is declared, so a retried registration uses the
  // same id; checked inputs fed back in (check is idempotent) carry it too.
  const proposed = optionalUserId(failures, "userId", given);
  if (proposed !== undefined) return proposed;
  return `pulumi-${randomBytes(8).toString("hex")}`;
}

function outputsOf(
  inputs: PermalinkHostInputs,
  added: ApiPermalink,
  account: string | undefined,
): PermalinkHostOutputs {
  return compact({
    stateVersion: STATE_VERSION,
    account,
    permalinkId: inputs.permalinkId,
    user: inputs.user,
    userId: added.user?.id ?? inputs.userId ?? inputs.user.id,
    userToken: added.permalink?.userToken,
    hostUrl: added.links?.gui,
    liveMeetings: inputs.liveMeetings,
  });
}

/**
 * Reads any state shape this provider has written (version 1 so far; see `STATE_VERSION`). The permalink
 * and user ids fall back to the resource id `<permalinkId>/<userId>`.
 */
function readState(props: PermalinkHostOutputs | undefined, id: string): PermalinkHostOutputs {
  const state = isRecord(props) ? (props as PermalinkHostOutputs) : ({} as Partial<PermalinkHostOutputs>);
  const slash = id.indexOf("/");
  const fromId = slash > 0 ? { permalinkId: id.slice(0, slash), userId: id.slice(slash + 1) } : undefined;
  return {
    ...state,
    permalinkId: typeof state.permalinkId === "string" ? state.permalinkId : (fromId?.permalinkId ?? ""),
    user: isRecord(state.user) ? state.user : { name: "" },
    userId: typeof state.userId === "string" ? state.userId : fromId?.userId,
  };
}
