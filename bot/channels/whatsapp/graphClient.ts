/**
 * Sends WhatsApp messages through the Graph API (`POST {base}/{phone-number-id}/messages`, Bearer token).
 * Rate limits (429) and server errors (5xx) are retried with exponential backoff up to a cap; a request
 * that got a 2xx is never repeated, other 4xx are final, and a network failure is retried only when the
 * request cannot have reached Graph — so a retry never sends a message twice.
 */
import type { GraphMessage } from './whatsAppTypes';

/** Graph error code: the 24-hour window is closed; only a template may be sent. */
export const REENGAGEMENT_REQUIRED = 131047;

export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  /** Wait before the second attempt; doubled for each further one. */
  baseDelayMs: number;
  /** No wait is longer than this, whatever Retry-After says. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8000 };

/** A send that did not answer within this time is given up (and not retried: it may have been sent). */
const REQUEST_TIMEOUT_MS = 15_000;

/** Network errors raised before a request was written: retrying them cannot duplicate a message. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

export class GraphApiError extends Error {
  constructor(
    message: string,
    /** HTTP status, undefined when no answer came. */
    readonly status: number | undefined,
    /** Graph's error code (e.g. 131047), when it gave one. */
    readonly code: number | undefined,
    readonly attempts: number,
  ) {
    super(message);
    this.name = 'GraphApiError';
  }
}

export interface GraphSendResult {
  /** The WhatsApp message id (wamid) Graph gave the message. */
  messageId?: string;
}

/** What the bridge needs from Graph; tests may pass their own. */
export interface GraphSender {
  send(message: GraphMessage): Promise<GraphSendResult>;
}

export interface GraphClientOptions {
  /** e.g. `https://graph.facebook.com/v26.0` (tests: a local fake). */
  baseUrl: string;
  phoneNumberId: string;
  accessToken: string;
  retry?: Partial<RetryPolicy>;
  /** Waits between attempts (tests pass one that does not sleep). */
  wait?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function errorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

export class GraphClient implements GraphSender {
  private readonly url: string;
  private readonly policy: RetryPolicy;
  private readonly wait: (ms: number) => Promise<void>;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: GraphClientOptions) {
    this.url = `${options.baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(options.phoneNumberId)}/messages`;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.wait = options.wait ?? sleep;
    this.fetch = options.fetch ?? fetch;
  }

  /** The wait before attempt `attempt + 1`: exponential, at least what Retry-After asks, never above the cap. */
  backoff(attempt: number, retryAfterSeconds?: number): number {
    const exponential = this.policy.baseDelayMs * 2 ** (attempt - 1);
    const asked = retryAfterSeconds !== undefined && retryAfterSeconds >= 0 ? retryAfterSeconds * 1000 : 0;
    return Math.min(Math.max(exponential, asked), this.policy.maxDelayMs);
  }

  /** Sends one message; throws GraphApiError when it could not be sent. */
  async send(message: GraphMessage): Promise<GraphSendResult> {
    const body = JSON.stringify(message);
    for (let attempt = 1; ; attempt += 1) {
      const last = attempt >= this.policy.maxAttempts;
      let response: Response;
      try {
        response = await this.fetch(this.url, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.options.accessToken}`, 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
      } catch (error) {
        const code = errorCode(error);
        if (!last && code && NOT_SENT_CODES.has(code)) {
          await this.wait(this.backoff(attempt));
          continue;
        }
        throw new GraphApiError(`Graph API unreachable (${code ?? 'no answer'})`, undefined, undefined, attempt);
      }
      if (response.ok) {
        const answer = (await response.json().catch(() => ({}))) as { messages?: { id?: string }[] };
        return { messageId: answer.messages?.[0]?.id };
      }
      const answer = (await response.json().catch(() => ({}))) as { error?: { code?: unknown } };
      const code = typeof answer.error?.code === 'number' ? answer.error.code : undefined;
      const retryable = response.status === 429 || response.status >= 500;
      if (retryable && !last) {
        const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN);
        await this.wait(this.backoff(attempt, Number.isFinite(retryAfter) ? retryAfter : undefined));
        continue;
      }
      throw new GraphApiError(
        `Graph API answered ${response.status} (code ${code ?? 'none'})`,
        response.status,
        code,
        attempt,
      );
    }
  }
}
