import { createClient } from 'redis';
import { errorMessage } from '../core/errorMessage';
import type {
  AddFollowResult,
  AddLiveResult,
  Follow,
  FollowCaps,
  FollowStore,
  LiveMessage,
  WatchedRun,
} from '../core/follows';
import { runKey } from '../core/follows';
import type { SharedRunCache } from '../core/ports';
import type { RunRef } from '../core/run';
import type { StoreSignals } from './healingStore';
import { RedisSharedRuns } from './redisSharedRuns';
import { storeRetryDelayMs } from './retryDelay';

/**
 * The fleet's store: Redis, keys under one prefix. Every "who does this" decision is one Lua script or one
 * `SET NX`, so exactly one replica wins it.
 */

export interface RedisSettings {
  url: string;
  prefix: string;
  /** false only for a server with a self-signed certificate (Heroku's key-value add-on). */
  tlsVerify: boolean;
  connectTimeoutMs?: number;
}

/** Takes a follow if no cap says no. KEYS: runs, follows:run, user:id. ARGV: run key, user, follow, run, caps. */
const ADD_FOLLOW = `
if redis.call('HEXISTS', KEYS[2], ARGV[2]) == 1 then return 'already_following' end
if redis.call('HLEN', KEYS[3]) >= tonumber(ARGV[5]) then return 'user_cap' end
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then
  if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[6]) then return 'total_cap' end
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[4])
end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
return 'added'`;

