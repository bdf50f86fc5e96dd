// Breaks the code on purpose, one line at a time, and checks that the spec which guards that feature fails
// (issue 21: a spec that still passes when its feature is removed tests nothing). Each mutation replaces one
// exact line in one file, runs the named spec with CI=true, and puts the file back byte for byte, also when
// interrupted. Nothing is committed; the tree is left as it was found.
//
//   node test/support/mutations.js            every quick mutation (about two minutes)
//   node test/support/mutations.js --engine   also those whose spec drives the engine (rebuilds dist/)
//   node test/support/mutations.js flush retry-backoff   only the named ones
//
// It prints `caught` or `MISSED` per mutation and exits 1 if any was missed.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..", "..");
const mocha = require.resolve("mocha/bin/mocha.js", { paths: [root] });

/**
 * One mutation: in `file`, the line containing `from` (exactly one) becomes `to`; `spec` and `grep` name the
 * spec that must now fail. `build`: the engine loads dist/, so rebuild after mutating and after restoring.
 */
const MUTATIONS = [
  {
    id: "ci-export",
    item: 1,
    what: ".ci/run no longer exports CI=true",
    file: ".ci/run",
    from: "export CI=true",
    to: "true",
    spec: "test/support/run-specs.spec.ts",
    grep: "exports CI=true",
  },
  {
    id: "ci-skips",
    item: 1,
    what: "run-specs lets a CI run with skipped tests pass",
    file: "test/support/run-specs.js",
    from: "if (isCi() && totals.skipped > 0) {",
    to: "if (false) {",
    spec: "test/support/run-specs.spec.ts",
    grep: "any test was skipped",
  },
  {
    id: "install-fallback",
    item: 1,
    what: "a failed install no longer stops npm test under CI",
    file: "test/support/missing-tool.js",
    from: "  process.exit(1);",
    to: "  process.exit(0);",
    spec: "test/support/run-specs.spec.ts",
    grep: "install step failed",
  },
  {
    id: "cli-probe-bound",
    item: 1,
    what: "the CLI probe gives up after 2 s again",
    file: "test/engine/harness.ts",
    from: '      encoding: "utf8",\n      stdio: ["ignore", "pipe", "pipe"],',
    to: '      encoding: "utf8",\n      timeout: 2_000,\n      stdio: ["ignore", "pipe", "pipe"],',
    spec: "test/support/run-specs.spec.ts",
    grep: "slow to say its version",
  },
  {
    id: "exit-code",
    item: 2,
    what: "run-specs trusts the totals over a non-zero exit",
    file: "test/support/run-specs.js",
    from: "} else if (run.code !== 0 && run.totals.failed === 0) {",
    to: "} else if (false) {",
    spec: "test/support/run-specs.spec.ts",
    grep: "exits non-zero",
  },
  {
    id: "hook-failures",
    item: 2,
    what: "a failing hook and the tests it kept from running are not counted",
    file: "test/support/reporter.js",
    from: "failed: failed.size + failedHooks + notRun,",
    to: "failed: failed.size,",
    spec: "test/support/run-specs.spec.ts",
    grep: "failing before hook",
  },
  {
    id: "file-time-bound",
    item: 2,
    what: "no time bound per spec file",
    file: "test/support/run-specs.js",
    from: "if (timedOut === undefined && Date.now() - since > SPEC_FILE_LIMIT_MS) {",
    to: "if (false) {",
    spec: "test/support/run-specs.spec.ts",
    grep: "runs out of time",
  },
  {
    id: "engine-folder",
    item: 2,
    what: "files under test/engine/ no longer get a process of their own",
    file: "test/support/run-specs.js",
    from: "const alone = all.filter((file) => file.startsWith(ENGINE_DIR));",
    to: "const alone = all.filter(() => false);",
    spec: "test/support/run-specs.spec.ts",
    grep: "process of its own",
  },
  {
    id: "stray-rejection",
    item: 3,
    what: "the root hook ignores unhandled rejections",
    file: "test/support/unhandled-rejections.ts",
    from: 'if (process.listenerCount("unhandledRejection") > 1) {',
    to: "if (true) {",
    spec: "test/support/run-specs.spec.ts",
    grep: "rejected promise",
  },
  {
    id: "fault-delay",
    item: 4,
    what: "the emulator's delay fault does not wait",
    file: "emulator/server.ts",
    from: "await delay(fault.delayMs, res);",
    to: "void delay;",
    spec: "test/emulator/faults.spec.ts",
    grep: "delays a request",
  },
  {
    id: "flush",
    item: 4,
    what: "POST /__emulator/deliveries/flush does not wait for deliveries",
    file: "emulator/controls.ts",
    from: "await core.deliveries.idle();",
    to: "void core.deliveries;",
    spec: "test/emulator/faults.spec.ts",
    grep: "flush",
  },
  {
    id: "retry-backoff",
    item: 5,
    what: "no backoff between retries",
    file: "provider/retry.ts",
    from: "return Math.floor(random() * cap);",
    to: "return 0 * cap * random();",
    spec: "test/client/retry.spec.ts",
    grep: "using backoff",
  },
  {
    id: "endpoint-message",
    item: 6,
    what: "the plain-http endpoint message no longer names eyeson:endpoint",
    file: "provider/config.ts",
    from: "uses plain http:// to a non-loopback host (${ENDPOINT_SETTINGS});",
    to: "uses plain http:// to a non-loopback host;",
    spec: "test/validation/bad-inputs.spec.ts",
    grep: "plain http",
  },
  {
    id: "endpoint-query",
    item: 6,
    what: "an endpoint with a query string is accepted (and requests are sent)",
    file: "provider/config.ts",
    from: "if (url.search || url.hash) {",
    to: "if (false) {",
    spec: "test/validation/bad-inputs.spec.ts",
    grep: "query string",
  },
  {
    id: "verify-hmac",
    item: 7,
    what: "the verifier keys the HMAC with the body and hashes the key",
    file: "provider/webhookSignature.ts",
    from: 'const expected = createHmac("sha256", apiKey).update(body).digest();',
    to: 'const expected = createHmac("sha256", body).update(apiKey).digest();',
    spec: "test/webhooks/knownAnswers.spec.ts",
  },
  {
    id: "sign-hmac",
    item: 7,
    what: "the emulator keys the HMAC with the body and hashes the key",
    file: "emulator/deliveries.ts",
    from: 'return createHmac("sha256", apiKey).update(body).digest("hex");',
    to: 'return createHmac("sha256", body).update(apiKey).digest("hex");',
    spec: "test/webhooks/knownAnswers.spec.ts",
  },
  {
    id: "external-webhooks",
    item: 8,
    what: "allowExternalWebhooks no longer allows anything",
    file: "emulator/deliveries.ts",
    from: "if (!this.options.allowExternal && !isLoopbackHost(url.hostname)) {",
    to: "if (!isLoopbackHost(url.hostname)) {",
    spec: "test/emulator/webhooks.spec.ts",
    grep: "when allowed",
  },
  {
    id: "madge-reads",
    item: 8,
    what: "madge reads no file (the graph is empty, so it has no circles)",
    file: "test/architecture.spec.ts",
    from: "graph = await madge(GRAPH_DIRS, { ...MADGE_CONFIG, baseDir: ROOT });",
    to: 'graph = await madge(GRAPH_DIRS, { ...MADGE_CONFIG, baseDir: ROOT, fileExtensions: ["mts"] });',
    spec: "test/architecture.spec.ts",
    grep: "import circles",
  },
  {
    id: "gateway-404",
    item: 8,
    what: "a 404 without eyeson's error body is taken for eyeson's",
    file: "provider/resources/providerBase.ts",
    from: "    if (!isEyesonNotFound(err)) {",
    to: "    if (!isEyesonNotFound(err) && err.status !== 404) {",
    spec: "test/engine/reliability.spec.ts",
    grep: "gateway's 404 page",
    engine: true,
    build: true,
  },
  {
    id: "killed-run-plugins",
    item: 9,
    what: "the killed run's plugins are left running",
    file: "test/faults/chaos.long.ts",
    from: "    killRunProcesses(plugins);",
    to: "    void plugins;",
    spec: "test/faults/chaos.long.ts",
    grep: "killed while it creates",
    engine: true,
  },
  // Issue 20: the emulator's state and clock, the answer variants the client tolerates, and doctor.
  {
    id: "emulator-state-unsaved",
    item: 20,
    what: "the emulator answers before saving its state directory",
    file: "emulator/index.ts",
    from: "    persist: save,",
    to: "    persist: () => undefined,",
    spec: "test/emulator/state.spec.ts",
    grep: "a killed bin leaves a state",
  },
  {
    id: "emulator-idle-meetings",
    item: 20,
    what: "moving the clock no longer ends unattended meetings",
    file: "emulator/store/meetings.ts",
    from: "      if (now - last < idleMs) continue;",
    to: "      continue;",
    spec: "test/emulator/state.spec.ts",
    grep: "ends a meeting nobody used",
  },
  {
    id: "bare-list-repeats",
    item: 20,
    what: "a permalink list that ignores page is walked with its items repeated",
    file: "provider/http/pages.ts",
    from: "      if (seen.has(id)) return false;",
    to: "      if (false) return false;",
    spec: "test/resources/variants.spec.ts",
    grep: "variant bare-lists lists every permalink once",
  },
  {
    id: "empty-put-answer",
    item: 20,
    what: "an empty answer to PUT /permalink is no longer read back",
    file: "provider/client.ts",
    from: '    if (reply.text.trim() !== "") return this.#objectOf(req, reply);',
    to: "    return this.#objectOf(req, reply);",
    spec: "test/resources/variants.spec.ts",
    grep: "variant no-content runs Permalink",
  },
  {
    id: "doctor-needed",
    item: 20,
    what: "doctor exits 0 when an assumption the provider needs differs",
    file: "cli/doctor.ts",
    from: '  return findings.filter((f) => f.verdict === "differs" && f.needed);',
    to: "  return [];",
    spec: "test/cli/doctor.spec.ts",
    grep: "fails with a clear line",
  },
  {
    id: "live-meeting-guard",
    item: 18,
    what: "a delete no longer refuses while a meeting runs in the room",
    file: "provider/resources/liveMeetings.ts",
    from: "  if (room?.startedAt === undefined) return;",
    to: "  if (room !== null) return;",
    spec: "test/resources/liveMeetings.spec.ts",
    grep: "refuses to delete a room while a meeting runs",
  },
  {
    id: "live-meeting-delete-first",
    item: 18,
    what: "a replacement with a running meeting creates the new room first again",
    file: "provider/resources/permalinkProvider.ts",
    from: '      deleteBeforeReplace = planned.room?.startedAt !== undefined && policy.mode === "protect";',
    to: "      deleteBeforeReplace = false;",
    spec: "test/engine/liveMeetings.spec.ts",
    grep: "refuses the replacement",
    engine: true,
    build: true,
  },
  {
    id: "live-meeting-warning",
    item: 18,
    what: "a provider's warning reaches the engine as an info line",
    file: "provider/resources/engineLog.ts",
    from: "        request.setSeverity(engineProto.LogSeverity.WARNING);",
    to: "        request.setSeverity(engineProto.LogSeverity.INFO);",
    spec: "test/engine/liveMeetings.spec.ts",
    grep: "warns in the preview of a first-host change",
    engine: true,
    build: true,
  },
];

