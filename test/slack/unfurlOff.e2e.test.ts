import { logLine } from '../support/logs';
import { useBotUnderTest } from '../support/runningBot';
import { linkShared, postSignedEvent } from '../support/signedRequest';

/** UNFURL_ENABLED is off by default: a link_shared event Slack sends anyway is acked and left alone. */

const harness = useBotUnderTest();

test('with UNFURL_ENABLED unset, a run link is not looked up and nothing is unfurled', async () => {
  const { eventsUrl, logs, slack, datadog } = harness();
  const url =
    'https://app.datadoghq.com/workflow/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f?instance=a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b';
  const ack = await postSignedEvent(eventsUrl, linkShared('Ev0OFF1', [url]));
  expect(ack.status).toBe(200);
  await logLine(logs, /link_shared ignored: unfurls are off \(UNFURL_ENABLED\) event_id=Ev0OFF1/);
  expect(slack.apiCalls('chat.unfurl')).toHaveLength(0);
  expect(datadog.requests).toHaveLength(0);
});
