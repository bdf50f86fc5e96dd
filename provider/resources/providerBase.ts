/**
 * What the three resource providers share at run time: where credentials come from, one keep-alive client
 * per account, the state version marker, and the checks that decide whether a 404 may be believed.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { EyesonClient } from "../client";
import { accountOf, AccountClients, type Account, type ClientSettings } from "../accountClients";
import { CONFIG_KEYS, resolveSettings, type EyesonSettings } from "../config";
import { verifyCredentials } from "../credentials";
import { EyesonError, EyesonNotFoundError, isEyesonNotFound } from "../errors";
import { isLoopbackHost } from "../loopback";
import { currentUrn } from "./hostCalls";
import { inputKeys, type ResourceDeclaration } from "./declare";
import { Failures, rejectUnknownKeys } from "../validate";
import { isRecord } from "../values";
import { stderrWarnings, type WarningSink } from "./engineLog";

/**
 * Written as `stateVersion` into every resource's outputs. Version 1 is the first released shape; readers
 * accept a missing marker (and any missing field) so state from any earlier build stays readable.
 */
export const STATE_VERSION = 1;

export { CONFIG_KEYS } from "../config";

/** Options of a provider implementation; the engine uses the defaults, tests pass a zero-delay retry policy. */
export interface ProviderOptions {
  /** Client settings other than credentials (retry policy, timeout, logger, environment). */
  readonly client?: ClientSettings;
  /**
   * The client cache to use (see the `accountClients` module); one of this provider's own, made with `client`,
   * by default. The dynamic-provider host and the plugin pass the process's shared one.
   */
  readonly clients?: AccountClients;
  /**
   * Where warnings go (a preview's note that a change ends a running meeting): the engine, in a provider
   * process the engine started (see the `engineLog` module); stderr by default.
   */
  readonly warn?: WarningSink;
}

/**
 * Base of the three providers: `configure` keeps the stack config; operations share one keep-alive client per
 * account, so the dynamic-provider host reuses its connections (and TLS sessions) from one resource to the next.
 */
export abstract class ProviderBase {
  private stackConfig?: pulumi.dynamic.Config;
  /** The account of the current configuration, resolved at its first use (see `account`). */
  private resolved?: Account;
  private readonly clients: AccountClients;

  constructor(protected readonly options: ProviderOptions = {}) {
    this.clients = options.clients ?? new AccountClients(options.client);
  }

  /** Keeps the stack config; the key and endpoint are resolved from it when the first operation runs. */
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.stackConfig = req.config;
    this.resolved = undefined;
  }

  /**
   * Runs `fn` with the client of this provider's account (see `account`).
   */
  protected async withClient<T>(fn: (client: EyesonClient) => Promise<T>): Promise<T> {
    return fn(this.clients.clientFor(this.account()));
  }

  /**
   * This provider's account: `eyeson:apiKey` / `eyeson:endpoint` from the stack config (or the explicit
   * provider's inputs), else EYESON_API_KEY / EYESON_API_ENDPOINT. Resolved once per configuration, when the
   * first operation needs it (so the environment is read when operations run, not when the provider is
   * configured); a new `configure` resolves again. Throws `EyesonConfigError` for a malformed endpoint (not kept).
   */
  protected account(): Account {
    this.resolved ??= accountOf(
      resolveSettings(
        { apiKey: this.setting(CONFIG_KEYS.apiKey), endpoint: this.setting(CONFIG_KEYS.endpoint) },
        this.options.client?.env,
      ),
    );
    return this.resolved;
  }

  /** The key and endpoint operations use (see `account`). */
  protected settings(): EyesonSettings {
    return this.account().settings;
  }

  /** The fingerprint of the account operations use (see `accountFingerprint`); undefined without a key. */
  protected currentAccount(): string | undefined {
    return this.account().fingerprint;
  }

  /**
   * A `check` failure when the provider cannot work: missing key, malformed endpoint, or a key the API
   * refuses. Only under the engine (after `configure`), so a preview fails on what `up` would fail on; the
   * read-only request that proves the key is sent once per provider process and account.
   *
   * The failure names no property: the engine prints a failing property's value from the resource's inputs,
   * where `eyeson:apiKey` is not, so it would frame a refused key as `value {<nil>}`, an unset one. Without a
   * property it reports the problem on the resource, and the reason says it is the provider's configuration.
   */
  protected async credentialFailure(): Promise<{ property: string; reason: string } | undefined> {
    if (this.stackConfig === undefined) return undefined;
    const failure = await this.probeFailure();
    return failure && { property: "", reason: `the eyeson provider's configuration: ${failure.reason}` };
  }

  /**
   * Resolves when a "not found" for `what` may be believed: the endpoint and key answer a known-good request
   * (so it is eyeson, and the key works), and they name the account the resource was created in. Throws
   * otherwise, saying it is not `action` (e.g. "dropped from the state").
   */
  protected async assertGoneHere(recorded: unknown, what: string, action: string): Promise<void> {
    assertSameAccount(recorded, this.currentAccount(), what, action, this.settings().endpoint);
    const failure = await this.probeFailure();
    if (failure) {
      throw quietError(
        `${what} was answered with 404, but ${failure.reason}. It is not ${action}: the 404 may not be eyeson's.`,
      );
    }
  }

  /**
   * Resolves when the error of reading `what` proves it is gone (eyeson's 404, see `assertGoneHere`); rethrows
   * any other error, and refuses a 404 that is not in eyeson's error format (a gateway, a wrong endpoint).
   */
  protected async assertNotFound(
    err: unknown,
    recorded: unknown,
    what: string,
    action: string,
  ): Promise<void> {
    if (!EyesonNotFoundError.isInstance(err)) throw err;
    if (!isEyesonNotFound(err)) {
      throw quietError(
        `${what} was answered with 404 without eyeson's error body ("${err.apiMessage}"): a gateway, or an ` +
          `eyeson:endpoint that is not the eyeson API? It is not ${action}; check eyeson:endpoint.`,
      );
    }
    await this.assertGoneHere(recorded, what, action);
  }

  /**
   * The raw `liveMeetings` settings of this run: the stack's `eyeson:liveMeetings` (or an explicit provider's)
   * and `EYESON_LIVE_MEETINGS`, read now; the `liveMeetings` module validates them and decides.
   */
  protected liveMeetingsSettings(): { readonly config?: string; readonly env?: string } {
    const env = (this.options.client?.env ?? process.env).EYESON_LIVE_MEETINGS;
    return { config: this.setting(CONFIG_KEYS.liveMeetings), env };
  }

  /** Shows `message` as a warning on the resource `urn` (see `ProviderOptions.warn`); never fails. */
  protected async warn(message: string, urn: unknown): Promise<void> {
    const sink = this.options.warn ?? stderrWarnings;
    await sink(message, typeof urn === "string" ? urn : undefined).catch(() => undefined);
  }

  private async probeFailure(): Promise<{ property: string; reason: string } | undefined> {
    let account: Account;
    try {
      account = this.account();
    } catch (err) {
      return { property: CONFIG_KEYS.endpoint, reason: messageOf(err) };
    }
    try {
      await verifyCredentials(account.settings, this.clients.clientFor(account));
      return undefined;
    } catch (err) {
      return { property: CONFIG_KEYS.apiKey, reason: messageOf(err) };
    }
  }

  private setting(key: string): string | undefined {
    const value: unknown = this.stackConfig?.get(key);
    return typeof value === "string" && value.trim() !== "" ? value : undefined;
  }
}

