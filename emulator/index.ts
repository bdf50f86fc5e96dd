/**
 * An offline, in-memory emulator of the eyeson REST API (`pulumi-eyeson/emulator`).
 *
 * ```ts
 * const emulator = await startEmulator();
 * // point the client at emulator.url with emulator.apiKey ...
 * await emulator.close();
 * ```
 */
import type { AddressInfo } from "node:net";
import { EmulatorClock, MEETING_IDLE_SHUTDOWN_MS } from "./clock";
import { WebhookDeliverer, type DeliveryLogEntry } from "./deliveries";
import { FaultInjector, type ActiveFault, type ChaosOptions, type FaultRule } from "./faults";
import type { EmulatorCore, RequestLogEntry } from "./core";
import { DASHBOARD_PATH } from "./dashboard/assets";
import { createEmulatorServer } from "./server";
import { assertVariant, type VariantName } from "./variants";
import { loadState, StateWriter, type SavedState } from "./stateDir";
import { EmulatorStore } from "./store";

/** Record types of the store, for tests that inspect `handle.store`. */
export type {
  AccessKeyRecord,
  AuthKind,
  MeetingRecord,
  PermalinkHostRecord,
  PermalinkRecord,
  RecordingRecord,
  RoomRecord,
  SnapshotRecord,
  UserRecord,
  WebhookEventType,
  WebhookRecord,
} from "./entities";
/** Log entries, fault rules, the store class and the webhook signer (for receivers in tests). */
export type { DeliveryLogEntry } from "./deliveries";
export type { ActiveFault, ChaosKind, ChaosOptions, FaultRule } from "./faults";
export type { RequestLogEntry } from "./core";
export { EmulatorStore } from "./store";
export { signWebhookBody } from "./deliveries";
export { MEETING_IDLE_SHUTDOWN_MS } from "./clock";
export { STATE_FILE } from "./stateDir";
export { VARIANTS, VARIANT_NAMES, type VariantName } from "./variants";

/** Options of `startEmulator`. */
export interface EmulatorOptions {
  /** TCP port; 0 (default) picks a free one. */
  readonly port?: number;
  /** Interface to listen on; default `127.0.0.1`. */
  readonly host?: string;
  /** API keys the emulator accepts, each with its own isolated data; default one generated key. */
  readonly apiKeys?: readonly string[];
  /** Makes ids, tokens and a generated API key deterministic. */
  readonly seed?: number;
  /** Source of "now" for every timestamp; default the system clock. */
  readonly clock?: () => Date;
  /** Deliver webhooks to non-loopback URLs too (off by default: the emulator stays offline). */
  readonly allowExternalWebhooks?: boolean;
  /**
   * A directory that keeps the state (store, API keys, clock) across restarts; created if missing. Default
   * none: the state lives in memory and is gone when the emulator stops. With a saved state and no
   * `apiKeys`, the saved keys are used again.
   */
  readonly dataDir?: string;
  /**
   * How successful answers are shaped: `documented` (default) or another plausible shape the API notes
   * leave open (`VARIANTS` lists them), to test a client against each.
   */
  readonly variant?: VariantName;
  /**
   * Refuse a parameter the endpoint does not take with `400 Unknown parameter: <name>`. Off by default: the
   * emulator then ignores it, as the real API very probably does, and names it in the response header
   * `X-Emulator-Ignored-Parameters` and in the request log. Turn it on to keep a client of your own exact.
   */
  readonly strict?: boolean;
}

/** A running emulator. */
export interface EmulatorHandle {
  /** Base URL, e.g. `http://127.0.0.1:40123`; use it as the API endpoint. */
  readonly url: string;
  /** The dashboard page, `<url>/__emulator/dashboard`: what the emulator holds and served, live, with buttons. */
  readonly dashboardUrl: string;
  /** The first configured API key. */
  readonly apiKey: string;
  /** All configured API keys. */
  readonly apiKeys: readonly string[];
  /** The in-memory state, for inspection in tests. */
  readonly store: EmulatorStore;
  /** Fault injection for the next matching API requests. */
  readonly faults: {
    inject(rule: FaultRule): void;
    /** Removes every rule and stops a chaos mix. */
    clear(): void;
    list(): ActiveFault[];
    /** Faults a share of all other requests at random (seeded); `undefined` stops it. */
    chaos(options: ChaosOptions | undefined): void;
  };
  /** The emulator's time: the real (or injected) clock moved forward by `advance`. */
  readonly clock: {
    now(): Date;
    /**
     * Moves the time forward by `ms`: expiries pass, and meetings without a request by one of their access
     * keys for `MEETING_IDLE_SHUTDOWN_MS` end. Answers how many meetings ended.
     */
    advance(ms: number): number;
  };
  /** The answer variant in use: read it, or switch it for the requests that follow. */
  readonly variant: { get(): VariantName; set(name: VariantName): void };
  /** The state directory, when the state is kept across restarts (`dataDir`). */
  readonly dataDir: string | undefined;
  /** The API request log (secrets redacted); `/__emulator/` controls are not in it. */
  readonly requests: { list(): RequestLogEntry[]; clear(): void };
  /** Webhook deliveries: wait for them, and see what was sent. */
  readonly deliveries: { idle(): Promise<void>; list(): DeliveryLogEntry[]; clear(): void };
  /**
   * Strict mode (see `EmulatorOptions.strict`), changeable while the emulator runs; `reset` keeps it. Also
   * `GET`/`PUT /__emulator/strict`.
   */
  strict: boolean;
  /** Empties the store, faults, request log and delivery log; `seed` replaces the seed for what follows. */
  reset(opts?: { seed?: number }): void;
  /** Stops listening, drops open connections and aborts deliveries in flight. */
  close(): Promise<void>;
}

