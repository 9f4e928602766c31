import { createServer } from 'node:net';

/** A port nothing listens on now (a server bound to 0 is asked, then closed). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
