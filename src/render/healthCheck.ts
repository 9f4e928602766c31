import type { KnownBlock } from '@slack/types';
import type { DatadogFailure } from '../core/failures';
import type { ApiKeyCheck, AppKeyCheck, HealthOutcome, ReachableCheck, SlackTokenAnswer } from '../core/healthCheck';
import { apiBaseUrl, type DatadogSite } from '../core/sites';
import { section } from './blocks';
import { explainFailure, withoutEmoji } from './failureReply';
import { escapeMrkdwn } from './mrkdwn';
import { datadogUnreachableText } from './networkFailure';
import { slackDate } from './time';

/** The health check as mrkdwn lines, one per part: the CLI shows them as terminal text, App Home as blocks. */

const pass = (part: string, detail: string) => `:white_check_mark: *${part}*: ${detail}`;
const fail = (part: string, detail: string) => `:x: *${part}*: ${detail}`;
const skip = (part: string, why: string) => `:fast_forward: *${part}*: not checked, ${why}`;

function titleOf(failure: DatadogFailure, site: DatadogSite): string {
  return withoutEmoji(explainFailure(failure, { site }).title);
}

function reachableLine(check: ReachableCheck, site: DatadogSite, host = new URL(apiBaseUrl(site)).host): string {
  if (check.status === 'pass') return pass('Reachable', 'Datadog answered');
  return fail('Reachable', escapeMrkdwn(datadogUnreachableText(check.failure, host)));
}

function apiKeyLine(check: ApiKeyCheck, site: DatadogSite): string {
  switch (check.status) {
    case 'pass':
      return pass('DD_API_KEY', 'valid');
    case 'invalid':
      return fail('DD_API_KEY', 'Datadog says this API key is not valid');
    case 'refused':
      return fail(
        'DD_API_KEY',
        `refused (HTTP ${check.httpStatus}): a wrong key, or a key of an org on another site than DD_SITE *${site}*`,
      );
    case 'unknown':
      return fail('DD_API_KEY', `could not be checked: ${titleOf(check.failure, site)}`);
    case 'skipped':
      return skip('DD_API_KEY', 'Datadog must be reachable first');
  }
}

function appKeyLine(check: AppKeyCheck, site: DatadogSite): string {
  switch (check.status) {
    case 'pass':
      return pass(
        'DD_APP_KEY',
        "valid, with `workflows_read` (a workflow lookup got Datadog's 404 for a workflow that does not exist, not 403)",
      );
    case 'refused':
      return fail(
        'DD_APP_KEY',
        `refused (HTTP ${check.httpStatus}) on a workflow lookup: the application key is wrong, belongs to another org, or lacks the \`workflows_read\` permission. This is what makes the bot answer 403.`,
      );
    case 'unknown':
      return fail('DD_APP_KEY', `could not be checked: ${titleOf(check.failure, site)}`);
    case 'skipped':
      return skip('DD_APP_KEY', 'it needs a valid API key first');
  }
}

/** One line per part checked, then what it means. */
export function healthCheckLines(outcome: HealthOutcome): string[] {
  const summary = outcome.ok
    ? 'All good: the bot can read workflow runs with these settings.'
    : "Fix the part marked :x:; the bot's lookups fail until then.";
  return [
    reachableLine(outcome.reachable, outcome.site, outcome.host),
    apiKeyLine(outcome.apiKey, outcome.site),
    appKeyLine(outcome.appKey, outcome.site),
    summary,
  ];
}

/** Slack's part of `dd-instance --check`, when SLACK_BOT_TOKEN is set. */
export function slackCheckLine(answer: SlackTokenAnswer): string {
  switch (answer.status) {
    case 'pass':
      return pass('SLACK_BOT_TOKEN', `Slack accepted it${answer.team ? ` (workspace ${answer.team})` : ''}`);
    case 'rejected':
      return fail(
        'SLACK_BOT_TOKEN',
        `Slack rejected it (${answer.code}): set the Bot User OAuth Token (xoxb-…) from your Slack app's OAuth & Permissions page`,
      );
    case 'unanswered':
      return fail('Slack', escapeMrkdwn(answer.why));
  }
}

/** The check for App Home: the same lines, and when it was made. */
export function healthCheckBlocks(outcome: HealthOutcome): KnownBlock[] {
  return [
    section(healthCheckLines(outcome).join('\n')),
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `Checked ${slackDate(outcome.at)}, when you opened this tab.` }],
    },
  ];
}
