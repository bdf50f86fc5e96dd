// Pins the two members of @pulumi/pulumi's Output that provider/functions/outputState.ts reads because the
// public API cannot tell them (whether an Output is known; when it has settled though unknown). An SDK
// upgrade that changes them fails here, and so does one that makes them public (then use the public API).
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { EyesonError } from "../../provider/errors";
import { isKnown, settled, valueOf } from "../../provider/functions/outputState";

describe("the Output members the functions rely on (@pulumi/pulumi)", () => {
  it("are still left out of the SDK's published Output type", () => {
    const declarations = fs.readFileSync(require.resolve("@pulumi/pulumi/output.d.ts"), "utf8");
    const start = declarations.indexOf("export interface OutputInstance<T>");
    assert.ok(start >= 0, "output.d.ts declares OutputInstance");
    const body = declarations.slice(start, declarations.indexOf("\n}", start));
    assert.equal(/\bisKnown\b/.test(body), false, "Output.isKnown is public now: read it directly");
    assert.equal(/\bpromise\(/.test(body), false, "Output.promise() is public now: read it directly");
  });

  it("reads a known Output as known, and its value without the secret mark", async () => {
    assert.equal(await isKnown(pulumi.output(1)), true);
    assert.equal(await isKnown(pulumi.secret("key")), true);
    assert.equal(await valueOf(pulumi.secret("key")), "key");
    assert.equal(await settled(pulumi.output(2)), 2);
  });

  it("reads an unknown Output, and one built from it, as unknown, and settles both though apply never runs", async () => {
    const unknown = pulumi.output(pulumi.unknown) as pulumi.Output<number>;
    let ran = false;
    const applied = unknown.apply((n) => {
      ran = true;
      return n + 1;
    });
    const combined = pulumi.all([unknown, pulumi.output(2)]);
    assert.equal(await isKnown(unknown), false);
    assert.equal(await isKnown(applied), false);
    assert.equal(await isKnown(combined), false);
    await settled(applied);
    await settled(combined);
    assert.equal(ran, false);
    assert.equal(await valueOf(unknown), undefined);
  });

  it("fails with a sentence, not a TypeError, when an Output lacks them", () => {
    const bare = { apply: () => bare } as unknown as pulumi.Output<unknown>;
    assert.throws(
      () => isKnown(bare),
      (err: unknown) => EyesonError.isInstance(err) && /Output\.isKnown/.test(err.message),
    );
  });
});
