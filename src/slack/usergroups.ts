import type { App } from '@slack/bolt';
import type { UsergroupDirectory } from '../core/access';

/** User group members from Slack's usergroups.users.list (scope usergroups:read); throws when Slack says no. */
export class SlackUsergroups implements UsergroupDirectory {
  /** The Bolt app's client, read at call time: the app is built after the use cases that check access. */
  constructor(private readonly client: () => App['client']) {}

  async members(usergroupId: string): Promise<readonly string[]> {
    const answer = await this.client().usergroups.users.list({ usergroup: usergroupId });
    return answer.users ?? [];
  }
}
