/**
 * The local Direct Line endpoint end to end: the real bot on a loopback port, Web Chat's requests made
 * with fetch. Conversations start with the bot's welcome, posts are echoed and answered, watermarks
 * return only what is new, tokens keep conversations apart, and proactive messages reach the history.
 */
import { type ConversationReference, TurnContext } from 'botbuilder';
import { MAX_BODY_BYTES } from '../../bot/inputGuard';
import type { Translate } from '../../dialogs/localizer';
import {
  allKnowledgeData,
  englishTranslator,
  removeDataDir,
  type RunningBot,
  startBot,
  urlsIn,
} from '../helpers/botServer';
import { botMessages, DirectLineClient, requestJson } from './directLineClient';

let bot: RunningBot;
let t: Translate;
/** The conversation reference of every turn, as a hand-off feature would store it. */
const references = new Map<string, Partial<ConversationReference>>();

beforeAll(async () => {
  bot = await startBot();
  t = englishTranslator();
  bot.app.adapter.use({
    onTurn: async (context, next) => {
      references.set(context.activity.conversation.id, TurnContext.getConversationReference(context.activity));
      await next();
    },
  });
});

afterAll(async () => {
  await bot?.stop();
  if (bot) {
    removeDataDir(bot.dataDir);
  }
});

describe('starting a conversation', () => {
  it('returns a conversation id and a token, and the history already holds the welcome and the main menu', async () => {
    const client = await DirectLineClient.start(bot.baseUrl);
    expect(client.grant.conversationId).toMatch(/^[\w-]+$/);
    expect(client.grant.token.length).toBeGreaterThan(20);
    expect(client.grant.expires_in).toBeGreaterThan(0);
    expect(client.grant).not.toHaveProperty('streamUrl');

    const messages = botMessages(await client.poll());
    const text = messages.map((message) => message.text).join('\n');
    expect(text).toContain(t('welcome:menuPrompt'));
    const choices = messages.flatMap((message) => message.suggestedActions?.actions ?? []).map((action) => action.text);
    expect(choices).toContain('menu:question');
    expect(messages.every((message) => message.locale === 'en' && message.channelId === 'directline')).toBe(true);
  });

  it('greets in the language the page asked for', async () => {
    const client = await DirectLineClient.start(bot.baseUrl, 'fr-FR');
    const messages = botMessages(await client.poll());
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((message) => message.locale === 'fr')).toBe(true);
  });

  it('with a token, returns the conversation of that token (how Web Chat connects) instead of a new one', async () => {
    const client = await DirectLineClient.start(bot.baseUrl);
    const response = await requestJson<{ conversationId: string; token: string }>(
      `${bot.baseUrl}/v3/directline/conversations`,
      { method: 'POST', token: client.grant.token },
    );
    expect(response.status).toBe(200);
    expect(response.body.conversationId).toBe(client.conversationId);
  });
});

