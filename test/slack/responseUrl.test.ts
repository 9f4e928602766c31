import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ResponseUrlError, ResponseUrlPoster } from '../../src/slack/responseUrl';

/** The response_url poster against a real loopback server that answers each POST as the test says. */

type Answer = (request: IncomingMessage, response: ServerResponse) => void;

interface Hook {
  url: string;
  bodies: string[];
  answers: Answer[];
  close(): Promise<void>;
}

async function startHook(): Promise<Hook> {
  const bodies: string[] = [];
  const answers: Answer[] = [];
  const server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => {
      raw += chunk.toString('utf8');
    });
    request.on('end', () => {
      bodies.push(raw);
      const answer = answers.length > 1 ? answers.shift() : answers[0];
      (answer ?? ((_req, res) => res.end('ok')))(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/respond/T1/B1`,
    bodies,
    answers,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const status =
  (code: number, headers: Record<string, string> = {}): Answer =>
  (_req, res) => {
    res.writeHead(code, headers);
    res.end();
  };
const drop: Answer = (req) => req.socket.destroy();
const hang: Answer = () => {};

let hook: Hook;
let poster: ResponseUrlPoster;
beforeEach(async () => {
  hook = await startHook();
  poster = new ResponseUrlPoster({ allowLoopbackHttp: true, timeoutMs: 300 });
});
afterEach(async () => {
  await poster.close();
  await hook.close();
});

test('a reply is posted once as JSON', async () => {
  await poster.post(hook.url, { text: 'hello', response_type: 'ephemeral' });
  expect(hook.bodies.map((body) => JSON.parse(body))).toEqual([{ text: 'hello', response_type: 'ephemeral' }]);
});

test.each([
  [500, 'Slack answered HTTP 500 at response_url'],
  [404, 'Slack answered HTTP 404 at response_url'],
])('an HTTP %i is a failure with its status, tried once', async (code, message) => {
  hook.answers.push(status(code));
  const failure = await poster.post(hook.url, { text: 'x' }).catch((err: unknown) => err);
  expect(failure).toBeInstanceOf(ResponseUrlError);
  expect(failure).toMatchObject({ message, status: code });
  expect(hook.bodies).toHaveLength(1);
});

test('a redirect is not followed', async () => {
  const elsewhere = await startHook();
  try {
    hook.answers.push(status(302, { location: elsewhere.url }));
    await expect(poster.post(hook.url, { text: 'x' })).rejects.toMatchObject({ status: 302 });
    expect(elsewhere.bodies).toEqual([]);
  } finally {
    await elsewhere.close();
  }
});

test('a hanging response_url fails after the time limit, without a second try', async () => {
  hook.answers.push(hang);
  await expect(poster.post(hook.url, { text: 'x' })).rejects.toThrow(
    'could not post to response_url (UND_ERR_HEADERS_TIMEOUT)',
  );
  expect(hook.bodies).toHaveLength(1);
});

test('a network error is tried once more, and the second try lands', async () => {
  hook.answers.push(drop, status(200));
  await poster.post(hook.url, { text: 'again' });
  expect(hook.bodies).toEqual(['{"text":"again"}', '{"text":"again"}']);
});

test('two network errors give up after the one retry', async () => {
  hook.answers.push(drop);
  await expect(poster.post(hook.url, { text: 'x' })).rejects.toThrow(/could not post to response_url \(\w+\)/);
  expect(hook.bodies).toHaveLength(2);
});

test('only https is accepted, and http on loopback only when allowed; the URL is never in the error', async () => {
  const strict = new ResponseUrlPoster({ allowLoopbackHttp: false });
  try {
    await expect(strict.post(hook.url, { text: 'x' })).rejects.toThrow('response_url is not https');
    const secretPath = 'http://hooks.example.com/commands/T1/SECRET';
    const failure = await poster.post(secretPath, { text: 'x' }).catch((err: Error) => err.message);
    expect(failure).toBe('response_url is not https');
    await expect(poster.post('not a url', { text: 'x' })).rejects.toThrow('response_url is not a URL');
    expect(hook.bodies).toEqual([]);
  } finally {
    await strict.close();
  }
});
