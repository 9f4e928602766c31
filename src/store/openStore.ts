import type { Log } from '../core/log';
import { HealingStore, type StoreHealth, type StoreOpener } from './healingStore';
import type { RedisSettings } from './redisStore';
import { SqliteStore, sqliteFileLost } from './sqliteStore';

/** Where the store lives: Redis when a URL is given (a fleet, or Heroku), else an SQLite file under `dataDir`. */
export interface StoreSettings {
  dataDir: string;
  redis?: RedisSettings;
}

function opener(settings: StoreSettings): StoreOpener {
  const { redis } = settings;
  if (redis)
    return async (signals) => {
      // Loaded only when a Redis URL is set: the client is about 100 ms of start-up that SQLite users need not pay.
      const { RedisStore } = require('./redisStore') as typeof import('./redisStore');
      const store = await RedisStore.open(redis, signals);
      return { store, sharedRuns: store.sharedRuns() };
    };
  return async () => ({ store: new SqliteStore(settings.dataDir), lost: sqliteFileLost });
}

/**
 * Never throws: tries once now, and a store that cannot be opened (or is lost later) is retried in the background
 * while the bot runs on with follows refused. A damaged SQLite file is left where it is for a person to look at.
 */
export async function openStore(
  settings: StoreSettings,
  log: Log,
  onChange?: (health: StoreHealth) => void,
): Promise<HealingStore> {
  const store = new HealingStore(opener(settings), { kind: settings.redis ? 'redis' : 'sqlite', log, onChange });
  await store.start();
  return store;
}
