/**
 * Making a start convergent: a second `pulumi up` runs every function again, and a start whose effect
 * already holds (the recording runs, the forward exists) must succeed and say so instead of failing.
 */
import { EyesonApiError } from "../errors";

/**
 * Runs `start`. When it fails with one of `statuses` (the API's "not possible now") and `holds()` confirms
 * that what it would start is already running, resolves `true` ("already running"); a start that ran
 * resolves `false`. Any other failure, or one `holds()` does not explain, is thrown as it came.
 */
export async function startOrConfirm(
  start: () => Promise<void>,
  statuses: readonly number[],
  holds: () => Promise<boolean>,
): Promise<boolean> {
  try {
    await start();
    return false;
  } catch (err) {
    if (!EyesonApiError.isInstance(err) || !statuses.includes(err.status)) throw err;
    if (await holds()) return true;
    throw err;
  }
}
