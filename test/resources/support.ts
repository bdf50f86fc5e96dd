// Shared set-up of the resource specs: an emulator, providers configured for it the way the engine configures
// them (through `configure` with the stack config), and helpers to read the emulator's request log.
import assert from "node:assert/strict";
import type * as pulumi from "@pulumi/pulumi";
import { startEmulator, type EmulatorOptions } from "../../emulator";
import { EyesonClient, NO_DELAY_RETRY_POLICY } from "../../provider/client";
import type { ProviderBase } from "../../provider/resources/providerBase";

/** A running emulator. */
export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

export { startEmulator };

/**
 * The emulator of a suite: started in `before`, emptied in a `beforeEach` that runs ahead of the suite's own,
 * closed in `after`. Returns the accessor the tests call; it fails the test when the emulator is not running.
 */
export function useEmulator(options?: EmulatorOptions): () => Emulator {
  let emulator: Emulator | undefined;
  before(async () => {
    emulator = await startEmulator({ strict: true, ...options });
  });
  after(async () => {
    await emulator?.close();
    emulator = undefined;
  });
  beforeEach(() => {
    emulator?.reset();
  });
  return () => emulator ?? assert.fail("emulator not started");
}

/** A stack config as the dynamic-provider host hands it to `configure` (namespaced keys). */
export function stackConfig(values: Record<string, string | undefined>): pulumi.dynamic.ConfigureRequest {
  return {
    config: {
      get: (key: string) => values[key],
      require: (key: string) => {
        const value = values[key];
        if (value === undefined) throw new Error(`Missing required configuration key: ${key}`);
        return value;
      },
    },
  };
}

/** Configures `provider` for `emu` through the stack config, as the engine does. */
export async function configured<T extends ProviderBase>(provider: T, emu: Emulator): Promise<T> {
  await provider.configure(stackConfig({ "eyeson:apiKey": emu.apiKey, "eyeson:endpoint": emu.url }));
  return provider;
}

/** Provider options for tests: no retry delays and no EYESON_* variables from the developer's shell. */
export const TEST_OPTIONS = { client: { retry: NO_DELAY_RETRY_POLICY, env: {} } } as const;

/** A client of the emulator for arranging state behind the provider's back. */
export function apiClient(emu: Emulator, apiKey = emu.apiKey): EyesonClient {
  return new EyesonClient({ apiKey, endpoint: emu.url, retry: NO_DELAY_RETRY_POLICY, env: {} });
}

/** The API requests the emulator has seen, as `METHOD /route` lines in order. */
export function routes(emu: Emulator): string[] {
  return emu.requests.list().map((r) => r.route);
}

/** The API requests the emulator has seen, as `METHOD /route status` lines in order. */
export function answered(emu: Emulator): string[] {
  return emu.requests.list().map((r) => `${r.route} ${r.status}`);
}

/** An ISO 8601 time `days` from now, in `toISOString` form. */
export function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}

/** Every string value found anywhere in `value`. */
export function allStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(allStrings);
  return [];
}

/** Whether `value` holds `undefined` at any depth (the host's Struct conversion throws on it). */
export function hasUndefined(value: unknown): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value)) return value.some(hasUndefined);
  if (value !== null && typeof value === "object") return Object.values(value).some(hasUndefined);
  return false;
}
