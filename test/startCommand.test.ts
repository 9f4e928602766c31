import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDockerfile } from './support/dockerfile';

/** Procfile, the Dockerfile and `npm start` start the bot with the same node flags (the heap settings). */

const REPO = join(__dirname, '..');
const read = (file: string) => readFileSync(join(REPO, file), 'utf8');

test('every way to start the bot in production runs the same node command, heap flags included', () => {
  const image = parseDockerfile(read('Dockerfile')).cmd.join(' ');
  expect(image).toMatch(/^node --max-old-space-size=\d+ --max-semi-space-size=\d+ dist\/index\.js$/);
  const procfile = read('Procfile')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.replace(/^\w+: /, ''));
  expect(procfile).toEqual([image, image]);
  const start = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.start;
  expect(start).toContain(`exec ${image}`);
});
