import { isUuid } from './run';
import {
  type FoundRun,
  type IdKind,
  type LabelledId,
  labelKind,
  pairRefs,
  parseRunUrl,
  type RunLink,
  unwrapSlackLinks,
} from './runRefs';

/** What `/dd-instance …` asks for. */
export type CommandRequest =
  | { kind: 'help' }
  | { kind: 'run'; run: FoundRun }
  | { kind: 'recent'; workflowId: string; limit: number }
  | { kind: 'invalid'; reason: string };

export const DEFAULT_RECENT = 10;
/** Longer text is refused unread: a lookup never needs more, and nothing is parsed for nothing. */
export const MAX_COMMAND_CHARS = 4000;
export const MAX_RECENT = 25;

const LABEL_WORD = /^(workflow|wf|instance|run|execution|id)(?:[_-]?ids?)?s?$/i;
const OPENERS = new Set([...'"\'`([{<']);
const CLOSERS = new Set([...'"\'`)]}>.,;:!?']);

/** Quotes, brackets and trailing punctuation around a word, cut in one pass each way. */
function unwrapWord(token: string): string {
  let start = 0;
  let end = token.length;
  while (start < end && OPENERS.has(token[start]!)) start++;
  while (end > start && CLOSERS.has(token[end - 1]!)) end--;
  return token.slice(start, end);
}

function quoted(token: string): string {
  return `“${token.length > 40 ? `${token.slice(0, 39)}…` : token}”`;
}

/** At most this many unread words are quoted back; the rest are counted. */
const MAX_NAMED = 5;

/** “a”, “b” and “c”: every unread word named, so a second typo is not found only after the first is fixed. */
function quotedList(words: string[]): string {
  const named = words.slice(0, MAX_NAMED).map(quoted);
  if (words.length > MAX_NAMED) named.push(`${words.length - MAX_NAMED} more`);
  return named.length === 1 ? named[0]! : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
}

/** Why the words that are neither IDs nor run links were not read, in one sentence per kind; undefined when there are none. */
function unreadWordsReason(notIds: string[], notRunLinks: string[]): string | undefined {
  const sentences: string[] = [];
  if (notIds.length > 0)
    sentences.push(
      `${quotedList(notIds)} ${notIds.length === 1 ? 'is not a workflow or instance ID' : 'are not workflow or instance IDs'}: both are UUIDs, like \`123e4567-e89b-12d3-a456-426614174000\`.`,
    );
  if (notRunLinks.length > 0)
    sentences.push(
      `${quotedList(notRunLinks)} ${notRunLinks.length === 1 ? 'is not a link' : 'are not links'} to a Datadog workflow run.`,
    );
  return sentences.length > 0 ? sentences.join(' ') : undefined;
}

/** Checks each word, so junk is named back to the user instead of being sent to Datadog. */
export function parseCommandText(text: string): CommandRequest {
  if (text.length > MAX_COMMAND_CHARS)
    return {
      kind: 'invalid',
      reason: `That is ${text.length.toLocaleString('en-US')} characters: a lookup needs a workflow ID and a run ID, or a run link, and the bot reads at most ${MAX_COMMAND_CHARS.toLocaleString('en-US')}.`,
    };
  // A link's label is the user's own words, not IDs to check.
  const tokens = unwrapSlackLinks(text, false)
    .split(/[\s,]+/)
    .map(unwrapWord)
    .filter((token) => token !== '');
  if (tokens.length === 0 || (tokens.length === 1 && /^(help|-h|--help|\?)$/i.test(tokens[0]!)))
    return { kind: 'help' };

  let limit: number | undefined;
  const notIds: string[] = [];
  const notRunLinks: string[] = [];
  const links: RunLink[] = [];
  const ids: LabelledId[] = [];
  // The kind the last label word gave, until an ID takes it.
  let pending: IdKind;
  const labelWord = (word: string) => {
    pending = labelKind(LABEL_WORD.exec(word)?.[1] ?? '') ?? pending;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const lastFlag = /^--?last(?:=(.*))?$/i.exec(token);
    if (lastFlag) {
      const value = lastFlag[1] ?? tokens[++i];
      const count = Number(value);
      if (!value || !Number.isInteger(count) || count < 1 || count > MAX_RECENT) {
        return { kind: 'invalid', reason: `\`--last\` takes a number of runs from 1 to ${MAX_RECENT}.` };
      }
      limit = count;
      continue;
    }
    const isUrl = /^https?:\/\//i.test(token);
    // "workflow=<id>" and "instance:<id>" are fine: the label stays in front of the ID.
    const [label, value] = !isUrl && /^[a-z_-]+[=:]/i.test(token) ? token.split(/[=:](.*)/s) : [undefined, token];
    if (label !== undefined && !LABEL_WORD.test(label)) {
      notIds.push(token);
      continue;
    }
    const word = value ?? '';
    const link = isUrl ? parseRunUrl(word) : undefined;
    if (LABEL_WORD.test(word) || isUuid(word) || link) {
      if (label !== undefined) labelWord(label);
      if (link) links.push(link);
      else if (isUuid(word)) {
        ids.push({ id: word.toLowerCase(), kind: pending });
        pending = undefined;
      } else labelWord(word);
      continue;
    }
    (isUrl ? notRunLinks : notIds).push(word);
  }
  const unread = unreadWordsReason(notIds, notRunLinks);
  if (unread) return { kind: 'invalid', reason: unread };

  const { runs, workflowsOnly } = pairRefs(links, ids);
  if (runs.length === 1 && workflowsOnly.length === 0) {
    return limit === undefined
      ? { kind: 'run', run: runs[0]! }
      : { kind: 'invalid', reason: '`--last` goes with a workflow ID alone, to list its recent runs.' };
  }
  if (runs.length === 0 && workflowsOnly.length === 1)
    return { kind: 'recent', workflowId: workflowsOnly[0]!, limit: limit ?? DEFAULT_RECENT };
  if (runs.length === 0 && workflowsOnly.length === 0)
    return { kind: 'invalid', reason: 'An instance ID needs its workflow ID too.' };
  return { kind: 'invalid', reason: 'Give one workflow ID and one instance ID (or one run link).' };
}
