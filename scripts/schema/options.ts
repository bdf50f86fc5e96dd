/**
 * The option half of the schema's `types` (room options and webhook types). TEMPORARY copy of the committed
 * schema's entries (see committed.ts) until the room-option table generates them.
 */
import { committedTypes, type SchemaPart } from "./committed";

/** The option types: token → type spec. */
export function optionTypes(): SchemaPart {
  return committedTypes([
    "eyeson:index:RoomOptions",
    "eyeson:index:Position",
    "eyeson:index:SfuMode",
    "eyeson:index:AudioInsert",
    "eyeson:index:WebhookType",
    "eyeson:index:RoomOptionsState",
  ]);
}
