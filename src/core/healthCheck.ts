import type { DatadogFailure } from './failures';
import { type Clock, systemClock } from './ports';
import type { DatadogSite } from './sites';
import type { DatadogProbe } from './surfacePorts';

/** Can the bot read workflow runs with its settings? Each part said apart; the CLI's --check and App Home show it. */

type NetworkFailure = Extract<DatadogFailure, { kind: 'timeout' | 'unreachable' }>;

export type ReachableCheck = { status: 'pass' } | { status: 'fail'; failure: NetworkFailure };

export type ApiKeyCheck =
  | { status: 'pass' }
  /** Datadog answered, and says this API key is not valid. */
  | { status: 'invalid' }
  | { status: 'refused'; httpStatus: number }
  | { status: 'unknown'; failure: DatadogFailure }
  | { status: 'skipped'; because: 'unreachable' };

export type AppKeyCheck =
  | { status: 'pass' }
  | { status: 'refused'; httpStatus: number }
  | { status: 'unknown'; failure: DatadogFailure }
  | { status: 'skipped'; because: 'api_key' };

export interface HealthOutcome {
  ok: boolean;
  site: DatadogSite;
  reachable: ReachableCheck;
  apiKey: ApiKeyCheck;
  appKey: AppKeyCheck;
  at: Date;
  /** The API host asked, when the probe says. */
  host?: string;
}

/** What one auth.test with SLACK_BOT_TOKEN said: accepted, refused, or why Slack gave no answer (host, cause, next step). */
export type SlackTokenAnswer =
  | { status: 'pass'; team?: string; botId?: string; botUserId?: string }
  | { status: 'rejected'; code: string }
  | { status: 'unanswered'; why: string };

/** A workflow that cannot exist: Datadog answers 404 when the app key may read workflows, 403 when it may not. */
export const NIL_WORKFLOW = '00000000-0000-0000-0000-000000000000';

const isNetwork = (failure: DatadogFailure): failure is NetworkFailure =>
  failure.kind === 'timeout' || failure.kind === 'unreachable';

export interface ReachableAndApiKey {
  reachable: ReachableCheck;
  apiKey: ApiKeyCheck;
}

function apiKeyParts(validated: Awaited<ReturnType<DatadogProbe['validateApiKey']>>): ReachableAndApiKey {
  if (validated.ok)
    return { reachable: { status: 'pass' }, apiKey: { status: validated.value.valid ? 'pass' : 'invalid' } };
  const { failure } = validated;
  if (isNetwork(failure))
    return { reachable: { status: 'fail', failure }, apiKey: { status: 'skipped', because: 'unreachable' } };
  return {
    reachable: { status: 'pass' },
    apiKey:
      failure.kind === 'forbidden' ? { status: 'refused', httpStatus: failure.status } : { status: 'unknown', failure },
  };
}

function appKeyPart(result: Awaited<ReturnType<DatadogProbe['getWorkflow']>>): AppKeyCheck {
  if (result.ok || result.failure.kind === 'not_found') return { status: 'pass' };
  const { failure } = result;
  return failure.kind === 'forbidden'
    ? { status: 'refused', httpStatus: failure.status }
    : { status: 'unknown', failure };
}

/** One GET /api/v1/validate: does Datadog answer, and does it take DD_API_KEY? The bot's start-up probe. */
export async function checkReachable(probe: Pick<DatadogProbe, 'validateApiKey'>): Promise<ReachableAndApiKey> {
  return apiKeyParts(await probe.validateApiKey());
}

/** Checks in order, stopping where a later part cannot be told apart from an earlier failure. */
export async function checkDatadogHealth(
  probe: DatadogProbe,
  site: DatadogSite,
  clock: Clock = systemClock,
): Promise<HealthOutcome> {
  const { reachable, apiKey } = await checkReachable(probe);
  const appKey: AppKeyCheck =
    apiKey.status === 'pass'
      ? appKeyPart(await probe.getWorkflow(NIL_WORKFLOW))
      : { status: 'skipped', because: 'api_key' };
  return { ok: appKey.status === 'pass', site, reachable, apiKey, appKey, at: clock(), host: probe.host };
}
