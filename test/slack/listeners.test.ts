import type { RespondArguments } from '@slack/bolt';
import { InFlight } from '../../src/core/inflight';
import { runButtonValue } from '../../src/render/runButtonValue';
import { renderLoadingModal } from '../../src/render/runModal';
import { RUN_ACTIONS } from '../../src/render/slackIds';
import { presentCommand, presentMessage } from '../../src/render/slackReplies';
import { fullErrorButton } from '../../src/slack/listeners/actions/fullError';
import { NEW_PRIVATE, REPLACE_CLICKED, replyingButton } from '../../src/slack/listeners/actions/runButtons';
import { ddInstanceCommand } from '../../src/slack/listeners/commands/ddInstance';
import { lookupRunShortcut } from '../../src/slack/listeners/shortcuts/lookupRun';
import type { BotServices } from '../../src/slack/services';
import { fakeLookup, sampleRun } from '../support/fakeSource';

/** Each listener called as Bolt calls it, with fake ack, respond and client: no server, no Slack. */

const WF = 'ccf73164-1998-4785-a7a3-8d06c7e5f558';
const RUN = '305a472b-71ab-4ce8-8f8d-75db635627b5';
const ref = { workflowId: WF, instanceId: RUN };

function harness() {
  const fake = fakeLookup();
  fake.source.runs.set(`${WF}/${RUN}`, sampleRun(ref, 'STEP_ERROR'));
  const services: BotServices = { lookup: fake.lookup, inflight: new InFlight(), log: fake.log };
  const events: string[] = [];
  const sent: RespondArguments[] = [];
  const ack = jest.fn(async () => {
    events.push('ack');
  });
  const respond = jest.fn(async (reply: RespondArguments) => {
    events.push('respond');
    sent.push(reply);
  });
  return { ...fake, services, events, sent, ack, respond };
}

// Bolt's argument types are wide; these tests pass only what each listener reads.
/** Bolt always passes a context; these requests carry no workspace. */
const args = <T>(value: object): T => ({ context: {}, ...value }) as unknown as T;

test('the command acks first, then sends the presented outcome privately', async () => {
  const h = harness();
  await ddInstanceCommand(h.services)(
    args({ command: { text: `${WF} ${RUN}`, user_id: 'U1', channel_id: 'C1' }, ack: h.ack, respond: h.respond }),
  );
  expect(h.events).toEqual(['ack', 'respond']);
  const expected = presentCommand(await h.lookup.lookUpCommand(`${WF} ${RUN}`, {}), 'datadoghq.com');
  expect(h.sent).toEqual([{ ...expected, response_type: 'ephemeral' }]);
});

test('the command answers usage without a Datadog call', async () => {
  const h = harness();
  await ddInstanceCommand(h.services)(
    args({ command: { text: 'nonsense', user_id: 'U1', channel_id: 'C1' }, ack: h.ack, respond: h.respond }),
  );
  expect(h.source.calls).toEqual([]);
  expect(h.sent[0]?.text).toMatch(/“nonsense” is not a workflow or instance ID/);
});

test('a failing lookup still gets one reply, and a failing respond is logged, not thrown', async () => {
  const h = harness();
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

test('the message shortcut reads the message and answers with what it found', async () => {
  const h = harness();
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

function click(value: unknown) {
  return {
    action: { action_id: RUN_ACTIONS.refresh, value },
    body: { user: { id: 'U1' }, channel: { id: 'C1' }, trigger_id: 't' },
  };
}

test('a run button acks, looks the run up, and lands its reply as asked', async () => {
  const h = harness();
  const answer = jest.fn(async () => ({ text: 'fresh', blocks: [] }));
  await replyingButton(
    h.services,
    answer,
    REPLACE_CLICKED,
  )(args({ ...click(runButtonValue(ref, 'datadoghq.com')), ack: h.ack, respond: h.respond }));
  expect(answer).toHaveBeenCalledWith({ ...ref, certain: true }, expect.anything());
  expect(h.sent).toEqual([{ text: 'fresh', blocks: [], ...REPLACE_CLICKED }]);
});

test('a damaged button value is answered privately and nothing is looked up', async () => {
  const h = harness();
  const answer = jest.fn();
  await replyingButton(
    h.services,
    answer,
    REPLACE_CLICKED,
  )(args({ ...click('garbage|x'), ack: h.ack, respond: h.respond }));
  expect(h.ack).toHaveBeenCalled();
  expect(answer).not.toHaveBeenCalled();
  expect(h.sent).toEqual([expect.objectContaining({ ...NEW_PRIVATE, text: expect.stringMatching(/data is damaged/) })]);
});

test('"Show full error" opens a loading modal, then updates it with the run', async () => {
  const h = harness();
  const client = {
    views: {
      open: jest.fn(async () => ({ view: { id: 'V1' } })),
      update: jest.fn(async () => ({})),
    },
  };
  await fullErrorButton(h.services)(
    args({ ...click(runButtonValue(ref, 'datadoghq.com')), ack: h.ack, respond: h.respond, client }),
  );
  expect(client.views.open).toHaveBeenCalledWith({ trigger_id: 't', view: renderLoadingModal() });
  expect(client.views.update).toHaveBeenCalledWith({ view_id: 'V1', view: expect.objectContaining({ type: 'modal' }) });
  expect(h.sent).toEqual([]);
});

test('"Show full error" whose modal could not open answers in the channel instead', async () => {
  const h = harness();
  const client = {
    views: { open: jest.fn(async () => Promise.reject(new Error('expired_trigger_id'))), update: jest.fn() },
  };
  await fullErrorButton(h.services)(
    args({ ...click(runButtonValue(ref, 'datadoghq.com')), ack: h.ack, respond: h.respond, client }),
  );
  expect(client.views.update).not.toHaveBeenCalled();
  expect(h.sent).toEqual([expect.objectContaining({ text: expect.stringMatching(/did not open the window in time/) })]);
});
