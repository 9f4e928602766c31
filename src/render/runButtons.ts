import type { Button } from '@slack/types';
import type { RunRef } from '../core/run';
import type { DatadogSite } from '../core/sites';
import { runButtonValue } from './runButtonValue';

/** A button on a run reply, carrying the run in its value. */
export function runButton(actionId: string, label: string, ref: RunRef, site: DatadogSite): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: label },
    value: runButtonValue(ref, site),
  };
}
