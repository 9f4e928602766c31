import { AccessPolicy } from '../../../../src/core/access';
import { ActGate } from '../../../../src/core/actGate';
import { ActorPolicy } from '../../../../src/core/actors';
import { RunAgain } from '../../../../src/core/runAgain';
import { runButtonValue } from '../../../../src/render/runButtonValue';
import { RUN_AGAIN_VIEW } from '../../../../src/render/slackIds';
import { runAgainButton } from '../../../../src/slack/listeners/actions/runAgain';
import { args, listenerHarness, ref, refreshClick, WF } from '../../../support/listenerCalls';

function withRunAgain(enabled: boolean) {
  const h = listenerHarness();
  h.source.workflows.set(WF, { workflowId: WF, inputs: [{ name: 'service', type: 'STRING' }] });
  const actors = new ActorPolicy({ enabled, userIds: ['U1'], usergroupIds: [], workflowIds: [] }, new AccessPolicy());
  const runAgain = new RunAgain({ acts: new ActGate({ actors, actions: h.source }), source: h.source });
  return { ...h, services: { ...h.services, runAgain } };
}

const click = (client: unknown, h: ReturnType<typeof withRunAgain>) =>
  runAgainButton(h.services)(
    args({ ...refreshClick(runButtonValue(ref, 'datadoghq.com')), ack: h.ack, respond: h.respond, client }),
  );

test("Run again opens the form with the click's trigger_id, and sends no message", async () => {
  const h = withRunAgain(true);
  const client = { views: { open: jest.fn(async () => ({ view: { id: 'V1' } })) } };
  await click(client, h);
  expect(client.views.open).toHaveBeenCalledWith({
    trigger_id: 't',
    view: expect.objectContaining({ callback_id: RUN_AGAIN_VIEW }),
  });
  expect(h.sent).toEqual([]);
});

test('a click the actor rules refuse opens nothing and says which setting', async () => {
  const h = withRunAgain(false);
  const client = { views: { open: jest.fn() } };
  await click(client, h);
  expect(client.views.open).not.toHaveBeenCalled();
  expect(h.sent).toEqual([expect.objectContaining({ text: expect.stringContaining('ACTIONS_ENABLED') })]);
});

test('a form Slack would not open is answered in words instead', async () => {
  const h = withRunAgain(true);
  const client = { views: { open: jest.fn(async () => Promise.reject(new Error('expired_trigger_id'))) } };
  await click(client, h);
  expect(h.sent).toEqual([expect.objectContaining({ text: expect.stringMatching(/did not open the Run again form/) })]);
});