/** KEYS: runs, live:run. ARGV: run key, message field, message, run, total cap. */
const ADD_LIVE = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then
  if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[5]) then return 'total_cap' end
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[4])
end
redis.call('HSETNX', KEYS[2], ARGV[2], ARGV[3])
return 'added'`;

/**
 * Removes a follow or live message and returns it to exactly one caller; a run nothing hangs on any more stops
 * counting toward the total cap at once. KEYS: the hash, runs, follows:run, live:run, then user:id for a follow.
 * ARGV: field, run key.
 */
const TAKE_FIELD = `
local value = redis.call('HGET', KEYS[1], ARGV[1])
if not value then return false end
redis.call('HDEL', KEYS[1], ARGV[1])
if KEYS[5] then redis.call('HDEL', KEYS[5], ARGV[2]) end
if redis.call('HLEN', KEYS[3]) == 0 and redis.call('HLEN', KEYS[4]) == 0 then redis.call('HDEL', KEYS[2], ARGV[2]) end
return value`;

/** KEYS: runs, follows:run, live:run. ARGV: run key. */
const DROP_IF_IDLE = `
if redis.call('HLEN', KEYS[2]) > 0 or redis.call('HLEN', KEYS[3]) > 0 then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
return 1`;

/** Extends a lease only for its holder. KEYS: lease. ARGV: owner, ttl ms. */
const RENEW_LEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

const RELEASE_LEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

type Client = ReturnType<typeof createClient>;

function byCreation<T extends { createdAt: number }>(values: string[]): T[] {
  return values.map((value) => JSON.parse(value) as T).sort((a, b) => a.createdAt - b.createdAt);
}

export class RedisStore implements FollowStore {
  private constructor(
    private readonly client: Client,
    private readonly prefix: string,
  ) {}

  /**
   * Connects once and throws when Redis cannot be reached (with the client's error, which never quotes the URL), so the caller can retry; once
   * connected, the client reconnects by itself with back-off and `signals` hears each drop and each return.
   */
  static async open(settings: RedisSettings, signals: StoreSignals): Promise<RedisStore> {
    let connected = false;
    const tls = settings.url.startsWith('rediss://');
    const client = createClient({
      url: settings.url,
      // Commands fail at once while Redis is away, so a click gets its "unavailable" reply instead of hanging.
      disableOfflineQueue: true,
      socket: {
        connectTimeout: settings.connectTimeoutMs ?? 5000,
        ...(tls ? { tls: true as const, rejectUnauthorized: settings.tlsVerify } : {}),
        // A first connection that fails is the caller's to retry; after one, reconnect for as long as it takes.
        reconnectStrategy: (retries: number) => (connected ? storeRetryDelayMs(retries) : false),
      },
    });
    client.on('error', (err: unknown) => {
      // Only a lost connection counts: an error on a socket still ready would never be followed by 'ready'.
      if (connected && !client.isReady) signals.down(`Redis connection lost: ${errorMessage(err)}`);
    });
    client.on('ready', () => {
      if (connected) signals.up();
    });
    try {
      await client.connect();
    } catch (err) {
      client.destroy();
      throw new Error(`Redis unreachable: ${errorMessage(err)}`);
    }
    connected = true;
    return new RedisStore(client as Client, settings.prefix);
  }

  async addFollow(follow: Follow, caps: FollowCaps): Promise<AddFollowResult> {
    const key = runKey(follow.run);
    const watched: WatchedRun = { run: follow.run, since: follow.createdAt };
    return (await this.eval(
      ADD_FOLLOW,
      [this.key('runs'), this.key('follows', key), this.key('user', follow.userId)],
      [key, follow.userId, JSON.stringify(follow), JSON.stringify(watched), caps.perUser, caps.total],
    )) as AddFollowResult;
  }

  async listFollows(userId: string): Promise<Follow[]> {
    return byCreation<Follow>(await this.client.hVals(this.key('user', userId)));
  }

  async followersOf(run: RunRef): Promise<Follow[]> {
    return byCreation<Follow>(await this.client.hVals(this.key('follows', runKey(run))));
  }

  async takeFollow(userId: string, run: RunRef): Promise<Follow | undefined> {
    const key = runKey(run);
    const taken = await this.eval(
      TAKE_FIELD,
      [this.key('follows', key), ...this.runKeys(key), this.key('user', userId)],
      [userId, key],
    );
    return typeof taken === 'string' ? (JSON.parse(taken) as Follow) : undefined;
  }

  async addLiveMessage(message: LiveMessage, caps: FollowCaps): Promise<AddLiveResult> {
    const key = runKey(message.run);
    const watched: WatchedRun = { run: message.run, since: message.createdAt };
    return (await this.eval(
      ADD_LIVE,
      [this.key('runs'), this.key('live', key)],
      [key, `${message.channelId}|${message.ts}`, JSON.stringify(message), JSON.stringify(watched), caps.total],
    )) as AddLiveResult;
  }

  async liveMessagesOf(run: RunRef): Promise<LiveMessage[]> {
    return byCreation<LiveMessage>(await this.client.hVals(this.key('live', runKey(run))));
  }

  async takeLiveMessage(run: RunRef, channelId: string, ts: string): Promise<LiveMessage | undefined> {
    const key = runKey(run);
    const taken = await this.eval(
      TAKE_FIELD,
      [this.key('live', key), ...this.runKeys(key)],
      [`${channelId}|${ts}`, key],
    );
    return typeof taken === 'string' ? (JSON.parse(taken) as LiveMessage) : undefined;
  }

  async watchedRuns(): Promise<WatchedRun[]> {
    const runs = (await this.client.hVals(this.key('runs'))).map((value) => JSON.parse(value) as WatchedRun);
    return runs.sort((a, b) => a.since - b.since);
  }

  async dropRunIfIdle(run: RunRef): Promise<boolean> {
    const key = runKey(run);
    const dropped = await this.eval(DROP_IF_IDLE, this.runKeys(key), [key]);
    return dropped === 1;
  }

  async takeLease(run: RunRef, owner: string, ttlMs: number): Promise<boolean> {
    const taken = await this.client.set(this.key('lease', runKey(run)), owner, {
      condition: 'NX',
      expiration: { type: 'PX', value: ttlMs },
    });
    return taken === 'OK' || (await this.renewLease(run, owner, ttlMs));
  }

  async renewLease(run: RunRef, owner: string, ttlMs: number): Promise<boolean> {
    return (await this.eval(RENEW_LEASE, [this.key('lease', runKey(run))], [owner, ttlMs])) === 1;
  }

  async releaseLease(run: RunRef, owner: string): Promise<void> {
    await this.eval(RELEASE_LEASE, [this.key('lease', runKey(run))], [owner]);
  }

  async claimEvent(eventId: string, ttlMs: number): Promise<boolean> {
    const claimed = await this.client.set(this.key('event', eventId), '1', {
      condition: 'NX',
      expiration: { type: 'PX', value: ttlMs },
    });
    return claimed === 'OK';
  }

  /** The fleet's shared cache of ended runs, on the same connection and under the same prefix. */
  sharedRuns(): SharedRunCache {
    return new RedisSharedRuns(this.client, this.key('run', ''));
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  /** The watched runs, then what hangs on one run: its follows and its live messages. */
  private runKeys(key: string): string[] {
    return [this.key('runs'), this.key('follows', key), this.key('live', key)];
  }

  private key(...parts: string[]): string {
    return `${this.prefix}${parts.join(':')}`;
  }

  private eval(script: string, keys: string[], args: Array<string | number>): Promise<unknown> {
    return this.client.eval(script, { keys, arguments: args.map(String) });
  }
}
