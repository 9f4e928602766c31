import { createRequire } from 'node:module';
import type * as Wiring from './wiring';

/** The largest packages behind the bot, smallest first, Bolt's own found where Bolt finds them. */
function heavyPackages(): Array<() => unknown> {
  const boltRequire = createRequire(require.resolve('@slack/bolt'));
  return [
    () => boltRequire('@slack/web-api'),
    () => boltRequire('@slack/oauth'),
    () => boltRequire('express'),
    () => require('undici'),
    () => require('@slack/bolt'),
  ];
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Loads wiring (Bolt and the rest: most of start-up) one large package per turn of the event loop, so the port
 * already open answers /healthz and /readyz in between instead of after all of it.
 */
export async function loadWiring(): Promise<typeof Wiring> {
  for (const load of heavyPackages()) {
    await nextTurn();
    load();
  }
  await nextTurn();
  return require('./wiring') as typeof Wiring;
}
