import { errorMessage } from '../core/errorMessage';
import type { FollowStore } from '../core/follows';
import type { SharedRunCache } from '../core/ports';
import type { RedisSettings } from './redisStore';
import { SqliteStore } from './sqliteStore';

/** Where the store lives: Redis when a URL is given (a fleet, or Heroku), else an SQLite file under `dataDir`. */
export interface StoreSettings {
  dataDir: string;
  redis?: RedisSettings;
}

export type OpenedStore =
  /** `sharedRuns`: with Redis, ended runs shared by the fleet (one process on SQLite has its own cache). */
  | { ok: true; store: FollowStore; kind: 'redis' | 'sqlite'; sharedRuns?: SharedRunCache }
  | { ok: false; kind: 'redis' | 'sqlite'; reason: string };

/** Never throws: a store that cannot be opened is reported, and the bot runs on with follows refused. */
export async function openStore(
  settings: StoreSettings,
  onRedisError: (message: string) => void,
): Promise<OpenedStore> {
  if (settings.redis) {
    try {
      // Loaded only when a Redis URL is set: the client is about 100 ms of start-up that SQLite users need not pay.
      const { RedisStore } = require('./redisStore') as typeof import('./redisStore');
      const store = await RedisStore.open(settings.redis, onRedisError);
      return { ok: true, kind: 'redis', store, sharedRuns: store.sharedRuns() };
    } catch (err) {
      return { ok: false, kind: 'redis', reason: errorMessage(err) };
    }
  }
  try {
    return { ok: true, kind: 'sqlite', store: new SqliteStore(settings.dataDir) };
  } catch (err) {
    return { ok: false, kind: 'sqlite', reason: errorMessage(err) };
  }
}
