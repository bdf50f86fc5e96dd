/**
 * `PermalinkHost`: a further host of a permalink, with their own token (eyeson-api.md §3.3, decision 4).
 *
 * The resource id is `<permalinkId>/<userId>` and never the token: ids are stored in plain text. When no
 * `user.id` is declared, `check` generates one once and keeps it in the inputs, so the id stays stable.
 *
 * There is no adopt input: the API cannot look up an existing host's token by user id, and a token given as
 * an input would be stored in the state's inputs, in plain text unless the program marked it secret.
 */
import { randomBytes } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import type { Permalink as ApiPermalink, UserInput } from "../types";
import { isAlreadyGone, isNotFound, ProviderBase, STATE_VERSION } from "./runtime";
import { shim } from "./shimProvider";
import {
  checkUser,
  compact,
  differs,
  Failures,
  isRecord,
  isUnknown,
  optionalUserId,
  rejectUnknownKeys,
  requiredString,
  UNKNOWN,
} from "./validate";

/** A host as program inputs. */
export interface PermalinkHostUserArgs {
  /** Display name (required). */
  readonly name: pulumi.Input<string>;
  /** Your own user id; one is generated (and kept) when absent. */
  readonly id?: pulumi.Input<string>;
  /** Avatar image URL. */
  readonly avatar?: pulumi.Input<string>;
}

/** Arguments of `new PermalinkHost(...)`; any change replaces the host. */
export interface PermalinkHostArgs {
  /** The permalink to add the host to, usually `permalink.permalinkId`. */
  readonly permalinkId: pulumi.Input<string>;
  /** The host. */
  readonly user: pulumi.Input<PermalinkHostUserArgs>;
}

/** Normalised inputs; `userId` is the declared `user.id` or the one `check` generated. */
export interface PermalinkHostInputs {
  readonly permalinkId: string;
  readonly user: UserInput;
  readonly userId?: string;
}

/** Outputs: the inputs plus the host's token and link. Optional because older states may lack some. */
export interface PermalinkHostOutputs extends PermalinkHostInputs {
  readonly stateVersion?: number;
  readonly userToken?: string;
  readonly hostUrl?: string;
}

/** Outputs kept secret in the state. */
export const PERMALINK_HOST_SECRET_OUTPUTS = ["userToken", "hostUrl"] as const;

const INPUT_KEYS = ["permalinkId", "user", "userId"] as const;

