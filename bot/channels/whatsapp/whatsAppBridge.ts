/**
 * The WhatsApp bridge: turns verified webhook messages into Bot Framework turns, and the bot's outgoing
 * activities (posted by the adapter to the local connector routes, during a turn or proactively) into
 * WhatsApp messages.
 *
 * - Each message id is processed once, also across restarts (Meta retries deliveries).
 * - Messages of one user are processed one after another; different users run concurrently.
 * - Outside the 24-hour customer-service window nothing free-form is sent: the messages are queued, the
 *   approved template tells the user there is a reply, and the queue is delivered when they write again.
 * - Users are known by a pseudonymous id only; their phone number is kept sealed and never logged.
 */
import { randomUUID } from 'node:crypto';
import { type Activity, ActivityTypes, type CardAction, type ConversationReference } from 'botbuilder';
import type { Clock } from '../../../dialogs/clock';
import type { Localizer } from '../../../dialogs/localizer';
import { type ChoiceItem, NEUTRAL_REPLY_KEY, type NeutralReply } from '../../../dialogs/reply';
import { DEFAULT_LANGUAGE, LANGUAGES, type LanguageCode, resolveLanguageTag } from '../../../locales/languages';
import type { Logger } from '../../logger';
import type { ConnectorReceipt, ConnectorSink } from '../connectorRoutes';
import { GraphApiError, type GraphSender, REENGAGEMENT_REQUIRED } from './graphClient';
import { readInbound } from './whatsAppInbound';
import type { WhatsAppPseudonyms } from './whatsAppPseudonyms';
import { renderReply } from './whatsAppRenderer';
import type { WhatsAppContact, WhatsAppStore } from './whatsAppStore';
import {
  graphMessage,
  type InboundMessage,
  type OutboundContent,
  WHATSAPP_CHANNEL_ID,
  type WhatsAppAddress,
  type WebhookPayload,
} from './whatsAppTypes';

/** Where the local connector routes for WhatsApp conversations live (the serviceUrl's path). */
export const WHATSAPP_CONNECTOR_PATH = '/whatsapp-connector';

/** WhatsApp's customer-service window: free-form messages only this long after the user's last message. */
export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Characters of the hashed message id used as the activity id. */
const ACTIVITY_ID_LENGTH = 32;

export interface TemplateSettings {
  /** Name of the approved template sent when the window is closed. */
  name: string;
  /** Language codes the template is approved in (Meta's codes, e.g. `en`, `fr`, `ar`); the first is the fallback. */
  languages: readonly string[];
}

export interface WhatsAppBridgeDeps {
  store: WhatsAppStore;
  graph: GraphSender;
  pseudonyms: WhatsAppPseudonyms;
  localizer: Localizer;
  clock: Clock;
  logger: Logger;
  /** Runs one turn of the bot through the adapter. */
  runTurn: (activity: Partial<Activity>) => Promise<void>;
  /** The serviceUrl of the local connector routes that hand the bot's activities back to this bridge. */
  serviceUrl: () => string;
  /** The business phone number's id: messages for other numbers of the same app are not ours. */
  phoneNumberId: string;
  template: TemplateSettings;
}

/** The template language for a reply language: the same language if approved, else the first configured. */
export function templateLanguage(lang: string, approved: readonly string[]): string {
  const codes = approved.map((code) => code.trim()).filter((code) => code.length > 0);
  return (
    codes.find((code) => code.toLowerCase() === lang.toLowerCase()) ??
    codes.find((code) => code.toLowerCase().startsWith(`${lang.toLowerCase()}_`)) ??
    codes[0] ??
    lang
  );
}

/** A suggested action as a choice (for activities sent without the neutral form, e.g. proactive ones). */
function choiceOf(action: CardAction): ChoiceItem | undefined {
  const value = action.value as { id?: unknown } | string | undefined;
  const id =
    typeof value === 'object' && value !== null && typeof value.id === 'string'
      ? value.id
      : typeof action.text === 'string' && action.text
        ? action.text
        : typeof value === 'string'
          ? value
          : undefined;
  return id ? { id, label: action.title || id } : undefined;
}

