import { LRUCache } from 'lru-cache';
import type { EventClaims } from '../core/surfacePorts';

export interface EventClaimsOptions {
  /** How long an event ID is remembered; Slack retries over a few minutes. */
  ttlMs?: number;
  /** At most this many IDs are remembered, so a flood of events cannot grow memory without bound. */
  max?: number;
}

/** Slack event IDs claimed in this process: enough for one bot process, not for a fleet (see EventClaims). */
export class InProcessEventClaims implements EventClaims {
  private readonly claimed: LRUCache<string, true>;

  constructor({ ttlMs = 60 * 60 * 1000, max = 10_000 }: EventClaimsOptions = {}) {
    this.claimed = new LRUCache({ max, ttl: ttlMs });
  }

  async claim(eventId: string, ttlMs?: number): Promise<boolean> {
    if (this.claimed.has(eventId)) return false;
    this.claimed.set(eventId, true, { ttl: ttlMs });
    return true;
  }
}

/**
 * Claims in this process first, then in the fleet's store. A store that is down or throws leaves this process's
 * word: across replicas that may mean a duplicate card, never a missing one.
 */
export class FleetEventClaims implements EventClaims {
  constructor(
    private readonly fleet: EventClaims,
    private readonly local: EventClaims,
    private readonly onStoreFailed: (err: unknown) => void,
  ) {}

  async claim(eventId: string, ttlMs?: number): Promise<boolean> {
    if (!(await this.local.claim(eventId, ttlMs))) return false;
    try {
      return await this.fleet.claim(eventId, ttlMs);
    } catch (err) {
      this.onStoreFailed(err);
      return true;
    }
  }
}
