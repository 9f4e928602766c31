import type { App } from '@slack/bolt';
import { COMMAND } from '../../../render/slackIds';
import type { BotServices } from '../../services';
import { ddInstanceCommand } from './ddInstance';

export function register(app: App, services: BotServices): void {
  app.command(COMMAND, ddInstanceCommand(services));
}
