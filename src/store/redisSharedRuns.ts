import type { createClient } from 'redis';
import { runKey } from '../core/follows';
import type { SharedRun, SharedRunCache } from '../core/ports';
import type { RunRef, WorkflowRun } from '../core/run';

/** Ended runs in Redis for the whole fleet: one JSON value per run, expiring with the finished-run lifetime. */

type Client = Pick<ReturnType<typeof createClient>, 'get' | 'set'>;

type Stored = { run: Omit<WorkflowRun, 'startedAt' | 'endedAt'> & { startedAt?: string; endedAt?: string } } & {
  fetchedAt: string;
};

function decode(text: string): SharedRun {
  const { run, fetchedAt } = JSON.parse(text) as Stored;
  const { startedAt, endedAt, ...rest } = run;
  return {
    run: {
      ...rest,
      ...(startedAt ? { startedAt: new Date(startedAt) } : {}),
      ...(endedAt ? { endedAt: new Date(endedAt) } : {}),
    },
    fetchedAt: new Date(fetchedAt),
  };
}

export class RedisSharedRuns implements SharedRunCache {
  constructor(
    private readonly client: Client,
    /** Every key starts with it: the store's prefix and `run:`. */
    private readonly prefix: string,
  ) {}

  async get(ref: RunRef): Promise<SharedRun | undefined> {
    const text = await this.client.get(this.key(ref));
    return typeof text === 'string' ? decode(text) : undefined;
  }

  async put(shared: SharedRun, ttlMs: number): Promise<void> {
    // JSON writes the dates as ISO strings; decode reads them back.
    await this.client.set(this.key(shared.run), JSON.stringify(shared), { expiration: { type: 'PX', value: ttlMs } });
  }

  private key(ref: RunRef): string {
    return `${this.prefix}${runKey(ref)}`;
  }
}
