import { HomeTab } from '../../src/core/homeTab';
import { InFlight } from '../../src/core/inflight';
import { LinkUnfurls } from '../../src/core/linkUnfurls';
import { appHomeOpenedListener } from '../../src/slack/listeners/events/appHomeOpened';
import { linkSharedListener } from '../../src/slack/listeners/events/linkShared';
import type { BotServices } from '../../src/slack/services';
import { InProcessEventClaims } from '../../src/store/eventClaims';
import { fakeLookup, sampleRun } from '../support/fakeSource';

/** The events listeners called as Bolt calls them, with a fake client: no server, no Slack. */

const WF = 'ccf73164-1998-4785-a7a3-8d06c7e5f558';
const RUN = '305a472b-71ab-4ce8-8f8d-75db635627b5';
const URL = `https://app.datadoghq.com/workflow/${WF}?instance=${RUN}`;

function harness() {
  const fake = fakeLookup();
  fake.source.runs.set(`${WF}/${RUN}`, sampleRun({ workflowId: WF, instanceId: RUN }, 'STEP_ERROR'));
  const probe = {
    getWorkflow: (id: string) => fake.source.getWorkflow(id),
    validateApiKey: async () => ({ ok: true, value: { valid: true } }) as const,
  };
  const tab = new HomeTab({ probe, site: 'datadoghq.com', log: fake.log });
  const services: BotServices = {
    lookup: fake.lookup,
    inflight: new InFlight(),
    log: fake.log,
    unfurls: new LinkUnfurls(fake.lookup),
    eventClaims: new InProcessEventClaims(),
    home: tab,
  };
  const client = { chat: { unfurl: jest.fn(async (_args: unknown) => ({ ok: true })) }, views: { publish: jest.fn() } };
  return { ...fake, services, client };
}

/** Bolt always passes a context; these requests carry no workspace. */
const args = <T>(value: object): T => ({ context: {}, ...value }) as unknown as T;

type HomeArgs = Parameters<ReturnType<typeof appHomeOpenedListener>>[0];

function homeEvent(eventId: string, tab: 'home' | 'messages', client: unknown) {
  return args<HomeArgs>({ event: { type: 'app_home_opened', user: 'U1', tab }, body: { event_id: eventId }, client });
}

function linkEvent(eventId: string, extra: Record<string, unknown> = {}) {
  const event = { type: 'link_shared', channel: 'C1', user: 'U1', message_ts: '1.2', links: [{ url: URL }], ...extra };
  return { event, body: { event_id: eventId }, context: {} };
}

test('a posted link without an unfurl ID is unfurled by channel and ts; one in the composer by its unfurl ID', async () => {
  const h = harness();
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
  const h = harness();
  h.client.chat.unfurl.mockRejectedValueOnce(new Error('cannot_unfurl_url'));
  await linkSharedListener(h.services)(args({ ...linkEvent('Ev3'), client: h.client }));
  expect(h.logLines.join('\n')).toMatch(/unfurl failed event_id=Ev3 error=cannot_unfurl_url/);
});

test('the Messages tab opening publishes nothing', async () => {
  const h = harness();
  const listener = appHomeOpenedListener(h.services, h.services.home!);
  await listener(homeEvent('EvM1', 'messages', h.client));
  expect(h.client.views.publish).not.toHaveBeenCalled();
  await listener(homeEvent('EvM2', 'home', h.client));
  expect(h.client.views.publish).toHaveBeenCalledWith(expect.objectContaining({ user_id: 'U1' }));
});

test('a Home opening delivered again with the same event ID is published once', async () => {
  const h = harness();
  const listener = appHomeOpenedListener(h.services, h.services.home!);
  await listener(homeEvent('EvH1', 'home', h.client));
  await listener(homeEvent('EvH1', 'home', h.client));
  expect(h.client.views.publish).toHaveBeenCalledTimes(1);
  expect(h.logLines.join('\n')).toMatch(/app_home_opened already handled event_id=EvH1/);
});