/** The neutral form of an outgoing message: the one the dialogs attached, else one made from its text. */
export function neutralOf(activity: Partial<Activity>): NeutralReply | undefined {
  const channelData = activity.channelData as Record<string, unknown> | undefined;
  const neutral = channelData?.[NEUTRAL_REPLY_KEY] as NeutralReply | undefined;
  if (neutral && typeof neutral.text === 'string') {
    return neutral;
  }
  const choices = (activity.suggestedActions?.actions ?? [])
    .map(choiceOf)
    .filter((choice): choice is ChoiceItem => choice !== undefined);
  if (!activity.text && choices.length === 0) {
    return undefined;
  }
  return { text: activity.text ?? '', choices, lang: activity.locale };
}

function isReengagementRequired(error: unknown): boolean {
  return error instanceof GraphApiError && error.code === REENGAGEMENT_REQUIRED;
}

/** Failures that may pass (rate limit, server errors, no answer): a queued message is kept for later. */
function isTransient(error: unknown): boolean {
  return error instanceof GraphApiError && (error.status === undefined || error.status === 429 || error.status >= 500);
}

function failureOf(error: unknown): Record<string, unknown> {
  return error instanceof GraphApiError
    ? { status: error.status, code: error.code, attempts: error.attempts }
    : { err: error };
}

