/** Who asked, from where, through which entry point, and why they were refused: read by the access policy, the logs and the audit trail. */

/** Where a request came from: the surface and the thing pressed or typed. */
export type EntryPoint =
  | 'command'
  | 'shortcut'
  | 'refresh'
  | 'view'
  | 'share'
  | 'modal'
  | 'unfurl'
  | 'home'
  | 'follow'
  /** The Cancel run button, and the Run again modal. */
  | 'cancel'
  | 'run'
  | 'cli';

/** Who asked and where, as Slack's signed request says, and through which entry point. */
export interface Requester {
  teamId?: string;
  enterpriseId?: string;
  userId?: string;
  channelId?: string;
  /** Which command, shortcut or button asked. */
  via?: EntryPoint;
}

/** A requester Slack named the user of: follows and App Home belong to a user. */
export type NamedRequester = Requester & { userId: string };

/** Why a request was refused; a small fixed set, fit for the audit line and the reply's words. */
export type RefusalReason =
  | 'team'
  | 'channel'
  | 'user'
  | 'usergroup'
  /** Slack could not say whether the user is in an allowed user group, so the bot cannot either. */
  | 'usergroup_unknown'
  | 'workflow'
  | 'share_off'
  | 'rate_limited';
