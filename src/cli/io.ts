/** What the CLI reads and writes, and the codes it exits with. */

/** `runFailed` and `stillRunning` only with --exit-status, as `gh run view --exit-status` exits. */
export const EXIT = { found: 0, datadogError: 1, badUsage: 2, runFailed: 1, stillRunning: 8 } as const;

export interface Output {
  write(text: string): void;
  color: boolean;
  /** A person is watching (a TTY): worth a line while Datadog is slow. */
  terminal: boolean;
}

/** Where a question before an act is answered: only asked on a terminal. */
export interface Input {
  terminal: boolean;
  /** Shows the question and resolves with the line typed. */
  ask(question: string): Promise<string>;
}

export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: Output;
  stderr: Output;
  /** Absent: not a terminal, so nothing can be asked. */
  stdin?: Input;
}
