import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { BotServices } from '../../services';
import { appHomeOpenedListener } from './appHomeOpened';
import { linkSharedListener } from './linkShared';

type EventListener<Type extends string> = (args: SlackEventMiddlewareArgs<Type> & AllMiddlewareArgs) => Promise<void>;

/**
 * Fills the table of each event's listener by event type, and registers one Bolt listener that dispatches through it:
 * one middleware chain per event instead of one per type.
 */
export function register(app: App, services: BotServices): void {
  const events = new Map<string, EventListener<string>>();
  const on = <Type extends string>(type: Type, listener: EventListener<Type>) => {
    // Looked up by the event's own type below, so it only ever gets an event of its type.
    events.set(type, listener as unknown as EventListener<string>);
  };
  // Registered even while unfurls are off, so an event sent anyway is logged as ignored.
  on('link_shared', linkSharedListener(services));
  const { home } = services;
  if (home) on('app_home_opened', appHomeOpenedListener(services, home));
  // Bolt has acked every event already: one the table does not take needs no answer.
  app.event(/./, (args) => events.get(args.event.type)?.(args) ?? Promise.resolve());
}
