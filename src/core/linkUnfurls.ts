import type { RunOutcome } from './outcomes';
import type { Requester } from './requester';
import type { RunLookup } from './runLookup';
import { MAX_RUNS_FETCHED } from './runLookup';
import { parseRunUrl } from './runRefs';

/** Run links posted in a channel, looked up so each can be shown as a card under the message (a link unfurl). */

export interface LinkedRun {
  /** The link exactly as Slack sent it: chat.unfurl keys each card by it. */
  url: string;
  run: RunOutcome;
}

export interface LinksOutcome {
  runs: LinkedRun[];
  /** Links to runs on another Datadog site than the bot's: not looked up, as the bot's keys cannot read them. */
  otherSite: string[];
  /** Links that name no run (a workflow or another Datadog page), and runs past MAX_RUNS_FETCHED. */
  skipped: number;
}

export class LinkUnfurls {
  constructor(private readonly lookup: RunLookup) {}

  /** Each distinct run is looked up once, however many of the links name it; a refused one gets no card. */
  async lookUpLinks(urls: string[], requester: Requester): Promise<LinksOutcome> {
    const byRun = new Map<string, string[]>();
    const otherSite: string[] = [];
    let skipped = 0;
    for (const url of new Set(urls)) {
      const link = parseRunUrl(url);
      if (!link?.site || !link.instanceId) skipped++;
      else if (link.site !== this.lookup.site) otherSite.push(url);
      else {
        const key = `${link.workflowId}/${link.instanceId}`;
        byRun.set(key, [...(byRun.get(key) ?? []), url]);
      }
    }
    const fetched = [...byRun.entries()].slice(0, MAX_RUNS_FETCHED);
    skipped += [...byRun.values()].slice(MAX_RUNS_FETCHED).flat().length;
    const looked = await Promise.all(
      fetched.map(async ([key, links]) => {
        const [workflowId = '', instanceId = ''] = key.split('/');
        const run = await this.lookup.lookUpRun(
          { workflowId, instanceId, certain: true },
          { ...requester, via: 'unfurl' },
        );
        return links.map((url) => ({ url, run }));
      }),
    );
    return { runs: looked.flat(), otherSite, skipped };
  }
}
