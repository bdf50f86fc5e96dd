import assert from "node:assert/strict";
import { closestName, unknownKeyReason } from "../../provider/closest";
import { ROOM_OPTION_KEYS } from "../../provider/roomOptions";

describe("did you mean", () => {
  const cases: Array<[string, string | undefined]> = [
    ["widescren", "widescreen"],
    ["recording_available", "recordingAvailable"],
    ["ShowNames", "showNames"],
    ["sfuMdoe", "sfuMode"],
    ["custom_fields", "customFields"],
    ["colour", undefined],
    ["x", undefined],
  ];
  for (const [word, meant] of cases) {
    it(`suggests ${meant ?? "nothing"} for ${word}`, () => {
      assert.equal(closestName(word, ROOM_OPTION_KEYS), meant);
    });
  }

  it("names the one close key instead of listing all, and lists all when none is close", () => {
    assert.equal(unknownKeyReason("nmae", ["name", "user"]), "unknown property; did you mean name?");
    assert.equal(unknownKeyReason("token", ["name", "user"]), "unknown property; expected one of name, user");
  });
});
