import type { App } from '@slack/bolt';
import type { BotServices } from '../services';
import * as actions from './actions';
import * as commands from './commands';
import * as events from './events';
import * as shortcuts from './shortcuts';
import * as unknownRequests from './unknownRequests';
import * as views from './views';

export function registerListeners(app: App, services: BotServices): void {
  commands.register(app, services);
  shortcuts.register(app, services);
  const handledActions = actions.register(app, services);
  events.register(app, services);
  const handledViews = views.register(app, services);
  // Global middleware runs before every listener, whenever it is registered.
  unknownRequests.register(app, services, handledActions, handledViews);
}
