import { type RunRef, UUID_PATTERN } from './run';
import { type DatadogSite, siteOfHost } from './sites';

/** Finding workflow runs in what people type or paste: slash-command text, or a whole Slack message. */

export interface FoundRun extends RunRef {
  /** False when two bare IDs were paired by position only: the order may be swapped. */
  certain: boolean;
  /** The Datadog site of the link it came from, when the link's host names one. */
  site?: DatadogSite;
}

export interface FoundRefs {
  runs: FoundRun[];
  /** Workflow IDs that came with no instance ID. */
  workflowsOnly: string[];
}

const UUID_ANYWHERE = new RegExp(`(?<![0-9a-fA-F-])${UUID_PATTERN}(?![0-9a-fA-F-])`, 'g');
// No `<` inside: a failed try then stops at the next `<`, so text full of unclosed links is read in linear time.
const SLACK_LINK = /<(https?:\/\/[^|<>\s]+)(?:\|([^<>]*))?>/g;
const URL_ANYWHERE = /https?:\/\/[^\s<>|"'`]+/g;
const RUN_URL_PATH = new RegExp(`/workflows?/(${UUID_PATTERN})(?:[/?#]|$)`);
const INSTANCE_PARAM = new RegExp(`[?&;](?:amp;)?instance(?:_?id)?=(${UUID_PATTERN})`, 'i');
/** Words that say which kind the next ID is; "run" and "execution" mean an instance. */
const LABEL = /\b(workflow|wf|instance|run|execution)(?:[_\s-]?ids?)?s?\b/gi;

/** `<https://x|label>` → `https://x label` (or just the URL), so links pasted in Slack's form read like plain ones. */
export function unwrapSlackLinks(text: string, keepLabels = true): string {
  return text.replace(SLACK_LINK, (_all, url: string, label?: string) => ` ${url} ${keepLabels ? (label ?? '') : ''} `);
}

/** The host of a URL, or undefined when it does not parse. */
function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

/** A Datadog UI link to a workflow, with the run when it names one, and the site its host belongs to. */
export function parseRunUrl(url: string): { workflowId: string; instanceId?: string; site?: DatadogSite } | undefined {
  const path = RUN_URL_PATH.exec(url);
  if (!path?.[1]) return undefined;
  const instance = INSTANCE_PARAM.exec(url);
  const host = hostOf(url);
  const site = host ? siteOfHost(host) : undefined;
  return { workflowId: path[1].toLowerCase(), instanceId: instance?.[1]?.toLowerCase(), ...(site ? { site } : {}) };
}

export type IdKind = 'workflow' | 'instance' | undefined;

/** An ID found in text, with the kind the words before it give it. */
export interface LabelledId {
  id: string;
  kind: IdKind;
}

/** A Datadog UI link: to a workflow, and to one of its runs when it names one. */
export type RunLink = NonNullable<ReturnType<typeof parseRunUrl>>;

/** The kind a label word gives the next ID: "workflow"/"wf" a workflow, "instance"/"run"/"execution" an instance. */
export function labelKind(label: string): IdKind {
  const word = label.toLowerCase();
  if (word === 'workflow' || word === 'wf') return 'workflow';
  return word === 'instance' || word === 'run' || word === 'execution' ? 'instance' : undefined;
}

function labelBefore(text: string): IdKind {
  const labels = [...text.matchAll(LABEL)];
  const last = labels.at(-1)?.[1];
  return last ? labelKind(last) : undefined;
}

function labelledIds(text: string): LabelledId[] {
  const ids: LabelledId[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(UUID_ANYWHERE)) {
    const start = match.index ?? 0;
    ids.push({ id: match[0].toLowerCase(), kind: labelBefore(text.slice(previousEnd, start)) });
    previousEnd = start + match[0].length;
  }
  return ids;
}

/** Pairs bare and labelled IDs into runs: labels decide when present, else position does. */
function pairIds(ids: LabelledId[]): FoundRefs {
  const labelled = ids.some((entry) => entry.kind !== undefined);
  if (!labelled) {
    const runs: FoundRun[] = [];
    for (let i = 0; i + 1 < ids.length; i += 2)
      runs.push({ workflowId: ids[i]!.id, instanceId: ids[i + 1]!.id, certain: false });
    return { runs, workflowsOnly: ids.length % 2 === 1 ? [ids.at(-1)!.id] : [] };
  }
  const hasWorkflow = ids.some((entry) => entry.kind === 'workflow');
  // An unlabelled ID beside labelled ones is taken as the kind the labels left out.
  const kinds = ids.map((entry) => ({ ...entry, kind: entry.kind ?? (hasWorkflow ? 'instance' : 'workflow') }));
  const runs: FoundRun[] = [];
  const paired = new Set<string>();
  kinds.forEach((entry, index) => {
    if (entry.kind !== 'instance') return;
    const before = kinds
      .slice(0, index)
      .reverse()
      .find((other) => other.kind === 'workflow');
    const workflow = before ?? kinds.slice(index + 1).find((other) => other.kind === 'workflow');
    if (!workflow) return;
    paired.add(workflow.id);
    runs.push({ workflowId: workflow.id, instanceId: entry.id, certain: true });
  });
  const workflowsOnly = kinds
    .filter((entry) => entry.kind === 'workflow' && !paired.has(entry.id))
    .map((entry) => entry.id);
  return { runs, workflowsOnly };
}

function dedupe(found: FoundRefs): FoundRefs {
  const seen = new Set<string>();
  const runs = found.runs.filter((run) => {
    const key = `${run.workflowId}/${run.instanceId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const inRuns = new Set(runs.map((run) => run.workflowId));
  const workflowsOnly = [...new Set(found.workflowsOnly)].filter((id) => !inRuns.has(id));
  return { runs, workflowsOnly };
}

/** The runs that links and labelled IDs name: links first, each run once. */
export function pairRefs(links: RunLink[], ids: LabelledId[]): FoundRefs {
  const fromLinks: FoundRefs = { runs: [], workflowsOnly: [] };
  for (const link of links) {
    if (link.instanceId)
      fromLinks.runs.push({
        workflowId: link.workflowId,
        instanceId: link.instanceId,
        certain: true,
        ...(link.site ? { site: link.site } : {}),
      });
    else fromLinks.workflowsOnly.push(link.workflowId);
  }
  const fromIds = pairIds(ids);
  return dedupe({
    runs: [...fromLinks.runs, ...fromIds.runs],
    workflowsOnly: [...fromLinks.workflowsOnly, ...fromIds.workflowsOnly],
  });
}

/** Every run a piece of text names: Datadog run links first, then IDs told apart by the words around them. */
export function findRunRefs(text: string): FoundRefs {
  const links: RunLink[] = [];
  const rest = unwrapSlackLinks(text).replace(URL_ANYWHERE, (url) => {
    const parsed = parseRunUrl(url);
    if (parsed) links.push(parsed);
    return ' ';
  });
  return pairRefs(links, labelledIds(rest));
}
