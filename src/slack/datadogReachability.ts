import type { DatadogResult } from '../core/failures';
import { checkReachable, type ReachableAndApiKey } from '../core/healthCheck';
import type { Log } from '../core/log';
import type { NetworkCause } from '../core/networkFailure';
import type { DatadogProbe } from '../core/surfacePorts';
import { datadogUnreachableText } from '../render/networkFailure';
import { type Backoff, nextDelay, RetryWarnings, sleep } from './backoff';
import type { Readiness } from './readiness';

/** Causes that say the host was never reached (a cut connection was reached): a lookup failing so starts probing. */
const NEVER_REACHED: ReadonlySet<NetworkCause> = new Set([
  'refused',
  'dns',
  'tls',
  'proxy_refused',
  'no_route',
  'timeout',
  'bad_port',
]);

export interface DatadogReachabilityDeps {
  readiness: Readiness;
  log: Log;
  backoff: Backoff;
}

type Probe = Pick<DatadogProbe, 'validateApiKey' | 'host'>;

/**
 * Whether Datadog answers, in /readyz (`checks.datadog`) and the log: probed once the bot serves, then again with
 * back-off while it does not answer. Every call on the road says so too: an answer passes, a connection that never
 * reached Datadog fails and starts probing again.
 */
export class DatadogReachability {
  private probe: Probe | undefined;
  /** The first outcome of the probing under way, while it goes on. */
  private probing: Promise<ReachableAndApiKey> | undefined;
  private readonly stopping = new AbortController();

  constructor(private readonly deps: DatadogReachabilityDeps) {}

  /** Starts probing `probe` (the Datadog client); settles with the first probe's outcome. */
  watch(probe: Probe): Promise<ReachableAndApiKey> {
    this.probe = probe;
    return this.probeUntilAnswered(probe);
  }

  /** A call's result, from the road's meter. */
  observe(result: DatadogResult<unknown>): void {
    if (result.ok || (result.failure.kind !== 'unreachable' && result.failure.kind !== 'timeout')) {
      this.deps.readiness.pass('datadog');
      return;
    }
    const { failure } = result;
    if (failure.kind === 'unreachable' && failure.cause && NEVER_REACHED.has(failure.cause) && this.probe)
      void this.probeUntilAnswered(this.probe);
  }

  stop(): void {
    this.stopping.abort();
  }

  private probeUntilAnswered(probe: Probe): Promise<ReachableAndApiKey> {
    if (!this.probing) {
      this.probing = new Promise((first) => {
        void this.probeLoop(probe, first).finally(() => {
          this.probing = undefined;
        });
      });
    }
    return this.probing;
  }

  private async probeLoop(probe: Probe, first: (outcome: ReachableAndApiKey) => void): Promise<void> {
    const { readiness, log, backoff } = this.deps;
    const host = probe.host ?? 'Datadog';
    const warnings = new RetryWarnings(log);
    let delay = backoff.firstMs;
    for (let attempt = 1; !this.stopping.signal.aborted; attempt++) {
      const outcome = await checkReachable(probe);
      first(outcome);
      const { reachable, apiKey } = outcome;
      if (reachable.status === 'pass') {
        readiness.pass('datadog');
        log.info(attempt === 1 ? 'datadog answered' : 'datadog answers again', { host, attempt });
        if (apiKey.status === 'invalid' || apiKey.status === 'refused')
          log.warn('datadog did not accept DD_API_KEY: every lookup fails until it is fixed; run dd-instance --check', {
            host,
            api_key: apiKey.status,
          });
        return;
      }
      const why = datadogUnreachableText(reachable.failure, host);
      readiness.fail('datadog', `${why}; retrying`);
      warnings.failed('datadog cannot be reached, retrying', { reason: why, attempt, retry_in_ms: delay });
      await sleep(delay, this.stopping.signal);
      delay = nextDelay(delay, backoff);
    }
  }
}
