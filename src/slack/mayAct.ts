import type { Requester } from '../core/requester';
import type { RunRef } from '../core/run';
import type { BotServices } from './services';

/** Whether a run reply shows this requester its act buttons: checked again on every click, so this only decides what shows. */
export async function mayAct(
  services: Pick<BotServices, 'acts'>,
  requester: Requester,
  run: Pick<RunRef, 'workflowId'> | undefined,
): Promise<boolean> {
  if (!services.acts?.actors.enabled || !run) return false;
  return (await services.acts.actors.check(requester, run.workflowId)) === undefined;
}
