import { blockKitProblems } from '../../src/render/limits';
import { CANCELED_REF, instancePath, lookupPaths, recorded } from '../support/fixtures';
import { useBotUnderTest } from '../support/runningBot';
import { messageShortcut, postSigned } from '../support/signedRequest';

const bot = useBotUnderTest();
let replyCount = 0;

const FAILED = {
  workflowId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  instanceId: 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b',
};
const RUNNING = {
  workflowId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  instanceId: 'a1b2c3d4-0002-4e5f-8a9b-0c1d2e3f4a5b',
};

/** Runs the message shortcut on a message and returns the reply captured at response_url. */
async function shortcutOn(message: Record<string, unknown>) {
  const name = `shortcut-${++replyCount}`;
  const ack = await postSigned(bot().eventsUrl, messageShortcut(message, bot().slack.responseUrl(name)));
  expect(ack.status).toBe(200);
  const [reply] = await bot().slack.repliesTo(name);
  expect(blockKitProblems(reply!)).toEqual([]);
  expect(reply!.response_type).toBe('ephemeral');
  return JSON.stringify(reply);
}

test('the incident-channel paste: words say which ID is which', async () => {
  bot().datadog.script(instancePath(CANCELED_REF), { body: recorded('get-instance-200-canceled').body });
  const reply = await shortcutOn({
    text: `workflow ${CANCELED_REF.workflowId} instance ${CANCELED_REF.instanceId} failed, can someone look?`,
  });
  expect(reply).toContain('Canceled');
  expect(lookupPaths(bot().datadog.requests)).toEqual([instancePath(CANCELED_REF)]);
});

test('a run link inside an attachment of a bot message', async () => {
  const link = `https://app.datadoghq.com/workflow/${FAILED.workflowId}?instance=${FAILED.instanceId}`;
  const reply = await shortcutOn({
    text: '',
    attachments: [{ fallback: 'Workflow failed', title: 'Workflow failed', title_link: link }],
  });
  expect(reply).toContain('Rollback_deployment');
  expect(reply).toContain('is forbidden');
});

test('IDs inside blocks, bare and in the wrong order', async () => {
  const reply = await shortcutOn({
    text: 'alert',
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `${FAILED.instanceId} / ${FAILED.workflowId}` } }],
  });
  expect(reply).toContain('Rollback_deployment');
});

test('several runs in one message are all shown, within the limits', async () => {
  const reply = await shortcutOn({
    text: `workflow ${FAILED.workflowId} run ${FAILED.instanceId} failed, then run ${RUNNING.instanceId} started; the old one was https://app.datadoghq.com/workflow/${CANCELED_REF.workflowId}?instance=${CANCELED_REF.instanceId}`,
  });
  expect(reply).toContain('3 workflow runs in this message');
  expect(reply).toContain('Failed');
  expect(reply).toContain('Running');
  expect(reply).toContain('Canceled');
});

test('a message with no run says so and how to use the bot', async () => {
  const reply = await shortcutOn({ text: 'is the deploy broken again?' });
  expect(reply).toContain('has no Datadog workflow run in it');
  expect(reply).toContain('How to use dd-instance');
  expect(bot().datadog.requests).toHaveLength(0);
});
