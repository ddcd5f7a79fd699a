/**
 * The HTTP face of the local Direct Line endpoint: the subset of Direct Line 3.0 that Web Chat uses when
 * polling (`webSocket: false`). Every route but "start a conversation" needs `Authorization: Bearer
 * <token>`: none gives 401, a forged or expired token, or one of another conversation, gives 403.
 *
 *   POST /v3/directline/conversations                         start one (201), or with a token: its conversation (200)
 *   GET  /v3/directline/conversations/:id                     the conversation of the token (reconnect)
 *   POST /v3/directline/conversations/:id/activities          post an activity → {id}
 *   GET  /v3/directline/conversations/:id/activities?watermark=N   → {activities, watermark}
 *   POST /v3/directline/tokens/refresh                        a fresh token for the same conversation
 *
 * WARNING: starting a conversation needs no credential — this endpoint is for local use (the bot is
 * anonymous and bound to loopback); production web chat uses Azure Direct Line.
 */
import type { Request, Response, Server } from 'restify';
import type { DirectLineTokens, TokenClaims } from './directLineTokens';
import { DIRECT_LINE_PATH, type LocalDirectLine } from './localDirectLine';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

type Authorized = { claims: TokenClaims; token: string } | { status: 401 | 403; error: string };

export class DirectLineRoutes {
  constructor(
    private readonly directLine: LocalDirectLine,
    private readonly tokens: DirectLineTokens,
  ) {}

  /** Adds the Direct Line routes to a restify server (after its body parser). */
  register(server: Server): void {
    const conversations = `${DIRECT_LINE_PATH}/conversations`;
    server.post(conversations, async (req: Request, res: Response) => this.startConversation(req, res));
    server.get(`${conversations}/:conversationId`, async (req: Request, res: Response) => this.reconnect(req, res));
    server.post(`${conversations}/:conversationId/activities`, async (req: Request, res: Response) =>
      this.postActivity(req, res),
    );
    server.get(`${conversations}/:conversationId/activities`, async (req: Request, res: Response) =>
      this.getActivities(req, res),
    );
    server.post(`${DIRECT_LINE_PATH}/tokens/refresh`, async (req: Request, res: Response) => this.refresh(req, res));
  }

  private async startConversation(req: Request, res: Response): Promise<void> {
    noStore(res);
    if (req.header('authorization')) {
      const auth = this.authorize(req);
      if ('status' in auth) {
        res.send(auth.status, { error: auth.error });
        return;
      }
      const grant = this.directLine.resume(auth.claims, auth.token);
      sendOr404(res, grant, 200);
      return;
    }
    const body = req.body as { locale?: unknown } | undefined;
    const locale = typeof body?.locale === 'string' ? body.locale : undefined;
    res.send(201, await this.directLine.startConversation(locale));
  }

  private reconnect(req: Request, res: Response): void {
    noStore(res);
    const auth = this.authorize(req, conversationParam(req));
    if ('status' in auth) {
      res.send(auth.status, { error: auth.error });
      return;
    }
    sendOr404(res, this.directLine.resume(auth.claims, auth.token), 200);
  }

  private async postActivity(req: Request, res: Response): Promise<void> {
    noStore(res);
    const auth = this.authorize(req, conversationParam(req));
    if ('status' in auth) {
      res.send(auth.status, { error: auth.error });
      return;
    }
    const result = await this.directLine.post(auth.claims, req.body);
    switch (result.status) {
      case 'ok':
        res.send(200, { id: result.id });
        return;
      case 'invalid':
        res.send(400, { error: result.problem });
        return;
      case 'unknown':
        res.send(404, { error: 'conversation not found' });
        return;
      case 'failed':
        res.send(502, { error: 'the bot could not process the activity' });
        return;
    }
  }

  private getActivities(req: Request, res: Response): void {
    noStore(res);
    const auth = this.authorize(req, conversationParam(req));
    if ('status' in auth) {
      res.send(auth.status, { error: auth.error });
      return;
    }
    const watermark = Number.parseInt(new URLSearchParams(req.getQuery()).get('watermark') ?? '', 10);
    const set = this.directLine.activities(auth.claims, Number.isFinite(watermark) && watermark > 0 ? watermark : 0);
    sendOr404(res, set, 200);
  }

  private refresh(req: Request, res: Response): void {
    noStore(res);
    const auth = this.authorize(req);
    if ('status' in auth) {
      res.send(auth.status, { error: auth.error });
      return;
    }
    sendOr404(res, this.directLine.refresh(auth.claims), 200);
  }

  /** The token's claims, when the request carries a valid token (for this conversation, when one is named). */
  private authorize(req: Request, conversationId?: string): Authorized {
    const match = BEARER.exec(req.header('authorization') ?? '');
    if (!match?.[1]) {
      return { status: 401, error: 'a Direct Line token is required (Authorization: Bearer <token>)' };
    }
    const claims = this.tokens.verify(match[1]);
    if (!claims) {
      return { status: 403, error: 'the token is invalid or expired' };
    }
    if (conversationId !== undefined && claims.conversationId !== conversationId) {
      return { status: 403, error: 'the token is not valid for this conversation' };
    }
    return { claims, token: match[1] };
  }
}

function conversationParam(req: Request): string {
  return String((req.params as { conversationId?: string }).conversationId ?? '');
}

function noStore(res: Response): void {
  res.header('Cache-Control', 'no-store');
}

function sendOr404(res: Response, body: object | undefined, status: number): void {
  if (body) {
    res.send(status, body);
  } else {
    res.send(404, { error: 'conversation not found' });
  }
}
