// An emulator of the spec's own, and an inline program's stack against it: the set-up the inline engine specs
// share.
import assert from "node:assert/strict";
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from "../../emulator";
import { createEngineStack, requireCli, type EngineStack, type EngineStackOptions } from "./harness";

/** The emulator and the stack of {@link useEmulatorStack}, once its `before` has run. */
export interface EmulatorStack {
  /** The emulator; fails the test when called before it started. */
  emu(): EmulatorHandle;
  /** The stack; fails the test when called before it was made. */
  stack(): EngineStack;
}

/**
 * Registers, in the calling `describe`, a `before` that checks for the CLI, starts an emulator with
 * `emulator` and makes a stack with `stack`, configured for that emulator and its key, and an `after` that
 * removes the stack and closes the emulator. A spec's own hooks registered after this call run after these.
 */
export function useEmulatorStack(opts: {
  readonly emulator?: EmulatorOptions;
  readonly stack: Omit<EngineStackOptions, "emulatorUrl" | "apiKey">;
}): EmulatorStack {
  let emulator: EmulatorHandle | undefined;
  let engine: EngineStack | undefined;
  before(async function () {
    requireCli(this);
    emulator = await startEmulator(opts.emulator);
    engine = await createEngineStack({ ...opts.stack, emulatorUrl: emulator.url, apiKey: emulator.apiKey });
  });
  after(async () => {
    await engine?.dispose();
    await emulator?.close();
  });
  return {
    emu: () => emulator ?? assert.fail("emulator not started"),
    stack: () => engine ?? assert.fail("engine stack not created"),
  };
}

/**
 * Registers, in the calling `describe`, a `before` that checks for the CLI and starts an emulator with
 * `options`, and an `after` that closes it; for specs that make their stacks in their tests. Answers the
 * emulator, failing the test when called before it started.
 */
export function useEmulator(options?: EmulatorOptions): () => EmulatorHandle {
  let emulator: EmulatorHandle | undefined;
  before(async function () {
    requireCli(this);
    emulator = await startEmulator(options);
  });
  after(async () => {
    await emulator?.close();
  });
  return () => emulator ?? assert.fail("emulator not started");
}
