import { deferred, loadDeferred } from '../../src/core/deferred';

describe('deferred', () => {
  test('is made once, at its first use, and loadDeferred does not make it again', async () => {
    let made = 0;
    const value = deferred(() => ++made);
    expect(made).toBe(0);
    expect(value()).toBe(1);
    expect(value()).toBe(1);
    await loadDeferred();
    expect(made).toBe(1);
  });

  test('loadDeferred makes what nobody has used yet, each once', async () => {
    const made: string[] = [];
    const first = deferred(() => made.push('first'));
    const second = deferred(() => made.push('second'));
    await loadDeferred();
    expect(made).toEqual(['first', 'second']);
    first();
    second();
    await loadDeferred();
    expect(made).toEqual(['first', 'second']);
  });

  test('loadDeferred gives other work a turn between two loads', async () => {
    const order: string[] = [];
    deferred(() => order.push('first load'));
    deferred(() => order.push('second load'));
    const loading = loadDeferred();
    setImmediate(() => order.push('a request'));
    await loading;
    expect(order).toEqual(['first load', 'a request', 'second load']);
  });
});
