/**
 * The floor for start-up and memory: bare node answering GET /healthz on PORT. With HOLD_DEPENDENCIES=1 it first
 * loads every production dependency of the app (what the app cannot weigh less than), and /healthz then also
 * answers `process.memoryUsage()`.
 */
import { createServer } from 'node:http';
import { dependencies } from '../package.json';

if (process.env.HOLD_DEPENDENCIES === '1') for (const name of Object.keys(dependencies)) require(name);

createServer((req, res) => {
  res.writeHead(req.url === '/healthz' ? 200 : 404, { 'content-type': 'application/json' });
  res.end(JSON.stringify(process.memoryUsage()));
}).listen(Number(process.env.PORT ?? 0), '127.0.0.1');
