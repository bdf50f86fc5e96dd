// What importing pulumi-eyeson costs a user's `tsc`: the same small program with and without the import,
// compiled alternately with the compiler options of Pulumi's TypeScript template (no skipLibCheck, so every
// declaration file a program loads is checked).
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { summarize, type Summary } from "./stats";

const TSC = require.resolve("typescript/lib/tsc.js");

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    sourceMap: true,
    experimentalDecorators: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
    noEmit: true,
  },
  files: ["index.ts"],
};

const PROGRAMS = {
  plain: `import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
export const roomName = config.get("roomName") ?? "War room";
`,
  eyeson: `import * as pulumi from "@pulumi/pulumi";
import * as eyeson from "pulumi-eyeson";

const config = new pulumi.Config();
export const roomName = config.get("roomName") ?? "War room";
const room = new eyeson.Permalink("war-room", { name: roomName, user: { name: "On-call" } });
export const permalinkId = room.permalinkId;
`,
};

/** One side: its compile times and what the compiler loaded. */
export interface TypecheckSide {
  readonly wallMs: Summary;
  readonly files: number;
  readonly undiciFiles: number;
}

function compile(dir: string): Promise<{ ms: number; files: string[] }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    execFile(
      process.execPath,
      [TSC, "-p", dir, "--listFiles"],
      { maxBuffer: 64 * 1024 * 1024 },
      (err, stdout) => {
        const ms = performance.now() - started;
        if (err) reject(new Error(`tsc -p ${dir} failed: ${err.message}\n${stdout.slice(-2000)}`));
        else resolve({ ms, files: stdout.split("\n").filter((l) => l.endsWith(".ts")) });
      },
    );
  });
}

/** Compiles both programs `reps` times, alternating, under `root` (inside the repository, for resolution). */
export async function benchTypecheck(
  root: string,
  reps: number,
): Promise<Record<"plain" | "eyeson", TypecheckSide>> {
  const times: Record<"plain" | "eyeson", number[]> = { plain: [], eyeson: [] };
  const files: Record<"plain" | "eyeson", string[]> = { plain: [], eyeson: [] };
  for (const name of ["plain", "eyeson"] as const) {
    const dir = path.join(root, name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
    fs.writeFileSync(path.join(dir, "index.ts"), PROGRAMS[name]);
  }
  for (let rep = 0; rep < reps; rep++) {
    const order = rep % 2 === 0 ? (["plain", "eyeson"] as const) : (["eyeson", "plain"] as const);
    for (const name of order) {
      const run = await compile(path.join(root, name));
      times[name].push(run.ms);
      files[name] = run.files;
    }
  }
  const side = (name: "plain" | "eyeson"): TypecheckSide => ({
    wallMs: summarize(times[name]),
    files: files[name].length,
    undiciFiles: files[name].filter((f) => /[\\/]node_modules[\\/]undici[\\/]/.test(f)).length,
  });
  return { plain: side("plain"), eyeson: side("eyeson") };
}
