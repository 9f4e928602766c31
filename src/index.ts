import 'dotenv/config';
import { formatConfigProblems, loadBotConfig } from './config';
import { errorMessage } from './core/errorMessage';
import { createPinoLog } from './log/pinoLog';
import { botSecrets, startBot } from './wiring';

async function main(): Promise<void> {
  const loaded = loadBotConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(`${formatConfigProblems(loaded.problems)}\n`);
    process.exit(1);
  }
  const { config, warnings } = loaded;
  const log = createPinoLog({
    level: config.logLevel,
    format: config.logFormat,
    secrets: botSecrets(config),
  });
  warnings.forEach((warning) => {
    log.warn(warning);
  });
  // A last net: one bad input must never take down the bot for everyone else.
  process.on('unhandledRejection', (reason) => log.error('unhandled rejection', { error: errorMessage(reason) }));
  process.on('uncaughtException', (err) => log.error('uncaught exception', { error: err.message }));
  // Signals are handled from the start, so a stop during start-up still exits cleanly.
  const starting = startBot(config, log, {
    // Nothing can work with a token Slack refuses: say which setting to fix, and stop.
    onTokenRejected: (message) => {
      log.error(message);
      process.stderr.write(`dd-instance cannot start: ${message}\n`);
      process.exit(1);
    },
  });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    // Slack and Heroku give 5 s at most; whatever is still open after that is cut.
    setTimeout(() => process.exit(0), 4800).unref();
    void starting.then((bot) => bot.stop(4000)).finally(() => process.exit(0));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  await starting;
}

main().catch((err: unknown) => {
  process.stderr.write(`dd-instance failed to start: ${errorMessage(err)}\n`);
  process.exit(1);
});
