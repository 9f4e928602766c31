/**
 * The floor for bench/burst.ts: the app's slash-command work without Bolt, in its own process on PORT. A plain
 * node:http server checks Slack's signature, parses the form and acks; then, as the app does, it claims the
 * signature in the follow store, looks the run up through the same wiring (access, rate limit, client, cache,
 * metrics, audit trail, the same pino log lines), presents it, and replies through the same `replyWith` (masking,
 * InFlight, the keep-alive poster). Left out, which is Bolt's: its receiver, middleware chains, authorize and context.
 * /healthz answers 200, as the app's does.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { loadBotConfig, secretValues } from '../src/config/load';
import { AccessPolicy } from '../src/core/access';
import { InFlight } from '../src/core/inflight';
import { PerUserRateLimit } from '../src/core/rateLimit';
import { openFollowStore } from '../src/followWiring';
import { openAuditTrail } from '../src/log/auditTrail';
import { createPinoLog } from '../src/log/pinoLog';
import { createMetrics } from '../src/metrics/metrics';
import { secretMask } from '../src/render/secretMask';
import { presentCommand } from '../src/render/slackReplies';
import { replyWith } from '../src/slack/replyWith';
import { ResponseUrlPoster } from '../src/slack/responseUrl';
import { wireLookup } from '../src/wiring';

function signatureValid(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`);
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

async function main(): Promise<void> {
  const loaded = loadBotConfig(process.env);
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const { config } = loaded;
  const secret = config.slack.signingSecret ?? '';
  const log = createPinoLog({
    level: config.operations.logLevel,
    format: config.operations.logFormat,
    secrets: secretValues(config),
  });
  const inflight = new InFlight(config.operations.replyMaxPending);
  const metrics = createMetrics(() => inflight.size);
  const audit = openAuditTrail(config.operations.auditLogFile, () => undefined);
  const opened = await openFollowStore(config.follow, log, ({ up }) => metrics.storeUp(up));
  const { lookup } = await wireLookup(config, {
    log,
    metrics,
    sharedRuns: opened.sharedRuns,
    access: new AccessPolicy(config.access),
    rateLimit: new PerUserRateLimit(config.access.rateLimitPerMinute),
    showInitiatorEmail: config.access.showInitiatorEmail,
    observer: audit.observe,
  });
  const services = {
    lookup,
    inflight,
    log,
    replies: metrics,
    poster: new ResponseUrlPoster({ allowLoopbackHttp: config.slack.allowLoopbackResponseUrl }),
    mask: secretMask(secretValues(config)),
  };
  const noRespond = async () => {
    throw new Error('the reference replies through its poster only');
  };

  const server = createServer((req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(200).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const timestamp = String(req.headers['x-slack-request-timestamp'] ?? '');
      const signature = String(req.headers['x-slack-signature'] ?? '');
      if (!signatureValid(secret, timestamp, body, signature)) {
        res.writeHead(401).end();
        return;
      }
      const form = new URLSearchParams(body);
      void opened.claims.claim(`signature:${signature}`, 5 * 60 * 1000).then((first) => {
        res.writeHead(200).end();
        if (!first) return;
        return replyWith(
          services,
          { respond: noRespond, responseUrl: form.get('response_url') ?? undefined },
          async () =>
            presentCommand(
              await lookup.lookUpCommand(form.get('text') ?? '', {
                teamId: form.get('team_id') ?? undefined,
                userId: form.get('user_id') ?? undefined,
                channelId: form.get('channel_id') ?? undefined,
                via: 'command',
              }),
              lookup.site,
              { shareEnabled: lookup.access.shareEnabled },
            ),
        );
      });
    });
  });
  server.listen(config.slack.port, '127.0.0.1');
}

void main();
