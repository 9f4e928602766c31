import { blockKitProblems } from '../../src/render/limits';
import { CANCELED_REF, instancePath, lookupPaths } from '../support/fixtures';
import { logLine } from '../support/logs';
import { TEST_SECRETS, useBotUnderTest } from '../support/runningBot';
import { hugeRunBody } from '../support/runs';
import { linkShared, postSignedEvent } from '../support/signedRequest';

/** Link unfurls end to end: signed link_shared events to the running app, chat.unfurl captured at the Slack stand-in. */

const harness = useBotUnderTest({ UNFURL_ENABLED: '1' });

const WF = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const FAILED = `https://app.datadoghq.com/workflow/${WF}?instance=a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b`;
const SUCCEEDED = `https://app.datadoghq.com/workflow/${WF}?instance=a1b2c3d4-0003-4e5f-8a9b-0c1d2e3f4a5b`;
const MISSING = `https://app.datadoghq.com/workflow/${WF}?instance=a1b2c3d4-0404-4e5f-8a9b-0c1d2e3f4a5b`;
const ON_EU = `https://app.datadoghq.eu/workflow/${WF}?instance=a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b`;
const WORKFLOW_ONLY = `https://app.datadoghq.com/workflow/${WF}`;
/** The sample workflow with 20 runs: its latest failed at a step its spec defines. */
const WITH_SPEC =
  'https://app.datadoghq.com/workflow/9d3e5f70-1b2c-4d3e-8f4a-5b6c7d8e9f01?instance=b2c3d4e5-0001-4f6a-8b7c-1d2e3f4a5b6c';

/** Sends the event, then its retry, and waits until the app has taken both. */
async function deliverTwice(eventId: string, urls: string[]) {
  const { eventsUrl, logs } = harness();
  const first = await postSignedEvent(eventsUrl, linkShared(eventId, urls));
  expect(first.status).toBe(200);
  await logLine(logs, new RegExp(`unfurl event_id=${eventId} `));
  const retry = await postSignedEvent(eventsUrl, linkShared(eventId, urls), { retryNum: 1 });
  expect(retry.status).toBe(200);
  await logLine(logs, new RegExp(`link_shared already handled event_id=${eventId} retry=1`));
}

test('an event and its retry give one chat.unfurl, with a card for each run link of the bot’s site', async () => {
  const { slack, datadog } = harness();
  await deliverTwice('Ev0UNFURL1', [FAILED, SUCCEEDED, ON_EU, WORKFLOW_ONLY]);
  const [call] = await slack.apiCallsTo('chat.unfurl');
  expect(slack.unfurls()).toHaveLength(1);
  const unfurl = slack.unfurls()[0]!;
  expect(call!.headers.authorization).toBe(`Bearer ${TEST_SECRETS.SLACK_BOT_TOKEN}`);
  expect(unfurl).toMatchObject({ unfurl_id: 'C0INCIDENT.1700000000.000200.abcdef', source: 'conversations_history' });
  expect(Object.keys(unfurl.unfurls).sort()).toEqual([FAILED, SUCCEEDED].sort());
  for (const card of Object.values(unfurl.unfurls)) expect(blockKitProblems(card, 'unfurl')).toEqual([]);
  const failed = JSON.stringify(unfurl.unfurls[FAILED]);
  expect(failed).toContain('Failed');
  expect(failed).toContain('Roll back payments-api on elevated 5xx');
  expect(failed).toContain('1m 36s');
  expect(failed).toContain('failed at `Rollback_deployment`');
  expect(failed).toContain('1 of the last 3 runs failed');
  expect(JSON.stringify(unfurl.unfurls[SUCCEEDED])).toContain('Succeeded');
  // The other site's link and the workflow page are not looked up: one Datadog call per run (and the workflow's history).
  expect(lookupPaths(datadog.requests).sort()).toEqual(
    [
      instancePath({ workflowId: WF, instanceId: 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b' }),
      instancePath({ workflowId: WF, instanceId: 'a1b2c3d4-0003-4e5f-8a9b-0c1d2e3f4a5b' }),
    ].sort(),
  );
});

test('a run Datadog does not know gets a card saying so; hostile names are escaped and a huge run fits', async () => {
  const { slack, datadog } = harness();
  datadog.script(instancePath(CANCELED_REF), { body: hugeRunBody() });
  const huge = `https://app.datadoghq.com/workflow/${CANCELED_REF.workflowId}?instance=${CANCELED_REF.instanceId}`;
  const before = slack.unfurls().length;
  const first = await postSignedEvent(harness().eventsUrl, linkShared('Ev0UNFURL2', [MISSING, huge]));
  expect(first.status).toBe(200);
  await slack.apiCallsTo('chat.unfurl', before + 1);
  const unfurl = slack.unfurls()[before]!;
  expect(JSON.stringify(unfurl.unfurls[MISSING])).toContain('Run not found');
  const card = unfurl.unfurls[huge]!;
  expect(blockKitProblems(card, 'unfurl')).toEqual([]);
  const text = JSON.stringify(card);
  expect(text).toContain('&lt;!channel&gt;');
  expect(text).not.toContain('<!channel>');
});

test('a run whose spec defines the failed step: its card names the step’s action under the history line', async () => {
  const { slack, eventsUrl } = harness();
  const before = slack.unfurls().length;
  expect((await postSignedEvent(eventsUrl, linkShared('Ev0UNFURL4', [WITH_SPEC]))).status).toBe(200);
  await slack.apiCallsTo('chat.unfurl', before + 1);
  const card = slack.unfurls()[before]!.unfurls[WITH_SPEC]!;
  expect(blockKitProblems(card, 'unfurl')).toEqual([]);
  expect(JSON.stringify(card)).toContain(
    '4 of the last 20 runs failed · usually 1m 30s · this one 12m 10s, 8× the usual\\n:gear: `Rollback_deployment · com.datadoghq.kubernetes.patchDeployment`',
  );
});

test('a message with only links the bot does not read gets no chat.unfurl at all', async () => {
  const { slack, datadog, logs } = harness();
  const before = slack.unfurls().length;
  await postSignedEvent(harness().eventsUrl, linkShared('Ev0UNFURL3', [ON_EU, WORKFLOW_ONLY]));
  expect(await logLine(logs, /unfurl event_id=Ev0UNFURL3 /)).toMatch(/links=2 cards=0 other_site=1 skipped=1/);
  expect(slack.unfurls()).toHaveLength(before);
  expect(datadog.requests).toHaveLength(0);
});