export class WhatsAppBridge implements ConnectorSink {
  /** Per user: the end of the chain of their inbound messages. */
  private readonly inbound = new Map<string, Promise<unknown>>();
  /** Per user: the end of the chain of sends, so that messages leave in the order they were made. */
  private readonly sends = new Map<string, Promise<unknown>>();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly deps: WhatsAppBridgeDeps) {}

  /** Takes a verified webhook payload; its messages are processed in the background (see idle()). */
  accept(payload: WebhookPayload): void {
    for (const entry of payload.entry ?? []) {
      for (const change of entry.changes ?? []) {
        const value = change.value;
        if (change.field !== 'messages' || !value) {
          continue;
        }
        if (value.metadata?.phone_number_id !== this.deps.phoneNumberId) {
          this.deps.logger.warn('WhatsApp webhook for another phone number id ignored');
          continue;
        }
        // Delivery receipts (value.statuses) need no answer: acknowledged with the request, nothing else.
        for (const message of value.messages ?? []) {
          this.acceptMessage(message);
        }
      }
    }
  }

  /** Resolves when every accepted message has been processed and every reply sent. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) {
      await Promise.allSettled([...this.pending]);
    }
  }

  /**
   * The conversation reference of a WhatsApp user, for proactive messages (`adapter.continueConversationAsync`);
   * the same as `TurnContext.getConversationReference` gives during one of their turns.
   */
  referenceFor(userId: string): Partial<ConversationReference> {
    const { user, bot, conversation } = this.accountsOf(userId);
    return { channelId: WHATSAPP_CHANNEL_ID, serviceUrl: this.deps.serviceUrl(), user, bot, conversation };
  }

  /** Who is who in a user's conversation: the pseudonymous id is both the user's and the conversation's id. */
  private accountsOf(userId: string): Required<Pick<ConversationReference, 'user' | 'bot' | 'conversation'>> {
    return {
      user: { id: userId, name: '', role: 'user' },
      bot: { id: this.deps.phoneNumberId, name: '', role: 'bot' },
      conversation: { id: userId, name: '', isGroup: false, conversationType: 'personal' },
    };
  }

  /** Receives one activity the bot sent to a WhatsApp conversation (a reply or a proactive message). */
  async receive(conversationId: string, activity: Partial<Activity>): Promise<ConnectorReceipt | undefined> {
    if (!this.deps.store.contact(conversationId)) {
      this.deps.logger.warn({ userId: conversationId }, 'bot message for an unknown WhatsApp conversation');
      return undefined;
    }
    if (activity.type === ActivityTypes.Message) {
      await this.track(this.inSendOrder(conversationId, () => this.deliverActivity(conversationId, activity)));
    }
    return { id: randomUUID() };
  }

  private track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
    return work;
  }

  /** Runs `work` after the earlier work of the same key in `chains`. */
  private chained<T>(chains: Map<string, Promise<unknown>>, key: string, work: () => Promise<T>): Promise<T> {
    const previous = chains.get(key) ?? Promise.resolve();
    const current = previous.then(work, work);
    const tail = current.then(
      () => undefined,
      () => undefined,
    );
    chains.set(key, tail);
    void tail.then(() => {
      if (chains.get(key) === tail) {
        chains.delete(key);
      }
    });
    return current;
  }

  private inSendOrder<T>(userId: string, work: () => Promise<T>): Promise<T> {
    return this.chained(this.sends, userId, work);
  }

  private acceptMessage(message: InboundMessage): void {
    const address: WhatsAppAddress | undefined = message.from
      ? { to: message.from }
      : message.from_user_id
        ? { recipient: message.from_user_id }
        : undefined;
    if (!address || !message.id) {
      this.deps.logger.warn({ type: message.type }, 'WhatsApp message without sender or id ignored');
      return;
    }
    const now = this.deps.clock.now().getTime();
    const userId = this.deps.pseudonyms.userId(address.to ?? `bsuid:${address.recipient ?? ''}`);
    const messageKey = this.deps.pseudonyms.messageKey(message.id);
    if (!this.deps.store.rememberMessage(messageKey, now)) {
      this.deps.logger.info({ userId }, 'repeated WhatsApp delivery ignored');
      return;
    }
    const work = this.chained(this.inbound, userId, () =>
      this.handleMessage(userId, address, message, messageKey),
    ).catch((error: unknown) => {
      this.deps.logger.error({ err: error, userId }, 'WhatsApp message could not be processed');
    });
    void this.track(work);
  }

  private async handleMessage(
    userId: string,
    address: WhatsAppAddress,
    message: InboundMessage,
    messageKey: string,
  ): Promise<void> {
    const { store, pseudonyms } = this.deps;
    store.recordInbound(userId, pseudonyms.seal(JSON.stringify(address)), this.writtenAt(message).getTime());
    // Replies that waited for the window to reopen come before the answer to this message.
    await this.inSendOrder(userId, () => this.flushQueue(userId));
    const input = readInbound(message, store.takeNumberedChoices(userId));
    this.deps.logger.debug({ userId, type: message.type, kind: input.kind }, 'WhatsApp message received');
    switch (input.kind) {
      case 'ignored':
        return;
      case 'unreadableLocation':
        await this.inSendOrder(userId, () => this.sendNotice(userId, 'whatsapp:location.noAddress'));
        return;
      case 'text':
        await this.deps.runTurn(
          this.activityFor(userId, message, messageKey, {
            text: input.text,
            ...(input.choiceId ? { value: { id: input.choiceId } } : {}),
          }),
        );
        return;
      case 'media':
        await this.deps.runTurn(
          this.activityFor(userId, message, messageKey, { text: input.caption, attachments: input.attachments }),
        );
        return;
    }
  }

  /**
   * When the user wrote the message: Meta's timestamp (the 24-hour window counts from it, and a retried delivery
   * may arrive hours later), never later than now; now when the message has none.
   */
  private writtenAt(message: InboundMessage): Date {
    const now = this.deps.clock.now();
    const seconds = Number(message.timestamp);
    return Number.isFinite(seconds) && seconds > 0 && seconds * 1000 < now.getTime() ? new Date(seconds * 1000) : now;
  }

  /** The Bot Framework message for a WhatsApp message: pseudonymous ids, replies to the local connector. */
  private activityFor(
    userId: string,
    message: InboundMessage,
    messageKey: string,
    fields: Partial<Activity>,
  ): Partial<Activity> {
    const { user, bot, conversation } = this.accountsOf(userId);
    return {
      type: ActivityTypes.Message,
      id: `wamsg-${messageKey.slice(0, ACTIVITY_ID_LENGTH)}`,
      channelId: WHATSAPP_CHANNEL_ID,
      serviceUrl: this.deps.serviceUrl(),
      timestamp: this.writtenAt(message),
      from: user,
      recipient: bot,
      conversation,
      channelData: { whatsapp: { type: message.type } },
      ...fields,
    };
  }

  /** Whether free-form messages may be sent: the user wrote within the last 24 hours. */
  private windowOpen(contact: WhatsAppContact): boolean {
    return this.deps.clock.now().getTime() - contact.lastInboundAt < SERVICE_WINDOW_MS;
  }

  /** The user's address, unsealed; undefined (and logged) when it cannot be read. */
  private addressOf(contact: WhatsAppContact): WhatsAppAddress | undefined {
    const opened = this.deps.pseudonyms.open(contact.sealedAddress);
    if (!opened) {
      this.deps.logger.error({ userId: contact.userId }, 'stored WhatsApp address cannot be read (key changed?)');
      return undefined;
    }
    return JSON.parse(opened) as WhatsAppAddress;
  }

  private async deliverActivity(userId: string, activity: Partial<Activity>): Promise<void> {
    const neutral = neutralOf(activity);
    if (!neutral) {
      return;
    }
    const lang: LanguageCode = resolveLanguageTag(neutral.lang ?? activity.locale) ?? DEFAULT_LANGUAGE;
    const { t } = this.deps.localizer.forLanguage(lang);
    const rendered = renderReply({ ...neutral, dir: neutral.dir ?? (LANGUAGES[lang].rtl ? 'rtl' : 'ltr') }, t);
    if (rendered.offersChoices) {
      this.deps.store.setNumberedChoices(userId, rendered.numberedChoiceIds);
    }
    this.deps.store.setLanguage(userId, lang);
    await this.deliver(userId, rendered.contents, lang);
  }

  /** A message of the bridge itself (not of the bot), in the language of the user's last reply. */
  private async sendNotice(userId: string, key: string): Promise<void> {
    const lang = resolveLanguageTag(this.deps.store.contact(userId)?.language) ?? DEFAULT_LANGUAGE;
    const { t } = this.deps.localizer.forLanguage(lang);
    const rendered = renderReply({ text: t(key), dir: LANGUAGES[lang].rtl ? 'rtl' : 'ltr' }, t);
    await this.deliver(userId, rendered.contents, lang);
  }

  /** Sends messages now when the window is open; otherwise queues them and sends the template. */
  private async deliver(userId: string, contents: readonly OutboundContent[], lang: string): Promise<void> {
    const { store, graph, clock, logger } = this.deps;
    const contact = store.contact(userId);
    const address = contact && this.addressOf(contact);
    if (!contact || !address || contents.length === 0) {
      return;
    }
    const now = clock.now().getTime();
    if (!this.windowOpen(contact)) {
      store.enqueue(userId, contents, now);
      await this.remind(contact, address, lang);
      return;
    }
    if (store.hasQueued(userId)) {
      await this.flushQueue(userId);
    }
    if (store.hasQueued(userId)) {
      // Earlier messages still wait (Graph is failing): keep the order.
      store.enqueue(userId, contents, now);
      return;
    }
    for (const [index, content] of contents.entries()) {
      try {
        await graph.send(graphMessage(address, content));
      } catch (error) {
        if (isReengagementRequired(error)) {
          store.enqueue(userId, contents.slice(index), now);
          await this.remind(contact, address, lang);
          return;
        }
        logger.error({ userId, ...failureOf(error) }, 'WhatsApp message could not be sent');
      }
    }
  }

  /** Sends the queued messages, oldest first; stops (keeping the rest) when Graph cannot take them now. */
  private async flushQueue(userId: string): Promise<void> {
    const { store, graph, logger } = this.deps;
    const queued = store.queued(userId);
    const contact = store.contact(userId);
    const address = contact && queued.length > 0 && this.windowOpen(contact) ? this.addressOf(contact) : undefined;
    if (!address) {
      return;
    }
    for (const message of queued) {
      try {
        await graph.send(graphMessage(address, message.content));
        store.dequeue(message.seq);
      } catch (error) {
        if (isReengagementRequired(error) || isTransient(error)) {
          logger.warn({ userId, ...failureOf(error) }, 'queued WhatsApp messages kept for later');
          return;
        }
        // Refused for good (e.g. invalid): keeping it would block every later message.
        logger.error({ userId, ...failureOf(error) }, 'queued WhatsApp message dropped');
        store.dequeue(message.seq);
      }
    }
    logger.info({ userId, count: queued.length }, 'queued WhatsApp messages delivered');
  }

  /** Sends the approved template once per closed window, so the user knows a reply is waiting. */
  private async remind(contact: WhatsAppContact, address: WhatsAppAddress, lang: string): Promise<void> {
    const { store, graph, clock, logger, template } = this.deps;
    if (store.contact(contact.userId)?.templateSentAt !== undefined) {
      return;
    }
    const code = templateLanguage(lang, template.languages);
    try {
      await graph.send(
        graphMessage(address, { type: 'template', template: { name: template.name, language: { code } } }),
      );
      store.markTemplateSent(contact.userId, clock.now().getTime());
      logger.info({ userId: contact.userId }, 'WhatsApp window closed: reply queued, template sent');
    } catch (error) {
      logger.error({ userId: contact.userId, ...failureOf(error) }, 'WhatsApp template could not be sent');
    }
  }
}
