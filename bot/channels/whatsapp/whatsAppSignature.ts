/**
 * Meta signs every webhook POST: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed
 * with the app secret>`. The HMAC must be computed over the bytes as received — a re-serialised JSON
 * object differs (Meta escapes non-ASCII characters as \uXXXX).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256=';
const SHA256_HEX = /^[0-9a-f]{64}$/i;

/** Whether `header` is a valid signature of `rawBody` with `appSecret` (constant-time comparison). */
export function hasValidSignature(appSecret: string, rawBody: Buffer, header: string | undefined): boolean {
  if (!header?.startsWith(PREFIX)) {
    return false;
  }
  const given = header.slice(PREFIX.length);
  if (!SHA256_HEX.test(given)) {
    return false;
  }
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(Buffer.from(given, 'hex'), expected);
}
