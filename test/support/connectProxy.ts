import { createServer } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';

/** A forward proxy on 127.0.0.1 that only tunnels (CONNECT), as corporate proxies do, and counts each tunnel. */
export interface ConnectProxy {
  url: string;
  /** The target (`host:port`) of each tunnel asked for, in order, refused ones included. */
  tunnels: string[];
  /** Tunnels asked for to one `host:port`. */
  tunnelsTo(target: string): number;
  /** Requests sent to the proxy as plain HTTP instead of a tunnel: none is expected. */
  plainRequests: number;
  /** CONNECT to these targets is answered 403, as a proxy that does not allow a host. */
  refuse(target: string): void;
  close(): Promise<void>;
}

export async function startConnectProxy(): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const refused = new Set<string>();
  const sockets = new Set<Socket>();
  let plainRequests = 0;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((_request, response) => {
    plainRequests++;
    response.writeHead(405).end();
  });
  server.on('connect', (request, client: Socket, head: Buffer) => {
    const target = request.url ?? '';
    tunnels.push(target);
    track(client);
    if (refused.has(target)) {
      client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const { hostname, port } = new URL(`http://${target}`);
    const upstream = connect(Number(port), hostname.replace(/^\[|\]$/g, ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    // An end is passed on by pipe, after the data before it; only a broken side breaks the other.
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tunnels,
    tunnelsTo: (target) => tunnels.filter((asked) => asked === target).length,
    get plainRequests() {
      return plainRequests;
    },
    refuse: (target) => {
      refused.add(target);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
