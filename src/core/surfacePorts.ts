import type { DatadogFailure, DatadogResult } from './failures';
import type { RunSource } from './ports';
import type { RunRef, WorkflowRun } from './run';

/** Ports the unfurl and App Home surfaces need; adapters live outside core (src/store/ for the in-process ones). */

/**
 * Slack retries an event it thinks was missed, with the same `event_id`: the first claim of an ID wins, later ones
 * are told no. In-process here; a store shared by a fleet can implement it too (e.g. `SET key 1 NX PX ttl`).
 * Request signatures are claimed here too, for `ttlMs` (the claims' own TTL when absent).
 */
export interface EventClaims {
  claim(eventId: string, ttlMs?: number): Promise<boolean>;
}

/** One run a user looked up, as App Home lists it: small, with nothing secret. */
export interface RecentLookup {
  ref: RunRef;
  at: Date;
  result:
    | { ok: true; run: Pick<WorkflowRun, 'statusKind' | 'statusName' | 'workflowName'> }
    | { ok: false; failure: DatadogFailure };
}

/** A bounded memory of each user's last lookups, newest first; the same run looked up again moves to the top. */
export interface RecentLookups {
  record(userId: string, lookup: RecentLookup): Promise<void>;
  list(userId: string): Promise<RecentLookup[]>;
}

/** A run a user follows, as App Home lists it. */
export interface FollowedRun {
  ref: RunRef;
  /** The channel where the follow was made. */
  channelId?: string;
  since: Date;
  workflowName?: string;
}

/** Read side of the follows store: App Home lists a user's followed runs through it (absent: none shown). */
export interface FollowsView {
  listFollows(userId: string): Promise<FollowedRun[]>;
}

/** What the health check asks Datadog: the API key alone, then a workflow lookup with the application key. */
export interface DatadogProbe extends Pick<RunSource, 'getWorkflow'> {
  validateApiKey(): Promise<DatadogResult<{ valid: boolean }>>;
  /** The API host asked, so an unreachable one is named. */
  readonly host?: string;
}
