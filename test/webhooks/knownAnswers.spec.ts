/**
 * Webhook signatures against answers computed without our code: the HMAC-SHA256 test vectors of RFC 4231
 * (https://www.rfc-editor.org/rfc/rfc4231, section 4), typed in from the RFC, and one delivery signed with
 * `openssl dgst -sha256 -hmac <key>`. The other signature specs compare our verifier with our own signer;
 * both would agree on a wrong HMAC, these would not.
 */
import assert from "node:assert/strict";
import { signWebhookBody } from "../../emulator";
import { verifyWebhookSignature } from "../../provider";

/** Bytes written as hex, as the RFC prints them. */
const hex = (digits: string): Buffer => Buffer.from(digits, "hex");

/**
 * RFC 4231 test cases whose key an API key string can hold (the verifier, like eyeson, takes the key as text
 * and uses its UTF-8 bytes): cases 1, 2 and 4. Cases 3, 6 and 7 key with bytes 0xaa, which are not UTF-8 text,
 * and case 5 checks a truncated output, which eyeson does not send.
 */
const RFC_4231 = [
  {
    name: "test case 1",
    key: hex("0b".repeat(20)).toString("latin1"),
    data: Buffer.from("Hi There", "ascii"),
    hmac: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
  },
  {
    name: "test case 2 (a key shorter than the output)",
    key: "Jefe",
    data: Buffer.from("what do ya want for nothing?", "ascii"),
    hmac: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
  },
  {
    name: "test case 4 (a 25-byte key, 50 bytes of 0xcd)",
    key: hex("0102030405060708090a0b0c0d0e0f10111213141516171819").toString("latin1"),
    data: hex("cd".repeat(50)),
    hmac: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
  },
];

/**
 * A room_update as the emulator delivers it, and its X-Eyeson-Signature as computed by
 * `printf '%s' "$BODY" | openssl dgst -sha256 -hmac emu_knownAnswerKeyForOpensslHmac01`.
 */
const DELIVERY = {
  key: "emu_knownAnswerKeyForOpensslHmac01",
  body:
    '{"timestamp":1767323045,"type":"room_update","room":{"id":"rfc-room","name":"Signed","ready":false,' +
    '"started_at":"2026-01-02T03:04:05.000Z","shutdown":false,"guest_token":"rfqHNsF4rbjzSgrAEVxKUzxx"}}',
  signature: "e75df8272e37fdccfecbbbd6d2ec656241fec67832499a163787501651f40318",
};

describe("webhook signatures against known answers", () => {
  for (const vector of RFC_4231) {
    it(`verifyWebhookSignature accepts RFC 4231 ${vector.name} and refuses it one bit off`, () => {
      assert.equal(verifyWebhookSignature(vector.data, vector.hmac, vector.key), true);
      const flipped = Buffer.from(vector.data);
      flipped[0] ^= 1;
      assert.equal(verifyWebhookSignature(flipped, vector.hmac, vector.key), false);
    });
  }

  it("the emulator signs RFC 4231 test cases 1 and 2 with their published HMAC", () => {
    for (const vector of RFC_4231.slice(0, 2)) {
      assert.equal(signWebhookBody(vector.data.toString("ascii"), vector.key), vector.hmac, vector.name);
    }
  });

  it("verifyWebhookSignature accepts a delivery signed by openssl, and not under another key", () => {
    assert.equal(
      verifyWebhookSignature(Buffer.from(DELIVERY.body, "utf8"), DELIVERY.signature, DELIVERY.key),
      true,
    );
    assert.equal(verifyWebhookSignature(DELIVERY.body, DELIVERY.signature, `${DELIVERY.key}x`), false);
  });

  it("the emulator signs that delivery exactly as openssl did", () => {
    assert.equal(signWebhookBody(DELIVERY.body, DELIVERY.key), DELIVERY.signature);
  });
});
