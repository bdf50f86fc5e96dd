/**
 * What a running emulator is made of, as the server and the controls see it: the store, the faults, the
 * webhook deliveries and the request log. Types only, so both can use it without depending on each other.
 */
import type { EmulatorClock } from "./clock";
import type { WebhookDeliverer } from "./deliveries";
import type { AuthKind } from "./entities";
import type { FaultInjector } from "./faults";
import type { VariantName } from "./variants";
import type { EmulatorStore } from "./store";

/** One API request as the log keeps it: never a key or token. */
export interface RequestLogEntry {
  readonly method: string;
  /** The path with access keys and tokens replaced by `***` (no query string). */
  readonly path: string;
  /** The matched endpoint, e.g. `POST /permalink/:userToken`, or `GET (unmatched)`. */
  readonly route: string;
  /** The status answered; 0 when an injected fault reset the connection. */
  readonly status: number;
  readonly auth: AuthKind;
  /** When the request arrived (from the emulator's clock). */
  readonly at: string;
  /** True when the request was handled but its response was dropped by an injected fault. */
  readonly lost?: boolean;
  /** True when an injected fault (a rule or the chaos mix) delayed, failed, reset or lost this request. */
  readonly faulted?: boolean;
  /**
   * The parameters the request sent that its endpoint does not take, which the emulator ignored (not in
   * strict mode, which refuses them); only present when there were some.
   */
  readonly ignored?: string[];
}

/** Settings that controls may change while the emulator runs. */
export interface EmulatorSettings {
  /** Refuse unknown parameters with 400 instead of ignoring them (`docs/api-notes.md`, "Unknown parameters"). */
  strict: boolean;
}

/** The parts of an emulator the server and the controls work with. */
export interface EmulatorCore {
  readonly store: EmulatorStore;
  readonly faults: FaultInjector;
  readonly deliveries: WebhookDeliverer;
  readonly requestLog: RequestLogEntry[];
  /** How successful answers are shaped (the `variants` module); a control switches it. */
  variant: VariantName;
  /** The one clock every timestamp, expiry and duration is read from. */
  readonly clock: EmulatorClock;
  /** The interface the server listens on (`127.0.0.1` unless told otherwise); the dashboard warns off loopback. */
  readonly listenHost?: string;
  readonly settings: EmulatorSettings;
  reset(seed?: number): void;
  /** Saves the state to the state directory, if there is one; called before a request is answered. */
  persist(): void;
  /** Moves the clock forward by `ms` and ends the meetings left unattended; answers how many ended. */
  advanceClock(ms: number): number;
}
