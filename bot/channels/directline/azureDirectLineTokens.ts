/**
 * Production web chat: exchanges the Direct Line secret (server side only) for a token bound to one new
 * conversation and a server-generated user id, through Azure Direct Line's `POST {endpoint}/tokens/generate`.
 * The page never sees the secret; a refusal or an outage becomes a TokenIssuerError (502 to the page).
 */
import { randomBytes } from 'node:crypto';
import { TokenIssuerError, type WebChatGrant, type WebChatTokenIssuer } from './webChatGrant';

/** How long to wait for Azure before telling the page that no token could be had. */
export const TOKEN_REQUEST_TIMEOUT_MS = 10_000;
/** Random bytes in a generated user id. */
const USER_ID_BYTES = 16;
/** Azure Direct Line treats user ids with this prefix as set by the server (enhanced authentication). */
export const AZURE_USER_ID_PREFIX = 'dl_';

export interface AzureDirectLineOptions {
  /** e.g. https://directline.botframework.com/v3/directline (or a regional endpoint). */
  endpoint: string;
  secret: string;
  /** The HTTP client (Node's global fetch unless a test passes another). */
  fetch?: typeof fetch;
  timeoutMs?: number;
}

interface GenerateAnswer {
  token?: unknown;
  conversationId?: unknown;
  expires_in?: unknown;
}

export class AzureDirectLineTokens implements WebChatTokenIssuer {
  private readonly endpoint: string;

  constructor(private readonly options: AzureDirectLineOptions) {
    this.endpoint = options.endpoint.replace(/\/+$/, '');
  }

  /** A token for a new conversation; the page's locale is not Azure's business. */
  async issue(): Promise<WebChatGrant> {
    const fetchFn = this.options.fetch ?? fetch;
    const userId = `${AZURE_USER_ID_PREFIX}${randomBytes(USER_ID_BYTES).toString('base64url')}`;
    let response: Awaited<ReturnType<typeof fetch>>;
    try {
      response = await fetchFn(`${this.endpoint}/tokens/generate`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${this.options.secret}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ user: { id: userId } }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? TOKEN_REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      // Only the error's kind: the request (and its Authorization header) stays out of the message.
      throw new TokenIssuerError(`Direct Line could not be reached (${(error as Error).name})`);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new TokenIssuerError(`Direct Line refused the token request (${response.status})`, response.status);
    }
    let answer: GenerateAnswer;
    try {
      answer = (await response.json()) as GenerateAnswer;
    } catch {
      throw new TokenIssuerError('Direct Line answered with something other than JSON', response.status);
    }
    if (
      typeof answer.token !== 'string' ||
      typeof answer.conversationId !== 'string' ||
      typeof answer.expires_in !== 'number'
    ) {
      throw new TokenIssuerError('Direct Line answered without a token', response.status);
    }
    return {
      token: answer.token,
      conversationId: answer.conversationId,
      expires_in: answer.expires_in,
      domain: this.endpoint,
      webSocket: true,
    };
  }
}
