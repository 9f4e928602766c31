import { execFile } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { promisify } from 'node:util';

/**
 * A Dockerfile read and replayed without Docker (CI has no Docker engine): each stage in its own folder standing
 * for its file system's root, COPY done there and RUN in its WORKDIR. Only the instructions our Dockerfile uses
 * are known; any other fails the replay, so the Dockerfile cannot gain a step the test silently skips. A RUN
 * naming an absolute path fails it too, as it would reach this machine's own files.
 */
export type DockerStep =
  | { kind: 'copy'; from?: string; chown?: string; sources: string[]; dest: string }
  | { kind: 'run'; command: string }
  | { kind: 'env'; vars: Record<string, string> }
  | { kind: 'workdir'; path: string };

export interface DockerStage {
  /** The FROM image, e.g. node:24-slim. */
  image: string;
  name?: string;
  steps: DockerStep[];
  user?: string;
}

export interface Dockerfile {
  stages: DockerStage[];
  cmd: string[];
  healthcheck: string[];
}

/** What a replayed stage left: its WORKDIR (in the image, and its folder), its root's folder, and its ENV. */
export interface ReplayedStage {
  workdir: string;
  dir: string;
  root: string;
  env: Record<string, string>;
}

const run = promisify(execFile);

function instructions(text: string): string[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** `--name=value` flags in front of an instruction's arguments, and the arguments after them as written. */
function splitFlags(args: string): { flags: Record<string, string>; rest: string } {
  const flags: Record<string, string> = {};
  let rest = args;
  for (let flag = /^--([\w-]+)=(\S*)\s+/.exec(rest); flag; flag = /^--([\w-]+)=(\S*)\s+/.exec(rest)) {
    flags[flag[1]!] = flag[2]!;
    rest = rest.slice(flag[0].length);
  }
  return { flags, rest };
}

function jsonArray(text: string, what: string): string[] {
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string'))
    throw new Error(`${what} must be a JSON array of strings`);
  return parsed;
}

export function parseDockerfile(text: string): Dockerfile {
  const stages: DockerStage[] = [];
  let cmd: string[] = [];
  let healthcheck: string[] = [];
  for (const line of instructions(text)) {
    const instruction = line.split(/\s/, 1)[0]!;
    const args = line.slice(instruction.length).trim();
    const stage = stages.at(-1);
    if (instruction === 'FROM') {
      stages.push({ image: args.split(/\s+/)[0]!, name: /\bAS\s+(\S+)$/i.exec(args)?.[1], steps: [] });
      continue;
    }
    if (!stage) throw new Error(`${instruction} before FROM`);
    switch (instruction) {
      case 'WORKDIR':
        stage.steps.push({ kind: 'workdir', path: args });
        break;
      case 'COPY': {
        const { flags, rest } = splitFlags(args);
        const paths = rest.split(/\s+/);
        if (Object.keys(flags).some((flag) => flag !== 'from' && flag !== 'chown') || paths.length < 2)
          throw new Error(`COPY ${args}: only --from, --chown and "sources… dest" are replayed`);
        stage.steps.push({
          kind: 'copy',
          from: flags.from,
          chown: flags.chown,
          sources: paths.slice(0, -1),
          dest: paths.at(-1)!,
        });
        break;
      }
      case 'RUN': {
        // A cache mount keeps npm's cache out of the image; the replay uses this machine's npm cache instead.
        const { flags, rest } = splitFlags(args);
        if (Object.entries(flags).some(([name, value]) => name !== 'mount' || !value.startsWith('type=cache,')))
          throw new Error(`RUN ${args}: only cache mounts are replayed`);
        if (/(^|[\s=])\//.test(rest)) throw new Error(`RUN ${rest}: an absolute path cannot be replayed`);
        stage.steps.push({ kind: 'run', command: rest });
        break;
      }
      case 'ENV':
        stage.steps.push({
          kind: 'env',
          vars: Object.fromEntries(
            args.split(/\s+/).map((pair) => pair.split(/=(.*)/s).slice(0, 2) as [string, string]),
          ),
        });
        break;
      case 'USER':
        stage.user = args;
        break;
      case 'EXPOSE':
        break;
      case 'HEALTHCHECK': {
        const { rest } = splitFlags(args);
        if (!rest.startsWith('CMD ')) throw new Error('HEALTHCHECK must be CMD ["…"]');
        healthcheck = jsonArray(rest.slice('CMD '.length), 'HEALTHCHECK CMD');
        break;
      }
      case 'CMD':
        cmd = jsonArray(args, 'CMD');
        break;
      default:
        throw new Error(`the replay does not know the Dockerfile instruction ${instruction}`);
    }
  }
  return { stages, cmd, healthcheck };
}

/** A path in the image, absolute or from WORKDIR, in the stage's folder standing for its root. */
function inStage(path: string, workdir: string, root: string): string {
  return join(root, isAbsolute(path) ? path : join(workdir, path));
}

type StageLookup = (name: string) => Promise<ReplayedStage>;

async function replayStage(
  stage: DockerStage,
  root: string,
  context: string,
  env: Record<string, string>,
  earlier: StageLookup,
): Promise<ReplayedStage> {
  const stageEnv: Record<string, string> = {};
  let workdir = '/';
  mkdirSync(root, { recursive: true });
  for (const step of stage.steps) {
    if (step.kind === 'workdir') {
      workdir = step.path;
      mkdirSync(inStage(workdir, '/', root), { recursive: true });
    } else if (step.kind === 'env') Object.assign(stageEnv, step.vars);
    else if (step.kind === 'run') {
      await run('sh', ['-c', step.command], {
        cwd: inStage(workdir, '/', root),
        env: { ...env, ...stageEnv },
        maxBuffer: 16 * 1024 * 1024,
      }).catch((err: { stderr?: string; message: string }) => {
        throw new Error(`RUN ${step.command} failed: ${err.stderr ?? err.message}`);
      });
    } else {
      const source = step.from === undefined ? undefined : await earlier(step.from);
      const into = inStage(step.dest, workdir, root);
      for (const path of step.sources) {
        const from = source ? inStage(path, source.workdir, source.root) : join(context, path);
        const to = step.dest.endsWith('/') || step.sources.length > 1 ? join(into, basename(path)) : into;
        cpSync(from, to, { recursive: true, verbatimSymlinks: true });
      }
    }
  }
  return { workdir, dir: inStage(workdir, '/', root), root, env: stageEnv };
}

/**
 * Replays every stage under `root`, at once as BuildKit does, a COPY --from waiting for its stage; returns the
 * last stage, which is the image. `env` is what RUN lines get besides the stage's ENV (PATH, HOME, npm settings).
 */
export async function replayDockerfile(
  dockerfile: Dockerfile,
  context: string,
  root: string,
  env: Record<string, string>,
): Promise<ReplayedStage> {
  const stages: Promise<ReplayedStage>[] = [];
  dockerfile.stages.forEach((stage, index) => {
    const earlier: StageLookup = async (name) => {
      const found = dockerfile.stages.findIndex((candidate) => candidate.name === name);
      if (found < 0 || found >= index) throw new Error(`COPY --from=${name}: no earlier stage has that name`);
      return stages[found]!;
    };
    stages.push(replayStage(stage, join(root, `stage-${index}`), context, env, earlier));
  });
  const replayed = await Promise.all(stages);
  const image = replayed.at(-1);
  if (!image) throw new Error('the Dockerfile has no stage');
  return image;
}
