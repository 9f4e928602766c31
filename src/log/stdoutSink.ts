import pino from 'pino';

/** Where whole lines go, written in batches off the request path. */
export type LineSink = ReturnType<typeof pino.destination>;

let stdout: LineSink | undefined;

/**
 * The one asynchronous writer of stdout, shared by the log and the audit trail so their lines never interleave.
 * pino flushes it synchronously when the process exits; `flushStdout` lets a shutdown wait for it first.
 */
export function stdoutSink(): LineSink {
  stdout ??= pino.destination({ dest: 1, sync: false });
  return stdout;
}

/** Resolves once every line written so far has reached stdout. */
export function flushStdout(): Promise<void> {
  return new Promise((resolve) => (stdout ? stdout.flush(() => resolve()) : resolve()));
}
