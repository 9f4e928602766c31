import { type AccessPolicy, inAnyUsergroup, type UsergroupDirectory } from './access';
import type { RefusalReason, Requester } from './requester';

/** Who may act on runs (cancel one, run a workflow again): nobody unless turned on and named, and always within the read rules. */

export interface ActorRules {
  /** ACTIONS_ENABLED: off, nothing that acts is shown and no write call is made. */
  enabled: boolean;
  /** With both lists empty, nobody may act. */
  userIds: readonly string[];
  usergroupIds: readonly string[];
  /** The workflows that may be acted on; empty: every workflow the read rules allow. */
  workflowIds: readonly string[];
}

/** Why an act was refused, beyond the read rules. */
export type ActRefusal =
  | 'actions_off'
  /** Neither ALLOWED_ACTOR_USER_IDS nor ALLOWED_ACTOR_USERGROUP_IDS names the user. */
  | 'not_actor'
  /** Slack could not say whether the user is in an actor user group, so the bot cannot either. */
  | 'actor_unknown'
  /** ACTIONS_WORKFLOW_IDS does not name the workflow. */
  | 'workflow_not_actable';

export const ACTIONS_OFF: ActorRules = { enabled: false, userIds: [], usergroupIds: [], workflowIds: [] };

export class ActorPolicy {
  readonly rules: ActorRules;

  constructor(
    rules: ActorRules,
    private readonly access: AccessPolicy,
    private readonly usergroups?: UsergroupDirectory,
  ) {
    this.rules = { ...rules, workflowIds: rules.workflowIds.map((id) => id.toLowerCase()) };
  }

  get enabled(): boolean {
    return this.rules.enabled;
  }

  /** Undefined when the requester may act on the workflow's runs; otherwise why not (an act rule or a read rule). */
  async check(requester: Requester, workflowId: string): Promise<ActRefusal | RefusalReason | undefined> {
    const { enabled, userIds, usergroupIds, workflowIds } = this.rules;
    if (!enabled) return 'actions_off';
    const readRefusal = await this.access.check(requester, workflowId);
    if (readRefusal) return readRefusal;
    if (workflowIds.length > 0 && !workflowIds.includes(workflowId.toLowerCase())) return 'workflow_not_actable';
    // The operator at a terminal holds the keys themselves: only the switch and the workflow list apply to them.
    if (requester.via === 'cli') return undefined;
    if (requester.userId !== undefined && userIds.includes(requester.userId)) return undefined;
    if (usergroupIds.length === 0) return 'not_actor';
    const member = await inAnyUsergroup(this.usergroups, requester.userId, usergroupIds);
    return member === undefined ? 'actor_unknown' : member ? undefined : 'not_actor';
  }

  /** The workflows among these the requester may act on (what decides the act buttons); none asked while off. */
  async actableAmong(requester: Requester, workflowIds: readonly string[]): Promise<ReadonlySet<string>> {
    if (!this.rules.enabled) return new Set();
    const distinct = [...new Set(workflowIds.map((id) => id.toLowerCase()))];
    const allowed = await Promise.all(distinct.map(async (id) => (await this.check(requester, id)) === undefined));
    return new Set(distinct.filter((_, index) => allowed[index]));
  }
}
