/**
 * The in-memory history of the local Direct Line endpoint: per conversation, the activities both sides
 * sent, numbered so that a client polls with a watermark. It is also the sink of the local connector
 * routes, so whatever the bot sends (turn replies, proactive messages) lands here.
 *
 * Bounded: conversations idle longer than `idleMs` are dropped, at most `maxConversations` are kept (the
 * least recently used go first), and each keeps its last `maxActivities` activities. Watermarks keep
 * counting when old activities are dropped, so a client never receives one twice.
 */
import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Clock } from '../../../dialogs/clock';
import type { ConnectorReceipt, ConnectorSink } from '../connectorRoutes';

export interface HistoryLimits {
  /** Activities kept per conversation (the oldest are dropped). */
  maxActivities: number;
  /** Conversations kept at once (the least recently used are dropped). */
  maxConversations: number;
  /** A conversation nobody posted to or polled for this long is dropped. */
  idleMs: number;
}

export const DEFAULT_HISTORY_LIMITS: HistoryLimits = {
  maxActivities: 500,
  maxConversations: 10_000,
  idleMs: 6 * 60 * 60 * 1000,
};

/** Digits of the sequence number in an activity id (`<conversationId>|0000001`, like Azure's). */
const SEQUENCE_DIGITS = 7;
/** Random bytes in a conversation id and in a user id. */
const ID_BYTES = 16;
/** Generated user ids start with this, like the ids of Azure-issued web chat users. */
export const USER_ID_PREFIX = 'dl_';

export interface ConversationInfo {
  conversationId: string;
  userId: string;
}

interface StoredActivity {
  seq: number;
  activity: Partial<Activity>;
}

interface Conversation extends ConversationInfo {
  activities: StoredActivity[];
  lastSeq: number;
  lastUsed: number;
}

export interface ActivitySet {
  activities: Partial<Activity>[];
  /** Pass it back to get only newer activities. */
  watermark: string;
}

export class ConversationHistory implements ConnectorSink {
  /** In least-recently-used order: touching a conversation moves it to the end. */
  private readonly conversations = new Map<string, Conversation>();

  constructor(
    private readonly clock: Clock,
    /** The channelId of every stored activity (and of the turns, see LocalDirectLine). */
    readonly channelId: string,
    private readonly limits: HistoryLimits = DEFAULT_HISTORY_LIMITS,
  ) {}

  /** Opens a new, empty conversation with a generated user id. */
  create(): ConversationInfo {
    this.prune();
    const conversation: Conversation = {
      conversationId: randomBytes(ID_BYTES).toString('base64url'),
      userId: `${USER_ID_PREFIX}${randomBytes(ID_BYTES).toString('base64url')}`,
      activities: [],
      lastSeq: 0,
      lastUsed: this.now(),
    };
    this.conversations.set(conversation.conversationId, conversation);
    this.prune();
    return { conversationId: conversation.conversationId, userId: conversation.userId };
  }

  /** The conversation's ids, or undefined when it does not exist (any more). */
  find(conversationId: string): ConversationInfo | undefined {
    const conversation = this.live(conversationId);
    return conversation ? { conversationId: conversation.conversationId, userId: conversation.userId } : undefined;
  }

  /** Appends an activity (a copy, with its id and timestamp); undefined when the conversation is unknown. */
  append(conversationId: string, activity: Partial<Activity>): ConnectorReceipt | undefined {
    const conversation = this.live(conversationId);
    if (!conversation) {
      return undefined;
    }
    const seq = conversation.lastSeq + 1;
    const id = `${conversationId}|${String(seq).padStart(SEQUENCE_DIGITS, '0')}`;
    // A copy, so that later changes by the sender do not reach the history.
    const stored = JSON.parse(JSON.stringify(activity)) as Partial<Activity>;
    stored.id = id;
    stored.timestamp = this.clock.now();
    stored.channelId = this.channelId;
    stored.conversation = { ...stored.conversation, id: conversationId } as Activity['conversation'];
    conversation.lastSeq = seq;
    conversation.activities.push({ seq, activity: stored });
    const excess = conversation.activities.length - this.limits.maxActivities;
    if (excess > 0) {
      conversation.activities.splice(0, excess);
    }
    return { id };
  }

  /** Activities newer than the watermark (all when it is 0), or undefined when the conversation is unknown. */
  since(conversationId: string, watermark: number): ActivitySet | undefined {
    const conversation = this.live(conversationId);
    if (!conversation) {
      return undefined;
    }
    return {
      activities: conversation.activities.filter((item) => item.seq > watermark).map((item) => item.activity),
      watermark: String(conversation.lastSeq),
    };
  }

  /** Sink of the connector routes: an activity the bot sent, stored without its serviceUrl. */
  receive(conversationId: string, activity: Partial<Activity>, replyToId?: string): ConnectorReceipt | undefined {
    // The serviceUrl holds the connector's access key: it must never reach the browser.
    const rest = { ...activity };
    delete rest.serviceUrl;
    const from = { ...rest.from, id: rest.from?.id ?? 'bot', role: 'bot' } as Activity['from'];
    return this.append(conversationId, { ...rest, from, ...(replyToId ? { replyToId } : {}) });
  }

  /** How many conversations are kept (for tests and health checks). */
  size(): number {
    return this.conversations.size;
  }

  /** Drops idle conversations, then the least recently used beyond the limit. */
  prune(): void {
    const oldestAllowed = this.now() - this.limits.idleMs;
    for (const [id, conversation] of this.conversations) {
      const overLimit = this.conversations.size > this.limits.maxConversations;
      if (!overLimit && conversation.lastUsed >= oldestAllowed) {
        break;
      }
      this.conversations.delete(id);
    }
  }

  /** A conversation that is not idle, marked as used now. */
  private live(conversationId: string): Conversation | undefined {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) {
      return undefined;
    }
    if (conversation.lastUsed < this.now() - this.limits.idleMs) {
      this.conversations.delete(conversationId);
      return undefined;
    }
    conversation.lastUsed = this.now();
    this.conversations.delete(conversationId);
    this.conversations.set(conversationId, conversation);
    return conversation;
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}