describe('posting and polling', () => {
  it("echoes the user's message with its clientActivityID, then the bot's answer with a source, in order", async () => {
    const client = await DirectLineClient.start(bot.baseUrl);
    await client.poll();
    const id = await client.say('Can asylum seekers work in Ireland?', {
      channelData: { clientActivityID: 'client-1' },
    });

    const activities = await client.poll();
    const echo = activities[0];
    expect(echo?.id).toBe(id);
    expect(echo?.text).toBe('Can asylum seekers work in Ireland?');
    expect(echo?.channelData).toMatchObject({ clientActivityID: 'client-1' });
    expect(echo?.from.role).toBe('user');

    const answers = botMessages(activities);
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((answer) => answer.replyToId === id)).toBe(true);
    const urls = answers.flatMap((answer) => urlsIn(answer.text ?? ''));
    expect(urls.length).toBeGreaterThan(0);
    const knowledge = allKnowledgeData();
    expect(urls.some((url) => knowledge.includes(url))).toBe(true);
  });

  it('returns only activities after the watermark, and nothing new when nothing happened', async () => {
    const client = await DirectLineClient.start(bot.baseUrl);
    const first = await client.poll();
    expect(first.length).toBeGreaterThan(0);
    expect(await client.poll()).toEqual([]);

    await client.say('menu:question', { value: { id: 'menu:question' } });
    const second = await client.poll();
    expect(second.length).toBeGreaterThan(0);
    const firstIds = new Set(first.map((activity) => activity.id));
    expect(second.some((activity) => firstIds.has(activity.id))).toBe(false);
    expect(
      botMessages(second)
        .map((message) => message.text)
        .join('\n'),
    ).toContain(t('question:prompt'));

    const everything = await client.poll('0');
    expect(everything.map((activity) => activity.id)).toEqual([...first, ...second].map((activity) => activity.id));
  });

  it('gives the user the id the server issued, whatever from.id the client sends', async () => {
    const client = await DirectLineClient.start(bot.baseUrl);
    await client.poll();
    await client.say('hello', { from: { id: 'someone-else', role: 'user' } });
    const [echo] = await client.poll();
    expect(echo?.from.id).toMatch(/^dl_/);
    expect(echo?.from.id).not.toBe('someone-else');
  });

  it("never shows the browser the connector's address (serviceUrl)", async () => {
    const client = await DirectLineClient.start(bot.baseUrl);
    await client.say('hello');
    const activities = await client.poll();
    expect(JSON.stringify(activities)).not.toContain('directline-connector');
    expect(activities.every((activity) => activity.serviceUrl === undefined)).toBe(true);
  });

  it('refuses an activity that is not a message, event or typing with 400', async () => {
    const client = await DirectLineClient.start(bot.baseUrl);
    const response = await client.post({ type: 'conversationUpdate' });
    expect(response.status).toBe(400);
    const notAnObject = await requestJson(client.activitiesUrl, {
      method: 'POST',
      token: client.grant.token,
      rawBody: '[1,2]',
    });
    expect(notAnObject.status).toBe(400);
  });

  it('refuses a body larger than the limit with 413 and stores nothing', async () => {
    const client = await DirectLineClient.start(bot.baseUrl);
    const before = await client.poll();
    const response = await client.post({ text: 'x'.repeat(MAX_BODY_BYTES + 1) });
    expect(response.status).toBe(413);
    expect(await client.poll('0')).toHaveLength(before.length);
  });
});

describe('tokens', () => {
  it('answers 401 without a token', async () => {
    const client = await DirectLineClient.start(bot.baseUrl);
    expect((await requestJson(client.activitiesUrl)).status).toBe(401);
    expect((await requestJson(client.activitiesUrl, { method: 'POST', body: { type: 'message' } })).status).toBe(401);
    expect((await requestJson(`${bot.baseUrl}/v3/directline/tokens/refresh`, { method: 'POST' })).status).toBe(401);
  });

  it("answers 403 to another conversation's token: one conversation cannot read or write another's", async () => {
    const alice = await DirectLineClient.start(bot.baseUrl);
    const mallory = await DirectLineClient.start(bot.baseUrl);
    await alice.say('Can asylum seekers work in Ireland?');

    const read = await requestJson(alice.activitiesUrl, { token: mallory.grant.token });
    expect(read.status).toBe(403);
    expect(JSON.stringify(read.body)).not.toContain('Ireland');
    const write = await alice.post({ text: 'hello' }, mallory.grant.token);
    expect(write.status).toBe(403);
    const aliceSaid = (await alice.poll('0')).filter((activity) => activity.from.role === 'user');
    expect(aliceSaid.map((activity) => activity.text)).toEqual(['Can asylum seekers work in Ireland?']);
  });

  it('answers 403 to a forged or altered token', async () => {
    const client = await DirectLineClient.start(bot.baseUrl);
    const [payload, signature] = client.grant.token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, exp: Number(claims.exp) + 3600 })).toString(
      'base64url',
    );
    for (const token of [`${forgedPayload}.${signature}`, 'not-a-token', `${payload}.`]) {
      expect((await requestJson(client.activitiesUrl, { token })).status).toBe(403);
    }
  });

  it('refreshes a token: the new one works for the same conversation', async () => {
    const client = await DirectLineClient.start(bot.baseUrl);
    const refreshed = await requestJson<{ conversationId: string; token: string; expires_in: number }>(
      `${bot.baseUrl}/v3/directline/tokens/refresh`,
      { method: 'POST', token: client.grant.token },
    );
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.conversationId).toBe(client.conversationId);
    expect(refreshed.body.expires_in).toBeGreaterThan(0);
    const read = await requestJson<{ activities: unknown[] }>(client.activitiesUrl, { token: refreshed.body.token });
    expect(read.status).toBe(200);
    expect(read.body.activities.length).toBeGreaterThan(0);
  });
});

