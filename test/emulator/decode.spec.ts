/** Request decoding (`docs/api-notes.md`, "Request and response encoding"): JSON, flat bracket keys, Rails forms, multipart, and lenient booleans. */
import assert from "node:assert/strict";
import { startEmulator, type EmulatorHandle } from "../../emulator";
import { decodeBody } from "../../emulator/decode";
import { client, expectStatus, startRoom } from "./helpers";

describe("emulator: request decoding", () => {
  it("treats flat a[b] keys inside JSON as nested", () => {
    const body = decodeBody(
      "application/json",
      Buffer.from(
        JSON.stringify({
          "user[name]": "John",
          "options[custom_fields][locale]": "de",
          options: { widescreen: true },
        }),
      ),
    );
    assert.deepEqual(body, {
      user: { name: "John" },
      options: { custom_fields: { locale: "de" }, widescreen: true },
    });
  });

  it("reads Rails-style form keys and users[] lists in order", () => {
    const body = decodeBody(
      "application/x-www-form-urlencoded; charset=utf-8",
      Buffer.from("layout=custom&users%5B%5D=a&users%5B%5D=&users%5B%5D=b&audio_insert_position[x]=10"),
    );
    assert.deepEqual(body, { layout: "custom", users: ["a", "", "b"], audio_insert_position: { x: "10" } });
  });

  it("reads multipart fields and files", () => {
    const boundary = "XyZ";
    const raw = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="z-index"\r\n\r\n-1\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bg.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const body = decodeBody(`multipart/form-data; boundary=${boundary}`, raw);
    assert.equal(body["z-index"], "-1");
    const file = body.file as { kind: string; filename: string; contentType: string; data: Buffer };
    assert.equal(file.kind, "file");
    assert.equal(file.filename, "bg.png");
    assert.equal(file.contentType, "image/png");
    assert.deepEqual([...file.data], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]);
  });

  it("rejects a key given both as a value and as an object", () => {
    assert.throws(
      () => decodeBody("application/x-www-form-urlencoded", Buffer.from("user=x&user[name]=y")),
      /user/,
    );
  });

  describe("over HTTP", () => {
    let emulator: EmulatorHandle;
    let c: ReturnType<typeof client>;
    before(async () => {
      emulator = await startEmulator({ strict: true });
      c = client(emulator);
    });
    after(async () => {
      await emulator.close();
    });

    it("starts a room from a form body with booleans as true/false and 1/0", async () => {
      const room = expectStatus(
        await c.api("POST", "/rooms", {
          form: {
            id: "form-room",
            "user[name]": "Bob",
            "options[widescreen]": "1",
            "options[show_names]": "false",
            "options[lock_available]": "true",
            "options[custom_fields][locale]": "de",
            "options[custom_fields][virtual_background]": "0",
            "options[custom_fields][brand]": "acme",
          },
        }),
        201,
      );
      assert.equal(room.options.widescreen, true);
      assert.equal(room.options.show_names, false);
      assert.equal(room.options.lock_available, true);
      assert.deepEqual(room.options.custom_fields, {
        locale: "de",
        virtual_background: false,
        brand: "acme",
      });
    });

    it("names unknown, invalid and missing parameters in a 400", async () => {
      const cases: Array<[Record<string, unknown>, RegExp]> = [
        [{ user: { name: "A" }, colour: "red" }, /^Unknown parameter: colour$/],
        [{ user: { name: "A" }, options: { shiny: true } }, /^Unknown parameter: options\[shiny\]$/],
        [
          { user: { name: "A" }, options: { widescreen: "yes" } },
          /^Invalid parameter: options\[widescreen\]/,
        ],
        [
          { user: { name: "A" }, options: { custom_fields: { locale: "it" } } },
          /options\[custom_fields\]\[locale\]/,
        ],
        [{ user: { name: "" } }, /^Invalid parameter: user\[name\]/],
        [{ user: { id: "x" } }, /^Missing parameter: user\[name\]$/],
      ];
      for (const [json, message] of cases) {
        const body = expectStatus(await c.api("POST", "/rooms", { json }), 400);
        assert.match(body.error, message);
      }
    });

    it("answers 400 for a malformed JSON body and 415 for an unknown content type", async () => {
      const bad = await c.api("POST", "/rooms", {
        headers: { "content-type": "application/json" },
        json: undefined,
      });
      assert.equal(bad.status, 400);
      const res = await fetch(`${emulator.url}/rooms`, {
        method: "POST",
        headers: { authorization: emulator.apiKey, "content-type": "application/json" },
        body: "{not json",
      });
      assert.equal(res.status, 400);
      assert.deepEqual(await res.json(), { error: "Invalid JSON body" });
      const xml = await fetch(`${emulator.url}/rooms`, {
        method: "POST",
        headers: { authorization: emulator.apiKey, "content-type": "text/xml" },
        body: "<user/>",
      });
      assert.equal(xml.status, 415);
    });

    it("accepts the legacy insert[...] text layer and layout parameter", async () => {
      const room = await startRoom(emulator);
      expectStatus(
        await c.open("POST", `/rooms/${room.access_key}/layers`, {
          form: { "insert[title]": "Agenda", "insert[content]": "1. Intro", layout: "fixed" },
        }),
        201,
      );
      expectStatus(
        await c.open("DELETE", `/rooms/${room.access_key}/layers/1`, { form: { layout: "auto" } }),
        200,
      );
    });
  });
});
