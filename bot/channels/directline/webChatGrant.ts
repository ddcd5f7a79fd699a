/**
 * What the web chat page receives from `POST /api/directline/token`: a Direct Line token bound to one
 * conversation and where to use it. Two issuers give it: the local Direct Line endpoint inside the bot
 * (local use) and Azure Direct Line (production, when DIRECTLINE_SECRET is set).
 */

export interface WebChatGrant {
  token: string;
  conversationId: string;
  /** Seconds until the token expires (Web Chat refreshes it before). */
  expires_in: number;
  /** The Direct Line base URL, absolute or relative to the page (`/v3/directline` for the local endpoint). */
  domain: string;
  /** Whether the endpoint streams over WebSocket; the local endpoint is polled. */
  webSocket: boolean;
}

export interface WebChatTokenRequest {
  /** The page's language (a BCP 47 tag), used for the welcome message where the issuer can. */
  locale?: string;
}

export interface WebChatTokenIssuer {
  issue(request: WebChatTokenRequest): Promise<WebChatGrant>;
}

/** An issuer failed in a way the page should hear about as 502 (the upstream service refused or broke). */
export class TokenIssuerError extends Error {
  constructor(
    message: string,
    readonly upstreamStatus?: number,
  ) {
    super(message);
    this.name = 'TokenIssuerError';
  }
}
