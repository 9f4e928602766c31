import type { ModalView } from '@slack/types';
import type { LiveState } from '../core/follows';
import type {
  ButtonOutcome,
  CommandOutcome,
  MessageOutcome,
  RecentRunsOutcome,
  Refused,
  RunOutcome,
} from '../core/outcomes';
import type { DatadogSite } from '../core/sites';
import { renderFailure, renderRefusal } from './failureReply';
import { presentSharedRun } from './followReplies';
import type { Reply } from './reply';
import { renderFailureModal, renderRunModal } from './runModal';
import { renderRecentRuns, renderRunResults } from './runsReply';
import { COMMAND } from './slackIds';
import { renderNothingFound, renderProblem, renderUsage } from './usageReply';

/** The Slack message surface: each use case's outcome as the reply Slack shows. */

/** What the bot's settings change in a reply. */
export interface ReplyOptions {
  /** SHARE_ENABLED: whether private replies carry the Share button (default true). */
  shareEnabled?: boolean;
  /** The reader is the person running dd-instance at a terminal, not someone asking the bot in Slack. */
  forOperator?: boolean;
  /** The workflows the reader may act on (lowercase IDs): their running runs carry Cancel run, their ended ones Run again. */
  actableWorkflows?: ReadonlySet<string>;
}

export function presentRun(
  { ref, result, at, history }: RunOutcome,
  site: DatadogSite,
  options: ReplyOptions = {},
): Reply {
  return renderRunResults([{ ref, result, history }], { site, now: at, ...options });
}

export function presentRecentRuns(
  { workflowId, result, at }: RecentRunsOutcome,
  site: DatadogSite,
  options: ReplyOptions = {},
): Reply {
  return result.ok
    ? renderRecentRuns(result.value, { site, now: at, ...options })
    : renderFailure(result.failure, { site, workflowId, forOperator: options.forOperator });
}

/** A request the access rules refused: the reason, and no Datadog data. */
export function presentRefused({ reason }: Refused): Reply {
  return renderRefusal(reason);
}

export function presentCommand(outcome: CommandOutcome, site: DatadogSite, options: ReplyOptions = {}): Reply {
  switch (outcome.kind) {
    case 'refused':
      return presentRefused(outcome);
    case 'usage':
      return renderUsage(outcome.problem);
    case 'run':
      return presentRun(outcome.run, site, options);
    case 'recent':
      return presentRecentRuns(outcome.recent, site, options);
  }
}

export function presentMessage(outcome: MessageOutcome, site: DatadogSite, options: ReplyOptions = {}): Reply {
  switch (outcome.kind) {
    case 'refused':
      return presentRefused(outcome);
    case 'nothing_found':
      return renderNothingFound();
    case 'recent':
      return presentRecentRuns(outcome.recent, site);
    case 'runs':
      return renderRunResults(outcome.runs, { site, now: outcome.at, ...options }, outcome.notFetched);
  }
}

/** The run for the whole channel, naming who shared it, live or as a snapshot; a failure stays private. */
export function presentShare(
  { ref, result, at, history }: RunOutcome,
  site: DatadogSite,
  sharedBy: string,
  state: LiveState | 'snapshot' = 'snapshot',
): Reply {
  if (!result.ok) return { ...renderFailure(result.failure, { site, ref }), response_type: 'ephemeral' };
  return { ...presentSharedRun(result.value, state, at, site, sharedBy, { history }), response_type: 'in_channel' };
}

/** The modal with every step and the whole error, or the lookup's failure in the same words. */
export function presentRunModal({ ref, result, at }: RunOutcome, site: DatadogSite): ModalView {
  return result.ok
    ? renderRunModal(result.value, { site, now: at })
    : renderFailureModal(result.failure, { site, ref });
}

/** Why a button's run was not looked up. */
export function presentButtonRefusal(outcome: Extract<ButtonOutcome, { ok: false }>): Reply {
  if (outcome.problem === 'damaged') {
    return renderProblem(
      `This button’s data is damaged, so nothing was looked up. Look the run up again with \`${COMMAND} <workflow_id> <instance_id>\`.`,
    );
  }
  return renderProblem(
    `This button is for a run on ${outcome.buttonSite}, but the bot now reads ${outcome.botSite}. Look the run up again with \`${COMMAND}\`.`,
  );
}