const args = process.argv.slice(2);
const withEngine = args.includes("--engine");
const named = args.filter((a) => !a.startsWith("--"));
const chosen = MUTATIONS.filter((m) =>
  named.length > 0 ? named.includes(m.id) : withEngine || m.engine !== true,
);

/** Files changed by the mutation running now, with their original bytes, for a restore on interrupt. */
const originals = new Map();
function restoreAll() {
  for (const [file, bytes] of originals) fs.writeFileSync(file, bytes);
  originals.clear();
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    restoreAll();
    process.exit(130);
  });
}

/** `npm run build`; false when it failed (a mutation that does not compile is a stale mutation). */
function build() {
  return spawnSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "inherit" }).status === 0;
}

// A killed engine run that a mutation leaves behind must not outlive this script: kill every process whose
// environment, command line or working directory names this checkout's engine workspaces.
function killEngineLeftovers() {
  const dir = path.join(root, ".work", "engine");
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cwd = fs.readlinkSync(`/proc/${entry}/cwd`);
      const text =
        fs.readFileSync(`/proc/${entry}/environ`, "utf8") + fs.readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (cwd.startsWith(dir) || text.includes(dir)) process.kill(Number(entry), "SIGKILL");
    } catch {
      // gone, or not ours
    }
  }
}

