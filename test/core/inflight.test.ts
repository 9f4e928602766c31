import { InFlight } from '../../src/core/inflight';

/** Shutdown's view of promised replies: counted while under way, waited for up to a bound, and cut off on time. */

const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

test('work is counted while under way and forgotten when it ends, resolved or rejected', async () => {
  const inflight = new InFlight();
  const ok = inflight.run(() => later(20).then(() => 'done'));
  const failed = inflight.run(() => later(10).then(() => Promise.reject(new Error('no'))));
  expect(inflight.size).toBe(2);
  await expect(failed).rejects.toThrow('no');
  expect(await ok).toBe('done');
  await later(0);
  expect(inflight.size).toBe(0);
});

test('drain resolves true once all work has ended, and false when the bound passes first', async () => {
  const inflight = new InFlight();
  expect(await inflight.drain(10)).toBe(true);
  void inflight.run(() => later(30));
  expect(await inflight.drain(5000)).toBe(true);
  const stuck = inflight.run(() => new Promise(() => undefined));
  expect(await inflight.drain(20)).toBe(false);
  expect(inflight.size).toBe(1);
  void stuck;
});

test('an answer awaited beforeCutOff comes through until cutOffAfter, and is replaced after it', async () => {
  const inflight = new InFlight();
  expect(
    await inflight.beforeCutOff(
      later(20).then(() => 'answer'),
      'late',
    ),
  ).toBe('answer');
  await expect(inflight.beforeCutOff(Promise.reject(new Error('no')), 'late')).rejects.toThrow('no');
  const stuck = inflight.beforeCutOff(new Promise<string>(() => undefined), 'late');
  let settled = false;
  void stuck.then(() => {
    settled = true;
  });
  await later(20);
  expect(settled).toBe(false);
  inflight.cutOffAfter(10);
  expect(await stuck).toBe('late');
  expect(await inflight.beforeCutOff(new Promise<string>(() => undefined), 'late')).toBe('late');
});

test('full is true once the work under way reaches maxPending, and false again as it ends', async () => {
  const inflight = new InFlight(2);
  const first = inflight.run(() => later(10));
  expect(inflight.full).toBe(false);
  void inflight.run(() => later(30));
  expect(inflight.full).toBe(true);
  await first;
  await later(0);
  expect(inflight.full).toBe(false);
  expect(new InFlight().full).toBe(false);
});
