import type { RefusalReason, Requester } from './requester';

/** Who may use the bot, where, and for which workflows: checked before any Datadog call, at every entry point. */

/** Each list empty means allowed; a set list lets through only what it names. */
export interface AccessRules {
  /** Workspace or Enterprise Grid org IDs: a request matches by its team_id or enterprise_id. */
  teamIds: readonly string[];
  channelIds: readonly string[];
  userIds: readonly string[];
  usergroupIds: readonly string[];
  workflowIds: readonly string[];
  /** Off: the Share button is not shown, and a forged Share press is refused. */
  shareEnabled: boolean;
}

/** The members of a Slack user group (usergroups.users.list); throws when Slack cannot say. */
export interface UsergroupDirectory {
  members(usergroupId: string): Promise<readonly string[]>;
}

/** What is about to happen: the entry point (App Home has no channel) and the workflow it reads, when known. */
export const OPEN_RULES: AccessRules = {
  teamIds: [],
  channelIds: [],
  userIds: [],
  usergroupIds: [],
  workflowIds: [],
  shareEnabled: true,
};

const listed = (list: readonly string[], value: string | undefined) =>
  list.length === 0 || (value !== undefined && list.includes(value));

export class AccessPolicy {
  private readonly rules: AccessRules;

  constructor(
    rules: Partial<AccessRules> = {},
    private readonly usergroups?: UsergroupDirectory,
  ) {
    this.rules = { ...OPEN_RULES, ...rules };
  }

  get shareEnabled(): boolean {
    return this.rules.shareEnabled;
  }

  /** The one check every use case makes first: undefined when allowed, otherwise why not. */
  async check(requester: Requester, workflowId?: string): Promise<RefusalReason | undefined> {
    const { teamIds, channelIds, userIds, usergroupIds } = this.rules;
    if (teamIds.length > 0 && !teamIds.some((id) => id === requester.teamId || id === requester.enterpriseId))
      return 'team';
    // App Home belongs to the user, not to a channel.
    if (requester.via !== 'home' && !listed(channelIds, requester.channelId)) return 'channel';
    if (requester.via === 'share' && !this.rules.shareEnabled) return 'share_off';
    if (workflowId !== undefined && !this.allowsWorkflow(workflowId)) return 'workflow';
    if (!listed(userIds, requester.userId)) return 'user';
    if (usergroupIds.length > 0) return this.checkUsergroups(requester.userId, usergroupIds);
    return undefined;
  }

  /** Whether a workflow may be read at all (the other order of two bare IDs is tried only when it may). */
  allowsWorkflow(workflowId: string): boolean {
    return listed(this.rules.workflowIds, workflowId.toLowerCase());
  }

  private async checkUsergroups(
    userId: string | undefined,
    usergroupIds: readonly string[],
  ): Promise<RefusalReason | undefined> {
    const member = await inAnyUsergroup(this.usergroups, userId, usergroupIds);
    return member === undefined ? 'usergroup_unknown' : member ? undefined : 'usergroup';
  }
}

/** Whether the user is in one of the groups; undefined when no one can say (no user, no directory, Slack failed). */
export async function inAnyUsergroup(
  usergroups: UsergroupDirectory | undefined,
  userId: string | undefined,
  usergroupIds: readonly string[],
): Promise<boolean | undefined> {
  if (!userId || !usergroups) return undefined;
  try {
    const lists = await Promise.all(usergroupIds.map((id) => usergroups.members(id)));
    return lists.some((members) => members.includes(userId));
  } catch {
    return undefined;
  }
}
