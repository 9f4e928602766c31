import type { Button } from '@slack/types';
import { z } from 'zod';
import { isUuid, type RunRef } from '../datadog/model';
import { SITE_NAMES, type DatadogSite } from '../datadog/sites';
import { LIMITS } from './limits';

/** The buttons on run replies, and the run reference each one carries in its value. */

export const RUN_ACTIONS = {
  refresh: 'run_refresh',
  share: 'run_share',
  fullError: 'run_full_error',
  view: 'run_view',
} as const;

/** What a button value names: a run on a Datadog site, never anything secret. */
export interface ButtonRun extends RunRef {
  site: DatadogSite;
}

const SEPARATOR = '|';
const uuid = z.string().refine(isUuid).transform((id) => id.toLowerCase());

const buttonValueSchema = z
  .string()
  .max(LIMITS.buttonValue)
  .transform((value) => value.split(SEPARATOR))
  .pipe(z.tuple([uuid, uuid, z.enum(SITE_NAMES as [DatadogSite, ...DatadogSite[]])]))
  .transform(([workflowId, instanceId, site]): ButtonRun => ({ workflowId, instanceId, site }));

/** `<workflow>|<instance>|<site>`: about 90 characters, well under Slack's 2000. */
export function runButtonValue(ref: RunRef, site: DatadogSite): string {
  return [ref.workflowId, ref.instanceId, site].join(SEPARATOR);
}

/** Reads a value back; anything forged or garbled is undefined, never a throw. */
export function parseRunButtonValue(value: unknown): ButtonRun | undefined {
  const parsed = buttonValueSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export function runButton(actionId: string, label: string, ref: RunRef, site: DatadogSite, style?: 'primary'): Button {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text: label }, value: runButtonValue(ref, site), ...(style ? { style } : {}) };
}
