import type { KnownBlock } from '@slack/types';
import { isLasting } from '../core/failures';
import type { LinkedRun, LinksOutcome } from '../core/linkUnfurls';
import type { WorkflowRun } from '../core/run';
import type { RunHistory } from '../core/runHistory';
import type { DatadogSite } from '../core/sites';
import { section } from './blocks';
import { explainFailure } from './failureReply';
import { inlineCode } from './mrkdwn';
import { historyLine } from './runHistory';
import { actionLine, failedStepDefinition, runRowText } from './runReply';
import { slackDate } from './time';

/** Link unfurls: a compact card under each posted run link, seen by everyone in the channel. */

/** What chat.unfurl takes: each link, exactly as Slack sent it, to the blocks shown under it. */
export type Unfurls = Record<string, { blocks: KnownBlock[] }>;

/** A read run: its row, its history line, and the failed step's action when the spec has it. */
function runLines(run: WorkflowRun, history: RunHistory | undefined, at: Date): string {
  const definition = failedStepDefinition(run);
  return [runRowText(run, at), historyLine(run, history, at), definition && actionLine(definition)]
    .filter(Boolean)
    .join('\n');
}

/** A lasting failure is worth a card; a passing one (time-out, rate limit) leaves the link bare. */
function card({ run: { ref, result, at, history } }: LinkedRun, site: DatadogSite): KnownBlock[] | undefined {
  if (!result.ok && !isLasting(result.failure)) return undefined;
  const text = result.ok
    ? runLines(result.value, history, at)
    : `*${explainFailure(result.failure, { site, ref }).title}*\nRun ${inlineCode(ref.instanceId, 60)}`;
  return [
    section(text),
    { type: 'context', elements: [{ type: 'mrkdwn', text: `dd-instance · fetched ${slackDate(at)}` }] },
  ];
}

/** One card per run link the bot could read; links to other sites and passing failures get none. */
export function presentUnfurls(outcome: LinksOutcome, site: DatadogSite): Unfurls {
  const unfurls: Unfurls = {};
  for (const linked of outcome.runs) {
    const blocks = card(linked, site);
    if (blocks) unfurls[linked.url] = { blocks };
  }
  return unfurls;
}
