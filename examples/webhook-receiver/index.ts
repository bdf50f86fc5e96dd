// A receiver for eyeson's webhook deliveries: it reads each request's raw body, checks X-Eyeson-Signature
// with verifyWebhookSignature, answers 401 to anything eyeson did not sign and 201 to what it did. Register
// its URL with the Webhook resource (examples/standing-rooms does), behind HTTPS in production.
//
//   EYESON_API_KEY=<the key that registered the webhook> PORT=8080 npm start
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhookSignature } from "pulumi-eyeson";

/** Largest delivery kept; eyeson's payloads are a few kilobytes. */
const MAX_BODY_BYTES = 1024 * 1024;

/** The raw body, or undefined when it is larger than `MAX_BODY_BYTES` (read to the end, not kept). */
function readRawBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size <= MAX_BODY_BYTES ? Buffer.concat(chunks) : undefined));
    req.on("error", reject);
  });
}

async function handle(apiKey: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "POST") {
    res.writeHead(405, { allow: "POST" }).end();
    return;
  }
  const raw = await readRawBody(req);
  if (raw === undefined) {
    res.writeHead(413).end();
    return;
  }
  // Verify the bytes as received, before parsing: a parsed and re-serialised body no longer matches.
  if (!verifyWebhookSignature(raw, req.headers["x-eyeson-signature"], apiKey)) {
    console.warn(`rejected a delivery without a valid signature from ${req.socket.remoteAddress}`);
    res.writeHead(401).end();
    return;
  }
  let event: { type?: unknown };
  try {
    event = JSON.parse(raw.toString("utf8")) as { type?: unknown };
  } catch {
    res.writeHead(400).end();
    return;
  }
  // Act on the event here (queue it, page someone). Log only its type: a room_update carries the guest token.
  console.log(`accepted ${String(event.type)}`);
  res.writeHead(201).end();
}

const apiKey = process.env.EYESON_API_KEY;
if (!apiKey) {
  console.error("Set EYESON_API_KEY to the API key that registered the webhook.");
  process.exit(1);
}
const host = process.env.HOST ?? "127.0.0.1";
const port = Number(process.env.PORT ?? 8080);

const server = createServer((req, res) => {
  handle(apiKey, req, res).catch((err: unknown) => {
    console.error(`could not handle a delivery: ${err instanceof Error ? err.message : String(err)}`);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
server.listen(port, host, () => {
  const { port: listening } = server.address() as AddressInfo;
  console.log(`eyeson webhook receiver listening on http://${host}:${listening}/`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
  });
}
