/** What the benchmarks that spawn processes share: start one and wait for its /healthz, read its CPU and RSS, medians. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { freePort } from './signedCommands';

const CLOCK_TICKS_PER_SECOND = 100;
const DIST = join(__dirname, '..');

export interface Target {
  name: string;
  script: string;
  /** Given to node before the script (start settings such as heap sizes). */
  nodeArgs?: string[];
  env?: Record<string, string>;
}

/** The node flags production starts the bot with (Procfile's web line; a test keeps the others equal to it). */
const PRODUCTION_FLAGS = /^web: node (.*) dist\/index\.js$/m.exec(
  readFileSync(join(DIST, '..', 'Procfile'), 'utf8'),
)?.[1];

/** The app as production starts it; APP_NODE_ARGS tries other start settings (e.g. another heap size). */
export const APP: Target = {
  name: 'app',
  script: join(DIST, 'src', 'index.js'),
  nodeArgs: (process.env.APP_NODE_ARGS ?? PRODUCTION_FLAGS ?? '').split(' ').filter(Boolean),
};
export const BARE: Target = { name: 'bare node', script: join(DIST, 'bench', 'bareNode.js') };
/** Bare node with every production dependency of the app loaded: what the app cannot weigh less than. */
export const BARE_WITH_DEPENDENCIES: Target = { ...BARE, name: 'bare node + deps', env: { HOLD_DEPENDENCIES: '1' } };

export interface Running {
  child: ChildProcess;
  port: number;
  /** Spawn to the first /healthz 200. */
  startMs: number;
  /** CPU the process had used by then: less swayed than wall time by a loaded machine. */
  startCpuMs: number;
  stderr(): string;
  /** Asks `path` until it answers 200 (or the process exits); resolves with the time since spawn. */
  answers(path: string): Promise<number>;
  stop(): Promise<void>;
}

async function status(url: string): Promise<number> {
  try {
    const response = await request(url);
    await response.body.dump();
    return response.statusCode;
  } catch {
    return 0;
  }
}

/** Spawns `target` on a free port with only PATH and `env`, and resolves once /healthz answers 200. */
export async function spawnTarget(target: Target, env: Record<string, string>): Promise<Running> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...(target.nodeArgs ?? []), target.script], {
    env: { PATH: process.env.PATH ?? '', ...env, ...target.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const answers = async (path: string) => {
    while ((await status(`http://127.0.0.1:${port}${path}`)) !== 200) {
      if (child.exitCode !== null) throw new Error(`${target.name} exited: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    return performance.now() - started;
  };
  const startMs = await answers('/healthz');
  return {
    child,
    port,
    startMs,
    startCpuMs: cpuMs(child.pid!),
    stderr: () => stderr,
    answers,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/** User plus system CPU of a process, in ms, from /proc (Linux). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

export function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return Number(line?.[1] ?? NaN) / 1024;
}

/** The machine's 1-minute load average, to print beside numbers taken on a shared machine. */
export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ')[0] ?? '?';
}
