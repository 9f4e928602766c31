import { EventEmitter } from 'node:events';
import type { SocketModeReceiver } from '@slack/bolt';
import { Readiness } from '../../src/slack/readiness';
import { keepSocketConnected } from '../../src/slack/socketConnection';
import { eventually } from '../support/follows';
import { RecordingLog } from '../support/recordingLog';

/** The Socket Mode client's part the keeper uses: its events, and `start`, failing as told in turn. */
class FakeSocketClient extends EventEmitter {
  starts = 0;
  constructor(private readonly failures: string[]) {
    super();
  }
  start(): Promise<void> {
    this.starts++;
    const failure = this.failures.shift();
    return failure ? Promise.reject(networkError(failure)) : Promise.resolve();
  }
}

/** A socket error as Node throws it: its code, beside a message. */
const networkError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:9`), { code });

const backoff = { firstMs: 10, maxMs: 20 };
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function keep(client: FakeSocketClient, firstConnect: () => Promise<unknown>) {
  const readiness = new Readiness({ socket_connection: 'connecting' });
  const log = new RecordingLog();
  const keeper = keepSocketConnected(client as unknown as SocketModeReceiver['client'], firstConnect, {
    readiness,
    log,
    backoff,
    apiHost: 'slack.test',
  });
  return { readiness, log, keeper };
}

test('a failed connect is retried with growing waits until the socket connects, and readiness follows it', async () => {
  const client = new FakeSocketClient(['ECONNREFUSED', 'ECONNREFUSED']);
  const { readiness, log, keeper } = keep(client, () => Promise.reject(networkError('ECONNRESET')));
  try {
    await eventually('the third start', () => client.starts === 3);
    const refused =
      'Slack (slack.test) cannot be reached: the connection was refused (ECONNREFUSED). Next: check SLACK_API_URL, or the proxy in HTTPS_PROXY';
    expect(readiness.report().checks.socket_connection).toBe(`Socket Mode is not connected: ${refused}; reconnecting`);
    expect(log.events.map((e) => e.fields)).toEqual([
      {
        reason:
          'Slack (slack.test) cannot be reached: the connection was cut before an answer (ECONNRESET). Next: check SLACK_API_URL and HTTPS_PROXY',
        retry_in_ms: 10,
      },
      { reason: refused, retry_in_ms: 20 },
      { reason: refused, retry_in_ms: 20 },
    ]);
    client.emit('connected');
    expect(readiness.ready).toBe(true);
    expect(log.events.at(-1)).toEqual({ level: 'info', message: 'slack socket connected' });
  } finally {
    keeper.stop();
  }
});

test('a drop makes it not ready and reconnects after the first wait again', async () => {
  const client = new FakeSocketClient([]);
  const { readiness, log, keeper } = keep(client, () => Promise.resolve());
  try {
    await settle(0);
    client.emit('connected');
    client.emit('disconnected');
    expect(readiness.ready).toBe(false);
    expect(log.events.at(-1)).toEqual({
      level: 'warn',
      message: 'slack socket not connected, retrying',
      fields: { reason: 'the connection closed', retry_in_ms: 10 },
    });
    await eventually('the reconnect', () => client.starts === 1);
  } finally {
    keeper.stop();
  }
});

test('once stopped, a drop is not retried', async () => {
  const client = new FakeSocketClient([]);
  const { keeper } = keep(client, () => Promise.resolve());
  keeper.stop();
  client.emit('disconnected');
  // Three times the first wait: a retry would have started by then (a late timer can only delay it further).
  await settle(30);
  expect(client.starts).toBe(0);
});
