import './compileCache';
import 'dotenv/config';
import { formatConfigProblems, loadBotConfig, secretValues } from './config/load';
import { errorMessage } from './core/errorMessage';
import { loadWiring } from './loadWiring';
import type * as PinoLog from './log/pinoLog';
import type * as StdoutSink from './log/stdoutSink';
import { earlyAddress, listenEarly } from './slack/earlyServer';

async function main(): Promise<void> {
  const loaded = loadBotConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(`${formatConfigProblems(loaded.problems)}\n`);
    process.exit(1);
  }
  const { config, warnings } = loaded;
  // The port opens before the log, Bolt and the rest load (most of start-up): /healthz answers while they do.
  const early = listenEarly(earlyAddress(config.slack));
  // pino loads once the port is bound: it is a good share of what loads before it.
  const { createPinoLog } = require('./log/pinoLog') as typeof PinoLog;
  const { flushStdout } = require('./log/stdoutSink') as typeof StdoutSink;
  const log = createPinoLog({
    level: config.operations.logLevel,
    format: config.operations.logFormat,
    secrets: secretValues(config),
  });
  // Log and audit lines are written asynchronously: every exit waits for them (pino also flushes on 'exit').
  const exit = (code: number) => void flushStdout().finally(() => process.exit(code));
  warnings.forEach((warning) => {
    log.warn(warning);
  });
  // Signals are handled from the start, so a stop during start-up still exits cleanly.
  const starting = early.then(async (server) => {
    const { startBot } = await loadWiring();
    return startBot(config, log, {
      early: server,
      // Nothing can work with a token Slack refuses: say which setting to fix, and stop.
      onTokenRejected: (message) => {
        log.error(message);
        process.stderr.write(`dd-instance cannot start: ${message}\n`);
        exit(1);
      },
    });
  });
  let stopping = false;
  const shutdown = (code: number, why: Record<string, string>) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', why);
    // Slack and Heroku give 5 s at most; whatever is still open after that is cut.
    setTimeout(() => process.exit(code), 4800).unref();
    void starting.then((bot) => bot.stop(4000)).finally(() => exit(code));
  };
  process.on('SIGTERM', () => shutdown(0, { signal: 'SIGTERM' }));
  process.on('SIGINT', () => shutdown(0, { signal: 'SIGINT' }));
  // After an error nobody caught the process state is unknown (Node's advice): stop gracefully, exit 1, be restarted.
  const crashed = (kind: string) => (err: unknown) => {
    log.error(kind, { error: errorMessage(err), stack: err instanceof Error ? err.stack : undefined });
    shutdown(1, { after: kind });
  };
  process.on('uncaughtException', crashed('uncaught exception'));
  process.on('unhandledRejection', crashed('unhandled rejection'));
  await starting;
}

main().catch((err: unknown) => {
  process.stderr.write(`dd-instance failed to start: ${errorMessage(err)}\n`);
  process.exit(1);
});
