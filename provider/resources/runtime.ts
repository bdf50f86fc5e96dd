/**
 * What the three resource providers share at run time: where credentials come from, one keep-alive client
 * per account, the state version marker, and the error that keeps a half-created object in the state.
 */
import type * as pulumi from "@pulumi/pulumi";
import { EyesonClient, type EyesonClientOptions } from "../client";
import { resolveSettings } from "../config";
import { EyesonGoneError, EyesonNotFoundError } from "../errors";

/**
 * Written as `stateVersion` into every resource's outputs. Version 1 is the first released shape; readers
 * accept a missing marker (and any missing field) so state from any earlier build stays readable.
 */
export const STATE_VERSION = 1;

/** Stack config keys the providers read in `configure`. */
export const CONFIG_KEYS = { apiKey: "eyeson:apiKey", endpoint: "eyeson:endpoint" } as const;

/** Options of a provider implementation; the engine uses the defaults, tests pass a zero-delay retry policy. */
export interface ProviderOptions {
  /** Client settings other than credentials (retry policy, timeout, logger, environment). */
  readonly client?: Omit<EyesonClientOptions, "apiKey" | "endpoint">;
}

/**
 * Base of the three providers: `configure` keeps the stack config; operations share one keep-alive client per
 * account, so the dynamic-provider host reuses its connections (and TLS sessions) from one resource to the next.
 */
export abstract class ProviderBase {
  private stackConfig?: pulumi.dynamic.Config;
  /** Clients by the settings they were made with; this provider instance's only (no module-level state). */
  private readonly clients = new Map<string, EyesonClient>();

  constructor(protected readonly options: ProviderOptions = {}) {}

  /** Keeps the stack config; the key and endpoint are read from it when an operation runs. */
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.stackConfig = req.config;
  }

  /**
   * Runs `fn` with a client for this provider's account: `eyeson:apiKey` / `eyeson:endpoint` from the
   * stack config (or the explicit provider's inputs), else EYESON_API_KEY / EYESON_API_ENDPOINT, read now.
   */
  protected async withClient<T>(fn: (client: EyesonClient) => Promise<T>): Promise<T> {
    const explicit = {
      apiKey: this.setting(CONFIG_KEYS.apiKey),
      endpoint: this.setting(CONFIG_KEYS.endpoint),
    };
    // Resolved on every operation, so a changed config or environment gets a client of its own.
    const settings = resolveSettings(explicit, this.options.client?.env);
    const key = `${settings.endpoint}\n${settings.apiKey ?? ""}`;
    let client = this.clients.get(key);
    if (client === undefined) {
      client = new EyesonClient({ ...this.options.client, ...explicit });
      this.clients.set(key, client);
    }
    return fn(client);
  }

  private setting(key: string): string | undefined {
    const value: unknown = this.stackConfig?.get(key);
    return typeof value === "string" && value.trim() !== "" ? value : undefined;
  }
}

/** True for a confirmed "this object does not exist": 404. */
export function isNotFound(err: unknown): boolean {
  return EyesonNotFoundError.isInstance(err);
}

/** True for 404 or 410, both of which mean there is nothing left to delete. */
export function isAlreadyGone(err: unknown): boolean {
  return EyesonNotFoundError.isInstance(err) || EyesonGoneError.isInstance(err);
}

/**
 * Thrown by `create` when the object exists but a later step failed. The dynamic-provider host reads `id`,
 * `properties` and `reasons` (duck-typed, cmd/dynamic-provider `grpcResponseFromError`) and answers with
 * `ErrorResourceInitFailed`, so the engine records the object in the state instead of orphaning it; the
 * next `up` updates it. Secret outputs in `properties` are still marked secret by `additionalSecretOutputs`.
 */
export class ResourceInitError extends Error {
  /** Marks this error as carrying an id, for `isInstance` across module copies. */
  readonly eyesonInitError = true;

  constructor(
    message: string,
    /** The id of the object that was created. */
    readonly id: string,
    /** The outputs known so far. */
    readonly properties: object,
    /** Why the create is incomplete, shown by the engine. */
    readonly reasons: string[] = [message],
  ) {
    super(message);
    this.name = "ResourceInitError";
  }

  /** True for an error that carries the id of a partly created object. */
  static isInstance(value: unknown): value is ResourceInitError {
    return (
      typeof value === "object" && value !== null && (value as ResourceInitError).eyesonInitError === true
    );
  }
}

/** The message of any thrown value. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
