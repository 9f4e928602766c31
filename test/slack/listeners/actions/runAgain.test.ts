import { AccessPolicy } from '../../../../src/core/access';
import { ActGate } from '../../../../src/core/actGate';
import { ActorPolicy } from '../../../../src/core/actors';
import { RunAgain } from '../../../../src/core/runAgain';
import { renderRunAgainLoading } from '../../../../src/render/runAgainModal';
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

const opening = () => ({
  views: {
    open: jest.fn(async (_args: unknown) => ({ view: { id: 'V1', hash: 'H1' } })),
    update: jest.fn(async (_args: unknown) => ({})),
  },
});
const notOpening = () => ({
  views: { open: jest.fn(async () => Promise.reject(new Error('expired_trigger_id'))), update: jest.fn() },
});

test("Run again opens a loading modal with the click's trigger_id, then updates it with the form, and sends no message", async () => {
  const h = withRunAgain(true);
  const client = opening();
  await click(client, h);
  expect(client.views.open).toHaveBeenCalledWith({ trigger_id: 't', view: renderRunAgainLoading() });
  expect(client.views.update).toHaveBeenCalledWith({
    view_id: 'V1',
    hash: 'H1',
    view: expect.objectContaining({ callback_id: RUN_AGAIN_VIEW }),
  });
  expect(h.sent).toEqual([]);
});

test('a click the actor rules refuse ends in the modal saying which setting', async () => {
  const h = withRunAgain(false);
  const client = opening();
  await click(client, h);
  const [update] = client.views.update.mock.calls[0] as [{ view: unknown }];
  expect(update.view).not.toHaveProperty('submit');
  expect(JSON.stringify(update.view)).toContain('ACTIONS_ENABLED');
  expect(h.sent).toEqual([]);
});

test('a form Slack would not open is answered in words instead', async () => {
  const h = withRunAgain(true);
  await click(notOpening(), h);
  expect(h.sent).toEqual([expect.objectContaining({ text: expect.stringMatching(/did not open the Run again form/) })]);
});

test('a refused click whose modal Slack would not open gets the refusal as a private message', async () => {
  const h = withRunAgain(false);
  const client = notOpening();
  await click(client, h);
  expect(client.views.update).not.toHaveBeenCalled();
  expect(h.sent).toEqual([expect.objectContaining({ text: expect.stringContaining('ACTIONS_ENABLED') })]);
});
