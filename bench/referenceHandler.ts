/**
 * The floor for bench/burst.ts: the least a slash-command handler can do, in its own process. A plain node:http
 * server checks Slack's signature, parses the form, acks, looks the run up through the same wiring (client and
 * cache) and presenter as the bot, and posts the reply with undici. No Bolt. Listens on PORT.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { Agent, request } from 'undici';
import { loadDatadogConfig } from '../src/config/load';
import { createLog } from '../src/core/log';
import { presentCommand } from '../src/render/slackReplies';
import { wireLookup } from '../src/wiring';

function signatureValid(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`);
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

async function main(): Promise<void> {
  const loaded = loadDatadogConfig(process.env);
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const secret = process.env.SLACK_SIGNING_SECRET ?? '';
  const { lookup } = await wireLookup(loaded.config, { log: createLog(loaded.config.operations.logLevel) });
  const replies = new Agent({ connections: 64 });

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const timestamp = String(req.headers['x-slack-request-timestamp'] ?? '');
      if (!signatureValid(secret, timestamp, body, String(req.headers['x-slack-signature'] ?? ''))) {
        res.writeHead(401).end();
        return;
      }
      const form = new URLSearchParams(body);
      res.writeHead(200).end();
      const responseUrl = form.get('response_url') ?? '';
      void lookup
        .lookUpCommand(form.get('text') ?? '', { userId: form.get('user_id') ?? undefined })
        .then((outcome) => {
          const reply = { ...presentCommand(outcome, lookup.site), response_type: 'ephemeral' };
          return request(responseUrl, {
            dispatcher: replies,
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(reply),
          });
        })
        .then((response) => response.body.dump())
        .catch((err: unknown) => process.stderr.write(`reference: ${String(err)}\n`));
    });
  });
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
}

void main();
