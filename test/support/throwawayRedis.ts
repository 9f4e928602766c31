import { tmpdir } from 'node:os';
import { type Child, startProcess } from './child';
import { freePort } from './freePort';

export interface ThrowawayRedis {
  url: string;
  start(): Promise<void>;
  /** Kills the server by its PID, as a crash would. */
  kill(): Promise<void>;
}

/** A redis-server of the test's own on a free port, with nothing saved to disk: started, killed and started again. */
export async function throwawayRedis(password?: string): Promise<ThrowawayRedis> {
  const port = await freePort();
  let server: Child | undefined;
  const kill = async () => {
    const running = server;
    server = undefined;
    if (!running) return;
    process.kill(running.process.pid!, 'SIGKILL');
    await running.exited;
  };
  return {
    url: `redis://${password ? `:${password}@` : ''}127.0.0.1:${port}`,
    start: async () => {
      await kill();
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
      if (password) args.push('--requirepass', password);
      server = startProcess('redis-server', args, { cwd: tmpdir(), env: { PATH: process.env.PATH ?? '' } });
      await server.waitFor(/Ready to accept connections/);
    },
    kill,
  };
}
