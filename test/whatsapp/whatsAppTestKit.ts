/**
 * What the WhatsApp tests share: the channel's test settings, Meta-shaped webhook fixtures (read as raw
 * bytes, with the sender and message id swapped so that every test has its own user), signing, posting,
 * and a clock the test moves.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { WhatsAppPseudonyms } from '../../bot/channels/whatsapp/whatsAppPseudonyms';
import type { GraphMessage, InboundMessage } from '../../bot/channels/whatsapp/whatsAppTypes';
import type { Clock } from '../../dialogs/clock';
import type { RunningBot } from '../helpers/botServer';
import type { FakeGraphApi } from './fakeGraphApi';

export const SETTINGS = {
  verifyToken: 'verify-token-for-tests',
  appSecret: 'app-secret-for-tests',
  accessToken: 'access-token-for-tests',
  /** The phone number id in every fixture's metadata. */
  phoneNumberId: '106540352242922',
  templateName: 'pathfinder_new_reply',
} as const;

/** The environment that turns the WhatsApp channel on, talking to a (fake) Graph API at `graphBaseUrl`. */
export function whatsAppEnv(graphBaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    WHATSAPP_VERIFY_TOKEN: SETTINGS.verifyToken,
    WHATSAPP_APP_SECRET: SETTINGS.appSecret,
    WHATSAPP_ACCESS_TOKEN: SETTINGS.accessToken,
    WHATSAPP_PHONE_NUMBER_ID: SETTINGS.phoneNumberId,
    WHATSAPP_GRAPH_BASE_URL: graphBaseUrl,
    WHATSAPP_TEMPLATE_NAME: SETTINGS.templateName,
    WHATSAPP_TEMPLATE_LANGUAGES: 'en,fr',
    ...extra,
  };
}

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'whatsapp');

interface FixtureShape {
  entry: { changes: { value: { messages?: InboundMessage[] } }[] }[];
}

export interface FixtureSwap {
  /** The sender's phone number. */
  from?: string;
  /** The message id (default: a new one, so that the delivery is not a repeat). */
  messageId?: string;
  /** The text of a text message. */
  body?: string;
  /** The id of a tapped reply button or list row. */
  replyId?: string;
  /** When the user wrote the message (Meta's `timestamp`). */
  sentAt?: Date;
}

/** A new sender's phone number (digits only, as WhatsApp writes it). */
export function newPhoneNumber(): string {
  return `4477009${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`;
}

/**
 * A fixture's bytes exactly as stored, with its sender, message id and (optionally) text replaced by
 * plain text substitution, so the rest of the bytes (e.g. \uXXXX escapes) stay as Meta sends them.
 */
export function fixture(name: string, swap: FixtureSwap = {}): Buffer {
  let raw = readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8');
  const message = (JSON.parse(raw) as FixtureShape).entry[0]?.changes[0]?.value.messages?.[0];
  const reply = message?.interactive?.list_reply ?? message?.interactive?.button_reply;
  if (reply && swap.replyId) {
    raw = raw.replace(`"id": ${JSON.stringify(reply.id)}`, `"id": ${JSON.stringify(swap.replyId)}`);
  }
  if (message?.from && swap.from) {
    raw = raw.replaceAll(message.from, swap.from);
  }
  if (message?.timestamp && swap.sentAt) {
    const seconds = String(Math.floor(swap.sentAt.getTime() / 1000));
    raw = raw.replace(`"timestamp": "${message.timestamp}"`, `"timestamp": "${seconds}"`);
  }
  if (message?.id) {
    raw = raw.replaceAll(message.id, swap.messageId ?? `wamid.${randomUUID()}`);
  }
  if (swap.body !== undefined) {
    raw = raw.replace(/"body": "(?:[^"\\]|\\.)*"/, `"body": ${JSON.stringify(swap.body)}`);
  }
  return Buffer.from(raw, 'utf8');
}

/** The X-Hub-Signature-256 header Meta would send for these bytes. */
export function signatureOf(body: Buffer, secret: string = SETTINGS.appSecret): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** POSTs bytes to the webhook, signed correctly unless a signature (or null for none) is given. */
export async function postWebhook(baseUrl: string, body: Buffer, signature?: string | null): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const header = signature === undefined ? signatureOf(body) : signature;
  if (header !== null) {
    headers['x-hub-signature-256'] = header;
  }
  return fetch(`${baseUrl}/api/whatsapp`, { method: 'POST', headers, body });
}

/** A clock that stands still until the test moves it. */
export class TestClock implements Clock {
  private instant: number;

  constructor(iso: string) {
    this.instant = new Date(iso).getTime();
  }

  now(): Date {
    return new Date(this.instant);
  }

  advanceHours(hours: number): void {
    this.instant += hours * 60 * 60 * 1000;
  }
}

/** One WhatsApp user (their own phone number) talking to a running bot through the webhook. */
export class WhatsAppUser {
  /** The user's phone number. */
  readonly phone: string;
  private readonly clock?: Clock;

  /**
   * `phone`: an earlier user's number to continue as them (e.g. after a restart); `clock`: the bot's clock when
   * the test moves it, so that messages are stamped with the time they are sent.
   */
  constructor(
    private readonly bot: RunningBot,
    private readonly graph: FakeGraphApi,
    options: { phone?: string; clock?: Clock } = {},
  ) {
    this.phone = options.phone ?? newPhoneNumber();
    this.clock = options.clock;
  }

  /** The pseudonymous id the bot knows this user by (user and conversation id). */
  get userId(): string {
    return new WhatsAppPseudonyms(SETTINGS.appSecret).userId(this.phone);
  }

  /** Sends a fixture as this user and waits until it is processed; resolves with what the bot sent this user. */
  async send(name: string, swap: Omit<FixtureSwap, 'from'> = {}): Promise<GraphMessage[]> {
    return this.post(fixture(name, { from: this.phone, sentAt: this.clock?.now(), ...swap }));
  }

  /** Posts exact bytes (signed) and waits until they are processed; resolves with what the bot sent this user. */
  async post(body: Buffer): Promise<GraphMessage[]> {
    const before = this.graph.requests.length;
    const response = await postWebhook(this.bot.baseUrl, body);
    if (response.status !== 200) {
      throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
    }
    await this.bot.app.whatsapp?.idle();
    return this.sentSince(before);
  }

  /** The messages accepted by Graph for this user since request number `index`. */
  sentSince(index: number): GraphMessage[] {
    return this.graph.requests
      .slice(index)
      .filter((request) => request.status === 200 && request.body.to === this.phone)
      .map((request) => request.body);
  }
}

/** The text a message shows: a text body, the body of an interactive message, or a template's name. */
export function textOf(message: GraphMessage | undefined): string {
  if (!message) {
    return '';
  }
  switch (message.type) {
    case 'text':
      return message.text.body;
    case 'interactive':
      return message.interactive.body.text;
    case 'template':
      return message.template.name;
  }
}

/** All texts of several messages, joined. */
export function textsOf(messages: readonly GraphMessage[]): string {
  return messages.map(textOf).join('\n');
}

/** The choice ids a message offers: its buttons or its list rows. */
export function choiceIdsOf(message: GraphMessage | undefined): string[] {
  if (message?.type !== 'interactive') {
    return [];
  }
  const interactive = message.interactive;
  return interactive.type === 'button'
    ? interactive.action.buttons.map((button) => button.reply.id)
    : interactive.action.sections.flatMap((section) => section.rows.map((row) => row.id));
}

/** A debug-level logger that keeps every line, to check what the logs contain. */
export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
  return { logger, lines };
}
