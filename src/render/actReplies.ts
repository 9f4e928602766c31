import type { ActorRules, ActRefusal } from '../core/actors';
import type { CancelOutcome } from '../core/cancelRun';
import type { DatadogFailure } from '../core/failures';
import type { RunOutcome } from '../core/outcomes';
import type { RefusalReason } from '../core/requester';
import type { SiteRun } from '../core/run';
import { section } from './blocks';
import { explainFailure, type FailureContext, refusalWords, renderFailure, withoutEmoji } from './failureReply';
import { canceledByText } from './followReplies';
import { escapedLine, inlineCode } from './mrkdwn';
import type { Reply } from './reply';
import { type RunRenderContext, renderRun, userMention } from './runReply';
import { countOf } from './time';

/** The words of every answer to an act (cancel a run, run a workflow again): refused, Datadog refused, or failed. */

export type Act = 'cancel' | 'run';

interface Words {
  title: string;
  detail: string;
}

const ASK_ADMIN = 'Ask whoever runs the bot if you need it.';
const DOCS = 'docs/security.md says who may act and how.';

const ACT_REFUSAL: Record<ActRefusal, Words> = {
  actions_off: {
    title: ':no_entry: Acting on runs is turned off',
    detail: `This bot is set up read-only (ACTIONS_ENABLED is off), so nothing was changed in Datadog. Act in Datadog itself, or ${ASK_ADMIN.toLowerCase()}`,
  },
  not_actor: {
    title: ':no_entry: You may not act on runs',
    detail: `Only people named in ALLOWED_ACTOR_USER_IDS, or members of a user group in ALLOWED_ACTOR_USERGROUP_IDS, may cancel or start runs from Slack, so nothing was changed. ${ASK_ADMIN} ${DOCS}`,
  },
  actor_unknown: {
    title: ':no_entry: dd-instance could not check that you may act',
    detail:
      'Acting is allowed to members of some user groups (ALLOWED_ACTOR_USERGROUP_IDS), and Slack did not say just now whether you are one, so nothing was changed. Try again in a minute.',
  },
  workflow_not_actable: {
    title: ':no_entry: This workflow may not be acted on here',
    detail: `The bot may cancel or start runs only of the workflows in ACTIONS_WORKFLOW_IDS, and this is not one of them, so nothing was changed. ${ASK_ADMIN}`,
  },
};

const isActRefusal = (reason: ActRefusal | RefusalReason): reason is ActRefusal => reason in ACT_REFUSAL;

/** Why an act was refused: an act rule names its setting; a read rule keeps its own words. */
export function actRefusalWords(reason: ActRefusal | RefusalReason): Words {
  return isActRefusal(reason) ? ACT_REFUSAL[reason] : refusalWords(reason);
}

const WHAT: Record<Act, string> = { cancel: 'cancel the run', run: 'start the run' };

/** What happened to an act Datadog did not carry out, and what to do; never Datadog's raw body. */
export function actFailureWords(act: Act, failure: DatadogFailure, context: FailureContext): Words {
  switch (failure.kind) {
    case 'forbidden':
      return {
        title: `:lock: Datadog refused to ${WHAT[act]}`,
        detail: `Datadog answered HTTP ${failure.status}: the bot's application key lacks the \`workflows_run\` permission, which acting needs beside \`workflows_read\`. Nothing was changed. ${context.forOperator ? 'Add it to the key in DD_APP_KEY' : 'Whoever runs the bot can add it'}, preferably on a separate service account's key (docs/security.md).`,
      };
    case 'rate_limited': {
      const wait = failure.retryAfterSeconds;
      return {
        title: ':hourglass: Datadog is rate-limiting the bot',
        detail: `Nothing was changed. Try again ${wait !== undefined ? `in ${countOf(Math.max(1, Math.ceil(wait)), 'second')}` : 'in a minute'}.`,
      };
    }
    case 'timeout':
    case 'unreachable':
      return {
        title: ':stopwatch: Datadog did not answer in time',
        detail:
          act === 'cancel'
            ? 'The cancel may or may not have reached Datadog, so it was not sent again. Look up the run to see its state before trying again.'
            : "A run may or may not have started, so the request was not sent again. Check the workflow's recent runs before starting another.",
      };
    case 'not_found':
      if (act === 'cancel' && failure.what !== 'workflow')
        return {
          title: ':mag: Datadog has no running run to cancel',
          detail: 'Datadog says this run is not running: it has ended, or it does not exist. Nothing was changed.',
        };
      return explainFailure(failure, context);
    default: {
      const { title, detail } = explainFailure(failure, context);
      return { title, detail: `Nothing was changed. ${detail}` };
    }
  }
}

