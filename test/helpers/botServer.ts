/**
 * Starts the real bot (restify + CloudAdapter + SQLite state + the compiled knowledge base) on a
 * free loopback port, and talks to it over HTTP with deliveryMode "expectReplies".
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pino, { type Logger } from 'pino';
import { createApp, type PathfinderApp } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { type Clock, fixedClock } from '../../dialogs/clock';
import type { Translate } from '../../dialogs/localizer';
import { createI18n, translatorFor } from '../../bot/i18n';
import { openKnowledgeRepository, type SqliteKnowledgeRepository } from '../../knowledge/knowledgeRepository';

/** The day every test lives on, so that waiting periods and review dates are stable. */
export const TEST_TODAY = '2026-11-22T10:00:00Z';

export interface ReplyActivity {
  type: string;
  text?: string;
  suggestedActions?: { actions: { title: string; text?: string; value?: unknown }[] };
  channelData?: unknown;
}

export interface RunningBot {
  app: PathfinderApp;
  baseUrl: string;
  dataDir: string;
  stop: () => Promise<void>;
}

export interface StartBotOptions {
  /** Reuse the state of an earlier run (restart tests). */
  dataDir?: string;
  today?: string;
  /** A clock of the test's own (takes precedence over `today`). */
  clock?: Clock;
  /** Extra environment settings, e.g. a channel's configuration. */
  env?: Record<string, string>;
  /** How retries wait (tests pass one that does not sleep). */
  wait?: (ms: number) => Promise<void>;
  /** A logger of the test's own (default: silent). */
  logger?: Logger;
}

/** Starts a bot; pass a dataDir to reuse the state of an earlier run (restart tests). */
export async function startBot(options: StartBotOptions = {}): Promise<RunningBot> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'pathfinder-data-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...options.env });
  const app = createApp(config, {
    clock: options.clock ?? fixedClock(options.today ?? TEST_TODAY),
    logger: options.logger ?? pino({ level: 'silent' }),
    wait: options.wait,
  });
  const port = await app.listen();
  return { app, baseUrl: `http://127.0.0.1:${port}`, dataDir, stop: () => app.close() };
}

/** The English strings of locales/, to assert on prompts by key rather than by wording. */
export function englishTranslator(): Translate {
  return translatorFor(createI18n(loadConfig({ LOG_LEVEL: 'silent' }).localesDir), 'en');
}

/** Opens the compiled knowledge base the bot reads (close it in afterAll). */
export function openKnowledge(): SqliteKnowledgeRepository {
  return openKnowledgeRepository(loadConfig({ LOG_LEVEL: 'silent' }).knowledgeDb);
}

/** The raw JSON of every compiled knowledge entry, to check that a cited address comes from the knowledge base. */
export function allKnowledgeData(): string {
  const db = new Database(loadConfig({ LOG_LEVEL: 'silent' }).knowledgeDb, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT data FROM entries').all() as { data: string }[]).map((row) => row.data).join('\n');
  } finally {
    db.close();
  }
}

/** Every http(s) address in a text. */
export function urlsIn(text: string): string[] {
  return text.match(/https?:\/\/[^\s)>\]]+/g) ?? [];
}

/** Removes a data folder made by startBot. */
export function removeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
}

