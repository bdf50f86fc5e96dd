/**
 * Idle connections: the emulator keeps one open far longer than the provider's client does, so the client
 * always closes an idle connection first and never sends a request (a POST that is not sent again) on a
 * connection the server is closing.
 */
import assert from "node:assert/strict";
import * as http from "node:http";
import type { Socket } from "node:net";
import { startEmulator, type EmulatorHandle } from "../../emulator";
import { EMULATOR_KEEP_ALIVE_MS } from "../../emulator/server";
import { KEEP_ALIVE_IDLE_MS } from "../../provider/http/transport";

/**
 * One GET on `agent`; resolves with the response's headers, the connection it came on and that connection's
 * client-side port (read at once: a closed socket no longer reports it).
 */
function get(
  emulator: EmulatorHandle,
  agent: http.Agent,
): Promise<{ headers: http.IncomingHttpHeaders; socket: Socket; localPort: number | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${emulator.url}/rooms`,
      { agent, headers: { authorization: emulator.apiKey } },
      (res) => {
        res.resume();
        res.on("end", () => {
          const socket = req.socket as Socket;
          resolve({ headers: res.headers, socket, localPort: socket.localPort });
        });
      },
    );
    req.on("error", reject);
  });
}

describe("emulator: idle connections", function () {
  this.timeout(30_000);
  let emulator: EmulatorHandle;
  let agent: http.Agent;

  before(async () => {
    emulator = await startEmulator();
  });
  beforeEach(() => {
    agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  });
  afterEach(() => agent.destroy());
  after(async () => {
    await emulator.close();
  });

  it("announces an idle timeout far past the provider client's own idle bound", async () => {
    const { headers } = await get(emulator, agent);
    assert.equal(headers["keep-alive"], `timeout=${EMULATOR_KEEP_ALIVE_MS / 1000}`);
    // undici stops reusing a connection 2 s before the announced timeout; the bound leaves far more.
    assert.ok(
      EMULATOR_KEEP_ALIVE_MS - KEEP_ALIVE_IDLE_MS >= 30_000,
      `the emulator keeps ${EMULATOR_KEEP_ALIVE_MS} ms, the client ${KEEP_ALIVE_IDLE_MS} ms`,
    );
  });

  it("answers on the same connection after it was idle longer than Node's 5 s default", async () => {
    const first = await get(emulator, agent);
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const second = await get(emulator, agent);
    assert.ok(first.localPort !== undefined);
    assert.equal(second.localPort, first.localPort, "the second request reused the idle connection");
  });

  it("still drops an idle connection when it stops, so close() does not wait a minute", async () => {
    const own = await startEmulator();
    const ownAgent = new http.Agent({ keepAlive: true });
    try {
      const { socket } = await get(own, ownAgent);
      const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
      await own.close();
      await closed;
    } finally {
      ownAgent.destroy();
    }
  });
});
