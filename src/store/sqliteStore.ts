import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { errorCode } from '../core/errorMessage';
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
import type { RunRef } from '../core/run';
import type { DatadogSite } from '../core/sites';

/** The embedded store: one SQLite file under DATA_DIR. Transactions make each decision atomic, across processes too. */

export const SQLITE_FILE = 'dd-instance.sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (
  run_key TEXT PRIMARY KEY, workflow_id TEXT NOT NULL, instance_id TEXT NOT NULL, site TEXT NOT NULL, since INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS follows (
  run_key TEXT NOT NULL, user_id TEXT NOT NULL, channel_id TEXT, created_at INTEGER NOT NULL,
  PRIMARY KEY (run_key, user_id)
);
CREATE INDEX IF NOT EXISTS follows_by_user ON follows (user_id);
CREATE TABLE IF NOT EXISTS live_messages (
  run_key TEXT NOT NULL, channel_id TEXT NOT NULL, ts TEXT NOT NULL, shared_by TEXT NOT NULL, created_at INTEGER NOT NULL,
  PRIMARY KEY (run_key, channel_id, ts)
);
CREATE TABLE IF NOT EXISTS leases (run_key TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS events (event_id TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
`;

interface RunRow {
  run_key: string;
  workflow_id: string;
  instance_id: string;
  site: string;
  since: number;
}
interface FollowRow extends RunRow {
  user_id: string;
  channel_id: string | null;
  created_at: number;
}
interface LiveRow extends RunRow {
  channel_id: string;
  ts: string;
  shared_by: string;
  created_at: number;
}

function watchedRef(row: RunRow) {
  return { workflowId: row.workflow_id, instanceId: row.instance_id, site: row.site as DatadogSite };
}

function toFollow(row: FollowRow): Follow {
  return {
    userId: row.user_id,
    run: watchedRef(row),
    channelId: row.channel_id ?? undefined,
    createdAt: row.created_at,
  };
}

function toLive(row: LiveRow): LiveMessage {
  return {
    run: watchedRef(row),
    channelId: row.channel_id,
    ts: row.ts,
    sharedBy: row.shared_by,
    createdAt: row.created_at,
  };
}

const FOLLOW_SELECT = `SELECT f.*, r.workflow_id, r.instance_id, r.site, r.since FROM follows f JOIN runs r USING (run_key)`;
const LIVE_SELECT = `SELECT l.*, r.workflow_id, r.instance_id, r.site, r.since FROM live_messages l JOIN runs r USING (run_key)`;

/** SQLite's codes for a file that is gone, damaged or no longer writable: only opening it again can mend those. */
const LOST = /^SQLITE_(CORRUPT|NOTADB|IOERR|CANTOPEN|READONLY)/;

export function sqliteFileLost(err: unknown): boolean {
  return LOST.test(errorCode(err) ?? '');
}

export class SqliteStore implements FollowStore {
  private readonly db: Database.Database;

  /** Opens (or creates) the file; throws when the folder or file cannot be used. */
  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, SQLITE_FILE), { timeout: 5000 });
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.exec(SCHEMA);
    } catch (err) {
      // A file that is no database is only found out here: close it, or every retry would keep one more open.
      this.db.close();
      throw err;
    }
  }

  async addFollow(follow: Follow, caps: FollowCaps): Promise<AddFollowResult> {
    const key = runKey(follow.run);
    return this.db
      .transaction((): AddFollowResult => {
        if (this.db.prepare('SELECT 1 FROM follows WHERE run_key = ? AND user_id = ?').get(key, follow.userId))
          return 'already_following';
        if (this.count('SELECT COUNT(*) AS n FROM follows WHERE user_id = ?', follow.userId) >= caps.perUser)
          return 'user_cap';
        if (!this.addRun(key, follow.run, follow.createdAt, caps.total)) return 'total_cap';
        this.db
          .prepare('INSERT INTO follows (run_key, user_id, channel_id, created_at) VALUES (?, ?, ?, ?)')
          .run(key, follow.userId, follow.channelId ?? null, follow.createdAt);
        return 'added';
      })
      .immediate();
  }

  async listFollows(userId: string): Promise<Follow[]> {
    const rows = this.db.prepare(`${FOLLOW_SELECT} WHERE f.user_id = ? ORDER BY f.created_at`).all(userId);
    return (rows as FollowRow[]).map(toFollow);
  }

  async followersOf(run: RunRef): Promise<Follow[]> {
    const rows = this.db.prepare(`${FOLLOW_SELECT} WHERE f.run_key = ? ORDER BY f.created_at`).all(runKey(run));
    return (rows as FollowRow[]).map(toFollow);
  }

  async takeFollow(userId: string, run: RunRef): Promise<Follow | undefined> {
    const key = runKey(run);
    return this.db
      .transaction(() => {
        const row = this.db.prepare(`${FOLLOW_SELECT} WHERE f.run_key = ? AND f.user_id = ?`).get(key, userId);
        if (!row) return undefined;
        this.db.prepare('DELETE FROM follows WHERE run_key = ? AND user_id = ?').run(key, userId);
        this.dropIfIdle(key);
        return toFollow(row as FollowRow);
      })
      .immediate();
  }

  async addLiveMessage(message: LiveMessage, caps: FollowCaps): Promise<AddLiveResult> {
    const key = runKey(message.run);
    return this.db
      .transaction((): AddLiveResult => {
        if (!this.addRun(key, message.run, message.createdAt, caps.total)) return 'total_cap';
        this.db
          .prepare(
            'INSERT OR IGNORE INTO live_messages (run_key, channel_id, ts, shared_by, created_at) VALUES (?, ?, ?, ?, ?)',
          )
          .run(key, message.channelId, message.ts, message.sharedBy, message.createdAt);
        return 'added';
      })
      .immediate();
  }

  async liveMessagesOf(run: RunRef): Promise<LiveMessage[]> {
    const rows = this.db.prepare(`${LIVE_SELECT} WHERE l.run_key = ? ORDER BY l.created_at`).all(runKey(run));
    return (rows as LiveRow[]).map(toLive);
  }

  async takeLiveMessage(run: RunRef, channelId: string, ts: string): Promise<LiveMessage | undefined> {
    const key = runKey(run);
    return this.db
      .transaction(() => {
        const where = 'WHERE l.run_key = ? AND l.channel_id = ? AND l.ts = ?';
        const row = this.db.prepare(`${LIVE_SELECT} ${where}`).get(key, channelId, ts);
        if (!row) return undefined;
        this.db
          .prepare('DELETE FROM live_messages WHERE run_key = ? AND channel_id = ? AND ts = ?')
          .run(key, channelId, ts);
        this.dropIfIdle(key);
        return toLive(row as LiveRow);
      })
      .immediate();
  }

  async watchedRuns(): Promise<WatchedRun[]> {
    const rows = this.db.prepare('SELECT * FROM runs ORDER BY since').all() as RunRow[];
    return rows.map((row) => ({ run: watchedRef(row), since: row.since }));
  }

  async dropRunIfIdle(run: RunRef): Promise<boolean> {
    const key = runKey(run);
    return this.db.transaction(() => this.dropIfIdle(key)).immediate();
  }

  async takeLease(run: RunRef, owner: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    const taken = this.db
      .prepare(
        `INSERT INTO leases (run_key, owner, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (run_key) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
         WHERE leases.expires_at <= ? OR leases.owner = excluded.owner`,
      )
      .run(runKey(run), owner, now + ttlMs, now);
    return taken.changes === 1;
  }

  async renewLease(run: RunRef, owner: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    const renewed = this.db
      .prepare('UPDATE leases SET expires_at = ? WHERE run_key = ? AND owner = ? AND expires_at > ?')
      .run(now + ttlMs, runKey(run), owner, now);
    return renewed.changes === 1;
  }

  async releaseLease(run: RunRef, owner: string): Promise<void> {
    this.db.prepare('DELETE FROM leases WHERE run_key = ? AND owner = ?').run(runKey(run), owner);
  }

  async claimEvent(eventId: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    const claimed = this.db
      .prepare(
        `INSERT INTO events (event_id, expires_at) VALUES (?, ?)
         ON CONFLICT (event_id) DO UPDATE SET expires_at = excluded.expires_at WHERE events.expires_at <= ?`,
      )
      .run(eventId, now + ttlMs, now);
    // Old claims are swept now and then rather than on every call.
    if (Math.random() < 0.01) this.db.prepare('DELETE FROM events WHERE expires_at <= ?').run(now);
    return claimed.changes === 1;
  }

  async close(): Promise<void> {
    this.db.close();
  }

  /** Stops watching the run when no follow or live message hangs on it; call inside a transaction. */
  private dropIfIdle(key: string): boolean {
    const busy =
      this.db.prepare('SELECT 1 FROM follows WHERE run_key = ?').get(key) ??
      this.db.prepare('SELECT 1 FROM live_messages WHERE run_key = ?').get(key);
    if (busy) return false;
    this.db.prepare('DELETE FROM runs WHERE run_key = ?').run(key);
    return true;
  }

  private count(sql: string, ...params: unknown[]): number {
    return (this.db.prepare(sql).get(...params) as { n: number }).n;
  }

  /** Starts watching the run unless it is already watched; false when that would pass the total cap. */
  private addRun(key: string, run: Follow['run'], since: number, total: number): boolean {
    if (this.db.prepare('SELECT 1 FROM runs WHERE run_key = ?').get(key)) return true;
    if (this.count('SELECT COUNT(*) AS n FROM runs') >= total) return false;
    this.db
      .prepare('INSERT INTO runs (run_key, workflow_id, instance_id, site, since) VALUES (?, ?, ?, ?, ?)')
      .run(key, run.workflowId, run.instanceId, run.site, since);
    return true;
  }
}
