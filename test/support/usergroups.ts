import type { UsergroupDirectory } from '../../src/core/access';

/** A user group directory that counts the times it is asked; 'down' fails every ask as Slack would without the scope. */
export class CountingGroups implements UsergroupDirectory {
  asked = 0;
  constructor(private readonly groups: Record<string, string[]> | 'down') {}
  async members(id: string): Promise<readonly string[]> {
    this.asked++;
    if (this.groups === 'down') throw new Error('missing_scope');
    return this.groups[id] ?? [];
  }
}
