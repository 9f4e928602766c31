import { blockKitProblems } from '../../src/render/limits';
import { SAMPLE_NOTICE } from '../../src/render/sampleNotice';
import { type BotUnderTest, startBotUnderTest } from '../support/runningBot';
import { postSigned, slashCommand } from '../support/signedRequest';

let harness: BotUnderTest;

beforeAll(async () => {
  harness = await startBotUnderTest({ DD_DEMO: '1' });
});
afterAll(async () => {
  await harness.close();
});

test('with DD_DEMO=1 the bot answers from the embedded sample Datadog, not from DD_API_URL', async () => {
  const ack = await postSigned(
    harness.eventsUrl,
    slashCommand(
      '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b',
      harness.slack.responseUrl('demo'),
    ),
  );
  expect(ack.status).toBe(200);
  const [reply] = await harness.slack.repliesTo('demo');
  expect(blockKitProblems(reply!)).toEqual([]);
  const serialized = JSON.stringify(reply);
  expect(serialized).toContain('Roll back payments-api on elevated 5xx');
  expect(serialized).toContain('Rollback_deployment');
  expect(reply!.text).toMatch(/^\[Sample data\] /);
  expect((reply!.blocks as unknown[])[1]).toEqual({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: SAMPLE_NOTICE }],
  });
  expect(harness.datadog.requests).toHaveLength(0);
  expect(harness.logs.some((line) => line.includes('DD_DEMO') && line.includes('sample data'))).toBe(true);
});

test('with DD_DEMO=1 a usage answer says sample data too', async () => {
  await postSigned(harness.eventsUrl, slashCommand('not-an-id', harness.slack.responseUrl('demo-usage')));
  const [reply] = await harness.slack.repliesTo('demo-usage');
  expect(blockKitProblems(reply!)).toEqual([]);
  expect(JSON.stringify(reply)).toContain('Sample data');
});
