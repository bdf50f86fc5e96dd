// The client against its floor: `EyesonClient.getPermalink` beside a bare undici `request` of the same URL on
// the same kind of dispatcher (a fresh keep-alive Agent with the client's own settings for each run), reading
// and parsing the same JSON body, at concurrency 1 and 32, against the emulator in a process of its own.
// Also the emulator's own throughput on loopback beside a do-nothing Node HTTP server.
import * as diagnostics from "node:diagnostics_channel";
import { performance } from "node:perf_hooks";
import { Agent, request } from "undici";
import { EyesonClient } from "../provider/client";
import { percentile, summarize, type Summary } from "./stats";

/** The client's own keep-alive agent settings (provider/client.ts), used for both sides of the comparison. */
const AGENT_OPTIONS = { keepAliveTimeout: 10_000, connections: 16 } as const;

/** One timed run of `calls` requests. */
export interface LoadRun {
  readonly reqPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly socketsOpened: number;
}

/** Repetitions of one side at one concurrency, summarized. */
export interface LoadSummary {
  readonly reqPerSec: Summary;
  readonly p50Ms: Summary;
  readonly p99Ms: Summary;
  readonly socketsOpened: Summary;
}

let connected = 0;
diagnostics.subscribe("undici:client:connected", () => connected++);

/** Runs `calls` calls of `call` with `concurrency` in flight; every call must succeed. */
export async function load(
  calls: number,
  concurrency: number,
  call: (i: number) => Promise<unknown>,
): Promise<LoadRun> {
  const latencies: number[] = [];
  const socketsBefore = connected;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < calls) {
        const i = next++;
        const t = performance.now();
        await call(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    reqPerSec: (calls / elapsed) * 1000,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    socketsOpened: connected - socketsBefore,
  };
}

/** Summarizes repetitions of a side. */
export function summarizeRuns(runs: readonly LoadRun[]): LoadSummary {
  return {
    reqPerSec: summarize(runs.map((r) => r.reqPerSec)),
    p50Ms: summarize(runs.map((r) => r.p50Ms)),
    p99Ms: summarize(runs.map((r) => r.p99Ms)),
    socketsOpened: summarize(runs.map((r) => r.socketsOpened)),
  };
}

/** A side of the comparison: given a fresh dispatcher, one call. */
type Side = (agent: Agent) => { call: () => Promise<unknown>; close: () => Promise<void> };

/** The client and bare undici, alternating per repetition, at each concurrency. */
export async function benchClient(opts: {
  url: string;
  apiKey: string;
  permalinkId: string;
  calls: number;
  concurrencies: readonly number[];
  reps: number;
}): Promise<Record<string, { client: LoadSummary; undici: LoadSummary }>> {
  const target = `${opts.url}/permalink/${opts.permalinkId}`;
  const sides: Record<"client" | "undici", Side> = {
    client: (agent) => {
      const client = new EyesonClient({
        endpoint: opts.url,
        apiKey: opts.apiKey,
        dispatcher: agent,
        env: {},
      });
      return { call: () => client.getPermalink(opts.permalinkId), close: () => client.close() };
    },
    undici: (agent) => ({
      call: async () => {
        const res = await request(target, {
          dispatcher: agent,
          headers: { accept: "application/json", authorization: opts.apiKey },
        });
        if (res.statusCode !== 200) throw new Error(`GET answered ${res.statusCode}`);
        return res.body.json();
      },
      close: async () => undefined,
    }),
  };
  const run = async (side: Side, calls: number, concurrency: number): Promise<LoadRun> => {
    const agent = new Agent(AGENT_OPTIONS);
    const { call, close } = side(agent);
    try {
      return await load(calls, concurrency, call);
    } finally {
      await close();
      await agent.close();
    }
  };
  // Warm-up: both code paths compiled before anything is timed.
  for (const side of Object.values(sides)) await run(side, 500, 8);

  const out: Record<string, { client: LoadSummary; undici: LoadSummary }> = {};
  for (const concurrency of opts.concurrencies) {
    const runs: Record<"client" | "undici", LoadRun[]> = { client: [], undici: [] };
    for (let rep = 0; rep < opts.reps; rep++) {
      const order = rep % 2 === 0 ? (["undici", "client"] as const) : (["client", "undici"] as const);
      for (const name of order) runs[name].push(await run(sides[name], opts.calls, concurrency));
    }
    out[String(concurrency)] = { client: summarizeRuns(runs.client), undici: summarizeRuns(runs.undici) };
  }
  return out;
}

/** A server's requests per second for a GET, and for a mix of one POST per GET, at one concurrency. */
export async function serverThroughput(opts: {
  url: string;
  apiKey: string;
  permalinkId: string;
  calls: number;
  concurrency: number;
}): Promise<{ get: LoadRun; mix: LoadRun }> {
  const agent = new Agent({ keepAliveTimeout: 10_000, connections: opts.concurrency });
  const headers = { accept: "application/json", authorization: opts.apiKey };
  const send = async (method: "GET" | "POST", path: string, body?: string): Promise<void> => {
    const res = await request(`${opts.url}${path}`, {
      method,
      dispatcher: agent,
      headers: body ? { ...headers, "content-type": "application/json" } : headers,
      body,
    });
    await res.body.dump();
    if (res.statusCode >= 300) throw new Error(`${method} ${path} answered ${res.statusCode}`);
  };
  const newRoom = JSON.stringify({ name: "Load", user: { name: "Load" } });
  try {
    await load(200, opts.concurrency, () => send("GET", `/permalink/${opts.permalinkId}`));
    const get = await load(opts.calls, opts.concurrency, () => send("GET", `/permalink/${opts.permalinkId}`));
    const mix = await load(opts.calls, opts.concurrency, (i) =>
      i % 2 === 0 ? send("POST", "/permalink", newRoom) : send("GET", `/permalink/${opts.permalinkId}`),
    );
    return { get, mix };
  } finally {
    await agent.close();
  }
}
