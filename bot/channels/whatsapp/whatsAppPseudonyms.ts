/**
 * Keeps phone numbers out of ids, keys and logs. A user is known to the bot by an HMAC of their phone
 * number (the same person always gets the same id, nobody can reverse it without the key); message ids
 * are hashed too (a WhatsApp message id encodes the sender's number). The one place the number must
 * be kept — to send replies — holds it encrypted (AES-256-GCM).
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** Characters of hex HMAC kept in a user id (128 bits). */
const USER_ID_HEX_LENGTH = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class WhatsAppPseudonyms {
  private readonly sealKey: Buffer;

  /** `secret`: the pseudonym key from configuration; changing it gives every user a new id. */
  constructor(private readonly secret: string) {
    this.sealKey = this.hmac('seal-key');
  }

  private hmac(purpose: string, value = ''): Buffer {
    return createHmac('sha256', this.secret).update(`${purpose}\u0000${value}`).digest();
  }

  /** The pseudonymous user id (also the conversation id) for a phone number or business-scoped user id. */
  userId(address: string): string {
    return `wa-${this.hmac('user', address).toString('hex').slice(0, USER_ID_HEX_LENGTH)}`;
  }

  /** The key under which a WhatsApp message id is remembered. */
  messageKey(messageId: string): string {
    return this.hmac('message', messageId).toString('hex');
  }

  /** A stable secret for the local connector's path (survives restarts, unlike a random one). */
  connectorKey(): string {
    return this.hmac('connector').toString('base64url');
  }

  /** Encrypts a value for storage. */
  seal(value: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv);
    const encrypted = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), encrypted]).toString('base64url');
  }

  /** Decrypts a sealed value; undefined when it was sealed with another key or altered. */
  open(sealed: string): string | undefined {
    try {
      const bytes = Buffer.from(sealed, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.sealKey, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
