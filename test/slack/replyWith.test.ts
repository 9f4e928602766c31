import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { RespondFn } from '@slack/bolt';
import { InFlight } from '../../src/core/inflight';
import type { Reply } from '../../src/render/reply';
import { replyWith } from '../../src/slack/replyWith';
import type { BotServices } from '../../src/slack/services';
import { fakeLookup } from '../support/fakeSource';

/** No reply outlives its request: a bot that runs for weeks never cuts off, and must not keep every answer. */

// Jest's workers run without --expose-gc; the flag set now gives a fresh context its `gc`.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const REPLIES = 2000;

async function collectedAfter(run: (track: (reply: Reply) => Reply) => Promise<void>): Promise<number> {
  const refs: WeakRef<Reply>[] = [];
  await run((reply) => {
    refs.push(new WeakRef(reply));
    return reply;
  });
  // Finalization of WeakRef targets happens across turns: a few collections with a turn between.
  for (let round = 0; round < 3; round++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  }
  return refs.filter((ref) => ref.deref() === undefined).length;
}

test('gc is available to this test, and collects what nothing holds', async () => {
  expect(typeof gc).toBe('function');
  expect(await collectedAfter(async (track) => void track({ text: 'dropped', blocks: [] }))).toBe(1);
});

test('replies sent through replyWith are collected while the bot keeps running (never cut off)', async () => {
  const inflight = new InFlight();
  const services: BotServices = { lookup: fakeLookup().lookup, inflight, log: fakeLookup().log };
  let delivered = 0;
  const respond: RespondFn = async () => {
    delivered++;
    return new Response();
  };
  const collected = await collectedAfter(async (track) => {
    for (let i = 0; i < REPLIES; i++)
      await replyWith(services, respond, async () => track({ text: `reply ${i} ${'x'.repeat(1000)}`, blocks: [] }));
  });
  expect(delivered).toBe(REPLIES);
  expect(inflight.size).toBe(0);
  expect(collected).toBe(REPLIES);
});
