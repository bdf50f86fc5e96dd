// Servers for the HTTP benchmarks, each in a process of its own so that the load generator in this process
// measures the client and the server does not share its event loop: the emulator (from dist/), and the floor
// server, the least a Node HTTP server does per request (read the body, answer a small JSON object).
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";

/** A server process and the URL it listens on. */
export interface ServerProcess {
  readonly url: string;
  close(): Promise<void>;
}

const ROOT = path.resolve(__dirname, "..");

// Answers like the emulator's GET /permalink/:id in size (about 1 KB of JSON), without doing any work.
const FLOOR_SERVER = `
const http = require("node:http");
const body = JSON.stringify({ permalink: { id: "x".repeat(24), name: "Room", user_token: "t".repeat(24) },
  room: { id: "x".repeat(24), name: "Room", started_at: null }, links: { gui: "g".repeat(80) },
  options: Object.fromEntries(Array.from({ length: 20 }, (_, i) => ["option_" + i, i % 2 === 0])) });
http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
}).listen(0, "127.0.0.1", function () {
  process.stdout.write("listening on http://127.0.0.1:" + this.address().port + "\\n");
});
`;

function start(args: string[], what: string): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    let seen = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen)?.[1];
      if (url) {
        child.stdout?.removeAllListeners("data");
        child.stdout?.resume();
        resolve({
          url,
          close: () =>
            new Promise<void>((done) => {
              child.once("exit", () => done());
              child.kill("SIGTERM");
            }),
        });
      }
    });
    child.once("exit", (code) => reject(new Error(`${what} exited with ${code} before listening`)));
  });
}

/** Starts the built emulator (dist/emulator/cli.js) with one known API key, strict as our client expects. */
export function startEmulatorProcess(apiKey: string): Promise<ServerProcess> {
  return start(
    [path.join(ROOT, "dist", "emulator", "cli.js"), "--strict", "--api-key", apiKey],
    "the emulator",
  );
}

/** Starts the floor server. */
export function startFloorServer(): Promise<ServerProcess> {
  return start(["-e", FLOOR_SERVER], "the floor server");
}
