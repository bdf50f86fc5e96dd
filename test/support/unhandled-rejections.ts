// Root hook (loaded by .mocharc.json): a promise that rejects with nobody waiting for it fails the test that
// was running, or the run when no test is. Mocha itself only re-emits such rejections on `process`, and with no
// one listening they vanish: a spec that leaves `Promise.reject(new Error("stray"))` behind and then awaits
// something else passed, and mocha exited 0.
//
// Throwing on the next tick hands the error to mocha's uncaught-exception handler, which fails the running test
// or hook; a test that already passed is failed too, and the run stops there (mocha cannot undo a pass).
//
// While an Automation API inline program runs, the Pulumi SDK listens as well: it collects the program's
// rejections and fails that operation with them, which is the behaviour the engine specs assert. Those are
// left to it; only a rejection nobody else handles becomes a failure here. Mocha's own listener re-emits each
// rejection with itself removed, so this one acts on that second call, when it is the only listener left.
//
// One kind is the SDK's and not ours: when an inline program's run ends early (a refused refresh, a failed
// preview), the program's own registrations (`Stack.initialize` → `setRootResource`, `registerResource`) may
// still be on their way to the engine's monitor, which is gone, and they reject with gRPC UNAVAILABLE or
// CANCELLED after the SDK stopped listening. Under load this lands after the operation returned. Those are
// reported on stderr and not failed; every other stray rejection, including any from our own code, fails.
const ENDED_RUN = /^\d+ (UNAVAILABLE|CANCELLED):/;
function leftOfAnEndedRun(reason: unknown): boolean {
  return (
    reason instanceof Error &&
    ENDED_RUN.test(reason.message) &&
    /[\\/]@pulumi[\\/](pulumi[\\/])?runtime[\\/]/.test(reason.stack ?? "")
  );
}

process.on("unhandledRejection", (reason) => {
  if (process.listenerCount("unhandledRejection") > 1) {
    return;
  }
  if (leftOfAnEndedRun(reason)) {
    process.stderr.write(
      `      (a registration of an ended inline run failed late: ${(reason as Error).message})\n`,
    );
    return;
  }
  const detail = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
  process.nextTick(() => {
    throw new Error(`a promise rejected and nothing handled it: ${detail}`);
  });
});
