/**
 * Tools for the abuse and fuzz specs: requests the fetch API refuses to send (broken request lines, bad
 * chunked encoding, lying Content-Length), and a watch on what the emulator reports as an internal error.
 */
import assert from "node:assert/strict";
import { connect } from "node:net";

/** A response read off a raw socket. */
export interface RawResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
}

/**
 * Writes `bytes` to the emulator at `base` (an `http://127.0.0.1:port` URL) and reads the first response.
 * Resolves once the response is complete (by its Content-Length, or when the server closes), so a server that
 * answers before the body was sent is seen answering. `keepOpen` leaves the socket open after writing.
 */
export function rawRequest(base: string, bytes: string | Buffer, keepOpen = false): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  assert.equal(hostname, "127.0.0.1", "raw requests only go to the local emulator");
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = Buffer.alloc(0);
    let done = false;
    const finish = (response: RawResponse | Error): void => {
      if (done) return;
      done = true;
      socket.destroy();
      if (response instanceof Error) reject(response);
      else resolve(response);
    };
    const parse = (closed: boolean): void => {
      const end = received.indexOf("\r\n\r\n");
      if (end < 0) {
        if (closed) finish(new Error(`no HTTP response, got ${JSON.stringify(received.toString("latin1"))}`));
        return;
      }
      const [statusLine, ...lines] = received.subarray(0, end).toString("latin1").split("\r\n");
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(":");
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const body = received.subarray(end + 4);
      const length = headers["content-length"] === undefined ? undefined : Number(headers["content-length"]);
      if (length === undefined ? !closed : body.length < length) return;
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? NaN);
      finish({ status, headers, text: body.subarray(0, length).toString("utf8") });
    };
    socket.on("connect", () => (keepOpen ? socket.write(bytes) : socket.end(bytes)));
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      parse(false);
    });
    socket.on("end", () => parse(true));
    socket.on("close", () => parse(true));
    // A server that answers early and closes may reset a socket we are still writing to; what it answered
    // before that is what counts.
    socket.on("error", (err) => (received.length > 0 ? parse(true) : finish(err)));
  });
}

/** Writes `bytes` to the emulator and resets the connection at once, as a client that crashed would. */
export function abandonRequest(base: string, bytes: string): Promise<void> {
  const { hostname, port } = new URL(base);
  assert.equal(hostname, "127.0.0.1", "raw requests only go to the local emulator");
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(bytes, () => {
        socket.resetAndDestroy();
      });
    });
    socket.on("close", () => resolve());
    socket.on("error", () => undefined);
  });
}

/**
 * Collects the emulator's internal-error reports (it writes `eyeson emulator: ...` to stderr when a request
 * hit a bug) while still passing other output through. `stop()` restores stderr and returns what was seen.
 */
export function watchInternalErrors(): { stop(): string[] } {
  const seen: string[] = [];
  const original = process.stderr.write;
  const watcher = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    const text = typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) ? chunk.toString("utf8") : "";
    if (text.startsWith("eyeson emulator:")) {
      seen.push(text.trim());
      return true;
    }
    return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  };
  process.stderr.write = watcher as typeof process.stderr.write;
  return {
    stop() {
      process.stderr.write = original;
      return seen;
    },
  };
}
