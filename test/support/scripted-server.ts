/**
 * A tiny HTTP server for client tests: answers from a script, records every request.
 * Listens on 127.0.0.1, port 0. Unscripted requests get a 418 so a missing script fails loudly.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** One scripted answer. */
export interface ScriptedResponse {
  /** Default 200. */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A string or Buffer is sent as is; anything else as JSON (with `application/json`). Omit for no body. */
  readonly body?: unknown;
  /** Wait this long before answering (the request is recorded at once). */
  readonly delayMs?: number;
  /** Destroy the connection instead of answering. */
  readonly reset?: boolean;
}

/** A request as the server saw it. */
export interface RecordedRequest {
  readonly method: string;
  /** Raw path, query string included. */
  readonly url: string;
  readonly pathname: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** The client's port: equal across requests that shared one keep-alive connection. */
  readonly remotePort: number | undefined;
  readonly body: Buffer;
  readonly text: string;
  /** The body parsed as JSON (throws if it is not). */
  json(): unknown;
}

/** A running scripted server. */
export interface ScriptedServer {
  readonly url: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** Adds answers, used in order; an answer function sees the request. */
  enqueue(...responses: Array<ScriptedResponse | ((req: RecordedRequest) => ScriptedResponse)>): void;
  /** Forgets requests and pending answers. */
  reset(): void;
  /** Stops listening and drops connections, so the next connect is refused; `resume()` listens again. */
  pause(): Promise<void>;
  /** Listens again on the same port. */
  resume(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a scripted server on 127.0.0.1 and a free port. */
export async function startScriptedServer(): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  const queue: Array<ScriptedResponse | ((req: RecordedRequest) => ScriptedResponse)> = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const parsed = new URL(req.url ?? "/", "http://127.0.0.1");
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        pathname: parsed.pathname,
        query: parsed.searchParams,
        headers: req.headers,
        remotePort: req.socket.remotePort,
        body,
        text: body.toString("utf8"),
        json: () => JSON.parse(body.toString("utf8")) as unknown,
      };
      requests.push(recorded);
      const next = queue.shift();
      const answer: ScriptedResponse =
        next === undefined
          ? { status: 418, body: { error: `no scripted response for ${req.method} ${req.url}` } }
          : typeof next === "function"
            ? next(recorded)
            : next;
      if (answer.delayMs) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          respond(res, answer);
        }, answer.delayMs);
        timers.add(timer);
      } else {
        respond(res, answer);
      }
    });
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });

  await listen(0);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    enqueue: (...responses) => void queue.push(...responses),
    reset: () => {
      requests.length = 0;
      queue.length = 0;
    },
    pause: stop,
    resume: () => listen(port),
    close: stop,
  };
}

function respond(res: ServerResponse, answer: ScriptedResponse): void {
  if (answer.reset) {
    res.socket?.destroy();
    return;
  }
  const headers: Record<string, string> = { ...answer.headers };
  let payload: Buffer | undefined;
  if (typeof answer.body === "string") payload = Buffer.from(answer.body);
  else if (Buffer.isBuffer(answer.body)) payload = answer.body;
  else if (answer.body !== undefined) {
    payload = Buffer.from(JSON.stringify(answer.body));
    headers["content-type"] ??= "application/json";
  }
  res.writeHead(answer.status ?? 200, headers);
  res.end(payload);
}
