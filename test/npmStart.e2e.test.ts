import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `npm start` where `npm run build` has not been run: one line saying so, not node's MODULE_NOT_FOUND stack. */

let folder: string;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'dd-instance-unbuilt-'));
  copyFileSync(join(__dirname, '..', 'package.json'), join(folder, 'package.json'));
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

test('`npm start` without dist/ exits 1 with one line: run npm run build', async () => {
  const { code, stderr } = await new Promise<{ code: unknown; stderr: string }>((resolve) => {
    execFile(
      'npm',
      ['start', '--silent'],
      { cwd: folder, env: { PATH: process.env.PATH ?? '', HOME: folder, npm_config_update_notifier: 'false' } },
      (error, _stdout, stderr) => resolve({ code: error?.code ?? 0, stderr }),
    );
  });
  expect(code).toBe(1);
  expect(stderr.trim().split('\n')).toEqual(['dd-instance is not built: run `npm run build` first']);
});
