import { appHomeOpenedListener } from '../../../../src/slack/listeners/events/appHomeOpened';
import { args, eventHarness } from '../../../support/listenerCalls';

type HomeArgs = Parameters<ReturnType<typeof appHomeOpenedListener>>[0];

function homeEvent(eventId: string, tab: 'home' | 'messages', client: unknown) {
  return args<HomeArgs>({ event: { type: 'app_home_opened', user: 'U1', tab }, body: { event_id: eventId }, client });
}

test('the Messages tab opening publishes nothing', async () => {
  const h = eventHarness();
  const listener = appHomeOpenedListener(h.services, h.services.home!);
  await listener(homeEvent('EvM1', 'messages', h.client));
  expect(h.client.views.publish).not.toHaveBeenCalled();
  await listener(homeEvent('EvM2', 'home', h.client));
  expect(h.client.views.publish).toHaveBeenCalledWith(expect.objectContaining({ user_id: 'U1' }));
});

test('a Home opening delivered again with the same event ID is published once', async () => {
  const h = eventHarness();
  const listener = appHomeOpenedListener(h.services, h.services.home!);
  await listener(homeEvent('EvH1', 'home', h.client));
  await listener(homeEvent('EvH1', 'home', h.client));
  expect(h.client.views.publish).toHaveBeenCalledTimes(1);
  expect(h.logLines.join('\n')).toMatch(/app_home_opened already handled event_id=EvH1/);
});
