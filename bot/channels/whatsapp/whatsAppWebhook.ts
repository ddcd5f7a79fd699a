/**
 * The webhook Meta calls: `GET /api/whatsapp` for the subscription handshake and `POST /api/whatsapp`
 * for messages and delivery receipts. Every POST must carry a valid `X-Hub-Signature-256` (401
 * otherwise); a valid one is acknowledged at once (200) and processed afterwards by the bridge.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../logger';
import type { RouteModule } from '../../server';
import { hasValidSignature } from './whatsAppSignature';
import type { WebhookPayload } from './whatsAppTypes';

export const WHATSAPP_WEBHOOK_PATH = '/api/whatsapp';

export interface WhatsAppWebhookDeps {
  /** The token entered in the Meta app's webhook settings. */
  verifyToken: string;
  /** The Meta app secret, the key of the payload signatures. */
  appSecret: string;
  bridge: { accept(payload: WebhookPayload): void };
  logger: Logger;
}

/** Equal strings, compared in constant time (digests, so that lengths do not leak either). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * The request body exactly as received. restify's global body parser keeps it as `rawBody`: a Buffer,
 * or for JSON and text a string decoded as UTF-8.
 * WARNING: re-encoding that string gives back the received bytes only because Meta sends valid UTF-8;
 * a body with invalid UTF-8 changes and then (correctly) fails the signature check.
 */
function rawBodyOf(req: Request): Buffer {
  const raw: unknown = req.rawBody;
  if (Buffer.isBuffer(raw)) {
    return raw;
  }
  return typeof raw === 'string' ? Buffer.from(raw, 'utf8') : Buffer.alloc(0);
}

/** The webhook routes, registered by the server after its body parser. */
export class WhatsAppWebhook implements RouteModule {
  constructor(private readonly deps: WhatsAppWebhookDeps) {}

  // restify ≥ 9: handlers that take (req, res) must be async functions.
  register(server: Server): void {
    server.get(WHATSAPP_WEBHOOK_PATH, async (req: Request, res: Response) => this.verify(req, res));
    server.post(WHATSAPP_WEBHOOK_PATH, async (req: Request, res: Response) => this.receive(req, res));
  }

  /** The subscription handshake: the challenge back as text when the verify token matches, else 403. */
  private verify(req: Request, res: Response): void {
    const query = new URLSearchParams(req.getQuery());
    const challenge = query.get('hub.challenge');
    if (
      query.get('hub.mode') === 'subscribe' &&
      challenge !== null &&
      sameSecret(query.get('hub.verify_token') ?? '', this.deps.verifyToken)
    ) {
      res.sendRaw(200, challenge, { 'content-type': 'text/plain; charset=utf-8' });
      return;
    }
    this.deps.logger.warn('WhatsApp webhook verification refused');
    res.send(403, { error: 'verification failed' });
  }

  /** A signed delivery: 401 unless the signature matches, else 200 at once and processing afterwards. */
  private receive(req: Request, res: Response): void {
    const raw = rawBodyOf(req);
    if (!hasValidSignature(this.deps.appSecret, raw, req.header('x-hub-signature-256'))) {
      this.deps.logger.warn('WhatsApp webhook with a missing or wrong signature refused');
      res.send(401, { error: 'missing or invalid X-Hub-Signature-256' });
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString('utf8'));
    } catch {
      res.send(400, { error: 'the body must be JSON' });
      return;
    }
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      res.send(400, { error: 'the body must be a JSON object' });
      return;
    }
    // Acknowledge first: Meta retries deliveries that are not answered quickly.
    res.send(200, { received: true });
    try {
      this.deps.bridge.accept(payload as WebhookPayload);
    } catch (error) {
      this.deps.logger.error({ err: error }, 'WhatsApp webhook payload could not be processed');
    }
  }
}