/** A default API key: derived from the seed when there is one, random otherwise. */
function defaultApiKey(seed: number | undefined): string {
  const source = new EmulatorStore({ apiKeys: [], seed: seed === undefined ? undefined : seed ^ 0x5eed });
  return `emu_${source.core.newSecret(32)}`;
}

function validateApiKeys(keys: readonly string[]): void {
  if (keys.length === 0) throw new TypeError("apiKeys must not be empty");
  for (const key of keys) {
    if (typeof key !== "string" || key === "" || /\s/.test(key)) {
      throw new TypeError("Each API key must be a non-empty string without whitespace");
    }
  }
  if (new Set(keys).size !== keys.length) throw new TypeError("API keys must be unique");
}

/** Starts an emulator on 127.0.0.1 (port 0 by default) and resolves once it listens. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const saved = opts.dataDir === undefined ? undefined : loadState(opts.dataDir);
  const apiKeys = opts.apiKeys
    ? [...opts.apiKeys]
    : saved
      ? [...saved.store.apiKeys]
      : [defaultApiKey(opts.seed)];
  validateApiKeys(apiKeys);
  const clock = new EmulatorClock(opts.clock);
  const store = new EmulatorStore({ apiKeys, seed: opts.seed, clock: () => clock.now() });
  if (saved) {
    store.core.importState(saved.store);
    clock.restore(saved.clockOffsetMs);
  }
  const writer = opts.dataDir === undefined ? undefined : new StateWriter(opts.dataDir);
  // In memory only, nothing is saved: no request pays for a copy of the store.
  const save = writer
    ? (): void => {
        const state: SavedState = {
          version: 1,
          clockOffsetMs: clock.offsetMs,
          store: store.core.exportState(),
        };
        writer.save(state);
      }
    : (): void => undefined;
  save();
  const faults = new FaultInjector();
  const deliveries = new WebhookDeliverer(store, { allowExternal: opts.allowExternalWebhooks === true });
  store.core.listener = (event) => deliveries.handle(event);
  const requestLog: RequestLogEntry[] = [];
  const reset = (seed?: number): void => {
    store.core.reset(seed);
    faults.clear();
    faults.chaos(undefined);
    requestLog.length = 0;
    deliveries.reset();
    save();
  };
  const advanceClock = (ms: number): number => {
    clock.advance(ms);
    const ended = store.meetingArea.endIdleMeetings(MEETING_IDLE_SHUTDOWN_MS);
    save();
    return ended;
  };
  const settings = { strict: opts.strict === true };
  const host = opts.host ?? "127.0.0.1";
  const core: EmulatorCore = {
    listenHost: host,
    store,
    faults,
    deliveries,
    requestLog,
    settings,
    clock,
    reset,
    advanceClock,
    persist: save,
    variant: opts.variant ?? "documented",
  };
  assertVariant(core.variant);
  const server = createEmulatorServer(core);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  // Links must be usable by clients: a wildcard bind is reached through loopback.
  const linkHost = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  const url = `http://${linkHost.includes(":") ? `[${linkHost}]` : linkHost}:${port}`;
  store.core.origin = url;

  let closing: Promise<void> | undefined;
  return {
    url,
    dashboardUrl: `${url}${DASHBOARD_PATH}`,
    apiKey: apiKeys[0],
    apiKeys,
    store,
    clock: { now: () => clock.now(), advance: advanceClock },
    dataDir: opts.dataDir,
    variant: {
      get: () => core.variant,
      set: (name) => {
        assertVariant(name);
        core.variant = name;
      },
    },
    faults: {
      inject: (rule) => faults.inject(rule),
      clear: () => {
        faults.clear();
        faults.chaos(undefined);
      },
      list: () => faults.list(),
      chaos: (options) => faults.chaos(options),
    },
    requests: {
      list: () => requestLog.map((e) => ({ ...e, ...(e.ignored ? { ignored: [...e.ignored] } : {}) })),
      clear: () => void (requestLog.length = 0),
    },
    deliveries: {
      idle: () => deliveries.idle(),
      list: () => deliveries.list(),
      clear: () => deliveries.clear(),
    },
    get strict() {
      return settings.strict;
    },
    set strict(on: boolean) {
      settings.strict = on;
    },
    reset: (resetOpts) => reset(resetOpts?.seed),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        deliveries.close();
        save();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
