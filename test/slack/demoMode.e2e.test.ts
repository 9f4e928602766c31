import { SAMPLE_NOTICE } from '../../src/render/sampleNotice';
import { useBotUnderTest } from '../support/runningBot';
import { command } from '../support/slackUser';

const bot = useBotUnderTest({ DD_DEMO: '1' });

test('with DD_DEMO=1 the bot answers from the embedded sample Datadog, not from DD_API_URL', async () => {
  const reply = await command(bot(), '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b');
  const serialized = JSON.stringify(reply);
  expect(serialized).toContain('Roll back payments-api on elevated 5xx');
  expect(serialized).toContain('Rollback_deployment');
  expect(reply.text).toMatch(/^\[Sample data\] /);
  expect((reply.blocks as unknown[])[1]).toEqual({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: SAMPLE_NOTICE }],
  });
  expect(bot().datadog.requests).toHaveLength(0);
  expect(bot().logs.some((line) => line.includes('DD_DEMO') && line.includes('sample data'))).toBe(true);
});

test('with DD_DEMO=1 a usage answer says sample data too', async () => {
  expect(JSON.stringify(await command(bot(), 'not-an-id'))).toContain('Sample data');
});
