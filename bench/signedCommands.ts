import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the benchmarks that drive the built app share: a free port, slash commands signed as Slack signs them, and a
 * loopback response_url that hands each reply to the caller by its request's number.
 */

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export function signedCommand(
  secret: string,
  text: string,
  responseUrl: string,
  userId: string,
): { body: string; headers: Record<string, string> } {
  const body = new URLSearchParams({
    command: '/dd-instance',
    text,
    response_url: responseUrl,
    user_id: userId,
    channel_id: 'C0BENCH',
    team_id: 'T0BENCH',
    trigger_id: '1.2.3',
    api_app_id: 'A0BENCH',
  }).toString();
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signature,
    },
  };
}

/** Replies posted to `<url>/<id>` are handed to `onReply` with their body text. */
export async function startReplyServer(
  onReply: (id: number, text: string) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      res.end('ok');
      onReply(Number(req.url?.split('/').at(-1)), Buffer.concat(chunks).toString('utf8'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/r`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
