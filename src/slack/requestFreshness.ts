import { type App, HTTPModuleFunctions, HTTPReceiver, type HTTPReceiverOptions, type ReceiverEvent } from '@slack/bolt';
import type { Log } from '../core/log';
import type { EventClaims } from '../core/surfacePorts';

/** Slack's window: Bolt refuses a stamp more than this far behind now, and this receiver one this far ahead. */
const WINDOW_SECONDS = 5 * 60;

/** The custom property that carries a verified request's signature and stamp from Bolt's receiver to `admit`. */
const STAMP = 'slackRequestStamp';

interface RequestStamp {
  signature: string;
  timestampSeconds: number;
}

/** Thrown by `admit`, answered 401 by the receiver's error handler. */
class StampedAhead extends Error {}

export interface FreshnessOptions {
  /** Where signatures are claimed (the store with one, so a fleet agrees); without it only stamps are checked. */
  claims: EventClaims | undefined;
  log: Log;
}

/**
 * Bolt's HTTP receiver, which verifies the signature and refuses stale stamps, refusing also what a valid signature
 * alone lets through: a stamp more than 5 minutes ahead (401), and a request signed exactly like one already served
 * in the window (an empty 200: it was answered once, and a 401 would make Slack deliver it again).
 * Slack signs each retry anew, with its own stamp, so real retries still pass.
 */
export class FreshRequestReceiver extends HTTPReceiver {
  private readonly freshness: FreshnessOptions;

  constructor(options: HTTPReceiverOptions, freshness: FreshnessOptions) {
    super({
      ...options,
      // Bolt calls this only once the signature is verified, so only Slack's own signatures are ever claimed.
      customPropertiesExtractor: (request): { [STAMP]: RequestStamp } => ({
        [STAMP]: {
          signature: HTTPModuleFunctions.getHeader(request, 'x-slack-signature'),
          timestampSeconds: Number(HTTPModuleFunctions.getHeader(request, 'x-slack-request-timestamp')),
        },
      }),
      processEventErrorHandler: async (args) => {
        if (!(args.error instanceof StampedAhead)) return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
        HTTPModuleFunctions.buildNoBodyResponse(args.response, 401);
        return true;
      },
    });
    this.freshness = freshness;
  }

  /** Bolt hands each verified request to `app.processEvent`; this receiver hands it to `admit` first. */
  override init(app: App): void {
    const admitting: App = Object.create(app);
    admitting.processEvent = (event) => this.admit(app, event);
    super.init(admitting);
  }

  private async admit(app: App, event: ReceiverEvent): Promise<void> {
    const { [STAMP]: stamp, ...customProperties } = event.customProperties ?? {};
    const { signature, timestampSeconds } = stamp as RequestStamp;
    const { claims, log } = this.freshness;
    const nowSeconds = Math.floor(Date.now() / 1000);
    if (timestampSeconds > nowSeconds + WINDOW_SECONDS) {
      log.warn('slack request refused: stamped more than 5 minutes ahead', {
        aheadSeconds: timestampSeconds - nowSeconds,
      });
      throw new StampedAhead();
    }
    // Held until Bolt would call the stamp stale, with a second to spare for another replica's clock.
    const claimMs = (timestampSeconds + WINDOW_SECONDS + 2) * 1000 - Date.now();
    // The claims never throw: with the store down this process stands in (FleetEventClaims).
    const first = claims ? await claims.claim(`signature:${signature}`, claimMs) : true;
    if (!first) {
      log.warn('slack request not served again: the same signature was already served', {
        stampedSecondsAgo: nowSeconds - timestampSeconds,
      });
      await event.ack();
      return;
    }
    await app.processEvent({ ...event, customProperties });
  }
}
