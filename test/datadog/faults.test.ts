import { gzipSync } from 'node:zlib';
import { DatadogClient } from '../../src/datadog/client';
import { READ_LIMITS } from '../../src/datadog/schemas';
import { type SampleDatadog, type ScriptedReply, startSampleDatadog } from '../../src/sample/sampleDatadog';
import { CANCELED_REF, instancePath, recorded } from '../support/fixtures';

/** Faults at the socket, from a loopback Datadog: each must end in a failure that says what happened, never a throw. */

const KEYS = { apiKey: 'test-api-key-value', appKey: 'test-app-key-value' };
const CAP = 2 * 1024 * 1024;
const path = instancePath(CANCELED_REF);
const canceledBody = recorded('get-instance-200-canceled').body as { data: { attributes: Record<string, unknown> } };
let datadog: SampleDatadog;

beforeAll(async () => {
  datadog = await startSampleDatadog();
});
afterAll(async () => {
  await datadog.close();
});

/** Looks the run up once, through a fresh client, with Datadog answering `reply`. */
async function lookUp(reply: ScriptedReply, timing = { attemptTimeoutMs: 400, deadlineMs: 1500 }) {
  datadog.reset();
  datadog.script(path, reply);
  const client = new DatadogClient(
    { ...KEYS, site: 'datadoghq.com', apiUrl: datadog.url, ...timing },
    { baseDelayMs: 5, maxDelayMs: 20, maxResponseBytes: CAP },
  );
  try {
    return await client.getInstance(CANCELED_REF);
  } finally {
    await client.close();
  }
}

function withAttributes(attributes: Record<string, unknown>, id = CANCELED_REF.instanceId) {
  return { data: { id, type: 'instances', attributes: { ...canceledBody.data.attributes, ...attributes } } };
}

test('a connection reset mid-body is a cut-off answer, not an HTTP status', async () => {
  expect(await lookUp({ body: canceledBody, cutAfterBytes: 40 })).toEqual({
    ok: false,
    failure: { kind: 'unreachable', cutOff: true },
  });
  expect(datadog.requests.length).toBeGreaterThanOrEqual(2);
});

test('a body dripped slower than the deadline allows is a timeout', async () => {
  expect(await lookUp({ body: canceledBody, dripEveryMs: 25 })).toMatchObject({
    ok: false,
    failure: { kind: 'timeout' },
  });
});

test.each([
  ['announced by Content-Length', false],
  ['streamed without a length', true],
])('a body over the size cap, %s, is refused as too large', async (_name, chunked) => {
  expect(await lookUp({ body: withAttributes({ pad: 'x'.repeat(CAP) }), chunked })).toEqual({
    ok: false,
    failure: { kind: 'invalid_response', reason: 'the response was too large' },
  });
});

test('invalid UTF-8 inside a string reads as replacement characters', async () => {
  const [before, after] = JSON.stringify(
    withAttributes({ stepStateAssociations: [{ stepName: 'MARK', stepState: 'ERROR' }] }),
  ).split('MARK');
  const bytes = Buffer.concat([Buffer.from(`${before}bad `), Buffer.from([0xff, 0xc3]), Buffer.from(` name${after}`)]);
  expect(await lookUp({ bytes, contentType: 'application/json' })).toMatchObject({
    ok: true,
    value: { steps: [{ name: 'bad \uFFFD\uFFFD name', state: 'ERROR' }] },
  });
});

test('invalid UTF-8 where JSON needs structure is not JSON', async () => {
  expect(await lookUp({ bytes: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), contentType: 'application/json' })).toEqual({
    ok: false,
    failure: { kind: 'invalid_response', reason: 'Datadog did not answer with JSON' },
  });
});

test('a gzip body that would expand to 8 MB is refused unread: request() does not decompress', async () => {
  const expanded = JSON.stringify(withAttributes({ pad: ' '.repeat(8 * 1024 * 1024) }));
  const compressed = gzipSync(expanded);
  expect(compressed.length).toBeLessThan(CAP / 16);
  expect(
    await lookUp({ bytes: compressed, contentType: 'application/json', headers: { 'content-encoding': 'gzip' } }),
  ).toEqual({
    ok: false,
    failure: {
      kind: 'invalid_response',
      reason: 'Datadog sent a compressed answer, which the bot did not ask for and does not unpack',
    },
  });
  expect(datadog.requests[0]?.headers['accept-encoding']).toBeUndefined();
});

test('an identity Content-Encoding, in any case, is read as usual', async () => {
  expect((await lookUp({ body: canceledBody, headers: { 'content-encoding': 'Identity' } })).ok).toBe(true);
});

test('four bodies near the cap, each a huge step array, are read up to what can be shown', async () => {
  const count = 600_000;
  const body = JSON.stringify(withAttributes({ stepStateAssociations: 'STEPS' })).replace(
    '"STEPS"',
    `[${'{},'.repeat(count - 1)}{}]`,
  );
  expect(body.length).toBeGreaterThan(CAP * 0.8);
  expect(body.length).toBeLessThan(CAP);
  // A deadline no loaded CI machine can miss: this checks what is read, not how fast.
  const slowest = { attemptTimeoutMs: 15_000, deadlineMs: 15_000 };
  const results = await Promise.all(
    Array.from({ length: 4 }, () => lookUp({ raw: body, contentType: 'application/json' }, slowest)),
  );
  for (const result of results) {
    if (!result.ok) throw new Error(JSON.stringify(result.failure));
    expect(result.value.steps).toHaveLength(READ_LIMITS.steps);
    expect(result.value.stepsNotRead).toBe(count - READ_LIMITS.steps);
  }
});

test('a hostile data.id (5,000 characters with a |) is an invalid response, and no part of it is echoed', async () => {
  const hostileId = `${CANCELED_REF.instanceId}|${'x'.repeat(5000)}`;
  expect(await lookUp({ body: withAttributes({}, hostileId) })).toEqual({
    ok: false,
    failure: { kind: 'invalid_response', reason: 'Datadog answered about another run than the one asked for' },
  });
});

test('a data.id differing only in case is the run asked for, under the asked ID', async () => {
  expect(await lookUp({ body: withAttributes({}, CANCELED_REF.instanceId.toUpperCase()) })).toMatchObject({
    ok: true,
    value: { instanceId: CANCELED_REF.instanceId, workflowId: CANCELED_REF.workflowId },
  });
});
