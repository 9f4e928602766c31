import type { RespondArguments } from '@slack/bolt';
import { HomeTab } from '../../src/core/homeTab';
import { InFlight } from '../../src/core/inflight';
import { LinkUnfurls } from '../../src/core/linkUnfurls';
import { RUN_ACTIONS } from '../../src/render/slackIds';
import type { BotServices } from '../../src/slack/services';
import { InProcessEventClaims } from '../../src/store/eventClaims';
import { fakeLookup, sampleRun } from './fakeSource';

/** Listeners called as Bolt calls them, with fake ack, respond and client: no server, no Slack. */

export const WF = 'ccf73164-1998-4785-a7a3-8d06c7e5f558';
export const RUN = '305a472b-71ab-4ce8-8f8d-75db635627b5';
export const ref = { workflowId: WF, instanceId: RUN };

/** A failed run to look up, the services a command, shortcut or button needs, and ack and respond that record. */
export function listenerHarness() {
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

/** The services events listeners need (unfurls, event claims, Home), and a client that records its calls. */
export function eventHarness() {
  const fake = fakeLookup();
  fake.source.runs.set(`${WF}/${RUN}`, sampleRun(ref, 'STEP_ERROR'));
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

// Bolt's argument types are wide; these tests pass only what each listener reads.
/** Bolt always passes a context; these requests carry no workspace. */
export const args = <T>(value: object): T => ({ context: {}, ...value }) as unknown as T;

/** A Refresh click carrying `value`, from U1 in C1. */
export function refreshClick(value: unknown) {
  return {
    action: { action_id: RUN_ACTIONS.refresh, value },
    body: { user: { id: 'U1' }, channel: { id: 'C1' }, trigger_id: 't' },
  };
}
