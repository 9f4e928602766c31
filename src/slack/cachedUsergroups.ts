import { LRUCache } from 'lru-cache';
import type { UsergroupDirectory } from '../core/access';

/** How long a user group's members are trusted before Slack is asked again. */
export const USERGROUP_TTL_MS = 3 * 60_000;

/** A UsergroupDirectory in front of another: each group's members kept a few minutes; a failure is never kept. */
export class CachedUsergroups implements UsergroupDirectory {
  private readonly known = new LRUCache<string, readonly string[]>({ max: 200, ttl: USERGROUP_TTL_MS });
  /** Concurrent asks for one group share one request. */
  private readonly asking = new Map<string, Promise<readonly string[]>>();

  constructor(private readonly directory: UsergroupDirectory) {}

  members(usergroupId: string): Promise<readonly string[]> {
    const known = this.known.get(usergroupId);
    if (known) return Promise.resolve(known);
    const pending = this.asking.get(usergroupId);
    if (pending) return pending;
    const asked = this.directory.members(usergroupId).then((members) => {
      this.known.set(usergroupId, members);
      return members;
    });
    this.asking.set(usergroupId, asked);
    const forget = () => this.asking.delete(usergroupId);
    asked.then(forget, forget);
    return asked;
  }
}
