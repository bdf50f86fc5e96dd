// Running \`pulumi-eyeson\` in-process against an emulator, and scanning what it printed for credentials: shared
// by the doctor spec and the answer-variant spec.
import type { EmulatorHandle } from "../../emulator";
import { main } from "../../cli";
import type { CommandIo } from "../../cli/io";
import { EyesonClient, NO_DELAY_RETRY_POLICY } from "../../provider/client";
import { isTokenShaped } from "../../provider/tokenShape";

/** What one run printed, and its exit code. */
export interface DoctorRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `pulumi-eyeson <argv>` in-process against an emulator's first key. */
export async function runCli(
  argv: string[],
  emulator: EmulatorHandle,
  key = emulator.apiKey,
): Promise<DoctorRun> {
  let stdout = "";
  let stderr = "";
  const io: CommandIo = {
    env: { EYESON_API_KEY: key, EYESON_API_ENDPOINT: emulator.url },
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** Every credential the emulator knows (keys, access keys, host and guest tokens) that appears in `text`. */
export function leakedSecrets(text: string, emulator: EmulatorHandle): string[] {
  const secrets = [
    ...emulator.apiKeys,
    ...emulator.store.accessKeys.keys(),
    ...emulator.store.userTokens.keys(),
    ...emulator.store.guestTokens.keys(),
  ];
  const words = text.split(/[^A-Za-z0-9_]+/).filter((w) => isTokenShaped(w));
  return [...secrets.filter((s) => text.includes(s)), ...words];
}

/** Fills an account: two permalinks (one with a second host) and a webhook. */
export async function fillAccount(emulator: EmulatorHandle): Promise<void> {
  const client = new EyesonClient({
    apiKey: emulator.apiKey,
    endpoint: emulator.url,
    retry: NO_DELAY_RETRY_POLICY,
  });
  try {
    const room = await client.createPermalink({ name: "War room", user: { name: "Lead", id: "lead" } });
    await client.addPermalinkHost(room.permalink.id, { name: "Deputy", id: "deputy" });
    await client.createPermalink({ name: "Standup", user: { name: "Lead" } });
    await client.registerWebhook({
      url: "http://127.0.0.1:9/hook",
      types: ["room_update", "recording_update"],
    });
  } finally {
    await client.close();
  }
}