/** A cancel that came too late: the run ended first, in this state. */
export function alreadyEndedWords(statusName: string): Words {
  return {
    title: ':checkered_flag: The run had already ended',
    detail: `It ended (${escapedLine(statusName, 80)}) before the cancel reached Datadog, so nothing was changed.`,
  };
}

/** A private reply from the words of an act's answer. */
export function renderActWords({ title, detail }: Words): Reply {
  return { text: `${withoutEmoji(title)}. ${detail}`.replace(/[*`]/g, ''), blocks: [section(`*${title}*\n${detail}`)] };
}

type ActReplyOptions = Pick<RunRenderContext, 'shareEnabled' | 'actableWorkflows'>;

/** The run as last read, under a lead saying what the cancel did; a run that cannot be read gets its failure's words. */
function runAfterCancel(
  { ref, result, at }: RunOutcome,
  run: SiteRun,
  note: string,
  lead: Words | undefined,
  options: ActReplyOptions,
): Reply {
  if (!result.ok) return renderFailure(result.failure, { site: run.site, ref });
  const reply = renderRun(result.value, { site: run.site, now: at, ...options }, { note });
  if (!lead) return reply;
  const words = renderActWords(lead);
  return { text: `${words.text} ${reply.text}`, blocks: [...words.blocks, ...reply.blocks] };
}

/** What a Cancel click gets, in place of the reply it was on. */
export function presentCancel(outcome: CancelOutcome, run: SiteRun, options: ActReplyOptions = {}): Reply {
  switch (outcome.kind) {
    case 'refused':
      return renderActWords(actRefusalWords(outcome.reason));
    case 'failed':
      return renderActWords(actFailureWords('cancel', outcome.failure, { site: run.site, ref: run }));
    case 'already_ended':
      return runAfterCancel(outcome.run, run, 'Already ended', alreadyEndedWords(statusOf(outcome.run)), options);
    case 'canceled': {
      const { by, ended } = outcome;
      const note = by ? canceledByText(by) : 'Canceled by another click';
      if (ended) return runAfterCancel(outcome.run, run, note, undefined, options);
      const pending = by
        ? {
            title: ':hourglass_flowing_sand: Cancel sent',
            detail: 'Datadog took the cancel but does not show the run ended yet. Press Refresh in a few seconds.',
          }
        : {
            title: ':hourglass_flowing_sand: Another cancel of this run is under way',
            detail:
              'Someone pressed Cancel run on it moments ago, so this click sent nothing. Press Refresh in a few seconds to see whether it ended.',
          };
      return runAfterCancel(outcome.run, run, by ? note : 'Cancel under way', pending, options);
    }
  }
}

function statusOf({ result }: RunOutcome): string {
  return result.ok ? result.value.statusName : 'unknown';
}

/** App Home's line on acting: off (read-only, the default), or on and who may act on which workflows. */
export function actingLine({ enabled, userIds, usergroupIds, workflowIds }: ActorRules): string {
  if (!enabled) return ':lock: *Acting*: off. The bot only reads runs (ACTIONS_ENABLED=0).';
  const who = [...userIds.map(userMention), ...usergroupIds.map((id) => `<!subteam^${id}>`)];
  const people =
    who.length > 0
      ? who.slice(0, 20).join(', ') + (who.length > 20 ? ` and ${who.length - 20} more` : '')
      : 'nobody yet (set ALLOWED_ACTOR_USER_IDS or ALLOWED_ACTOR_USERGROUP_IDS)';
  const which =
    workflowIds.length > 0
      ? `the workflows in ACTIONS_WORKFLOW_IDS (${workflowIds
          .slice(0, 5)
          .map((id) => inlineCode(id, 40))
          .join(', ')}${workflowIds.length > 5 ? ', …' : ''})`
      : 'every workflow it may read';
  return `:unlock: *Acting*: on. May cancel runs: ${people}; on ${which}. The application key needs \`workflows_run\`.`;
}
