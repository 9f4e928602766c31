import type { AllMiddlewareArgs, AnyMiddlewareArgs, App } from '@slack/bolt';
import { COMMAND, LOOKUP_RUN_SHORTCUT } from '../../render/slackIds';
import { type OutdatedEntry, renderOutdated } from '../../render/usageReply';
import { replyWith } from '../replyWith';
import type { BotServices } from '../services';

type Args = AnyMiddlewareArgs & AllMiddlewareArgs;

/** A request no listener takes: what it came from, and the ID Slack named it by. */
type Unhandled = { entry: OutdatedEntry | undefined; id: string };

function unhandled(args: Args, actions: ReadonlySet<string>, views: ReadonlySet<string>): Unhandled | undefined {
  if ('command' in args) {
    const { command } = args.command;
    return command === COMMAND ? undefined : { entry: { kind: 'command', command }, id: command };
  }
  if ('shortcut' in args) {
    const { type, callback_id } = args.shortcut;
    return type === 'message_action' && callback_id === LOOKUP_RUN_SHORTCUT
      ? undefined
      : { entry: { kind: 'shortcut' }, id: callback_id };
  }
  if ('action' in args) {
    const { body } = args;
    if (body.type === 'block_actions') {
      const actionId = body.actions[0]?.action_id ?? '';
      return actions.has(actionId) ? undefined : { entry: { kind: 'button' }, id: actionId };
    }
    return { entry: { kind: 'button' }, id: body.callback_id };
  }
  // Only the views views/ registered take a submission; the bot asks for no close notice, and its blocks load no options.
  if ('view' in args)
    return args.body.type === 'view_submission' && views.has(args.view.callback_id)
      ? undefined
      : { entry: undefined, id: args.view.callback_id };
  if ('options' in args) return { entry: undefined, id: args.options.action_id ?? args.options.callback_id ?? '' };
  // Events: Bolt has acked them already, and one no listener takes needs no answer.
  return undefined;
}

/**
 * Global middleware: a request no listener takes (a button, shortcut or command of an older version) is acked at
 * once, and its sender told in one private line; the rest go on to their listener, which alone answers them.
 * `actions` and `views` are the action and view callback IDs actions/ and views/ registered, so no second list of
 * them is kept here.
 */
export function register(
  app: App,
  services: BotServices,
  actions: ReadonlySet<string>,
  views: ReadonlySet<string>,
): void {
  app.use(async (args) => {
    const found = unhandled(args, actions, views);
    if (!found) {
      await args.next();
      return;
    }
    const body = args.body as { type?: string; response_url?: string; user?: { id?: string }; user_id?: string };
    services.log.warn('request not handled by this version, answered as outdated', {
      type: body.type ?? 'slash_command',
      id: found.id,
      user: body.user?.id ?? body.user_id,
    });
    if ('options' in args) await args.ack({ options: [] });
    else if ('ack' in args) await args.ack?.();
    const { entry } = found;
    if (entry && body.response_url && 'respond' in args) {
      const target = { respond: args.respond, responseUrl: body.response_url };
      await replyWith(services, target, async () => renderOutdated(entry), {
        response_type: 'ephemeral',
        replace_original: false,
      });
    }
  });
}
