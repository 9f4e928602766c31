import type { App } from '@slack/bolt';
import type { BotServices } from '../../services';
import { appHomeOpenedListener } from './appHomeOpened';
import { linkSharedListener } from './linkShared';

export function register(app: App, services: BotServices): void {
  // Registered even while unfurls are off, so an event sent anyway is logged as ignored.
  app.event('link_shared', linkSharedListener(services));
  const { home } = services;
  if (home) app.event('app_home_opened', appHomeOpenedListener(services, home));
}
