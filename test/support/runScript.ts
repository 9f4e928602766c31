import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
}

const ROOT = join(__dirname, '..', '..');
// An empty working directory, so no developer's .env is read by the script under test.
const EMPTY_DIR = mkdtempSync(join(tmpdir(), 'dd-instance-test-'));

/** Runs built JS from dist/ (npm test builds first) as a child process, asynchronously so loopback servers in this process keep answering. */
export function runBuilt(script: string, args: string[], env: Record<string, string> = {}): Promise<ScriptRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'dist', script), ...args],
      { cwd: EMPTY_DIR, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 15_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
