import { SlackUsergroups } from '../../src/slack/usergroups';
import { type SlackStandIn, startSlackStandIn, webClientOn } from '../support/slackStandIn';

let slack: SlackStandIn;
beforeAll(async () => {
  slack = await startSlackStandIn();
});
afterAll(() => slack.close());

test("a group's members come from usergroups.users.list", async () => {
  slack.answerUsergroups({ S1: ['U1', 'U2'] });
  const groups = new SlackUsergroups(webClientOn(slack, 'xoxb-test'));
  await expect(groups.members('S1')).resolves.toEqual(['U1', 'U2']);
  expect(slack.apiCalls('usergroups.users.list').at(-1)?.body).toMatchObject({ usergroup: 'S1' });
});

test('throws when Slack says no', async () => {
  slack.answerUsergroups({ error: 'missing_scope' });
  const groups = new SlackUsergroups(webClientOn(slack, 'xoxb-test'));
  await expect(groups.members('S1')).rejects.toThrow('missing_scope');
});
