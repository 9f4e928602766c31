import type { KnownBlock } from '@slack/types';
import type { DatadogFailure } from '../core/failures';
import type { NetworkFailure } from '../core/networkFailure';
import type { RefusalReason } from '../core/requester';
import { isUuid, type RunRef } from '../core/run';
import type { DatadogSite } from '../core/sites';
import { section } from './blocks';
import { escapeMrkdwn, inlineCode, plainLine } from './mrkdwn';
import { causeWords, DATADOG_SETTINGS } from './networkFailure';
import type { Reply } from './reply';
import { openInDatadogButton } from './runReply';
import { countOf } from './time';

export interface FailureContext {
  site: DatadogSite;
  /** The run asked for, when there is one: it names the IDs and gives a link to try by hand. */
  ref?: RunRef;
  workflowId?: string;
  /** The reader runs dd-instance and holds its settings (the CLI): told what to check, not whom to ask. */
  forOperator?: boolean;
}

interface Explanation {
  title: string;
  detail: string;
  /** Whether a link to the run in Datadog's UI could still help. */
  linkHelps: boolean;
}

const NOT_ALLOWED = ':no_entry: dd-instance is not allowed here';
const ASK_ADMIN = 'Ask whoever runs the bot if you need it.';

const REFUSAL_TITLE: Record<RefusalReason, string> = {
  team: NOT_ALLOWED,
  channel: NOT_ALLOWED,
  user: ':no_entry: dd-instance is not available to you',
  usergroup: ':no_entry: dd-instance is not available to you',
  usergroup_unknown: ':no_entry: dd-instance could not check your access',
  workflow: ':no_entry: This workflow is not allowed here',
  share_off: ':no_entry: Sharing is turned off',
  rate_limited: ':hourglass: Too many lookups',
};

const REFUSAL_DETAIL: Record<RefusalReason, string> = {
  team: `The bot answers only in the workspaces it is set up for, so nothing was looked up. ${ASK_ADMIN}`,
  channel: `The bot answers only in some channels, and this is not one of them, so nothing was looked up. Try in one of those channels. ${ASK_ADMIN}`,
  user: `The bot answers only the people it is set up for, so nothing was looked up. ${ASK_ADMIN}`,
  usergroup: `The bot answers only members of some user groups, so nothing was looked up. ${ASK_ADMIN}`,
  usergroup_unknown:
    'The bot answers only members of some user groups, and Slack did not say just now whether you are one, so nothing was looked up. Try again in a minute.',
  workflow: `The bot looks up runs of some workflows only, and this is not one of them, so nothing was looked up. ${ASK_ADMIN}`,
  share_off: 'The bot is set up not to post runs to channels. The private reply stays yours.',
  rate_limited: 'You have made as many lookups as the bot allows each person in a minute. Wait a minute and try again.',
};

/** A title without its leading emoji code, for plain-text fallbacks and terminal lines. */
export function withoutEmoji(title: string): string {
  return title.replace(/^:[a-z_]+: /, '');
}

/** Why the bot refused, in words that hold no Datadog data. */
export function refusalWords(reason: RefusalReason): { title: string; detail: string } {
  return { title: REFUSAL_TITLE[reason], detail: REFUSAL_DETAIL[reason] };
}

/** A refused request's private reply: why, and no Datadog data. */
export function renderRefusal(reason: RefusalReason): Reply {
  const { title, detail } = refusalWords(reason);
  return {
    text: `${withoutEmoji(title)}. ${detail}`,
    blocks: [section(`*${title}*\n${detail}`)],
  };
}

type ToReader = (toSlackUser: string, toOperator: string) => string;

/** Why the connection failed (refused, DNS, TLS…) and the next step, as `--check` and /readyz say it. */
function unreachableDetail(siteName: string, failure: NetworkFailure, toReader: ToReader): string {
  const { what, next } = causeWords(failure, DATADOG_SETTINGS);
  return `The connection to Datadog's API for ${siteName} failed: ${what} (${escapeMrkdwn(failure.code)}). ${toReader('For whoever runs the bot', 'Next')}: ${escapeMrkdwn(next)}.`;
}

