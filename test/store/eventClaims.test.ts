import type { EventClaims } from '../../src/core/surfacePorts';
import { FleetEventClaims, InProcessEventClaims } from '../../src/store/eventClaims';

test('an event ID is claimed once; others are claimed independently', async () => {
  const claims = new InProcessEventClaims();
  expect(await claims.claim('Ev1')).toBe(true);
  expect(await claims.claim('Ev1')).toBe(false);
  expect(await claims.claim('Ev2')).toBe(true);
});

test('event claims are bounded: past `max`, the oldest ID is forgotten', async () => {
  const claims = new InProcessEventClaims({ max: 2 });
  for (const id of ['Ev1', 'Ev2', 'Ev3']) expect(await claims.claim(id)).toBe(true);
  expect(await claims.claim('Ev3')).toBe(false);
  expect(await claims.claim('Ev1')).toBe(true);
});

test('a claim given its own TTL is forgotten after it; one without keeps the default TTL', async () => {
  const claims = new InProcessEventClaims({ ttlMs: 60_000 });
  expect(await claims.claim('signature:a', 20)).toBe(true);
  expect(await claims.claim('Ev1')).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 60));
  expect(await claims.claim('signature:a')).toBe(true);
  expect(await claims.claim('Ev1')).toBe(false);
});

describe('event claims in the fleet store, this process standing in when it fails', () => {
  /** A fleet store that answers from `answers` in turn, or throws as Redis offline does. */
  function fleet(...answers: Array<boolean | Error>): EventClaims & { asked: string[] } {
    const asked: string[] = [];
    return {
      asked,
      claim: async (eventId) => {
        asked.push(eventId);
        const answer = answers.shift();
        if (answer instanceof Error) throw answer;
        return answer ?? true;
      },
    };
  }

  test('the fleet decides an ID this process has not seen: another replica that claimed it wins', async () => {
    const store = fleet(true, false);
    const claims = new FleetEventClaims(store, new InProcessEventClaims(), () => undefined);
    expect(await claims.claim('Ev1')).toBe(true);
    expect(await claims.claim('Ev2')).toBe(false);
    expect(store.asked).toEqual(['Ev1', 'Ev2']);
  });

  test('a store that throws leaves the claim to this process: the event is handled once here, never dropped', async () => {
    const failures: unknown[] = [];
    const store = fleet(new Error('The client is offline'), true);
    const claims = new FleetEventClaims(store, new InProcessEventClaims(), (err) => failures.push(err));
    expect(await claims.claim('Ev1')).toBe(true);
    expect(failures).toEqual([new Error('The client is offline')]);
    // Its retry after the store is back: this process remembers, so no second card and no question to the store.
    expect(await claims.claim('Ev1')).toBe(false);
    expect(store.asked).toEqual(['Ev1']);
  });
});
