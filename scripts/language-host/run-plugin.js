// The language host's RunPlugin: how the engine starts a plugin written in Node.js from its folder. The case
// that matters here is a policy pack (`pulumi preview --policy-pack <dir>`, plugin kind "analyzer"), which the
// engine starts this way whenever a `nodejs` language host exists, as Pulumi's own host does:
//
// 1. The pack runs with `@pulumi/pulumi/cmd/run-policy-pack` from the pack's folder, with the engine's arguments
//    and then the folder, in that folder, with the environment the engine sends.
// 2. Packs learn their stack, project and config from PULUMI_NODEJS_* and PULUMI_CONFIG, which the engine sends
//    only afterwards, in the analyzer's ConfigureStack call. So the host first serves a small analyzer of its
//    own (its port is the first line the engine reads), answers Handshake, waits for ConfigureStack (or for any
//    other call, which means there is no stack, as for `pulumi policy publish`), only then starts the pack with
//    those variables, and from there on forwards every analyzer call to the pack's own server.
//
// Other plugin kinds run with `@pulumi/pulumi/cmd/run-plugin`, the folder first and then the arguments. Output
// goes back on the RunPlugin stream; the stream's last message is the process's exit code.
"use strict";
const { spawn } = require("node:child_process");
const readline = require("node:readline");

/**
 * Serves one RunPlugin call. `deps` holds what the host already loaded from @pulumi/pulumi (grpc, the proto
 * modules) so that both use one copy.
 */
function runPlugin(call, deps) {
  const { language } = deps;
  const request = call.request;
  const info = request.getInfo();
  const options = info?.getOptions()?.toJavaScript() ?? {};
  const programDir = info?.getProgramDirectory() || request.getPwd();
  const analyzer = request.getKind() === "analyzer";

  let ended = false;
  const send = (set, value) => {
    if (ended) return;
    const response = new language.RunPluginResponse();
    response[set](value);
    call.write(response);
  };
  const stdout = (chunk) => send("setStdout", Buffer.from(chunk));
  const stderr = (chunk) => send("setStderr", Buffer.from(chunk));
  // The exit code is the stream's last message; a failed spawn reports both an error and an exit.
  const finish = (code) => {
    send("setExitcode", code);
    if (!ended) call.end();
    ended = true;
  };

  const env = Object.fromEntries(
    request.getEnvList().map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]),
  );
  if (options.typescript !== false) env.PULUMI_NODEJS_TYPESCRIPT = "true";
  if (typeof options.tsconfig === "string") env.PULUMI_NODEJS_TSCONFIG_PATH = options.tsconfig;

  let runner;
  try {
    runner = require.resolve(`@pulumi/pulumi/cmd/${analyzer ? "run-policy-pack" : "run-plugin"}`, {
      paths: [programDir],
    });
  } catch {
    // The engine recognises this sentence and tells the user to install the pack's dependencies.
    const module = analyzer ? "run-policy-pack" : "run-plugin";
    stderr(`Cannot find module '@pulumi/pulumi/cmd/${module}' from ${programDir}\n`);
    finish(1);
    return;
  }
  const nodeArgs = typeof options.nodeargs === "string" ? options.nodeargs.split(/\s+/).filter(Boolean) : [];
  const args = analyzer
    ? [...nodeArgs, runner, ...request.getArgsList(), programDir]
    : [...nodeArgs, runner, programDir, ...request.getArgsList()];
  const cwd = analyzer ? programDir : request.getPwd() || programDir;

  const start = (extraEnv, onStdout) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...env, ...extraEnv }, stdio: "pipe" });
    child.stderr.on("data", stderr);
    onStdout(child);
    child.on("error", (err) => {
      stderr(`could not start the plugin: ${err.message}\n`);
      finish(1);
    });
    child.on("exit", (code, signal) => finish(code ?? (signal ? 1 : 0)));
    call.on("cancelled", () => child.kill());
  };

  if (!analyzer) {
    start({}, (child) => child.stdout.on("data", stdout));
    return;
  }
  const proxy = servePolicyProxy(deps, stdout, (configuration) => {
    let resolvePort;
    const port = new Promise((resolve) => (resolvePort = resolve));
    start(configuration === null ? {} : packEnv(configuration), (proc) => {
      // The pack's first line is its own port; everything after it is output for the engine.
      const lines = readline.createInterface({ input: proc.stdout });
      let first = true;
      lines.on("line", (line) => {
        if (first) {
          first = false;
          resolvePort(Number(line.trim()));
        } else {
          stdout(`${line}\n`);
        }
      });
      proc.on("exit", () => {
        resolvePort(undefined);
        proxy.forceShutdown();
      });
    });
    return port;
  });
  call.on("cancelled", () => proxy.forceShutdown());
}

/** The variables Pulumi's host gives a policy pack from the engine's ConfigureStack request. */
function packEnv(configuration) {
  const env = {};
  const set = (key, value) => {
    if (value) env[key] = value;
  };
  set("PULUMI_NODEJS_ORGANIZATION", configuration.getOrganization());
  set("PULUMI_NODEJS_PROJECT", configuration.getProject());
  set("PULUMI_NODEJS_STACK", configuration.getStack());
  set("PULUMI_NODEJS_DRY_RUN", String(configuration.getDryRun()));
  const config = Object.fromEntries(configuration.getConfigMap().toArray());
  if (Object.keys(config).length > 0) set("PULUMI_CONFIG", JSON.stringify(config));
  return env;
}

/**
 * Serves the analyzer the engine talks to first. `startPack(configuration)` starts the pack once the stack
 * configuration is known (null when the engine sent none) and returns a promise of the pack's port.
 */
function servePolicyProxy(deps, stdout, startPack) {
  const { grpc, analyzer, analyzerRpc, Empty } = deps;
  let pack; // Promise of the client of the pack's own server.
  let configured = null;

  const ensurePack = () => {
    if (pack === undefined) {
      pack = startPack(configured).then((port) => {
        if (port === undefined || Number.isNaN(port))
          throw new Error("the policy pack exited before serving");
        const client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        if (configured === null) return client;
        // Older packs do not implement ConfigureStack, which is fine (as for Pulumi's host).
        return new Promise((resolve, reject) =>
          client.configureStack(configured, (err) =>
            err && err.code !== grpc.status.UNIMPLEMENTED ? reject(err) : resolve(client),
          ),
        );
      });
      pack.catch(() => undefined);
    }
    return pack;
  };

  const forward = (method) => (call, callback) => {
    ensurePack().then(
      (client) => client[method](call.request, callback),
      (err) =>
        callback({ code: grpc.status.UNAVAILABLE, details: `policy pack not started: ${err.message}` }),
    );
  };

  const service = {};
  for (const method of Object.keys(analyzerRpc.AnalyzerService)) {
    const name = analyzerRpc.AnalyzerService[method].originalName ?? method;
    service[name] = forward(name);
  }
  service.handshake = (_call, callback) => callback(null, new analyzer.AnalyzerHandshakeResponse());
  service.configureStack = (call, callback) => {
    if (pack === undefined) configured = call.request;
    callback(null, new analyzer.AnalyzerStackConfigureResponse());
    ensurePack();
  };
  service.cancel = (call, callback) => {
    if (pack === undefined) callback(null, new Empty());
    else forward("cancel")(call, callback);
  };

  const server = new grpc.Server();
  server.addService(analyzerRpc.AnalyzerService, service);
  server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
    if (err) {
      stdout(`policy proxy: ${err.message}\n`);
      return;
    }
    stdout(`${port}\n`);
  });
  return server;
}

module.exports = { runPlugin };
