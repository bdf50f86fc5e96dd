/** The `pulumi-eyeson-emulator` bin (`npm run emulator` here): arguments, and a foreground run stopped by SIGTERM. */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { parseArgs } from "../../emulator/cli";

describe("emulator CLI", () => {
  it("parses port, host, repeated API keys, seed and the external-webhook flag", () => {
    assert.deepEqual(
      parseArgs([
        "--port",
        "8787",
        "--host=0.0.0.0",
        "--api-key",
        "a",
        "--api-key=b",
        "--seed",
        "4",
        "--allow-external-webhooks",
      ]),
      { port: 8787, host: "0.0.0.0", apiKeys: ["a", "b"], seed: 4, allowExternalWebhooks: true },
    );
    assert.deepEqual(parseArgs([]), {});
  });

  it("parses --strict, which makes the emulator refuse unknown parameters", () => {
    assert.deepEqual(parseArgs(["--strict"]), { strict: true });
  });

  it("rejects unknown options and bad values with a message", () => {
    assert.throws(() => parseArgs(["--colour"]), /Unknown option: --colour/);
    assert.throws(() => parseArgs(["--port", "99999"]), /--port/);
    assert.throws(() => parseArgs(["--seed"]), /--seed needs a value/);
  });

  it("prints the URL and API key, serves requests and exits cleanly on SIGTERM", async function () {
    const root = path.resolve(__dirname, "../..");
    const child = spawn(
      process.execPath,
      [
        "-r",
        "ts-node/register/transpile-only",
        "emulator/cli.ts",
        "--port",
        "0",
        "--api-key",
        "cli-test-key",
      ],
      { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 15000);
        child.stdout.on("data", () => {
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        child.on("exit", () => reject(new Error(`exited early: ${output}`)));
      });
      assert.match(
        output,
        /API key: cli-test-key\nDashboard: http:\/\/127\.0\.0\.1:\d+\/__emulator\/dashboard\n/,
      );
      assert.doesNotMatch(output, /WARNING/, "no exposure warning on loopback");
      assert.match(
        output,
        /Unknown parameters: ignored, and named in the X-Emulator-Ignored-Parameters header/,
      );
      const res = await fetch(`${url}/rooms`, { headers: { authorization: "cli-test-key" } });
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), []);
    } finally {
      child.kill("SIGTERM");
    }
    assert.equal(await exited, 0);
    assert.match(output, /SIGTERM: stopping/);
  });
});
