import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BUILT = join(__dirname, '..', '..', 'dist-dev', 'src');

export interface Child {
  process: ChildProcessWithoutNullStreams;
  output(): string;
  /** Resolves when a line of output matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Only the given environment, from an empty folder so no developer's .env is read. */
function childOptions(env: Record<string, string>) {
  return { cwd: tmpdir(), env: { PATH: process.env.PATH ?? '', ...env } };
}

/** Runs a built entry point (npm test compiles with tsc first) as a long-lived child process; `nodeArgs` go to node. */
export function startChild(
  script: string,
  args: string[],
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Child {
  return startProcess(process.execPath, [...nodeArgs, join(BUILT, script), ...args], childOptions(env));
}

/** The port a bot child bound, from its JSON start-up line (a child's stdout is no terminal, so it logs JSON). */
export async function startedPort(child: Child): Promise<number> {
  const [, port] = await child.waitFor(/"port":(\d+)[^\n]*"msg":"dd-instance started"/);
  return Number(port);
}

/** Runs any program as a long-lived child process, with its output collected. */
export function startProcess(
  file: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; detached?: boolean },
): Child {
  const child = spawn(file, args, options);
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    listeners.forEach((listener) => {
      listener();
    });
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    process: child,
    output: () => output,
    exited,
    waitFor: (pattern, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (!match) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(match);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no ${pattern} in output within ${timeoutMs} ms:\n${output}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      }),
  };
}

export interface FinishedChild {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a built entry point to its end, stdout and stderr apart; asynchronous, so loopback servers in the test keep answering. */
export function runChild(script: string, args: string[], env: Record<string, string> = {}): Promise<FinishedChild> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(BUILT, script), ...args],
      { ...childOptions(env), timeout: 15_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      },
    );
  });
}
