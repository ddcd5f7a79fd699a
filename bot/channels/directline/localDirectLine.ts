/**
 * The local Direct Line service (no HTTP here): opens conversations, turns what the browser posts into
 * Bot Framework turns, and serves the history. The user's own activity is echoed into the history (Web
 * Chat needs it, with its `channelData.clientActivityID`, to mark the message as sent); the bot's replies
 * arrive through the local connector routes, whose serviceUrl every turn activity carries.
 *
 * The user id is issued by the server and bound to the token: whatever `from` a client sends is
 * replaced, so one browser cannot act as another user (nor leave its display name in the history).
 */
import type { Activity, ChannelAccount } from 'botbuilder';
import { activityProblem } from '../../inputGuard';
import type { ConversationHistory, ActivitySet } from './conversationHistory';
import type { DirectLineTokens, TokenClaims } from './directLineTokens';
import type { WebChatGrant, WebChatTokenIssuer, WebChatTokenRequest } from './webChatGrant';

/** The channelId of web chat conversations through the local endpoint (as with Azure Direct Line). */
export const DIRECT_LINE_CHANNEL_ID = 'directline';
/** The path of the local connector routes the bot posts its web chat replies to. */
export const DIRECT_LINE_CONNECTOR_PATH = '/directline-connector';

/** Where the Direct Line routes live, relative to the page's origin. */
export const DIRECT_LINE_PATH = '/v3/directline';

/** Activity types a client may post (what Azure Direct Line accepts from clients). */
const CLIENT_ACTIVITY_TYPES = new Set(['message', 'event', 'typing']);

/** Fields of a client activity that are passed on; everything else is set by the server. */
const CLIENT_FIELDS = [
  'type',
  'text',
  'textFormat',
  'locale',
  'value',
  'name',
  'attachments',
  'channelData',
  'entities',
  'localTimestamp',
  'localTimezone',
] as const;

/** A conversation as Direct Line describes it to clients. */
export interface ConversationGrant {
  conversationId: string;
  token: string;
  expires_in: number;
}

export type PostResult =
  { status: 'ok'; id: string } | { status: 'invalid'; problem: string } | { status: 'unknown' } | { status: 'failed' };

export interface LocalDirectLineDeps {
  history: ConversationHistory;
  tokens: DirectLineTokens;
  /** Runs one turn of the bot (the adapter, anonymous). */
  runTurn: (activity: Activity) => Promise<void>;
  /** The serviceUrl of the local connector routes the bot posts its replies to. */
  serviceUrl: () => string;
  /** The bot's account in these conversations. */
  bot: ChannelAccount;
  /** Called when a turn fails outside the bot's own error handler. */
  onTurnFailure: (error: unknown, conversationId: string) => void;
}

export class LocalDirectLine implements WebChatTokenIssuer {
  constructor(private readonly deps: LocalDirectLineDeps) {}

  /** Opens a conversation and runs the bot's welcome (a conversationUpdate with the user joining). */
  async startConversation(locale?: string): Promise<ConversationGrant> {
    const { conversationId, userId } = this.deps.history.create();
    const joined: Partial<Activity> = {
      type: 'conversationUpdate',
      membersAdded: [this.deps.bot, { id: userId, name: '' }],
      from: { id: userId, name: '', role: 'user' } as ChannelAccount,
      ...(locale ? { locale } : {}),
    };
    await this.turn(conversationId, joined);
    return this.grant(conversationId, userId);
  }

  /** The conversation a valid token names, with the same token (Direct Line's POST /conversations with a token). */
  resume(claims: TokenClaims, token: string): ConversationGrant | undefined {
    if (!this.deps.history.find(claims.conversationId)) {
      return undefined;
    }
    return { conversationId: claims.conversationId, token, expires_in: this.deps.tokens.secondsLeft(claims) };
  }

  /** A fresh token for the same conversation. */
  refresh(claims: TokenClaims): ConversationGrant | undefined {
    return this.deps.history.find(claims.conversationId) ? this.grant(claims.conversationId, claims.userId) : undefined;
  }

  /** Stores a client's activity and runs the bot's turn for it. */
  async post(claims: TokenClaims, body: unknown): Promise<PostResult> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return { status: 'invalid', problem: 'the body must be a JSON object (an activity)' };
    }
    const client = body as Record<string, unknown>;
    if (typeof client.type !== 'string' || !CLIENT_ACTIVITY_TYPES.has(client.type)) {
      return { status: 'invalid', problem: 'invalid field: type must be "message", "event" or "typing"' };
    }
    const activity: Record<string, unknown> = {};
    for (const field of CLIENT_FIELDS) {
      if (client[field] !== undefined) {
        activity[field] = client[field];
      }
    }
    // The server's user id; a display name the client may send is personal data the bot does not need.
    activity.from = { id: claims.userId, role: 'user' };
    const problem = activityProblem(this.turnActivity(claims.conversationId, activity as Partial<Activity>));
    if (problem) {
      return { status: 'invalid', problem };
    }
    const receipt = this.deps.history.append(claims.conversationId, activity as Partial<Activity>);
    if (!receipt) {
      return { status: 'unknown' };
    }
    const ran = await this.turn(claims.conversationId, { ...activity, id: receipt.id } as Partial<Activity>);
    return ran ? { status: 'ok', id: receipt.id } : { status: 'failed' };
  }

  /** The activities after a watermark, or undefined when the conversation is gone. */
  activities(claims: TokenClaims, watermark: number): ActivitySet | undefined {
    return this.deps.history.since(claims.conversationId, watermark);
  }

  /** The web chat page's grant for the local endpoint (it is polled, not streamed). */
  async issue(request: WebChatTokenRequest): Promise<WebChatGrant> {
    const grant = await this.startConversation(request.locale);
    return { ...grant, domain: DIRECT_LINE_PATH, webSocket: false };
  }

  private grant(conversationId: string, userId: string): ConversationGrant {
    const { token, expiresIn } = this.deps.tokens.issue(conversationId, userId);
    return { conversationId, token, expires_in: expiresIn };
  }

  /** The activity the adapter gets: the client's fields plus what the server decides. */
  private turnActivity(conversationId: string, activity: Partial<Activity>): Activity {
    return {
      ...activity,
      channelId: this.deps.history.channelId,
      conversation: { id: conversationId },
      recipient: this.deps.bot,
      serviceUrl: this.deps.serviceUrl(),
    } as Activity;
  }

  /** Runs a turn; false when it failed outside the bot's error handler (already reported). */
  private async turn(conversationId: string, activity: Partial<Activity>): Promise<boolean> {
    try {
      await this.deps.runTurn(this.turnActivity(conversationId, activity));
      return true;
    } catch (error) {
      this.deps.onTurnFailure(error, conversationId);
      return false;
    }
  }
}
