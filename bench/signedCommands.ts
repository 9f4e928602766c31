import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the benchmarks that drive the built app share: a free port, and slash commands signed as Slack signs them. */

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
