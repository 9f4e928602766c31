import { LRUCache } from 'lru-cache';
import type { RecentLookup, RecentLookups } from '../core/surfacePorts';

export interface RecentLookupsOptions {
  /** Lookups kept per user. */
  perUser?: number;
  /** Users remembered; the least recently active are forgotten first. */
  users?: number;
}

const sameRun = (a: RecentLookup, b: RecentLookup) =>
  a.ref.workflowId === b.ref.workflowId && a.ref.instanceId === b.ref.instanceId;

/** Each user's last lookups in this process's memory: lost on restart, which is fine for a convenience list. */
export class LruRecentLookups implements RecentLookups {
  private readonly byUser: LRUCache<string, RecentLookup[]>;
  private readonly perUser: number;

  constructor({ perUser = 5, users = 1000 }: RecentLookupsOptions = {}) {
    this.perUser = perUser;
    this.byUser = new LRUCache({ max: users });
  }

  async record(userId: string, lookup: RecentLookup): Promise<void> {
    const earlier = (this.byUser.get(userId) ?? []).filter((entry) => !sameRun(entry, lookup));
    this.byUser.set(userId, [lookup, ...earlier].slice(0, this.perUser));
  }

  async list(userId: string): Promise<RecentLookup[]> {
    return [...(this.byUser.get(userId) ?? [])];
  }
}
