import { presentMessage } from '../../../../src/render/slackReplies';
import { lookupRunShortcut } from '../../../../src/slack/listeners/shortcuts/lookupRun';
import { args, listenerHarness, RUN, WF } from '../../../support/listenerCalls';

test('the message shortcut reads the message and answers with what it found', async () => {
  const h = listenerHarness();
  const message = { text: `workflow ${WF} instance ${RUN} failed` };
  await lookupRunShortcut(h.services)(
    args({ shortcut: { message, user: { id: 'U1' }, channel: { id: 'C1' } }, ack: h.ack, respond: h.respond }),
  );
  expect(h.events).toEqual(['ack', 'respond']);
  expect(h.sent[0]).toEqual({
    ...presentMessage(await h.lookup.lookUpMessage(message, {}), 'datadoghq.com'),
    response_type: 'ephemeral',
  });
});
