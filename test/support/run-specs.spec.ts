// What CI's verdict rests on: test/support/run-specs.js, run on small fixture files (test/support/fixtures/,
// test/engine/fixtures/*.fixture.ts) that no full run picks up. A run that skipped a test under CI, whose
// process exited badly, whose hook failed, that hung, or that left a rejection nobody handled must fail, and
// say why; each file under test/engine/ must get a mocha process of its own.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const FIXTURES = "test/support/fixtures";

/** What one run of run-specs printed, its exit code, and its closing line. */
interface Run {
  readonly code: number | null;
  readonly output: string;
  readonly stdout: string;
  readonly closing: string;
}

/** Runs run-specs on `files` with `env` added to this process's environment (`undefined` removes a variable). */
function runSpecs(
  files: readonly string[],
  env: Record<string, string | undefined> = {},
  timeoutMs = 120_000,
): Run {
  const merged: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete merged[key];
  const run = spawnSync(process.execPath, ["test/support/run-specs.js", ...files], {
    cwd: ROOT,
    env: merged,
    encoding: "utf8",
    timeout: timeoutMs,
  });
  const output = `${run.stdout}${run.stderr}`;
  const lines = run.stdout.trim().split("\n");
  return { code: run.status, output, stdout: run.stdout, closing: lines[lines.length - 1] ?? "" };
}

const fixture = (name: string): string => `${FIXTURES}/${name}.fixture.ts`;

