import type { ActRefusal } from '../core/actors';
import type { DatadogFailure } from '../core/failures';
import type { RefusalReason } from '../core/requester';
import { section } from './blocks';
import { explainFailure, type FailureContext, refusalWords, withoutEmoji } from './failureReply';
import { escapedLine } from './mrkdwn';
import type { Reply } from './reply';
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
        detail: `Datadog answered HTTP ${failure.status}: the bot's application key lacks the \`workflows_run\` permission, which acting needs beside \`workflows_read\`. Nothing was changed. Whoever runs the bot can add it, preferably on a separate service account's key (docs/security.md).`,
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
