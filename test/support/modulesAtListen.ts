import { Server } from 'node:http';

/**
 * Preloaded into a bot process (`node -r`): when its first server begins listening, prints which of these were
 * already loaded, as `modules at listen: [...]`.
 */
const WATCHED: Record<string, RegExp> = {
  zod: /[/\\]node_modules[/\\]zod[/\\]/,
  pino: /[/\\]node_modules[/\\]pino[/\\]/,
  '@slack/bolt': /[/\\]node_modules[/\\]@slack[/\\]bolt[/\\]/,
  'prom-client': /[/\\]node_modules[/\\]prom-client[/\\]/,
  'datadog/schemas': /[/\\]src[/\\]datadog[/\\]schemas\.js$/,
};

const listen = Server.prototype.listen;
let reported = false;
Server.prototype.listen = function (this: Server, ...args: unknown[]) {
  if (!reported) {
    reported = true;
    const loaded = Object.keys(require.cache);
    const names = Object.keys(WATCHED).filter((name) => loaded.some((path) => WATCHED[name]?.test(path)));
    process.stderr.write(`modules at listen: ${JSON.stringify(names)}\n`);
  }
  return listen.apply(this, args as Parameters<Server['listen']>);
} as Server['listen'];
