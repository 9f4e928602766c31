import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';

/** The Redis every dev and CI machine runs; tests use their own key prefix and remove their keys after. */
export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

export function uniquePrefix(what: string): string {
  return `dd-instance-test:${what}:${randomUUID()}:`;
}

/** Fails loudly, never skips, when Redis is not there. */
export async function requireRedis(): Promise<void> {
  const client = createClient({ url: TEST_REDIS_URL, socket: { reconnectStrategy: false, connectTimeout: 2000 } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    throw new Error(
      `These tests need Redis at ${TEST_REDIS_URL} (it runs on every dev and CI machine); it is unreachable: ${err instanceof Error ? err.message : String(err)}`,
    );
  } finally {
    client.destroy();
  }
}

/** Deletes every key under the prefix; returns how many there were. */
export async function removeKeys(prefix: string): Promise<number> {
  const client = createClient({ url: TEST_REDIS_URL });
  client.on('error', () => undefined);
  await client.connect();
  let removed = 0;
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    if (keys.length > 0) removed += await client.del(keys);
  }
  client.destroy();
  return removed;
}

/** For a store opened directly in a test: nobody listens to its drops and returns. */
export const UNHEARD = { down: () => undefined, up: () => undefined };
