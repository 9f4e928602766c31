import type { ActorPolicy, ActRefusal } from './actors';
import { type DatadogFailure, type DatadogResult, failureTag } from './failures';
import { type ActionObserver, type Clock, type RunActions, systemClock } from './ports';
import type { RefusalReason, Requester } from './requester';
import type { EventClaims } from './surfacePorts';

/**
 * The one way an act (cancel, run) reaches Datadog: the actor rules first; then one call per act however many
 * clicks, submits or replicas ask for it at once; and one audit event for every attempt, refused ones included.
 */

export interface ActAttempt {
  act: 'cancel' | 'run';
  requester: Requester;
  workflowId: string;
  /** The run acted on (cancel), or the run a new one repeats (run again). */
  instanceId?: string;
  /** The names of the inputs given to a new run; their values are never recorded. */
  inputNames?: string[];
}

export interface AttemptOptions<T> {
  /** Attempts with the same key make one call: in this process they share its result, in a fleet the store's claim decides. */
  onceKey?: string;
  /** The new run's ID in a result, for the audit line. */
  newInstanceId?: (value: T) => string | undefined;
  /** This act's claim time, when it differs from the gate's (a form is submitted once, so its claim can outlast any replay). */
  claimTtlMs?: number;
}

export type ActResult<T> = (
  | { ok: true; value: T }
  | { ok: false; refused: ActRefusal | RefusalReason }
  | { ok: false; failure: DatadogFailure }
  /** Another replica claimed this same act first: this attempt made no call. */
  | { ok: false; elsewhere: true }
) & {
  /** Another attempt in this process made the call, and this one shares its result. */
  joined?: true;
};

export interface ActGateDeps {
  actors: ActorPolicy;
  /** Datadog's write calls: only this gate makes them. */
  actions: RunActions;
  /** The fleet's claims (`FleetEventClaims`): without them, acts are made once per process only. */
  claims?: EventClaims;
  /**
   * How long a claimed act stays claimed: clicks on it within this time make no call. Short, as a claim is never
   * handed back: a retry after a failure (a 429, a time-out) waits this long.
   */
  claimTtlMs?: number;
  /** Told of every attempt (the audit trail, metrics). */
  observer?: ActionObserver;
  clock?: Clock;
}

const CLAIM_TTL_MS = 10_000;

export class ActGate {
  readonly actors: ActorPolicy;
  private readonly clock: Clock;
  private readonly flights = new Map<string, Promise<ActResult<unknown>>>();

  constructor(private readonly deps: ActGateDeps) {
    this.actors = deps.actors;
    this.clock = deps.clock ?? systemClock;
  }

  /** Refused before any call when the requester may not act; otherwise the act's one call, shared or claimed by key. */
  async attempt<T>(
    attempt: ActAttempt,
    call: (actions: RunActions) => Promise<DatadogResult<T>>,
    options: AttemptOptions<T> = {},
  ): Promise<ActResult<T>> {
    const started = this.clock().getTime();
    const refused = await this.actors.check(attempt.requester, attempt.workflowId);
    if (refused) {
      this.record(attempt, started, 'refused', { refusal: refused });
      return { ok: false, refused };
    }
    const { onceKey } = options;
    const running =
      onceKey === undefined ? undefined : (this.flights.get(onceKey) as Promise<ActResult<T>> | undefined);
    if (running) {
      const shared = await running;
      this.record(attempt, started, 'joined', {});
      return { ...shared, joined: true };
    }
    const flight = this.callOnce(attempt, started, call, options);
    if (onceKey === undefined) return flight;
    this.flights.set(onceKey, flight);
    try {
      return await flight;
    } finally {
      this.flights.delete(onceKey);
    }
  }

  private async callOnce<T>(
    attempt: ActAttempt,
    started: number,
    call: (actions: RunActions) => Promise<DatadogResult<T>>,
    { onceKey, newInstanceId, claimTtlMs }: AttemptOptions<T>,
  ): Promise<ActResult<T>> {
    const { claims } = this.deps;
    if (
      onceKey !== undefined &&
      claims &&
      !(await claims.claim(`act:${onceKey}`, claimTtlMs ?? this.deps.claimTtlMs ?? CLAIM_TTL_MS))
    ) {
      this.record(attempt, started, 'elsewhere', {});
      return { ok: false, elsewhere: true };
    }
    const result = await call(this.deps.actions);
    if (result.ok) this.record(attempt, started, 'done', { newInstanceId: newInstanceId?.(result.value) });
    else this.record(attempt, started, failureTag(result.failure), {});
    return result;
  }

  private record(
    attempt: ActAttempt,
    startedAt: number,
    outcome: string,
    extra: { refusal?: ActRefusal | RefusalReason; newInstanceId?: string },
  ): void {
    this.deps.observer?.({
      kind: 'act',
      act: attempt.act,
      entryPoint: attempt.requester.via ?? 'unknown',
      outcome,
      latencyMs: this.clock().getTime() - startedAt,
      requester: attempt.requester,
      workflowId: attempt.workflowId,
      instanceId: attempt.instanceId,
      ...(attempt.inputNames ? { inputNames: attempt.inputNames } : {}),
      ...extra,
    });
  }
}