const results = [];
for (const m of chosen) {
  const file = path.join(root, m.file);
  const original = fs.readFileSync(file);
  const text = original.toString("utf8");
  const count = text.split(m.from).length - 1;
  if (count !== 1) {
    results.push(`STALE   ${m.id}: \`${m.from}\` occurs ${count} times in ${m.file}; update the mutation`);
    continue;
  }
  originals.set(file, original);
  let status;
  try {
    fs.writeFileSync(file, text.replace(m.from, m.to));
    if (m.build && !build()) {
      results.push(`STALE   ${m.id}: the mutated ${m.file} does not build; update the mutation`);
      continue;
    }
    const run = spawnSync(process.execPath, [mocha, m.spec, ...(m.grep ? ["--grep", m.grep] : [])], {
      cwd: root,
      env: { ...process.env, CI: "true" },
      encoding: "utf8",
      timeout: 15 * 60_000,
    });
    status = run.status;
  } finally {
    restoreAll();
    if (m.build && !build()) throw new Error(`npm run build failed after ${m.file} was restored`);
    if (m.engine) killEngineLeftovers();
  }
  const line = `${status === 0 ? "MISSED" : "caught"}  item ${m.item}, ${m.id}: ${m.what} -> ${m.spec}${m.grep ? ` --grep "${m.grep}"` : ""} ${status === 0 ? "still passes" : `fails (exit ${status})`}`;
  process.stdout.write(`${line}\n`);
  results.push(line);
}

const missed = results.filter((line) => !line.startsWith("caught"));
process.stdout.write(`${results.length - missed.length} of ${results.length} mutations caught\n`);
for (const line of missed) process.stdout.write(`${line}\n`);
process.exitCode = missed.length > 0 ? 1 : 0;
