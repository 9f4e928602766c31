import { z } from 'zod';
import type { SiteRun } from '../core/run';
import { isUuid, type RunRef } from '../core/run';
import { type DatadogSite, SITE_NAMES } from '../core/sites';
import { LIMITS } from '../render/limits';

/** The run reference a run button carries in its value: a run on a Datadog site, never anything secret. */

const SEPARATOR = '|';
const uuid = z
  .string()
  .refine(isUuid)
  .transform((id) => id.toLowerCase());

const buttonValueSchema = z
  .string()
  .max(LIMITS.buttonValue)
  .transform((value) => value.split(SEPARATOR))
  .pipe(z.tuple([uuid, uuid, z.enum(SITE_NAMES as [DatadogSite, ...DatadogSite[]])]))
  .transform(([workflowId, instanceId, site]): SiteRun => ({ workflowId, instanceId, site }));

/** `<workflow>|<instance>|<site>`: about 90 characters, well under Slack's 2000. */
export function runButtonValue(ref: RunRef, site: DatadogSite): string {
  return [ref.workflowId, ref.instanceId, site].join(SEPARATOR);
}

/** Reads a value back; anything forged or garbled is undefined, never a throw. */
export function parseRunButtonValue(value: unknown): SiteRun | undefined {
  const parsed = buttonValueSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
