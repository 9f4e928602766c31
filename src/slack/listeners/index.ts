import type { App } from '@slack/bolt';
import type { BotServices } from '../services';
import * as actions from './actions';
import * as commands from './commands';
import * as events from './events';
import * as shortcuts from './shortcuts';
import * as unknownRequests from './unknownRequests';

export function registerListeners(app: App, services: BotServices): void {
  unknownRequests.register(app, services);
  commands.register(app, services);
  shortcuts.register(app, services);
  actions.register(app, services);
  events.register(app, services);
}
