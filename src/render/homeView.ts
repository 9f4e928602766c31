import type { HomeView, KnownBlock } from '@slack/types';
import type { FollowsOutcome, HomeOutcome } from '../core/homeTab';
import type { Refused } from '../core/outcomes';
import type { DatadogSite } from '../core/sites';
import type { FollowedRun, RecentLookup } from '../core/surfacePorts';
import { actingLine } from './actReplies';
import { section } from './blocks';
import { explainFailure, refusalWords, withoutEmoji } from './failureReply';
import { healthCheckBlocks } from './healthCheck';
import { channelLink, escapedLine, inlineCode } from './mrkdwn';
import { runButton } from './runButtons';
import { openInDatadogButton, statusLabel } from './runReply';
import { HOME_STOP_FOLLOWING_ACTION } from './slackIds';
import { slackDate } from './time';
import { renderUsage } from './usageReply';

/** The App Home tab: how to use the bot, its Datadog site and health, the user's followed runs and last lookups. */

/** Followed runs listed in full; the rest are counted. */
export const HOME_FOLLOWS_SHOWN = 20;

const header = (text: string): KnownBlock => ({ type: 'header', text: { type: 'plain_text', text, emoji: true } });
const note = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

function runName(ref: FollowedRun['ref'], workflowName?: string): string {
  return workflowName ? `*${escapedLine(workflowName, 100)}*` : `Workflow ${inlineCode(ref.workflowId, 60)}`;
}

/** Each followed run with its Stop button (the bot reads one site, so the run is on it). */
function followBlocks(follows: FollowsOutcome, site: DatadogSite): KnownBlock[] {
  if (follows.kind === 'unavailable') return [note('Following runs is not turned on for this bot.')];
  if (follows.kind === 'failed') return [section(':warning: Your followed runs could not be listed just now.')];
  if (follows.runs.length === 0) return [section('You follow no runs.')];
  const shown = follows.runs.slice(0, HOME_FOLLOWS_SHOWN).map((follow) => {
    const link = channelLink(follow.channelId);
    const where = link ? ` in ${link}` : '';
    const text = `${runName(follow.ref, follow.workflowName)}\nRun ${inlineCode(follow.ref.instanceId, 60)} · followed ${slackDate(follow.since)}${where}`;
    return section(text, runButton(HOME_STOP_FOLLOWING_ACTION, 'Stop', follow.ref, site));
  });
  const more = follows.runs.length - shown.length;
  return more > 0 ? [...shown, note(`…and ${more} more.`)] : shown;
}

function lookupText({ ref, at, result }: RecentLookup, site: DatadogSite): string {
  const state = result.ok
    ? `${statusLabel(result.run)} ${runName(ref, result.run.workflowName)}`
    : `${explainFailure(result.failure, { site, ref }).title} ${runName(ref)}`;
  return `${state}\nRun ${inlineCode(ref.instanceId, 60)} · looked up ${slackDate(at)}`;
}

function recentBlocks(recent: RecentLookup[], site: DatadogSite): KnownBlock[] {
  if (recent.length === 0)
    return [
      section(
        'No lookups yet. Try `/dd-instance <workflow_id> <instance_id>`, or the message shortcut on a message with a run.',
      ),
    ];
  return [
    ...recent.map((lookup) => section(lookupText(lookup, site), openInDatadogButton(site, lookup.ref))),
    note('Kept in the bot’s memory until it restarts.'),
  ];
}

/** A user the access rules refuse: what the bot is, that it is not for them, and no data. */
function refusedHome({ reason }: Refused): HomeView {
  const { title, detail } = refusalWords(reason);
  return {
    type: 'home',
    blocks: [header('dd-instance'), section(`*${withoutEmoji(title)}*\n${detail}`)],
  };
}

export function presentHome(outcome: HomeOutcome | Refused): HomeView {
  if ('reason' in outcome) return refusedHome(outcome);
  const { site } = outcome;
  return {
    type: 'home',
    blocks: [
      header('dd-instance'),
      section(
        `Look up a Datadog Workflow Automation run without leaving Slack. This bot reads Datadog site *${site}*.`,
      ),
      ...renderUsage().blocks,
      { type: 'divider' },
      header('Datadog connection'),
      ...healthCheckBlocks(outcome.health),
      ...(outcome.acting ? [section(actingLine(outcome.acting))] : []),
      { type: 'divider' },
      header('Runs you follow'),
      ...followBlocks(outcome.follows, site),
      { type: 'divider' },
      header('Your last lookups'),
      ...recentBlocks(outcome.recent, site),
    ],
  };
}