/** What went wrong and what to do about it, for each failure; never raw bodies, stack traces or keys. */
export function explainFailure(
  failure: DatadogFailure,
  { site, ref, workflowId, forOperator }: FailureContext,
): Explanation {
  const siteName = `*${site}*`;
  const wf = ref?.workflowId ?? workflowId;
  const toReader: ToReader = (toSlackUser, toOperator) => (forOperator ? toOperator : toSlackUser);
  switch (failure.kind) {
    case 'not_found':
      if (failure.what === 'workflow' || (failure.what === 'unknown' && !ref)) {
        return {
          title: ':mag: Workflow not found',
          detail: `Datadog (${siteName}) has no workflow ${wf ? inlineCode(wf) : 'with that ID'}. Check the workflow ID, and that ${toReader("the bot's DD_SITE", 'DD_SITE')} is the site where the workflow lives.`,
          linkHelps: false,
        };
      }
      return {
        title: ':mag: Run not found',
        detail: `Datadog (${siteName}) has no run ${ref ? inlineCode(ref.instanceId) : ''} in workflow ${wf ? inlineCode(wf) : ''}. A run that was triggered seconds ago can take a moment to appear: try again shortly. Otherwise check the instance ID, and that DD_SITE is the right site.`,
        linkHelps: false,
      };
    case 'bad_request': {
      const ids = ref ? [ref.workflowId, ref.instanceId] : wf ? [wf] : [];
      const said = failure.detail ? escapeMrkdwn(plainLine(failure.detail, 300)) : undefined;
      if (ids.some((id) => !isUuid(id)))
        return {
          title: ':warning: Datadog rejected the IDs',
          detail: `Both IDs must be UUIDs, like \`123e4567-e89b-12d3-a456-426614174000\`.${said ? ` Datadog said: ${said}` : ''}`,
          linkHelps: false,
        };
      // No words: Datadog's body was not its JSON error (an HTML page from a proxy, say).
      if (!said)
        return {
          title: ':warning: Datadog rejected the request',
          detail: `Datadog answered HTTP ${failure.status ?? 400} without saying why. Try again, or open the run in Datadog; if it keeps happening, ${toReader('whoever runs the bot should check', 'check')} DD_API_URL and any proxy.`,
          linkHelps: true,
        };
      return {
        title: ':warning: Datadog rejected the request',
        detail: `Datadog answered HTTP ${failure.status ?? 400} and said: “${said}”.${ids.length > 0 ? ' The IDs are valid UUIDs, so they are not what it refused.' : ''} Try again, or open the run in Datadog; if it keeps happening, ${toReader('whoever runs the bot can check', 'check')} the keys with \`dd-instance --check\`.`,
        linkHelps: true,
      };
    }
    case 'forbidden':
      return {
        title: toReader(":lock: Datadog refused the bot's keys", ':lock: Datadog refused DD_API_KEY and DD_APP_KEY'),
        detail: `Datadog answered HTTP ${failure.status} on ${siteName}. ${toReader("The bot's application key", 'DD_APP_KEY')} needs the \`workflows_read\` permission, and both keys must belong to the org on this site. ${toReader('Whoever runs the bot can check', 'Check')} with \`dd-instance --check\`.`,
        linkHelps: true,
      };
    case 'rate_limited':
      return {
        title: `:hourglass: Datadog is rate-limiting ${toReader('the bot', 'these keys')}`,
        detail: `Try again ${failure.retryAfterSeconds !== undefined ? `in ${countOf(Math.max(1, Math.ceil(failure.retryAfterSeconds)), 'second')}` : 'in a minute'}, or open the run in Datadog.`,
        linkHelps: true,
      };
    case 'unavailable':
      return {
        title: ':warning: Datadog is having trouble',
        detail: `Datadog answered HTTP ${failure.status}, even after retries. Try again in a minute, check Datadog's status page, or open the run in Datadog.`,
        linkHelps: true,
      };
    case 'timeout':
      return {
        title: ':stopwatch: Datadog did not answer in time',
        detail: `No answer after ${Math.max(1, Math.round(failure.afterMs / 1000))} s, even with retries. Try again, or open the run in Datadog.`,
        linkHelps: true,
      };
    case 'unreachable':
      if (failure.cutOff)
        return {
          title: ':electric_plug: Datadog’s answer was cut off',
          detail:
            'The connection broke while Datadog was still sending the run, even after a retry. Try again, or open the run in Datadog.',
          linkHelps: true,
        };
      return {
        title: toReader(
          ':electric_plug: The bot could not reach Datadog',
          ':electric_plug: dd-instance could not reach Datadog',
        ),
        detail: failure.cause
          ? unreachableDetail(siteName, { cause: failure.cause, code: failure.code ?? failure.cause }, toReader)
          : `The connection to Datadog's API for ${siteName} failed${failure.code ? ` (${escapeMrkdwn(failure.code)})` : ''}. ${toReader('Whoever runs the bot should check its', 'Check this machine’s')} network, DD_SITE and DD_API_URL.`,
        linkHelps: true,
      };
    case 'other_site':
      return {
        title: ':globe_with_meridians: This link is for another Datadog site',
        detail: toReader(
          `This link is for *${failure.linkSite}*, but the bot reads *${failure.botSite}*, so it was not looked up. Open the run from the link, or ask whoever runs the bot about its DD_SITE.`,
          `This link is for *${failure.linkSite}*, but DD_SITE is *${failure.botSite}*, so it was not looked up. Open the run from the link, or run dd-instance with DD_SITE=${failure.linkSite} and keys of that site.`,
        ),
        linkHelps: false,
      };
    case 'refused':
      return { ...refusalWords(failure.reason), linkHelps: false };
    case 'busy':
      return {
        title: ':hourglass: dd-instance is busy',
        detail: `${toReader('The bot is', 'dd-instance is')} already waiting on as many Datadog answers as it may, with a full queue behind them. Try again in a few seconds.`,
        linkHelps: true,
      };
    case 'invalid_response':
      return {
        title: `:warning: Datadog sent an answer ${toReader('the bot', 'dd-instance')} cannot read`,
        detail: `${escapeMrkdwn(failure.reason)}. Try again, or open the run in Datadog.`,
        linkHelps: true,
      };
  }
}

/** The blocks of a failure without the reply around them, so a list of several runs can hold them too. */
export function failureText(failure: DatadogFailure, context: FailureContext): string {
  const { title, detail } = explainFailure(failure, context);
  return `*${title}*\n${detail}`;
}

export function renderFailure(failure: DatadogFailure, context: FailureContext): Reply {
  const explanation = explainFailure(failure, context);
  const blocks: KnownBlock[] = [section(failureText(failure, context))];
  if (context.ref) {
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `Workflow ${inlineCode(context.ref.workflowId)} · Run ${inlineCode(context.ref.instanceId)}`,
        },
      ],
    });
    if (explanation.linkHelps)
      blocks.push({ type: 'actions', elements: [openInDatadogButton(context.site, context.ref)] });
  }
  const plainTitle = withoutEmoji(explanation.title);
  return { text: `${plainTitle}. ${explanation.detail}`.replace(/\*/g, ''), blocks };
}
