import { presentHome } from '../../src/render/homeView';
import { publishHome } from '../../src/slack/publishHome';
import { eventHarness } from '../support/listenerCalls';
import { type SlackStandIn, startSlackStandIn, webClientOn } from '../support/slackStandIn';

const requester = { userId: 'U1', teamId: 'T1', via: 'home' } as const;

/** Home's services and the tab itself, as the listeners pass them. */
function homeServices() {
  const h = eventHarness();
  return { ...h, home: h.services.home! };
}

let slack: SlackStandIn;
beforeAll(async () => {
  slack = await startSlackStandIn();
});
afterAll(() => slack.close());

test("the user's Home view is published to them, as App Home presents it", async () => {
  const h = homeServices();
  await publishHome(h.services, h.home, webClientOn(slack, 'xoxb-test'), requester);
  const published = slack.publishedViews().at(-1);
  expect(published?.user_id).toBe('U1');
  expect(published?.view).toEqual(presentHome(await h.home.open(requester)));
  expect(h.logLines.join('\n')).toMatch(/home published user=U1/);
});

test('a views.publish that fails is logged, never thrown', async () => {
  const h = homeServices();
  const gone = await startSlackStandIn();
  const client = webClientOn(gone, 'xoxb-test');
  await gone.close();
  await expect(publishHome(h.services, h.home, client, requester)).resolves.toBeUndefined();
  expect(h.logLines.join('\n')).toMatch(/home not published user=U1 error=/);
});
