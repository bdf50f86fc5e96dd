/**
 * What a command of the `pulumi-eyeson` CLI gets from its process. Passed in rather than read from `process`,
 * so the specs run a command in-process with their own environment and capture what it prints.
 */

/** The environment and output streams of one command run. */
export interface CommandIo {
  /** Where `EYESON_API_KEY` and `EYESON_API_ENDPOINT` are read. */
  readonly env: NodeJS.ProcessEnv;
  /** The command's result (e.g. the generated program), for redirecting into a file. */
  readonly stdout: (text: string) => void;
  /** Progress, warnings and errors, kept apart from the result. */
  readonly stderr: (text: string) => void;
  /** Reads standard input whole (`pulumi preview --json | pulumi-eyeson preflight`); absent when there is none. */
  readonly stdin?: () => Promise<string>;
}

/** Exit codes of every command: 0 done, 1 failed (the API or the account), 2 wrong usage. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A command's exit code. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A usage error: the message is shown with the command's usage text and exit code 2. */
export class UsageError extends Error {}
