import { checkDatadogHealth, type HealthOutcome } from './healthCheck';
import { type Clock, systemClock } from './ports';
import type { DatadogSite } from './sites';
import type { DatadogProbe } from './surfacePorts';

/** How long App Home shows one health check: any number of opens cost Datadog at most one check this often. */
export const HOME_HEALTH_TTL_MS = 30_000;

/**
 * The health check over a probe, made at most once per `ttlMs`: opens while it runs share it, later ones get its
 * outcome until it is `ttlMs` old. The outcome keeps its own `at`, so Home says when Datadog was really asked.
 */
export class CachedHealthCheck {
  private last: { startedAt: number; outcome: Promise<HealthOutcome> } | undefined;

  constructor(
    private readonly probe: DatadogProbe,
    private readonly site: DatadogSite,
    private readonly clock: Clock = systemClock,
    private readonly ttlMs = HOME_HEALTH_TTL_MS,
  ) {}

  check(): Promise<HealthOutcome> {
    const now = this.clock().getTime();
    const { last } = this;
    // A clock set back is not trusted to say the check is still fresh.
    if (last && now >= last.startedAt && now - last.startedAt < this.ttlMs) return last.outcome;
    const outcome = checkDatadogHealth(this.probe, this.site, this.clock);
    this.last = { startedAt: now, outcome };
    return outcome;
  }
}
