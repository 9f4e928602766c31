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

test('cutOff settles only after cutOffAfter, and not before', async () => {
  const inflight = new InFlight();
  let cut = false;
  void inflight.cutOff.then(() => {
    cut = true;
  });
  await later(20);
  expect(cut).toBe(false);
  inflight.cutOffAfter(10);
  await later(60);
  expect(cut).toBe(true);
});