/**
 * Throws unless the account that answered "not found" is the one `recorded` in the state (or none was
 * recorded, by versions before the fingerprint). `what` names the object, e.g. `Permalink 64a…`; `endpoint`,
 * the current one, adds the emulator's way back when it is a loopback address.
 */
export function assertSameAccount(
  recorded: unknown,
  current: string | undefined,
  what: string,
  action: string,
  endpoint?: string,
): void {
  if (typeof recorded !== "string" || recorded === "" || recorded === current) return;
  const emulator =
    endpoint !== undefined && isLoopbackEndpoint(endpoint)
      ? " For an emulator restarted with a new key, that is: restart it with `--api-key <the old key>` and " +
        "`pulumi config set --secret eyeson:apiKey <the old key>` (`pulumi stack export --show-secrets | grep -o " +
        "'emu_[A-Za-z0-9]*' | sort -u` lists the keys the state holds)."
      : "";
  throw quietError(
    `${what} was not found, but it was created with another eyeson account or endpoint (fingerprint ${recorded}; ` +
      `the current eyeson:apiKey and eyeson:endpoint are ${current ?? "not set"}), so it is not ${action}: it may ` +
      "still exist there. Set eyeson:apiKey and eyeson:endpoint back to that account and run " +
      `\`pulumi refresh --run-program\`.${emulator} If that account is gone for good, forget it with ` +
      `${stateDeleteCommand()}.`,
  );
}

/**
 * The command that removes the resource of the current engine call from the state (with what depends on it,
 * such as a permalink's hosts), naming its URN when the call carried one.
 */
export function stateDeleteCommand(): string {
  const urn = currentUrn();
  return urn === undefined
    ? "`pulumi state delete '<its URN>' --target-dependents` (`pulumi stack --show-urns` lists the URNs)"
    : `\`pulumi state delete '${urn}' --target-dependents\``;
}

function isLoopbackEndpoint(endpoint: string): boolean {
  try {
    return isLoopbackHost(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}

/**
 * An error a user acts on from its message alone: its stack is the message, since the dynamic-provider host
 * prints `${err}: ${err.stack}` and a trace through this package only hides the sentence that matters.
 */
export function quietError(message: string): EyesonError {
  const err = new EyesonError(message);
  err.stack = message;
  return err;
}

/** The message of any thrown value. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * How every `check` starts: the inputs as a record, and a failure for each key `resource` does not declare as
 * an input, so a misspelt property fails the preview instead of being ignored.
 */
export function checkedKeys(
  news: unknown,
  resource: ResourceDeclaration,
): { failures: Failures; raw: Record<string, unknown> } {
  const failures = new Failures();
  const raw: Record<string, unknown> = isRecord(news) ? news : {};
  rejectUnknownKeys(failures, "", raw, inputKeys(resource));
  return { failures, raw };
}
