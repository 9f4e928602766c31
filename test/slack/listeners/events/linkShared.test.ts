import { linkSharedListener } from '../../../../src/slack/listeners/events/linkShared';
import { args, eventHarness, RUN, WF } from '../../../support/listenerCalls';

const URL = `https://app.datadoghq.com/workflow/${WF}?instance=${RUN}`;

function linkEvent(eventId: string, extra: Record<string, unknown> = {}) {
  const event = { type: 'link_shared', channel: 'C1', user: 'U1', message_ts: '1.2', links: [{ url: URL }], ...extra };
  return { event, body: { event_id: eventId }, context: {} };
}

test('a posted link without an unfurl ID is unfurled by channel and ts; one in the composer by its unfurl ID', async () => {
  const h = eventHarness();
  await linkSharedListener(h.services)(args({ ...linkEvent('Ev1'), client: h.client }));
  await linkSharedListener(h.services)(
    args({ ...linkEvent('Ev2', { unfurl_id: 'U-1', source: 'composer' }), client: h.client }),
  );
  expect(h.client.chat.unfurl.mock.calls.map(([call]) => Object.keys(call as object).sort())).toEqual([
    ['channel', 'ts', 'unfurls'],
    ['source', 'unfurl_id', 'unfurls'],
  ]);
});

test('a chat.unfurl that fails is logged, never thrown', async () => {
  const h = eventHarness();
  h.client.chat.unfurl.mockRejectedValueOnce(new Error('cannot_unfurl_url'));
  await linkSharedListener(h.services)(args({ ...linkEvent('Ev3'), client: h.client }));
  expect(h.logLines.join('\n')).toMatch(/unfurl failed event_id=Ev3 error=cannot_unfurl_url/);
});
