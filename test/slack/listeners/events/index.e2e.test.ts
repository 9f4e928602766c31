import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CANCELED_REF, instancePath, recorded } from '../../../support/fixtures';
import { useBotUnderTest } from '../../../support/runningBot';
import { appHomeOpened, eventEnvelope, linkShared, postSignedEvent } from '../../../support/signedRequest';

/** The events table, end to end: each event the manifest subscribes to reaches its own listener through the one Bolt listener. */

const harness = useBotUnderTest({ UNFURL_ENABLED: '1' });

const manifest = parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'manifest.yml'), 'utf8'));

const runLink = `https://app.datadoghq.com/workflow/${CANCELED_REF.workflowId}?instance=${CANCELED_REF.instanceId}`;

/** A signed delivery of each subscribed event, and the Web API method only its listener calls. */
const DELIVERIES: Record<string, { envelope: Record<string, unknown>; answeredWith: string }> = {
  link_shared: { envelope: linkShared('Ev0DISPATCH1', [runLink]), answeredWith: 'chat.unfurl' },
  app_home_opened: { envelope: appHomeOpened('Ev0DISPATCH2'), answeredWith: 'views.publish' },
};

test('every event in the manifest reaches its own listener', async () => {
  const { datadog, slack, eventsUrl } = harness();
  datadog.script(instancePath(CANCELED_REF), { body: recorded('get-instance-200-canceled').body });
  const subscribed: string[] = manifest.settings.event_subscriptions.bot_events;
  expect(Object.keys(DELIVERIES).sort()).toEqual([...subscribed].sort());
  for (const type of subscribed) {
    const { envelope, answeredWith } = DELIVERIES[type]!;
    expect((await postSignedEvent(eventsUrl, envelope)).status).toBe(200);
    expect(await slack.apiCallsTo(answeredWith)).toHaveLength(1);
  }
});

test('an event no listener takes is acked, and nothing is called or logged as an error', async () => {
  const { slack, eventsUrl, logs } = harness();
  const before = slack.posts.length;
  const reaction = { type: 'reaction_added', user: 'U0ONCALL', reaction: 'eyes', event_ts: '1700000000.000400' };
  expect((await postSignedEvent(eventsUrl, eventEnvelope('Ev0DISPATCH3', reaction))).status).toBe(200);
  // A known event sent after it is answered, so the unknown one has been through Bolt by then.
  expect((await postSignedEvent(eventsUrl, appHomeOpened('Ev0DISPATCH4'))).status).toBe(200);
  await slack.apiCallsTo('views.publish', 2);
  expect(slack.posts.slice(before).map((post) => post.path)).toEqual(['/api/views.publish']);
  expect(logs.filter((line) => / ERROR |answered as outdated/.test(line))).toEqual([]);
});
