// `pulumi-eyeson doctor` against the emulator over real HTTP: it passes on an account that answers as our
// notes say, reads only unless --write, cleans up after --write and never touches the webhook, prints no
// credential, and fails with a clear line when an answer breaks an assumption the provider needs.
import assert from "node:assert/strict";
import { startEmulator, type EmulatorHandle } from "../../emulator";
import { DOCTOR_PERMALINK_NAME } from "../../cli/assumptions";
import { fillAccount, leakedSecrets, runCli } from "./doctorSupport";

describe("pulumi-eyeson doctor", () => {
  let emulator: EmulatorHandle;
  beforeEach(async () => {
    emulator = await startEmulator({ strict: true });
    await fillAccount(emulator);
    emulator.requests.clear();
  });
  afterEach(() => emulator.close());

  it("passes on an account that answers as our notes say, one line per assumption, with GET requests only", async () => {
    const run = await runCli(["doctor"], emulator);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(
      run.stdout,
      /^holds {5}the API key works, sent raw in Authorization \[Credentials\]: GET \/permalink answered 200$/m,
    );
    assert.match(run.stdout, /^holds {5}permalink\.user_token is a string \[Response objects\]: a string$/m);
    assert.match(run.stdout, /^holds {5}an unknown permalink answers 404/m);
    assert.match(
      run.stdout,
      /^holds {5}types is a comma-separated string or an array of known event types \[Webhooks\]: an array$/m,
    );
    assert.match(
      run.stdout,
      /^differs {3}the endpoint is eyeson's API/m,
      "the emulator is not eyeson's endpoint",
    );
    assert.match(run.stdout, /Every assumption pulumi-eyeson needs holds\.$/m);
    assert.deepEqual(
      [...new Set(emulator.requests.list().map((r) => r.method))],
      ["GET"],
      "read-only: GET requests only",
    );
    assert.deepEqual(leakedSecrets(run.stdout + run.stderr, emulator), []);
  });

  it("--write creates, renames and deletes one throwaway permalink and never touches the webhook", async () => {
    const webhookBefore = structuredClone(emulator.store.webhooks.get(emulator.apiKey));
    const run = await runCli(["doctor", "--write"], emulator);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(
      run.stdout,
      /^holds {5}POST \/permalink answers 200 or 201 with the permalink \[Errors and statuses\]: 201 with an object \(JSON\)$/m,
    );
    assert.match(run.stdout, /^holds {5}PUT \/permalink\/ID changes what it is sent/m);
    assert.match(run.stdout, /^holds {5}a deleted permalink answers 404 afterwards/m);
    const writes = emulator.requests
      .list()
      .filter((r) => r.method !== "GET")
      .map((r) => r.route);
    assert.deepEqual(writes, [
      "POST /permalink",
      "PUT /permalink/:permalinkId",
      "DELETE /permalink/:permalinkId",
    ]);
    assert.deepEqual(
      emulator.store.permalinksOf(emulator.apiKey).map((p) => p.name),
      ["War room", "Standup"],
      "the throwaway permalink is gone",
    );
    assert.deepEqual(emulator.store.webhooks.get(emulator.apiKey), webhookBefore);
    assert.deepEqual(leakedSecrets(run.stdout + run.stderr, emulator), []);
  });

  it("deletes the throwaway permalink even when a check in between fails", async () => {
    emulator.faults.inject({ method: "PUT", path: "/permalink/*", status: 400 });
    const run = await runCli(["doctor", "--write"], emulator);
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /^differs {3}create, rename and delete of one permalink succeed .*400.*<- pulumi-eyeson needs this$/m,
    );
    assert.ok(
      !emulator.store.permalinksOf(emulator.apiKey).some((p) => p.name.startsWith(DOCTOR_PERMALINK_NAME)),
    );
  });

  it("--format json reports every finding with its verdict, for CI", async () => {
    const run = await runCli(["doctor", "--format", "json"], emulator);
    assert.equal(run.code, 0);
    const report = JSON.parse(run.stdout) as {
      ok: boolean;
      endpoint: string;
      findings: Array<{ id: string; verdict: string; needed: boolean }>;
    };
    assert.equal(report.ok, true);
    assert.equal(report.endpoint, emulator.url);
    assert.ok(report.findings.some((f) => f.id === "key" && f.verdict === "holds" && f.needed));
    assert.deepEqual(leakedSecrets(run.stdout, emulator), []);
  });

  it("fails on a key the API refuses, with the status and without the key", async () => {
    const run = await runCli(["doctor"], emulator, "emu_not-the-key-of-this-account-123");
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /^differs {3}the API key works.*401.*Invalid API key.*<- pulumi-eyeson needs this$/m,
    );
    assert.ok(!run.stdout.includes("emu_not-the-key-of-this-account-123"));
  });

  it("fails with a clear line when a missing permalink is not a 404 in eyeson's error format", async () => {
    emulator.faults.inject({
      method: "GET",
      path: "/permalink/000000000000000000000000",
      status: 404,
      body: "<html>gateway</html>",
    });
    const run = await runCli(["doctor"], emulator);
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /^differs {3}an unknown permalink answers 404 \{"error": \.\.\.\} .*a refresh will not drop a permalink deleted in eyeson {2}<- pulumi-eyeson needs this$/m,
    );
    assert.match(run.stdout, /1 assumption\(s\) pulumi-eyeson needs differ/);
  });

  it("rejects an unknown format with its usage", async () => {
    const run = await runCli(["doctor", "--format", "yaml"], emulator);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Unknown format: yaml \(one of text, json\)/);
  });
});
