import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Child, startProcess } from './support/child';
import { parseDockerfile, type ReplayedStage, replayDockerfile } from './support/dockerfile';
import { freePort } from './support/freePort';
import { type SlackStandIn, startSlackStandIn } from './support/slackStandIn';

/**
 * The production image, built without Docker: the Dockerfile's own install, build and copy steps replayed in a
 * temporary folder, then its CMD started as a sandbox bot would run (sample data, HTTP mode) and its HEALTHCHECK run.
 */
const REPO = join(__dirname, '..');
const DOCKERFILE = parseDockerfile(readFileSync(join(REPO, 'Dockerfile'), 'utf8'));
const PATH = process.env.PATH ?? '';
// npm must not look for its own updates: nothing in a test reaches the internet.
const QUIET_NPM = { npm_config_update_notifier: 'false' };

let root: string;
let image: ReplayedStage;
let slack: SlackStandIn;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'dd-instance-image-'));
  slack = await startSlackStandIn();
  // This machine's npm cache stands in for the Dockerfile's cache mount: the registry is asked only for what it lacks.
  // Node headers and build-from-source as scripts/otherNodes.sh sets them, so the build is for the Node under test.
  const npmSettings = Object.fromEntries(
    Object.entries(process.env).filter(([name]) =>
      /^npm_config_(cache|userconfig|nodedir|build_from_source)$/i.test(name),
    ),
  ) as Record<string, string>;
  image = await replayDockerfile(DOCKERFILE, REPO, root, {
    PATH,
    HOME: process.env.HOME ?? root,
    ...npmSettings,
    ...QUIET_NPM,
    npm_config_prefer_offline: 'true',
  });
}, 1_200_000);

afterAll(async () => {
  await slack?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

function botEnv(port: number): Record<string, string> {
  return {
    PATH,
    ...image.env,
    PORT: String(port),
    DD_DEMO: '1',
    SLACK_BOT_TOKEN: 'xoxb-placeholder',
    SLACK_SIGNING_SECRET: 'placeholder-signing-secret',
    SLACK_API_URL: slack.apiUrl,
    // The image's own DATA_DIR is a container path; the store still opens (better-sqlite3 built by `npm ci`).
    DATA_DIR: join(root, 'data'),
  };
}

/** The HEALTHCHECK command's exit code, as Docker would see it. */
function healthcheck(port: number): Promise<number> {
  const [file = '', ...args] = DOCKERFILE.healthcheck;
  return new Promise((resolve) => {
    execFile(file, args, { cwd: image.dir, env: { PATH, ...image.env, PORT: String(port) }, timeout: 5000 }, (error) =>
      resolve(error ? Number(error.code ?? -1) : 0),
    );
  });
}

async function healthy(port: number, child: Child): Promise<void> {
  const deadline = Date.now() + 20_000;
  while ((await healthcheck(port)) !== 0) {
    if (Date.now() > deadline) throw new Error(`HEALTHCHECK did not pass within 20 s:\n${child.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

test('the build context (.dockerignore) holds exactly what the Dockerfile copies from it', () => {
  const allowed = readFileSync(join(REPO, '.dockerignore'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('!'))
    .map((line) => line.slice(1));
  const copied = DOCKERFILE.stages.flatMap((stage) =>
    stage.steps.flatMap((step) => (step.kind === 'copy' && step.from === undefined ? step.sources : [])),
  );
  expect(new Set(copied)).toEqual(new Set(allowed));
});

test('the image runs as an unprivileged user', () => {
  const user = DOCKERFILE.stages.at(-1)?.user;
  expect(user).toBeDefined();
  expect(['root', '0']).not.toContain(user);
});

test("the data folder (DATA_DIR) exists in the image and belongs to the image's user", () => {
  const final = DOCKERFILE.stages.at(-1)!;
  const dataDir = image.env.DATA_DIR ?? '';
  expect(dataDir).toMatch(/^\//);
  expect(statSync(join(image.root, dataDir)).isDirectory()).toBe(true);
  const made = final.steps.find((step) => step.kind === 'copy' && step.dest === dataDir);
  expect(made).toMatchObject({ chown: `${final.user}:${final.user}` });
});

test('dependencies are installed where the build tools are, and the slim image installs nothing', () => {
  const installs = (stage: (typeof DOCKERFILE.stages)[number]) =>
    stage.steps.some((step) => step.kind === 'run' && /\bnpm (ci|install|rebuild)\b/.test(step.command));
  const [final, ...building] = [...DOCKERFILE.stages].reverse();
  expect(final?.image).toMatch(/-slim$/);
  expect(installs(final!)).toBe(false);
  expect(building.filter(installs).map((stage) => stage.image)).toEqual([expect.not.stringMatching(/slim|alpine/)]);
});

test("docs/deploy.md's production recipe is the one the image is built with", () => {
  const deploy = readFileSync(join(REPO, 'docs', 'deploy.md'), 'utf8');
  const recipe = /## Deploy[\s\S]*?```sh\n([\s\S]*?)```/.exec(deploy)?.[1] ?? '';
  const commands = recipe
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);
  const runs = DOCKERFILE.stages.flatMap((stage) =>
    stage.steps.flatMap((step) => (step.kind === 'run' ? [step.command] : [])),
  );
  expect(commands.at(-1)).toBe(DOCKERFILE.cmd.join(' '));
  for (const command of commands.slice(0, -1)) expect(runs.some((run) => run.startsWith(command))).toBe(true);
});

test('the image holds the build output and production dependencies only', () => {
  for (const path of ['dist/index.js', 'dist/cli/index.js', 'dist/sample/sample-runs.json', 'node_modules/@slack/bolt'])
    expect(existsSync(join(image.dir, path))).toBe(true);
  for (const path of [
    'src',
    'test',
    'bench',
    'dist/test',
    'dist/bench',
    'node_modules/typescript',
    'node_modules/jest',
  ])
    expect(existsSync(join(image.dir, path))).toBe(false);
});

test('CMD starts the bot, HEALTHCHECK passes on /healthz, and SIGTERM stops it cleanly', async () => {
  const port = await freePort();
  expect(await healthcheck(port)).toBe(1);
  const [file = '', ...args] = DOCKERFILE.cmd;
  const bot = startProcess(file, args, { cwd: image.dir, env: botEnv(port) });
  try {
    await healthy(port, bot);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    // The native SQLite module of a fresh production install loads: follows are kept.
    expect(bot.output()).toContain('follow store opened');
    bot.process.kill('SIGTERM');
    expect(await bot.exited).toEqual({ code: 0, signal: null });
  } finally {
    bot.process.kill('SIGKILL');
  }
}, 30_000);

test('`npm start` forwards a SIGTERM to the bot, which stops cleanly and frees its port', async () => {
  const port = await freePort();
  // Its own process group, so a bot left behind by npm is still found and killed below.
  const npm = startProcess('npm', ['start', '--silent'], {
    cwd: image.dir,
    env: { ...botEnv(port), ...QUIET_NPM, HOME: root },
    detached: true,
  });
  try {
    await healthy(port, npm);
    npm.process.kill('SIGTERM');
    expect(await npm.exited).toEqual({ code: 0, signal: null });
    expect(await healthcheck(port)).toBe(1);
  } finally {
    try {
      process.kill(-npm.process.pid!, 'SIGKILL');
    } catch {
      // The group is already gone.
    }
  }
}, 30_000);