/** The PermalinkHost implementation; the engine reaches it through the shim. */
export class PermalinkHostProvider
  extends ProviderBase
  implements pulumi.dynamic.ResourceProvider<PermalinkHostInputs, PermalinkHostOutputs>
{
  /** Validates offline and settles the user id (declared, kept from before, or generated once). */
  async check(
    olds: PermalinkHostInputs,
    news: PermalinkHostInputs,
  ): Promise<pulumi.dynamic.CheckResult<PermalinkHostInputs>> {
    const failures = new Failures();
    const raw: Record<string, unknown> = isRecord(news) ? news : {};
    rejectUnknownKeys(failures, "", raw, INPUT_KEYS);
    const permalinkId = requiredString(failures, "permalinkId", raw.permalinkId, { max: 128 });
    if (permalinkId !== undefined && !isUnknown(permalinkId) && /[\s/]/.test(permalinkId)) {
      failures.add("permalinkId", "must not contain '/' or whitespace");
    }
    const user = checkUser(failures, "user", raw.user);
    const userId = settleUserId(failures, user, raw.userId, isRecord(olds) ? olds : undefined);
    return {
      inputs: compact({ permalinkId: permalinkId ?? "", user: user as UserInput, userId }),
      failures: failures.list,
    };
  }

  /** Any change replaces; the old host is removed first, since a user id is registered once per permalink. */
  async diff(
    _id: string,
    olds: PermalinkHostOutputs,
    news: PermalinkHostInputs,
  ): Promise<pulumi.dynamic.DiffResult> {
    const old = readState(olds, _id);
    const replaces = (["permalinkId", "user", "userId"] as const).filter((key) =>
      differs(old[key], news[key]),
    );
    return { changes: replaces.length > 0, replaces, deleteBeforeReplace: true };
  }

  /** Registers the host (1 request); the id is `<permalinkId>/<userId>`. */
  async create(inputs: PermalinkHostInputs): Promise<pulumi.dynamic.CreateResult<PermalinkHostOutputs>> {
    return this.withClient(async (client) => {
      const userId = inputs.userId ?? inputs.user.id;
      const added = await client.addPermalinkHost(
        inputs.permalinkId,
        compact({ name: inputs.user.name, id: userId, avatar: inputs.user.avatar }),
      );
      const outs = outputsOf(inputs, added);
      return { id: `${inputs.permalinkId}/${outs.userId}`, outs };
    });
  }

  /**
   * Checks that the permalink exists (`GET /permalink/ID`) and that the host's token still works
   * (`GET /permalink/USER_TOKEN`): 2 requests. Only a 404 from either drops the host from the state.
   */
  async read(
    id: string,
    props?: PermalinkHostOutputs,
  ): Promise<pulumi.dynamic.ReadResult<PermalinkHostOutputs>> {
    const old = readState(props, id);
    return this.withClient(async (client) => {
      try {
        await client.getPermalink(old.permalinkId);
      } catch (err) {
        if (isNotFound(err)) return {};
        throw err;
      }
      let live: ApiPermalink | undefined;
      if (old.userToken) {
        try {
          live = await client.getPermalinkRoom(old.userToken);
        } catch (err) {
          if (isNotFound(err)) return {};
          throw err;
        }
      }
      const outs = compact({ ...old, stateVersion: STATE_VERSION, hostUrl: live?.links?.gui ?? old.hostUrl });
      const inputs = compact({ permalinkId: old.permalinkId, user: old.user, userId: old.userId });
      return { id, props: outs, inputs };
    });
  }

  /** Never called: every change replaces. Returns the outputs unchanged should an engine call it anyway. */
  async update(
    _id: string,
    olds: PermalinkHostOutputs,
    _news: PermalinkHostInputs,
  ): Promise<pulumi.dynamic.UpdateResult<PermalinkHostOutputs>> {
    return { outs: compact({ ...olds }) };
  }

  /** Removes the host with its token from the state (1 request); 404 and 410 mean it is already gone. */
  async delete(id: string, props: PermalinkHostOutputs): Promise<void> {
    const old = readState(props, id);
    // Without a token there is nothing the API can remove; failing would block every destroy forever.
    if (!old.userToken || !old.permalinkId) return;
    const token = old.userToken;
    await this.withClient(async (client) => {
      try {
        await client.removePermalinkHost(old.permalinkId, token, { missingOk: true });
      } catch (err) {
        if (!isAlreadyGone(err)) throw err;
      }
    });
  }
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
  // Checked inputs fed back in (check is idempotent) already carry the generated id.
  const kept = optionalUserId(failures, "userId", given);
  if (kept !== undefined) return kept;
  const oldUser = olds && isRecord(olds.user) ? olds.user : undefined;
  if (oldUser && oldUser.id === undefined && typeof olds?.userId === "string" && !isUnknown(olds.userId)) {
    return olds.userId;
  }
  return `pulumi-${randomBytes(8).toString("hex")}`;
}

function outputsOf(inputs: PermalinkHostInputs, added: ApiPermalink): PermalinkHostOutputs {
  return compact({
    stateVersion: STATE_VERSION,
    permalinkId: inputs.permalinkId,
    user: inputs.user,
    userId: added.user?.id ?? inputs.userId ?? inputs.user.id,
    userToken: added.permalink?.userToken,
    hostUrl: added.links?.gui,
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

/** A further host of a permalink; the token and host link are secret outputs, the id is `<permalinkId>/<userId>`. */
export class PermalinkHost extends pulumi.dynamic.Resource {
  /** The permalink this host belongs to. */
  declare readonly permalinkId: pulumi.Output<string>;
  /** The host, as declared. */
  declare readonly user: pulumi.Output<UserInput>;
  /** The host's user id (declared, or generated once and kept). */
  declare readonly userId: pulumi.Output<string>;
  /** Version of the state shape written by the provider. */
  declare readonly stateVersion: pulumi.Output<number>;
  /** Secret: the host's token; whoever holds it can start the meeting as this host. */
  declare readonly userToken: pulumi.Output<string>;
  /** Secret: the host's meeting link (embeds `userToken`). */
  declare readonly hostUrl: pulumi.Output<string>;

  /** Declares a host; the URN type is `pulumi-nodejs:dynamic/eyeson:PermalinkHost`. */
  constructor(name: string, args: PermalinkHostArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      userId: undefined,
      stateVersion: undefined,
      userToken: undefined,
      hostUrl: undefined,
      ...args,
    };
    const merged = pulumi.mergeOptions(opts, { additionalSecretOutputs: [...PERMALINK_HOST_SECRET_OUTPUTS] });
    super(shim("permalinkHost"), name, props, merged, "eyeson", "PermalinkHost");
  }
}
