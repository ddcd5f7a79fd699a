/**
 * Local Bot Connector routes: a stand-in, inside this server, for the Bot Connector service a channel
 * would run. Give the activities you hand to the adapter `serviceUrl = routes.serviceUrl(origin)`;
 * everything the bot then sends for that conversation — replies during a turn and proactive messages
 * sent later with `adapter.continueConversationAsync(reference)` — is POSTed back here by the SDK's
 * connector client and handed to your sink. Used by the local Direct Line endpoint (web chat); any
 * bridge that turns another transport into Bot Framework turns (e.g. WhatsApp) can use it the same way.
 *
 * API
 *   const routes = new ConnectorRoutes({ basePath: '/my-connector', sink });
 *   routes.register(server);                         // before server.listen()
 *   activity.serviceUrl = routes.serviceUrl(localOrigin(server));   // http://127.0.0.1:<port>/my-connector/<key>
 *   await adapter.processActivityDirect('', activity, logic);   // anonymous mode
 *
 *   interface ConnectorSink {
 *     // One activity the bot sent to `conversationId` (replyToId: the activity it answers, if any).
 *     // Return the id given to the stored activity, or undefined when the conversation is unknown (→ 404).
 *     receive(conversationId, activity, replyToId?): ConnectorReceipt | undefined | Promise<…>;
 *   }
 *
 * Routes (all under `{basePath}/{accessKey}`, the serviceUrl):
 *   POST …/v3/conversations/:conversationId/activities             (sendToConversation: proactive messages)
 *   POST …/v3/conversations/:conversationId/activities/:activityId (replyToActivity: replies in a turn)
 * Both answer 200 `{id}`. A wrong access key answers 404, a body that is not an activity 400, an unknown
 * conversation 404. Other connector operations (update/delete activity, members) are not offered.
 *
 * WARNING: in anonymous mode the SDK posts replies without any Authorization header, so these routes cannot
 * authenticate the caller. The random `accessKey` in the path (part of the serviceUrl, never shown to users)
 * is what keeps anyone else from injecting "bot" messages. It changes on every start unless you pass one:
 * a conversation reference stored before a restart then no longer reaches the sink (pass a stable key if
 * your history survives restarts).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Request, Response, Server } from 'restify';
import type { Activity } from 'botbuilder';

/** What the sink answers for one received activity. */
export interface ConnectorReceipt {
  /** The id the activity got in the receiver's history; returned to the bot as `{id}`. */
  id: string;
}

/** Receives the activities the bot posts to the local connector. */
export interface ConnectorSink {
  receive(
    conversationId: string,
    activity: Partial<Activity>,
    replyToId?: string,
  ): ConnectorReceipt | undefined | Promise<ConnectorReceipt | undefined>;
}

export interface ConnectorRoutesOptions {
  /** Path prefix of the routes, e.g. `/directline-connector` (no trailing slash). */
  basePath: string;
  sink: ConnectorSink;
  /** Secret path segment; random when omitted. Only URL-safe characters. */
  accessKey?: string;
  /** Called when the sink throws (the bot gets a 500). */
  onError?: (error: unknown) => void;
}

/**
 * The origin at which this process reaches its own listening server (`http://127.0.0.1:3978`): a wildcard
 * bind address (0.0.0.0, ::) becomes the loopback address. Call it only once the server listens.
 */
export function localOrigin(server: Server): string {
  const address = server.address() as AddressInfo | null;
  if (!address || typeof address !== 'object') {
    throw new Error('localOrigin: the server is not listening');
  }
  let host = address.address;
  if (host === '0.0.0.0') {
    host = '127.0.0.1';
  } else if (host === '::' || host === '::0') {
    host = '::1';
  }
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

/** Bytes of randomness in a generated access key. */
const ACCESS_KEY_BYTES = 24;
const URL_SAFE = /^[A-Za-z0-9_-]+$/;

export class ConnectorRoutes {
  private readonly basePath: string;
  private readonly accessKey: string;

  constructor(private readonly options: ConnectorRoutesOptions) {
    if (!options.basePath.startsWith('/') || options.basePath.endsWith('/')) {
      throw new Error(`ConnectorRoutes: basePath must start and not end with "/": ${options.basePath}`);
    }
    const accessKey = options.accessKey ?? randomBytes(ACCESS_KEY_BYTES).toString('base64url');
    if (!URL_SAFE.test(accessKey)) {
      throw new Error('ConnectorRoutes: accessKey must contain only A-Z, a-z, 0-9, "_" and "-"');
    }
    this.basePath = options.basePath;
    this.accessKey = accessKey;
  }

  /** The serviceUrl to put on activities for this server, given its origin (`http://127.0.0.1:3978`). */
  serviceUrl(origin: string): string {
    return `${origin.replace(/\/+$/, '')}${this.basePath}/${this.accessKey}`;
  }

  /** Adds the connector routes to a restify server (its body parser must run before them). */
  register(server: Server): void {
    const conversationPath = `${this.basePath}/:accessKey/v3/conversations/:conversationId/activities`;
    server.post(conversationPath, async (req: Request, res: Response) => this.handle(req, res));
    server.post(`${conversationPath}/:activityId`, async (req: Request, res: Response) => this.handle(req, res));
  }

  private async handle(req: Request, res: Response): Promise<void> {
    const params = req.params as { accessKey?: string; conversationId?: string; activityId?: string };
    if (!this.keyMatches(params.accessKey)) {
      res.send(404, { error: 'not found' });
      return;
    }
    const body: unknown = req.body;
    if (
      typeof body !== 'object' ||
      body === null ||
      Array.isArray(body) ||
      typeof (body as Activity).type !== 'string'
    ) {
      res.send(400, { error: 'the body must be an activity with a type' });
      return;
    }
    try {
      const receipt = await this.options.sink.receive(
        params.conversationId ?? '',
        body as Partial<Activity>,
        params.activityId,
      );
      if (!receipt) {
        res.send(404, { error: 'unknown conversation' });
        return;
      }
      res.send(200, { id: receipt.id });
    } catch (error) {
      this.options.onError?.(error);
      res.send(500, { error: 'internal error' });
    }
  }

  private keyMatches(candidate: string | undefined): boolean {
    if (!candidate) {
      return false;
    }
    const expected = Buffer.from(this.accessKey);
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