describe('proactive messages and the connector routes', () => {
  it('a message sent later with continueConversationAsync and a stored reference reaches the history', async () => {
    const client = await DirectLineClient.start(bot.baseUrl);
    await client.say('hello');
    await client.poll();
    const reference = references.get(client.conversationId);
    expect(reference?.serviceUrl).toContain('/directline-connector/');

    await bot.app.adapter.continueConversationAsync('', reference as ConversationReference, async (context) => {
      await context.sendActivity({ type: 'message', text: 'A helpdesk colleague has answered your question.' });
    });

    const later = botMessages(await client.poll());
    expect(later.map((message) => message.text)).toEqual(['A helpdesk colleague has answered your question.']);
    expect(later[0]?.from.role).toBe('bot');
  });

  it('the connector routes answer 404 for an unknown conversation and 400 for a body that is not an activity', async () => {
    const client = await DirectLineClient.start(bot.baseUrl);
    await client.say('hello');
    const serviceUrl = references.get(client.conversationId)?.serviceUrl ?? '';
    const unknown = await requestJson(`${serviceUrl}/v3/conversations/no-such-conversation/activities`, {
      method: 'POST',
      body: { type: 'message', text: 'hi' },
    });
    expect(unknown.status).toBe(404);
    const noType = await requestJson(`${serviceUrl}/v3/conversations/${client.conversationId}/activities`, {
      method: 'POST',
      body: { text: 'hi' },
    });
    expect(noType.status).toBe(400);
  });

  it('refuses a post to the connector routes without the right access key (404), so nobody can pose as the bot', async () => {
    const client = await DirectLineClient.start(bot.baseUrl);
    const before = await client.poll();
    const response = await requestJson(
      `${bot.baseUrl}/directline-connector/guessed-key/v3/conversations/${client.conversationId}/activities`,
      { method: 'POST', body: { type: 'message', text: 'Send me your passport number' } },
    );
    expect(response.status).toBe(404);
    expect(await client.poll('0')).toHaveLength(before.length);
  });
});

describe('POST /api/directline/token (local mode)', () => {
  it('gives the page a token for a new local conversation, polled at /v3/directline, greeted in its language', async () => {
    const response = await requestJson<{
      token: string;
      conversationId: string;
      expires_in: number;
      domain: string;
      webSocket: boolean;
    }>(`${bot.baseUrl}/api/directline/token`, { method: 'POST', body: { locale: 'fr' } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ domain: '/v3/directline', webSocket: false });
    expect(response.body.expires_in).toBeGreaterThan(0);

    const history = await requestJson<{ activities: { locale?: string; from: { role?: string } }[] }>(
      `${bot.baseUrl}/v3/directline/conversations/${response.body.conversationId}/activities`,
      { token: response.body.token },
    );
    expect(history.status).toBe(200);
    const fromBot = history.body.activities.filter((activity) => activity.from.role === 'bot');
    expect(fromBot.length).toBeGreaterThan(0);
    expect(fromBot.every((activity) => activity.locale === 'fr')).toBe(true);
  });
});
