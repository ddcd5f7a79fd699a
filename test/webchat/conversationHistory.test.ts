/**
 * The local Direct Line history and tokens, with a clock the test moves: history stays bounded (idle
 * conversations, too many conversations, too many activities) without breaking watermarks, and tokens
 * expire and cannot be altered.
 */
import type { Clock } from '../../dialogs/clock';
import { ConversationHistory, type HistoryLimits } from '../../bot/channels/directline/conversationHistory';
import { DirectLineTokens, TOKEN_LIFETIME_SECONDS } from '../../bot/channels/directline/directLineTokens';

class MovableClock implements Clock {
  private time = Date.parse('2026-11-22T10:00:00Z');
  now(): Date {
    return new Date(this.time);
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

const HOUR = 60 * 60 * 1000;
const LIMITS: HistoryLimits = { maxActivities: 3, maxConversations: 2, idleMs: 2 * HOUR };

function message(text: string): { type: string; text: string } {
  return { type: 'message', text };
}

describe('ConversationHistory', () => {
  it('drops a conversation nobody used for longer than the idle limit, and keeps one still in use', () => {
    const clock = new MovableClock();
    const history = new ConversationHistory(clock, 'directline', LIMITS);
    const idle = history.create();
    const active = history.create();
    clock.advance(HOUR);
    history.since(active.conversationId, 0);
    clock.advance(HOUR + 1);

    expect(history.find(idle.conversationId)).toBeUndefined();
    expect(history.append(idle.conversationId, message('late'))).toBeUndefined();
    expect(history.find(active.conversationId)).toEqual(active);
  });

  it('keeps at most maxConversations, dropping the least recently used', () => {
    const history = new ConversationHistory(new MovableClock(), 'directline', LIMITS);
    const first = history.create();
    const second = history.create();
    history.since(first.conversationId, 0);
    const third = history.create();

    expect(history.size()).toBe(2);
    expect(history.find(second.conversationId)).toBeUndefined();
    expect(history.find(first.conversationId)).toBeDefined();
    expect(history.find(third.conversationId)).toBeDefined();
  });

  it('keeps the last maxActivities activities, and a watermark still returns only newer ones', () => {
    const history = new ConversationHistory(new MovableClock(), 'directline', LIMITS);
    const { conversationId } = history.create();
    for (const text of ['one', 'two']) {
      history.append(conversationId, message(text));
    }
    const seen = history.since(conversationId, 0);
    expect(seen?.watermark).toBe('2');
    for (const text of ['three', 'four', 'five']) {
      history.append(conversationId, message(text));
    }

    expect(history.since(conversationId, 0)?.activities.map((activity) => activity.text)).toEqual([
      'three',
      'four',
      'five',
    ]);
    const newer = history.since(conversationId, Number(seen?.watermark));
    expect(newer?.activities.map((activity) => activity.text)).toEqual(['three', 'four', 'five']);
    expect(newer?.watermark).toBe('5');
    expect(history.since(conversationId, 5)?.activities).toEqual([]);
  });

  it("stores the bot's activities without their serviceUrl, as the bot's, with the id they answer", () => {
    const history = new ConversationHistory(new MovableClock(), 'directline', LIMITS);
    const { conversationId } = history.create();
    const receipt = history.receive(
      conversationId,
      {
        type: 'message',
        text: 'hi',
        serviceUrl: 'http://127.0.0.1:1/connector/secret-key',
        from: { id: 'b', name: '' },
      },
      'reply-to-1',
    );
    const [stored] = history.since(conversationId, 0)?.activities ?? [];
    expect(stored).toMatchObject({ id: receipt?.id, text: 'hi', replyToId: 'reply-to-1', channelId: 'directline' });
    expect(stored?.from).toMatchObject({ id: 'b', role: 'bot' });
    expect(stored).not.toHaveProperty('serviceUrl');
  });

  it('answers undefined for a conversation it does not know (the connector then says 404)', () => {
    const history = new ConversationHistory(new MovableClock(), 'directline', LIMITS);
    expect(history.receive('nobody', message('hi'))).toBeUndefined();
    expect(history.since('nobody', 0)).toBeUndefined();
  });
});

describe('DirectLineTokens', () => {
  it('accepts its own token until it expires', () => {
    const clock = new MovableClock();
    const tokens = new DirectLineTokens(clock);
    const { token, expiresIn } = tokens.issue('conversation-1', 'dl_user');
    expect(expiresIn).toBe(TOKEN_LIFETIME_SECONDS);
    expect(tokens.verify(token)).toMatchObject({ conversationId: 'conversation-1', userId: 'dl_user' });

    clock.advance(TOKEN_LIFETIME_SECONDS * 1000 - 1000);
    expect(tokens.verify(token)).toBeDefined();
    clock.advance(1000);
    expect(tokens.verify(token)).toBeUndefined();
  });

  it("refuses another server's token and an altered one", () => {
    const clock = new MovableClock();
    const ours = new DirectLineTokens(clock);
    const theirs = new DirectLineTokens(clock);
    const { token } = theirs.issue('conversation-1', 'dl_user');
    expect(ours.verify(token)).toBeUndefined();

    const own = ours.issue('conversation-1', 'dl_user').token;
    const [payload, signature] = own.split('.');
    const altered = Buffer.from(
      JSON.stringify({ conversationId: 'conversation-2', userId: 'dl_user', exp: 9_999_999_999 }),
    ).toString('base64url');
    expect(ours.verify(`${altered}.${signature}`)).toBeUndefined();
    expect(ours.verify(`${payload}.${signature}.extra`)).toBeUndefined();
    expect(ours.verify('')).toBeUndefined();
  });
});
