import { interactive } from './signedRequest';

export const CLICK_TRIGGER_ID = '9876.5432.clicktrigger';

export interface ButtonClick {
  actionId: string;
  value: unknown;
  /** Where the clicked button is: an ephemeral message (with its response_url), or the App Home tab (none). */
  responseUrl: string | 'home';
  userId?: string;
}

/** A block_actions payload for one button click on an ephemeral message or in App Home, as Slack sends it. */
export function blockActions({
  actionId,
  value,
  responseUrl,
  userId = 'U0ONCALL',
}: ButtonClick): Record<string, string> {
  const where =
    responseUrl === 'home'
      ? { container: { type: 'view', view_id: 'V0HOME' }, view: { id: 'V0HOME', type: 'home' } }
      : {
          response_url: responseUrl,
          channel: { id: 'C0INCIDENT', name: 'incident-42' },
          container: { type: 'message', message_ts: '1700000000.000200', channel_id: 'C0INCIDENT', is_ephemeral: true },
        };
  return interactive({
    type: 'block_actions',
    trigger_id: CLICK_TRIGGER_ID,
    ...where,
    team: { id: 'T0001', domain: 'example' },
    user: { id: userId, username: 'oncall', name: 'oncall', team_id: 'T0001' },
    api_app_id: 'A0APP',
    token: 'deprecated-verification-token',
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'x' },
        value,
        action_ts: '1700000001.000100',
      },
    ],
  });
}

/** The buttons in a reply, by action_id, wherever they sit (actions blocks or section accessories). */
export function buttonsIn(reply: {
  blocks?: unknown;
}): Array<{ action_id: string; value?: string; url?: string; text: { text: string } }> {
  const found: Array<{ action_id: string; value?: string; url?: string; text: { text: string } }> = [];
  for (const block of (reply.blocks as Array<Record<string, unknown>> | undefined) ?? []) {
    const elements = [
      ...((block.elements as Array<Record<string, unknown>> | undefined) ?? []),
      ...(block.accessory ? [block.accessory as Record<string, unknown>] : []),
    ];
    for (const element of elements) if (element.type === 'button') found.push(element as never);
  }
  return found;
}

/** The first button in a reply with this action_id. */
export function buttonOf(
  reply: { blocks?: unknown },
  actionId: string,
): ReturnType<typeof buttonsIn>[number] | undefined {
  return buttonsIn(reply).find((button) => button.action_id === actionId);
}
