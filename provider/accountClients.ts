/**
 * One keep-alive client per eyeson account, so the resources (and the functions, and the plugin) reuse their
 * connections and TLS sessions from one call to the next.
 *
 * The cache is keyed by the account's fingerprint (see `accountFingerprint`), never by the key itself: the key
 * is held by the account's resolved settings and by its client, and nowhere else. Settings without a key (an
 * operation that will fail with the missing-key message) share one client per endpoint.
 */
import { EyesonClient, type EyesonClientOptions } from "./client";
import type { EyesonSettings } from "./config";
import { accountFingerprint } from "./credentials";

/** An account as operations use it: its resolved settings and their fingerprint (undefined without a key). */
export interface Account {
  readonly settings: EyesonSettings;
  /** The non-secret fingerprint of endpoint and key; what the state records as `account`. */
  readonly fingerprint: string | undefined;
}

/** The account `settings` name. */
export function accountOf(settings: EyesonSettings): Account {
  const fingerprint =
    settings.apiKey === undefined ? undefined : accountFingerprint(settings.endpoint, settings.apiKey);
  return { settings, fingerprint };
}

/** Client settings other than the account's: retry policy, timeout, logger, environment. */
export type ClientSettings = Omit<EyesonClientOptions, "apiKey" | "endpoint">;

/** Clients by account fingerprint, all made with the same client settings. */
export class AccountClients {
  readonly #clients = new Map<string, EyesonClient>();

  /** @param options - The settings every client of this cache is made with (tests pass a zero-delay retry). */
  constructor(private readonly options: ClientSettings = {}) {}

  /** The client of `account`, made on first use. */
  clientFor(account: Account): EyesonClient {
    const key = account.fingerprint ?? `no key at ${account.settings.endpoint}`;
    let client = this.#clients.get(key);
    if (client === undefined) {
      client = new EyesonClient({
        ...this.options,
        apiKey: account.settings.apiKey,
        endpoint: account.settings.endpoint,
      });
      this.#clients.set(key, client);
    }
    return client;
  }

  /** Closes every client made so far (for tests that start and stop emulators). */
  async close(): Promise<void> {
    const open = [...this.#clients.values()];
    this.#clients.clear();
    await Promise.all(open.map((client) => client.close()));
  }
}

/**
 * The process's clients with the default settings: the dynamic-provider host's and the plugin's resources use
 * it, so one account has one connection pool per process.
 */
export const sharedAccountClients = new AccountClients();
