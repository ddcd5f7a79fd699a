/**
 * `POST /api/directline/token`: the web chat page asks here for a Direct Line token and where to use it
 * (see WebChatGrant). The issuer is Azure Direct Line in production and the local endpoint otherwise;
 * without either the route answers 503. Upstream failures answer 502 with a generic message — never the
 * secret or Azure's answer.
 */
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../logger';
import { TokenIssuerError, type WebChatTokenIssuer } from './webChatGrant';

export const TOKEN_ROUTE = '/api/directline/token';

export class WebChatTokenRoute {
  constructor(
    private readonly issuer: WebChatTokenIssuer | undefined,
    private readonly logger: Logger,
  ) {}

  /** Adds the token route to a restify server (after its body parser). */
  register(server: Server): void {
    server.post(TOKEN_ROUTE, async (req: Request, res: Response) => this.handle(req, res));
  }

  private async handle(req: Request, res: Response): Promise<void> {
    res.header('Cache-Control', 'no-store');
    if (!this.issuer) {
      res.send(503, { error: 'web chat is not available: configure DIRECTLINE_SECRET or run the bot anonymously' });
      return;
    }
    const body = req.body as { locale?: unknown } | undefined;
    const locale = typeof body?.locale === 'string' ? body.locale : undefined;
    try {
      res.send(200, await this.issuer.issue({ locale }));
    } catch (error) {
      if (error instanceof TokenIssuerError) {
        this.logger.warn({ upstreamStatus: error.upstreamStatus, reason: error.message }, 'no web chat token');
        res.send(502, { error: 'could not get a web chat token' });
        return;
      }
      this.logger.error({ err: error }, 'web chat token route failed');
      res.send(500, { error: 'internal error' });
    }
  }
}
