import { blockKitProblems } from '../../src/render/limits';
import { CANCELED_REF, instancePath, recorded } from '../support/fixtures';
import { startBotUnderTest, TEST_SECRETS, type BotUnderTest } from '../support/runningBot';
import { postSigned, slashCommand } from '../support/signedRequest';

let harness: BotUnderTest;
let replyCount = 0;

beforeAll(async () => {
  harness = await startBotUnderTest();
});
afterAll(async () => {
  await harness.close();
});
beforeEach(() => harness.datadog.reset());

/** Sends `/dd-instance <text>` signed, checks the ack, and returns the one reply captured at response_url. */
async function command(text: string) {
  const name = `command-${++replyCount}`;
  const ack = await postSigned(harness.eventsUrl, slashCommand(text, harness.slack.responseUrl(name)));
  expect(ack.status).toBe(200);
  const [reply] = await harness.slack.repliesTo(name);
  expect(blockKitProblems(reply!)).toEqual([]);
  expect(reply!.response_type).toBe('ephemeral');
  const serialized = JSON.stringify(reply);
  for (const secret of Object.values(TEST_SECRETS)) expect(serialized).not.toContain(secret);
  return { reply: reply!, serialized };
}

test('looks up the recorded canceled run and replies ephemerally', async () => {
  harness.datadog.script(instancePath(CANCELED_REF), { body: recorded('get-instance-200-canceled').body });
  const { serialized } = await command(`${CANCELED_REF.workflowId} ${CANCELED_REF.instanceId}`);
  expect(serialized).toContain('Canceled');
  expect(serialized).toContain('Max Gale (manual)');
  expect(serialized).toContain(`https://app.datadoghq.com/workflow/${CANCELED_REF.workflowId}?instance=${CANCELED_REF.instanceId}`);
  expect(harness.logs.some((line) => line.includes('lookup') && line.includes('outcome=found:CANCELED') && line.includes('user=U0ONCALL'))).toBe(true);
});
