import 'dotenv/config';
import { startBot } from './bot';
import { formatConfigProblems, loadBotConfig } from './config';
import { createLog } from './core/log';

async function main(): Promise<void> {
  const loaded = loadBotConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(`${formatConfigProblems(loaded.problems)}\n`);
    process.exit(1);
  }
  const { config, warnings } = loaded;
  const log = createLog(config.logLevel);
  warnings.forEach((warning) => log.warn(warning));
  // A last net: one bad input must never take down the bot for everyone else.
  process.on('unhandledRejection', (reason) => log.error('unhandled rejection', { error: reason instanceof Error ? reason.message : String(reason) }));
  process.on('uncaughtException', (err) => log.error('uncaught exception', { error: err.message }));
  const bot = await startBot(config, log);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    // Slack and Heroku give 5 s at most; whatever is still open after that is cut.
    setTimeout(() => process.exit(0), 4800).unref();
    void bot.stop(4000).then(() => process.exit(0));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`dd-instance failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
