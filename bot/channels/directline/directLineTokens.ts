/**
 * Tokens of the local Direct Line endpoint. A token names one conversation (and its user) and an expiry,
 * signed with HMAC-SHA256 under a key that lives only in this process: nothing is stored, a forged or
 * altered token fails the signature check, and a token of one conversation never opens another.
 * Conversations of the local endpoint live in memory, so a key that changes on restart loses nothing.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../../dialogs/clock';

/** Lifetime of a token, as Azure Direct Line gives it (Web Chat refreshes well before). */
export const TOKEN_LIFETIME_SECONDS = 30 * 60;
/** Bytes of the signing key generated when none is given. */
const SIGNING_KEY_BYTES = 32;

export interface TokenClaims {
  conversationId: string;
  userId: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export interface IssuedToken {
  token: string;
  expiresIn: number;
}

export class DirectLineTokens {
  private readonly key: Buffer;

  constructor(
    private readonly clock: Clock,
    key: Buffer = randomBytes(SIGNING_KEY_BYTES),
  ) {
    this.key = key;
  }

  /** Issues a token for one conversation and its user. */
  issue(conversationId: string, userId: string): IssuedToken {
    const claims: TokenClaims = { conversationId, userId, exp: this.nowSeconds() + TOKEN_LIFETIME_SECONDS };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { token: `${payload}.${this.sign(payload)}`, expiresIn: TOKEN_LIFETIME_SECONDS };
  }

  /** The claims of a genuine, unexpired token, or undefined for anything else. */
  verify(token: string): TokenClaims | undefined {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) {
      return undefined;
    }
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return undefined;
    }
    let claims: Partial<TokenClaims>;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<TokenClaims>;
    } catch {
      return undefined;
    }
    if (
      typeof claims.conversationId !== 'string' ||
      typeof claims.userId !== 'string' ||
      typeof claims.exp !== 'number' ||
      claims.exp <= this.nowSeconds()
    ) {
      return undefined;
    }
    return { conversationId: claims.conversationId, userId: claims.userId, exp: claims.exp };
  }

  /** Seconds until a token with these claims expires (0 when it has). */
  secondsLeft(claims: TokenClaims): number {
    return Math.max(0, claims.exp - this.nowSeconds());
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }
}
