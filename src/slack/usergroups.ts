import type { App } from '@slack/bolt';
import type { UsergroupDirectory } from '../core/access';

/** User group members from Slack's usergroups.users.list (scope usergroups:read); throws when Slack says no. */
export class SlackUsergroups implements UsergroupDirectory {
  constructor(private readonly client: App['client']) {}

  async members(usergroupId: string): Promise<readonly string[]> {
    const answer = await this.client.usergroups.users.list({ usergroup: usergroupId });
    return answer.users ?? [];
  }
}
