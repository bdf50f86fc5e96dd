/**
 * Decoder fuzzing: 3 500 seeded random and mutated bodies (JSON, Rails-style forms, multipart, raw bytes under
 * random content types) go through `decodeBody` directly (the forms through `decodeQuery` too), and every
 * seventh one over real HTTP to an emulator on 127.0.0.1. Nothing may escape but the decoders' documented 4xx
 * (emulator/README.md), nothing may reach `Object.prototype`, and the emulator must stay healthy with no 5xx
 * logged. The same seed gives the same bodies; a failure names the seed and the body, and
 * `EMULATOR_FUZZ_SEED=<n> npx mocha test/emulator/fuzz.spec.ts` replays another sequence.
 */
import assert from "node:assert/strict";
import { startEmulator, type EmulatorHandle } from "../../emulator";
import { decodeBody, decodeQuery } from "../../emulator/decode";
import { ApiError } from "../../emulator/errors";
import { watchInternalErrors } from "./abuse";
import { BODY_KINDS, fuzzBody, seeded, type BodyKind, type FuzzBody } from "./fuzzBodies";
import { call, expectStatus, startRoom } from "./helpers";

const SEED = Number(process.env.EMULATOR_FUZZ_SEED ?? 20251);
const PER_KIND: Readonly<Record<BodyKind, number>> = { json: 1000, form: 1000, multipart: 1000, bytes: 500 };
const HTTP_EVERY = 7;
/** What a decoder may answer for a body it refuses: 400 undecodable, 413 too large, 415 content type. */
const DECODER_STATUSES: readonly number[] = [400, 413, 415];

interface Case extends FuzzBody {
  /** Position in the seeded sequence of its kind. */
  readonly index: number;
}

/** Counts per kind: bodies decoded, and bodies refused by status. */
type Tally = Record<string, Record<string, number>>;

function count(tally: Tally, row: string, column: string): void {
  tally[row] ??= {};
  tally[row][column] = (tally[row][column] ?? 0) + 1;
}

function describeCase(c: Case): string {
  const preview = c.body.subarray(0, 160).toString("latin1");
  return (
    `seed ${SEED}, ${c.kind} body #${c.index}${c.mutated ? " (mutated)" : ""}, ` +
    `content type ${JSON.stringify(c.contentType)}, ${c.body.length} bytes: ${JSON.stringify(preview)} ` +
    `(replay: EMULATOR_FUZZ_SEED=${SEED} npx mocha test/emulator/fuzz.spec.ts)`
  );
}

/** Fails when anything was added to `Object.prototype` (a decoder that follows `__proto__`). */
function assertPrototypeClean(where: string): void {
  for (const key in {}) assert.fail(`Object.prototype gained "${key}" after ${where}`);
}

/** Decodes one body; returns "decoded" or the status it was refused with, and fails on anything else. */
function decodeOutcome(c: Case, decode: () => unknown): string {
  try {
    decode();
    return "decoded";
  } catch (err) {
    if (err instanceof ApiError && DECODER_STATUSES.includes(err.status)) return String(err.status);
    assert.fail(`${String(err)} escaped the decoder for ${describeCase(c)}`);
  }
}

describe("emulator: decoder fuzzing", function () {
  // Generous for a loaded 2-core machine; nothing asserts on time.
  this.timeout(120_000);
  let emulator: EmulatorHandle;
  const cases: Case[] = [];
  const tally: Tally = {};

  before(async () => {
    // The default mode, not strict: the random names are ignored and then named in the response header, so
    // any name a body can carry goes through the header's encoding too.
    emulator = await startEmulator({ seed: SEED });
    const random = seeded(SEED);
    for (const kind of BODY_KINDS) {
      for (let index = 0; index < PER_KIND[kind]; index += 1)
        cases.push({ ...fuzzBody(random, kind), index });
    }
  });
  after(async () => {
    await emulator.close();
    const rows = Object.entries(tally).map(
      ([row, columns]) =>
        `${row}: ${Object.entries(columns)
          .map(([k, v]) => `${k} ${v}`)
          .join(", ")}`,
    );
    process.stdout.write(`      fuzz seed ${SEED} — ${rows.join("; ")}\n`);
  });
  beforeEach(() => emulator.reset());

  it("decodes every seeded body or refuses it with 400, 413 or 415, and never reaches Object.prototype", () => {
    for (const c of cases) {
      count(tally, `bodies ${c.kind}`, c.mutated ? "mutated" : "as built");
      count(
        tally,
        `decodeBody ${c.kind}`,
        decodeOutcome(c, () => decodeBody(c.contentType, c.body)),
      );
      if (c.kind === "form") {
        const query = new URLSearchParams(c.body.toString("utf8"));
        count(
          tally,
          "decodeQuery form",
          decodeOutcome(c, () => decodeQuery(query)),
        );
      }
      assertPrototypeClean(describeCase(c));
    }
  });

  it("answers every seventh body over HTTP with a 2xx or a 4xx in the error envelope, and stays healthy", async () => {
    const internal = watchInternalErrors();
    let reported: string[] = [];
    try {
      const room = await startRoom(emulator, { id: "fuzz" });
      const permalink = expectStatus(
        await call(emulator.url, "POST", "/permalink", {
          key: emulator.apiKey,
          json: { user: { name: "H" } },
        }),
        201,
      );
      const ak = room.access_key as string;
      // Endpoints that take a body and never reach beyond the emulator (no webhooks, forwards or locks).
      const targets: ReadonlyArray<[string, string]> = [
        ["POST", "/rooms"],
        ["POST", "/permalink"],
        ["PUT", `/permalink/${permalink.permalink.id as string}`],
        ["POST", `/rooms/${ak}/layout`],
        ["POST", `/rooms/${ak}/messages`],
        ["POST", `/rooms/${ak}/layers`],
        ["POST", `/rooms/${ak}/playbacks`],
      ];
      const sample = cases.filter((c) => c.index % HTTP_EVERY === 0);
      for (const [n, c] of sample.entries()) {
        const [method, path] =
          c.kind === "multipart" && n % 2 === 0 ? targets[5] : targets[n % targets.length];
        const headers: Record<string, string> = { authorization: emulator.apiKey };
        if (c.contentType !== undefined) headers["content-type"] = c.contentType;
        const res = await fetch(`${emulator.url}${path}`, { method, headers, body: c.body });
        const text = await res.text();
        const where = `${method} ${path.replace(ak, "ACCESS_KEY")} → ${res.status} ${text.slice(0, 200)} for ${describeCase(c)}`;
        assert.ok(res.status >= 200 && res.status < 500 && !(res.status >= 300 && res.status < 400), where);
        if (res.status >= 400) {
          const body = JSON.parse(text) as Record<string, unknown>;
          assert.deepEqual(Object.keys(body), ["error"], where);
          assert.equal(typeof body.error, "string", where);
        }
        count(tally, `HTTP ${c.kind}`, String(res.status));
        assertPrototypeClean(where);
      }
      expectStatus(await call(emulator.url, "GET", "/__emulator/health"), 200);
      assert.deepEqual(
        emulator.requests.list().filter((r) => r.status >= 500),
        [],
        `5xx in the request log (seed ${SEED})`,
      );
    } finally {
      reported = internal.stop();
    }
    assert.deepEqual(reported, [], `internal errors reported (seed ${SEED})`);
  });
});
