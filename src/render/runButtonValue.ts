import { isUuid, type RunRef, type SiteRun } from '../core/run';
import { type DatadogSite, isDatadogSite } from '../core/sites';
import { LIMITS } from './limits';

/** The run reference a run button carries in its value: a run on a Datadog site, never anything secret. */

const SEPARATOR = '|';

/** `<workflow>|<instance>|<site>`: about 90 characters, well under Slack's 2000. */
export function runButtonValue(ref: RunRef, site: DatadogSite): string {
  return [ref.workflowId, ref.instanceId, site].join(SEPARATOR);
}

/** Reads a value back; anything forged or garbled is undefined, never a throw. */
export function parseRunButtonValue(value: unknown): SiteRun | undefined {
  if (typeof value !== 'string' || value.length > LIMITS.buttonValue) return undefined;
  const [workflowId, instanceId, site, ...extra] = value.split(SEPARATOR);
  if (extra.length > 0 || !workflowId || !instanceId || !site) return undefined;
  if (!isUuid(workflowId) || !isUuid(instanceId) || !isDatadogSite(site)) return undefined;
  return { workflowId: workflowId.toLowerCase(), instanceId: instanceId.toLowerCase(), site };
}