describe("test/support/run-specs.js, the runner whose exit code CI trusts", function () {
  this.timeout(180_000);
  let scratch: string;

  before(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "eyeson-run-specs-spec-"));
  });
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it("passes a run whose tests all pass, and prints the closing line", () => {
    const run = runSpecs([fixture("passing")], { CI: "true" });
    assert.equal(run.code, 0, run.output);
    assert.equal(run.closing, "2 passed, 0 failed, 0 skipped");
  });

  it("fails a CI run in which any test was skipped, saying so", () => {
    const run = runSpecs([fixture("skipped")], { CI: "true" });
    assert.equal(run.code, 1, run.output);
    assert.match(
      run.output,
      /FAILED: CI is set and 1 tests were skipped or pending: a CI run must run every test/,
    );
  });

  it("outside CI passes a run with skips, and its closing line says it was not a full run and why", () => {
    const run = runSpecs([fixture("toolMissing"), fixture("passing")], { CI: undefined });
    assert.equal(run.code, 0, run.output);
    assert.equal(
      run.closing,
      "2 passed, 0 failed, 1 skipped (NOT A FULL RUN: skipped because no fixture-tool (a fixture of " +
        "run-specs.spec.ts); with CI=true they fail instead)",
    );
  });

  it("in CI fails the test whose tool is missing, naming it, instead of skipping", () => {
    const run = runSpecs([fixture("toolMissing")], { CI: "true" });
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /CI requires what is missing here: no fixture-tool/);
    assert.equal(run.closing, "0 passed, 1 failed, 0 skipped");
  });

  it("counts a failing before hook and each test it kept from running as failures", () => {
    const run = runSpecs([fixture("failingHook")]);
    assert.equal(run.code, 1, run.output);
    assert.equal(run.closing, "0 passed, 3 failed, 0 skipped");
  });

  it("repeats each failure, with its file and message, after every process has run, where a CI log's tail shows it", () => {
    const run = runSpecs([fixture("failingHook"), fixture("passing")]);
    assert.equal(run.code, 1, run.output);
    const tail = run.stdout.slice(run.stdout.lastIndexOf("fixture: passing"));
    assert.match(
      tail,
      /FAILED: fixture: failing hook "before all" hook for "never runs \(1\)" \(test\/support\/fixtures\/failingHook\.fixture\.ts\)\n {4}Error: the fixture's before hook fails\n/,
    );
    assert.equal(run.closing, "2 passed, 3 failed, 0 skipped");
  });

  it("fails when a mocha process exits non-zero although its totals say every test passed", () => {
    const run = runSpecs([fixture("exitsNonZero")]);
    assert.equal(run.code, 1, run.output);
    assert.match(
      run.output,
      /FAILED: mocha exited 3 running test\/support\/fixtures\/exitsNonZero\.fixture\.ts/,
    );
  });

  it("fails the test that left a rejected promise nobody handled", () => {
    const run = runSpecs([fixture("stray")]);
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /a promise rejected and nothing handled it: Error: stray/);
    assert.match(run.closing, /^0 passed, [1-9]\d* failed/);
  });

  it("kills a spec file that runs out of time, with its process group, and names the file", async () => {
    const out = path.join(scratch, "hang-child");
    const run = runSpecs(
      [fixture("hangs"), fixture("passing")],
      { EYESON_SPEC_FILE_LIMIT_MS: "3000", EYESON_FIXTURE_OUT: out },
      30_000,
    );
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /FAILED: test\/support\/fixtures\/hangs\.fixture\.ts ran longer than 3 s/);
    const child = Number(fs.readFileSync(out, "utf8"));
    assert.ok(child > 0, "the fixture started its child");
    // A killed child lingers as a zombie only until init reaps it; give that a bounded moment.
    let alive = true;
    for (let i = 0; i < 50 && alive; i++) {
      alive = fs.existsSync(`/proc/${child}`) && !/^State:\s+Z/m.test(readStatus(child));
      if (alive) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(alive, false, "the hung file's child process was killed with its group");
  });

  it("gives each spec file under test/engine/ a process of its own, and the others one together", () => {
    const out = path.join(scratch, "pids");
    const run = runSpecs(
      [
        `${FIXTURES}/a.pid.fixture.ts`,
        `${FIXTURES}/b.pid.fixture.ts`,
        "test/engine/fixtures/c.pid.fixture.ts",
        "test/engine/fixtures/d.pid.fixture.ts",
      ],
      { EYESON_FIXTURE_OUT: out },
    );
    assert.equal(run.code, 0, run.output);
    const pids = new Map(
      fs
        .readFileSync(out, "utf8")
        .trim()
        .split("\n")
        .map((line) => line.split(" ") as [string, string]),
    );
    assert.deepEqual([...pids.keys()].sort(), [
      "a.pid.fixture.ts",
      "b.pid.fixture.ts",
      "c.pid.fixture.ts",
      "d.pid.fixture.ts",
    ]);
    assert.equal(pids.get("a.pid.fixture.ts"), pids.get("b.pid.fixture.ts"), "a and b share a process");
    const distinct = new Set([
      pids.get("a.pid.fixture.ts"),
      pids.get("c.pid.fixture.ts"),
      pids.get("d.pid.fixture.ts"),
    ]);
    assert.equal(distinct.size, 3, "c and d, under test/engine/, each ran alone");
  });

  /** Runs `file` outside CI with `script` as the only `pulumi` on PATH and an empty install cache. */
  function withFakeCli(name: string, script: string, file: string): Run {
    const bin = path.join(scratch, name);
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(path.join(bin, "pulumi"), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
    const others = (process.env.PATH ?? "")
      .split(path.delimiter)
      .filter((dir) => !fs.existsSync(path.join(dir, "pulumi")));
    return runSpecs([file], {
      CI: undefined,
      PATH: [bin, ...others].join(path.delimiter),
      // The install cache would offer a working CLI; point it at an empty folder.
      XDG_CACHE_HOME: path.join(scratch, "empty-cache"),
    });
  }

  it("fails an engine test, not skips it, when the pulumi on PATH cannot say its version", () => {
    const run = withFakeCli("broken-cli", "echo 'cannot start: boom' >&2\nexit 1", fixture("brokenCli"));
    assert.equal(run.code, 1, run.output);
    assert.match(
      run.output,
      /the Pulumi CLI does not work: `[^`]*broken-cli\/pulumi version` failed: exit 1: cannot start: boom/,
    );
    assert.equal(run.closing, "0 passed, 2 failed, 0 skipped");
  });

  it("waits for a CLI that is slow to say its version instead of calling it missing", () => {
    const run = withFakeCli("slow-cli", "sleep 3\necho v3.200.0", fixture("slowCli"));
    assert.equal(run.code, 0, run.output);
    assert.equal(run.closing, "1 passed, 0 failed, 0 skipped");
  });

  it(".ci/run exports CI=true before it runs anything, however it is started", () => {
    const lines = fs.readFileSync(path.join(ROOT, ".ci", "run"), "utf8").split("\n");
    const exported = lines.indexOf("export CI=true");
    const firstCommand = lines.findIndex((line) => /^(npm|bash|node|echo|pulumi)\b/.test(line));
    assert.ok(exported >= 0, "a line `export CI=true`");
    assert.ok(
      exported < firstCommand,
      `export CI=true (line ${exported + 1}) comes before line ${firstCommand + 1}`,
    );
  });

  it("npm test stops under CI when an install step failed, and outside CI says once what will skip", () => {
    const scripts = (
      JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    for (const name of ["pulumi:cli", "pulumi:hosts", "lint:tools"]) {
      assert.match(scripts[name] ?? "", /\|\| node test\/support\/missing-tool\.js "[^"]+" "[^"]+"$/, name);
    }
    const missing = (ci: string | undefined): { status: number | null; text: string } => {
      const env: NodeJS.ProcessEnv = { ...process.env, CI: ci };
      if (ci === undefined) delete env.CI;
      const run = spawnSync(
        process.execPath,
        ["test/support/missing-tool.js", "the Pulumi CLI", "the engine specs"],
        {
          cwd: ROOT,
          env,
          encoding: "utf8",
        },
      );
      return { status: run.status, text: `${run.stdout}${run.stderr}` };
    };
    assert.deepEqual(missing("true"), {
      status: 1,
      text: "CI: could not provision the Pulumi CLI (see the error above); the engine specs need it\n",
    });
    assert.deepEqual(missing(undefined), {
      status: 0,
      text: "could not provision the Pulumi CLI (see the error above): the engine specs will skip\n",
    });
  });
});

function readStatus(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return "State: Z (gone)";
  }
}