export interface RawResponse {
  status: number;
  contentType: string | null;
  /** The body as text. */
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** POSTs a raw body to /api/messages (no checks), for tests of bad requests. */
export async function postRaw(
  baseUrl: string,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<RawResponse> {
  const response = await fetch(`${baseUrl}/api/messages`, { method: 'POST', headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type'), text, json };
}

export interface StoredItem {
  eTag: string;
  data: Record<string, unknown>;
}

/** Storage key of a user's state (botbuilder UserState: `{channelId}/users/{userId}/`). */
export const userStateKey = (channelId: string, userId: string): string => `${channelId}/users/${userId}/`;
/** Storage key of a conversation's state (botbuilder ConversationState). */
export const conversationStateKey = (channelId: string, conversationId: string): string =>
  `${channelId}/conversations/${conversationId}/`;

/** Reads one item of the bot's SQLite state store directly (read-only), or undefined when it is missing. */
export function readStoredItem(dataDir: string, key: string): StoredItem | undefined {
  const db = new Database(path.join(dataDir, 'state.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT etag, data FROM state WHERE key = ?').get(key) as
      { etag: string; data: string } | undefined;
    return row ? { eTag: row.etag, data: JSON.parse(row.data) as Record<string, unknown> } : undefined;
  } finally {
    db.close();
  }
}

/** One user's conversation with the bot over HTTP. */
export class HttpConversation {
  readonly conversationId: string;
  readonly userId: string;

  constructor(
    private readonly baseUrl: string,
    private readonly locale = 'en-US',
    readonly channelId = 'test',
    ids: { userId?: string; conversationId?: string } = {},
  ) {
    this.conversationId = ids.conversationId ?? `conv-${randomUUID()}`;
    this.userId = ids.userId ?? `user-${randomUUID()}`;
  }

  /** The full activity this conversation would send, with `fields` on top. */
  activity(fields: Record<string, unknown>): Record<string, unknown> {
    return {
      channelId: this.channelId,
      from: { id: this.userId },
      recipient: { id: 'pathfinder' },
      conversation: { id: this.conversationId },
      locale: this.locale,
      deliveryMode: 'expectReplies',
      ...fields,
    };
  }

  /** Sends any activity and returns the bot's replies. */
  async send(activity: Record<string, unknown>): Promise<ReplyActivity[]> {
    const response = await fetch(`${this.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(this.activity(activity)),
    });
    if (response.status !== 200) {
      throw new Error(`bot answered ${response.status}: ${await response.text()}`);
    }
    const body = (await response.json()) as { activities?: ReplyActivity[] };
    return (body.activities ?? []).filter((reply) => reply.type === 'message');
  }

  /** Says something and returns all reply texts joined, plus the offered choice ids. */
  async say(text: string): Promise<{ text: string; choices: string[]; titles: string[]; replies: ReplyActivity[] }> {
    const replies = await this.send({ type: 'message', text });
    return summarize(replies);
  }

  /** Taps a suggested action as Web Chat does (messageBack: the id as text and in the value). */
  async choose(id: string): Promise<{ text: string; choices: string[]; titles: string[]; replies: ReplyActivity[] }> {
    const replies = await this.send({ type: 'message', text: id, value: { id } });
    return summarize(replies);
  }

  /** This user's stored profile (UserState), read directly from the data folder. */
  profile(dataDir: string): Record<string, unknown> | undefined {
    return readStoredItem(dataDir, userStateKey(this.channelId, this.userId))?.data.profile as
      Record<string, unknown> | undefined;
  }

  /** The eTag of this conversation's stored state (changes on every write), or undefined. */
  conversationETag(dataDir: string): string | undefined {
    return readStoredItem(dataDir, conversationStateKey(this.channelId, this.conversationId))?.eTag;
  }

  /** Opens the conversation as Web Chat does (conversationUpdate with the user joining). */
  async join(): Promise<{ text: string; choices: string[]; titles: string[]; replies: ReplyActivity[] }> {
    const replies = await this.send({ type: 'conversationUpdate', membersAdded: [{ id: this.userId }] });
    return summarize(replies);
  }
}

/** Joins reply texts and lists the choice ids and titles offered in the last reply with choices. */
export function summarize(replies: ReplyActivity[]): {
  text: string;
  choices: string[];
  titles: string[];
  replies: ReplyActivity[];
} {
  const actions = replies.flatMap((reply) => reply.suggestedActions?.actions ?? []);
  return {
    text: replies.map((reply) => reply.text ?? '').join('\n'),
    choices: actions.map((action) => String(action.text ?? '')),
    titles: actions.map((action) => action.title),
    replies,
  };
}
