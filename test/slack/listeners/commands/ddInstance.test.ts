import { presentCommand } from '../../../../src/render/slackReplies';
import { ddInstanceCommand } from '../../../../src/slack/listeners/commands/ddInstance';
import { args, listenerHarness, RUN, WF } from '../../../support/listenerCalls';

test('the command acks first, then sends the presented outcome privately', async () => {
  const h = listenerHarness();
  await ddInstanceCommand(h.services)(
    args({ command: { text: `${WF} ${RUN}`, user_id: 'U1', channel_id: 'C1' }, ack: h.ack, respond: h.respond }),
  );
  expect(h.events).toEqual(['ack', 'respond']);
  const expected = presentCommand(await h.lookup.lookUpCommand(`${WF} ${RUN}`, {}), 'datadoghq.com');
  expect(h.sent).toEqual([{ ...expected, response_type: 'ephemeral' }]);
});

test('the command answers usage without a Datadog call', async () => {
  const h = listenerHarness();
  await ddInstanceCommand(h.services)(
    args({ command: { text: 'nonsense', user_id: 'U1', channel_id: 'C1' }, ack: h.ack, respond: h.respond }),
  );
  expect(h.source.calls).toEqual([]);
  expect(h.sent[0]?.text).toMatch(/“nonsense” is not a workflow or instance ID/);
});

test('a failing lookup still gets one reply, and a failing respond is logged, not thrown', async () => {
  const h = listenerHarness();
  h.source.getInstance = async () => {
    throw new Error('boom');
  };
  const respond = jest.fn(async () => {
    throw new Error('response_url gone');
  });
  await ddInstanceCommand(h.services)(args({ command: { text: `${WF} ${RUN}` }, ack: h.ack, respond }));
  expect(respond).toHaveBeenCalledWith(
    expect.objectContaining({ text: expect.stringMatching(/Something went wrong inside dd-instance/) }),
  );
  expect(h.logLines.join('\n')).toMatch(/answer failed error=boom[\s\S]*reply not delivered error="response_url gone"/);
});
