// `pulumi package gen-sdk schema.json` generates the Python, Go and .NET SDKs (generation only: nothing is built
// or published), with the code generation hosts of scripts/install-codegen-host.sh, offline. Each SDK has a
// class per resource and a function per read-only function, keeps the secret outputs secret, and parses.
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { cliStatus, offlineEngineEnv, requireCli } from "./harness";
import { requireCodegenHosts } from "./languageHosts";

const ROOT = path.resolve(__dirname, "..", "..");
const WORK = path.join(ROOT, ".work", "sdks");

function genSdk(language: string, env: NodeJS.ProcessEnv): Promise<string> {
  const out = path.join(WORK, "out");
  return new Promise((resolve, reject) => {
    execFile(
      cliStatus().bin ?? "pulumi",
      ["package", "gen-sdk", path.join(ROOT, "schema.json"), "--language", language, "--out", out],
      { cwd: WORK, env, timeout: 120_000 },
      (err, stdout, stderr) =>
        err
          ? reject(new Error(`gen-sdk ${language} failed: ${err.message}\n${stdout}\n${stderr}`))
          : resolve(path.join(out, language)),
    );
  });
}

function read(dir: string, file: string): string {
  return fs.readFileSync(path.join(dir, file), "utf8");
}

describe("the SDKs pulumi package gen-sdk generates from schema.json", function () {
  this.timeout(180_000);
  let env: NodeJS.ProcessEnv;

  before(function () {
    requireCli(this);
    const hosts = requireCodegenHosts(this);
    fs.mkdirSync(path.join(WORK, "home"), { recursive: true });
    const engineEnv = offlineEngineEnv({
      cliBin: cliStatus().bin ?? "pulumi",
      backendDir: path.join(WORK, "backend"),
      pulumiHome: path.join(WORK, "home"),
    });
    env = { ...process.env, ...engineEnv, PATH: [hosts, engineEnv.PATH].join(path.delimiter) };
  });
  after(() => fs.rmSync(WORK, { recursive: true, force: true }));

  it("generates a Python SDK whose modules compile, with the tokens secret", async () => {
    const sdk = await genSdk("python", env);
    const pkg = path.join(sdk, "pulumi_eyeson");
    for (const file of [
      "permalink.py",
      "permalink_host.py",
      "webhook.py",
      "get_permalink.py",
      "list_rooms.py",
    ]) {
      assert.ok(fs.existsSync(path.join(pkg, file)), file);
    }
    assert.match(
      read(pkg, "permalink.py"),
      /additional_secret_outputs=\["guestToken", "guestUrl", "hostUrl", "userToken"\]/,
    );
    assert.match(read(pkg, "get_permalink.py"), /'eyeson:index:getPermalink'/);
    execFileSync("python3", ["-m", "compileall", "-q", pkg], { stdio: "pipe" });
  });

  it("generates a Go SDK whose files parse, with the tokens secret", async () => {
    const sdk = await genSdk("go", env);
    const pkg = path.join(sdk, "eyeson");
    for (const file of [
      "permalink.go",
      "permalinkHost.go",
      "webhook.go",
      "getPermalink.go",
      "listRooms.go",
    ]) {
      assert.ok(fs.existsSync(path.join(pkg, file)), file);
    }
    // The secret list itself: every field tag names "userToken" too, so finding the name alone proves nothing.
    assert.match(
      read(pkg, "permalink.go"),
      /pulumi\.AdditionalSecretOutputs\(\[\]string\{\s*"guestToken",\s*"guestUrl",\s*"hostUrl",\s*"userToken",\s*\}\)/,
    );
    // gofmt -l parses every file and lists those it cannot format; a syntax error fails it.
    assert.equal(execFileSync("gofmt", ["-l", "-e", pkg], { encoding: "utf8" }), "");
  });

  it("generates a .NET SDK with a class per resource and function, the tokens secret", async () => {
    const sdk = await genSdk("dotnet", env);
    for (const file of [
      "Permalink.cs",
      "PermalinkHost.cs",
      "Webhook.cs",
      "GetPermalink.cs",
      "ListRooms.cs",
    ]) {
      assert.ok(fs.existsSync(path.join(sdk, file)), file);
    }
    assert.match(
      read(sdk, "Permalink.cs"),
      /public partial class Permalink : global::Pulumi\.CustomResource/,
    );
    assert.match(read(sdk, "Permalink.cs"), /AdditionalSecretOutputs =\s*\{[^}]*"userToken"/);
  });
});
