/**
 * What the WhatsApp bridge must remember across restarts, in its own SQLite file in the data folder:
 * the message ids already processed (Meta retries deliveries), and per user — by pseudonymous id only —
 * the sealed address to reply to, the time of their last message (the 24-hour window), the numbered
 * choices they were last shown, the language of the last reply, and messages waiting for the window
 * to reopen.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { OutboundContent } from './whatsAppTypes';

/** How long a lock held by another connection is waited for. */
const BUSY_TIMEOUT_MS = 5000;

/** Meta retries a webhook delivery for up to 7 days; ids are remembered that long. */
export const DEFAULT_MESSAGE_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export interface WhatsAppContact {
  userId: string;
  /** The address to send to, sealed (encrypted) by the bridge. */
  sealedAddress: string;
  /** Epoch milliseconds of the user's last message. */
  lastInboundAt: number;
  /** Epoch milliseconds of the re-engagement template sent since that message, if any. */
  templateSentAt?: number;
  /** Language of the last reply sent. */
  language?: string;
}

export interface QueuedMessage {
  seq: number;
  content: OutboundContent;
}

interface ContactRow {
  user_id: string;
  address: string;
  last_inbound_at: number;
  template_sent_at: number | null;
  language: string | null;
}

export interface WhatsAppStoreOptions {
  /** How long processed message ids are remembered. */
  messageRetentionMs?: number;
}

export class WhatsAppStore {
  private readonly db: Database.Database;
  private readonly retentionMs: number;

  /** Opens (or creates) the store at `file`; its folder is created when missing. */
  constructor(file: string, options: WhatsAppStoreOptions = {}) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.retentionMs = options.messageRetentionMs ?? DEFAULT_MESSAGE_RETENTION_MS;
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS seen_messages (key TEXT PRIMARY KEY, seen_at INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS seen_messages_by_time ON seen_messages (seen_at);
      CREATE TABLE IF NOT EXISTS contacts (
        user_id TEXT PRIMARY KEY,
        address TEXT NOT NULL,
        last_inbound_at INTEGER NOT NULL,
        template_sent_at INTEGER,
        numbered_choices TEXT,
        language TEXT
      );
      CREATE TABLE IF NOT EXISTS outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id TEXT NOT NULL,
        content TEXT NOT NULL,
        queued_at INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS outbox_by_user ON outbox (user_id, seq);
    `);
  }

  /** Records a message id; true the first time, false for a repeated delivery. Forgets expired ids. */
  rememberMessage(key: string, now: number): boolean {
    const remember = this.db.transaction(() => {
      this.db.prepare('DELETE FROM seen_messages WHERE seen_at < ?').run(now - this.retentionMs);
      return this.db.prepare('INSERT OR IGNORE INTO seen_messages (key, seen_at) VALUES (?, ?)').run(key, now).changes;
    });
    return remember() === 1;
  }

  contact(userId: string): WhatsAppContact | undefined {
    const row = this.db
      .prepare<[string], ContactRow>(
        'SELECT user_id, address, last_inbound_at, template_sent_at, language FROM contacts WHERE user_id = ?',
      )
      .get(userId);
    if (!row) {
      return undefined;
    }
    return {
      userId: row.user_id,
      sealedAddress: row.address,
      lastInboundAt: row.last_inbound_at,
      templateSentAt: row.template_sent_at ?? undefined,
      language: row.language ?? undefined,
    };
  }

  /**
   * The user wrote at `at`: keep their address, restart the 24-hour window (an older message processed late
   * does not shorten it), allow a new template later.
   */
  recordInbound(userId: string, sealedAddress: string, at: number): void {
    this.db
      .prepare(
        `INSERT INTO contacts (user_id, address, last_inbound_at) VALUES (?, ?, ?)
         ON CONFLICT(user_id) DO UPDATE SET address = excluded.address,
           last_inbound_at = MAX(last_inbound_at, excluded.last_inbound_at), template_sent_at = NULL`,
      )
      .run(userId, sealedAddress, at);
  }

  /** Remembers the numbered choices just shown, or forgets them (`undefined`) when other choices were shown. */
  setNumberedChoices(userId: string, choiceIds: readonly string[] | undefined): void {
    this.db
      .prepare('UPDATE contacts SET numbered_choices = ? WHERE user_id = ?')
      .run(choiceIds ? JSON.stringify(choiceIds) : null, userId);
  }

  /** The numbered choices shown last, forgotten as they are read: a number answers only the next message. */
  takeNumberedChoices(userId: string): string[] | undefined {
    const take = this.db.transaction(() => {
      const row = this.db
        .prepare<[string], { numbered_choices: string | null }>(
          'SELECT numbered_choices FROM contacts WHERE user_id = ?',
        )
        .get(userId);
      this.db.prepare('UPDATE contacts SET numbered_choices = NULL WHERE user_id = ?').run(userId);
      return row?.numbered_choices ? (JSON.parse(row.numbered_choices) as string[]) : undefined;
    });
    return take();
  }

  setLanguage(userId: string, language: string): void {
    this.db.prepare('UPDATE contacts SET language = ? WHERE user_id = ?').run(language, userId);
  }

  markTemplateSent(userId: string, at: number): void {
    this.db.prepare('UPDATE contacts SET template_sent_at = ? WHERE user_id = ?').run(at, userId);
  }

  /** Queues messages (in order) until the user writes again. */
  enqueue(userId: string, contents: readonly OutboundContent[], at: number): void {
    const insert = this.db.prepare('INSERT INTO outbox (user_id, content, queued_at) VALUES (?, ?, ?)');
    this.db.transaction(() => {
      for (const content of contents) {
        insert.run(userId, JSON.stringify(content), at);
      }
    })();
  }

  /** The user's queued messages, oldest first. */
  queued(userId: string): QueuedMessage[] {
    return this.db
      .prepare<[string], { seq: number; content: string }>(
        'SELECT seq, content FROM outbox WHERE user_id = ? ORDER BY seq',
      )
      .all(userId)
      .map((row) => ({ seq: row.seq, content: JSON.parse(row.content) as OutboundContent }));
  }

  hasQueued(userId: string): boolean {
    return this.db.prepare('SELECT 1 FROM outbox WHERE user_id = ? LIMIT 1').get(userId) !== undefined;
  }

  /** Removes a queued message once it has been sent (or can never be). */
  dequeue(seq: number): void {
    this.db.prepare('DELETE FROM outbox WHERE seq = ?').run(seq);
  }

  close(): void {
    this.db.close();
  }
}
