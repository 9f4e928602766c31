import { section } from './blocks';
import { escapeMrkdwn } from './mrkdwn';
import type { Reply } from './reply';
import { COMMAND } from './slackIds';

const EXAMPLE_WF = 'ccf73164-1998-4785-a7a3-8d06c7e5f558';
const EXAMPLE_RUN = '305a472b-71ab-4ce8-8f8d-75db635627b5';

const HOW_TO = [
  '*How to use dd-instance*',
  `• \`${COMMAND} <workflow_id> <instance_id>\`: the state of one Datadog workflow run, e.g. \`${COMMAND} ${EXAMPLE_WF} ${EXAMPLE_RUN}\``,
  `• \`${COMMAND} <run link>\`: a link from Datadog, like \`https://app.datadoghq.com/workflow/${EXAMPLE_WF}?instance=${EXAMPLE_RUN}\``,
  `• \`${COMMAND} <workflow_id>\`: its most recent runs (\`--last 25\` for more)`,
  '• On a message that mentions a run: *More actions (⋮) → Look up Datadog run*',
].join('\n');

/** What went wrong, alone, where usage would not help (a click); escaped, as it may quote outside text. */
export function renderProblem(problem: string): Reply {
  return {
    text: escapeMrkdwn(problem),
    blocks: [section(`:warning: ${escapeMrkdwn(problem)}`)],
  };
}

/** Too many replies are waiting to be sent: this one is refused at once rather than queued. */
export function renderBusy(): Reply {
  return renderProblem('dd-instance is busy, try again in a few seconds.');
}

/** Usage, with what was wrong first; `problem` may quote the user's words, so it is escaped here. */
export function renderUsage(problem?: string): Reply {
  const blocks: Reply['blocks'] = problem ? renderProblem(problem).blocks : [];
  blocks.push(section(HOW_TO));
  const text = problem
    ? `${escapeMrkdwn(problem)} Usage: ${COMMAND} <workflow_id> <instance_id>`
    : `Usage: ${COMMAND} <workflow_id> <instance_id>, or a Datadog run link.`;
  return { text, blocks };
}

/** The message shortcut found nothing to look up. */
export function renderNothingFound(): Reply {
  return renderUsage('This message has no Datadog workflow run in it: no run link, and no workflow and instance IDs.');
}

/** What the bot was asked through that it no longer answers: a button or shortcut left by an older version, or a command. */
export type OutdatedEntry = { kind: 'button' | 'shortcut' } | { kind: 'command'; command: string };

/** One line: this entry point is not answered any more, and how to look the run up now. */
export function renderOutdated(entry: OutdatedEntry): Reply {
  const what = entry.kind === 'command' ? `The command ${entry.command}` : `This ${entry.kind}`;
  return renderProblem(
    `${what} is from an older version of dd-instance. Look the run up again with ${COMMAND} <workflow_id> <instance_id>.`,
  );
}
