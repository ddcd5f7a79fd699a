/**
 * The HTTP edge end to end: a real server on a loopback port, real requests with fetch. Bad requests get
 * a clear 4xx and never a 500; odd but valid messages get a polite answer and lose nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createApp, type PathfinderApp } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { MAX_BODY_BYTES } from '../../bot/inputGuard';
import { MAX_MESSAGE_LENGTH } from '../../bot/pathfinderBot';
import { fixedClock } from '../../dialogs/clock';
import type { Translate } from '../../dialogs/localizer';
import {
  englishTranslator,
  HttpConversation,
  postRaw,
  removeDataDir,
  type RunningBot,
  startBot,
  summarize,
  TEST_TODAY,
} from '../helpers/botServer';

let bot: RunningBot;
let t: Translate;

beforeAll(async () => {
  bot = await startBot();
  t = englishTranslator();
});

afterAll(async () => {
  await bot?.stop();
  if (bot) {
    removeDataDir(bot.dataDir);
  }
});

/** A complete, valid activity of a throw-away conversation. */
function validActivity(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return new HttpConversation(bot.baseUrl).activity({ type: 'message', text: 'hello', ...fields });
}

/** The error text of a 4xx JSON body, whatever its shape (ours: `error`; restify's: `message`). */
function errorText(json: unknown): string {
  const body = json as { error?: unknown; message?: unknown } | undefined;
  return String(body?.error ?? body?.message ?? '');
}

/** A new conversation that has reached the residence-status question of the guided flow. */
async function atStatusQuestion(): Promise<HttpConversation> {
  const conversation = new HttpConversation(bot.baseUrl);
  await conversation.join();
  await conversation.choose('menu:path');
  const reply = await conversation.choose('country:IE');
  expect(reply.text).toContain(t('flow:status.prompt'));
  return conversation;
}

/** The status answer is still expected: answering it moves on to the qualification question. */
async function expectStatusStillPending(conversation: HttpConversation): Promise<void> {
  const reply = await conversation.choose('status:refugee');
  expect(reply.text).toContain(t('flow:level.prompt'));
  expect(reply.choices).toContain('level:bachelor');
  expect(conversation.profile(bot.dataDir)).toMatchObject({ country: 'IE', status: 'refugee' });
}

describe('GET /healthz', () => {
  it('answers 200 JSON with the version and the date of the knowledge base', async () => {
    const response = await fetch(`${bot.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.status).toBe('ok');
    expect(body.version).toBe(loadConfig({ LOG_LEVEL: 'silent' }).version);
    expect(body.knowledgeDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('POST /api/messages: requests that cannot be processed get a 4xx naming the problem', () => {
  it('malformed JSON → 400 with a JSON error body', async () => {
    const response = await postRaw(bot.baseUrl, '{"type": "message", "text": ');
    expect(response.status).toBe(400);
    expect(response.contentType).toMatch(/application\/json/);
    expect((response.json as { error?: string }).error).toMatch(/json/i);
  });

  it.each([
    ['an array', '[{"type":"message"}]'],
    ['a string', '"hello"'],
    ['a number', '42'],
    ['null', 'null'],
    ['empty', ''],
  ])('a body that is %s → 400', async (_name, body) => {
    const response = await postRaw(bot.baseUrl, body);
    expect(response.status).toBe(400);
    expect(response.contentType).toMatch(/application\/json/);
    expect(errorText(response.json)).toMatch(/JSON object/);
  });

  it('a body that is not JSON at all (text/plain) → 400', async () => {
    const response = await postRaw(bot.baseUrl, JSON.stringify(validActivity()), { 'content-type': 'text/plain' });
    expect(response.status).toBe(400);
  });

  const withoutField = (field: string): Record<string, unknown> => {
    const activity = validActivity();
    const [head, tail] = field.split('.') as [string, string | undefined];
    if (tail) {
      activity[head] = { ...(activity[head] as object), [tail]: undefined };
    } else {
      delete activity[head];
    }
    return activity;
  };

  it.each(['type', 'channelId', 'from.id', 'conversation.id'])(
    'an activity without %s → 400 whose error names that field',
    async (field) => {
      const response = await postRaw(bot.baseUrl, JSON.stringify(withoutField(field)));
      expect(response.status).toBe(400);
      expect(errorText(response.json)).toContain(field);
    },
  );

  it.each([
    ['type', { type: '' }],
    ['type', { type: 5 }],
    ['from.id', { from: 'someone' }],
    ['from.id', { from: { id: 42 } }],
    ['conversation.id', { conversation: { id: '   ' } }],
  ])('an invalid %s (%j) → 400 naming it', async (field, fields) => {
    const response = await postRaw(bot.baseUrl, JSON.stringify(validActivity(fields)));
    expect(response.status).toBe(400);
    expect(errorText(response.json)).toContain(field);
  });

  it('without serviceUrl and without expectReplies → 400 naming serviceUrl', async () => {
    const activity = validActivity();
    delete activity.deliveryMode;
    const response = await postRaw(bot.baseUrl, JSON.stringify(activity));
    expect(response.status).toBe(400);
    expect(errorText(response.json)).toContain('serviceUrl');
  });

  // Found by these tests: each of these reached the SDK or the bot and gave a 500, or a "something went wrong"
  // that also wiped the conversation's dialog state.
  it.each([
    ['serviceUrl', { serviceUrl: 5 }],
    ['text', { text: { en: 'hi' } }],
    ['locale', { locale: 5 }],
    ['attachments', { attachments: 'photo.jpg' }],
    ['attachments', { attachments: [null] }],
    ['membersAdded', { type: 'conversationUpdate', membersAdded: 'everyone' }],
    ['membersAdded', { type: 'conversationUpdate', membersAdded: [null] }],
  ])('a %s of the wrong type (%j) → 400 naming it, not a 500', async (field, fields) => {
    const response = await postRaw(bot.baseUrl, JSON.stringify(validActivity(fields)));
    expect(response.status).toBe(400);
    expect(errorText(response.json)).toContain(field);
  });

  it(`a body over ${MAX_BODY_BYTES / 1024} KB → 413, and the server still answers the next request`, async () => {
    const huge = JSON.stringify(validActivity({ text: 'a'.repeat(MAX_BODY_BYTES + 1) }));
    const response = await postRaw(bot.baseUrl, huge);
    expect(response.status).toBe(413);

    const next = await new HttpConversation(bot.baseUrl).say('hello');
    expect(next.choices).toContain('menu:path');
  });
});

describe('POST /api/messages: odd messages get a polite answer and lose nothing', () => {
  it(`a message over ${MAX_MESSAGE_LENGTH} characters → 200 and "too long"; the conversation continues`, async () => {
    const conversation = await atStatusQuestion();
    const before = conversation.conversationETag(bot.dataDir);

    const reply = await conversation.say('I am a refugee. '.repeat(200));
    expect(reply.text).toContain(t('errors:tooLong', { max: MAX_MESSAGE_LENGTH }));
    expect(conversation.conversationETag(bot.dataDir)).toBe(before);

    await expectStatusStillPending(conversation);
  });

  it(`a message of exactly ${MAX_MESSAGE_LENGTH} characters is still read`, async () => {
    const conversation = await atStatusQuestion();
    const reply = await conversation.say('x'.repeat(MAX_MESSAGE_LENGTH));
    expect(reply.text).not.toContain(t('errors:tooLong', { max: MAX_MESSAGE_LENGTH }));
    expect(reply.text).toContain(t('common:retry'));
    await expectStatusStillPending(conversation);
  });

  it.each(['event', 'typing', 'somethingNew'])(
    'an activity of type "%s" → 200, no reply, state untouched; the next message continues',
    async (type) => {
      const conversation = await atStatusQuestion();
      const conversationETag = conversation.conversationETag(bot.dataDir);
      const profileBefore = conversation.profile(bot.dataDir);

      const replies = await conversation.send({ type, name: 'some/event', value: { anything: true }, text: undefined });
      expect(replies).toEqual([]);
      expect(conversation.conversationETag(bot.dataDir)).toBe(conversationETag);
      expect(conversation.profile(bot.dataDir)).toEqual(profileBefore);

      await expectStatusStillPending(conversation);
    },
  );

  it.each([
    ['an image', 'image/jpeg', 'https://example.invalid/photo.jpg'],
    ['a voice note', 'audio/ogg', 'https://example.invalid/voice.ogg'],
  ])(
    '%s without text → "I read text only" with a "talk to a person" choice; nothing lost',
    async (_name, type, url) => {
      const conversation = await atStatusQuestion();
      const conversationETag = conversation.conversationETag(bot.dataDir);

      const reply = summarize(
        await conversation.send({
          type: 'message',
          text: undefined,
          attachments: [{ contentType: type, contentUrl: url }],
        }),
      );
      expect(reply.text).toContain(t('errors:attachment'));
      expect(reply.choices).toContain('cmd:person');
      expect(conversation.conversationETag(bot.dataDir)).toBe(conversationETag);

      await expectStatusStillPending(conversation);
    },
  );

  it('an image with a caption: the notice, and the caption is read as the answer', async () => {
    const conversation = await atStatusQuestion();
    const reply = summarize(
      await conversation.send({
        type: 'message',
        text: 'status:refugee',
        attachments: [{ contentType: 'image/png', contentUrl: 'https://example.invalid/card.png' }],
      }),
    );
    expect(reply.text).toContain(t('errors:attachment'));
    expect(reply.text).toContain(t('flow:level.prompt'));
    expect(conversation.profile(bot.dataDir)).toMatchObject({ status: 'refugee' });
  });

  it('"talk to a person" after an attachment answers, then asks the pending question again', async () => {
    const conversation = await atStatusQuestion();
    await conversation.send({ type: 'message', attachments: [{ contentType: 'audio/ogg', contentUrl: 'x.ogg' }] });
    const person = await conversation.choose('cmd:person');
    expect(person.text).toContain(t('common:person'));
    expect(person.text).toContain(t('flow:status.prompt'));
    await expectStatusStillPending(conversation);
  });

  const oddTexts = [
    "'; DROP TABLE state; --",
    'NEAR(work permit)',
    '"unbalanced',
    '* OR 1=1',
    'col : x AND -y ^z C++ ?',
    '👍🙏',
    'سلام hello привет',
    '\u0000\u200b\ufeff',
  ];

  it.each(oddTexts)('%j in the middle of the flow → 200, a reply, and the flow goes on', async (text) => {
    const conversation = await atStatusQuestion();
    const reply = await conversation.say(text);
    expect(reply.replies.length).toBeGreaterThan(0);
    expect(reply.text).not.toContain(t('errors:generic'));
    await expectStatusStillPending(conversation);
  });

  it.each(oddTexts)('%j as a free question (knowledge search) → 200 and a reply, no error', async (text) => {
    const conversation = new HttpConversation(bot.baseUrl);
    await conversation.join();
    const reply = await conversation.say(text);
    expect(reply.text).not.toContain(t('errors:generic'));
    // The state store is intact and the user can go on.
    const next = await conversation.choose('menu:path');
    expect(next.text).toContain(t('flow:country.prompt'));
    expect(next.choices).toContain('country:IE');
  });

  it("a forged from.id in someone else's conversation: no crash; the answer lands in the sender's own profile", async () => {
    // Documented behaviour: dialog state belongs to the conversation, the profile to the user (botbuilder's
    // ConversationState / UserState). Anyone who knows a conversation id can answer its pending question, which
    // moves the shared dialog on: the victim is not asked that question again and their plan lacks that part.
    // They cannot read or change the victim's profile. So conversation ids must be unguessable, and production
    // runs with app credentials, where the channel authenticates every request (see the 401 tests below).
    const victim = await atStatusQuestion();
    const intruder = new HttpConversation(bot.baseUrl, 'en-US', 'test', { conversationId: victim.conversationId });

    const forged = await intruder.choose('status:refugee');
    expect(forged.text).not.toContain(t('errors:generic'));
    expect(forged.text).toContain(t('flow:level.prompt'));

    expect(victim.profile(bot.dataDir)).toMatchObject({ country: 'IE' });
    expect(victim.profile(bot.dataDir)?.status).toBeUndefined();
    expect(intruder.profile(bot.dataDir)).toMatchObject({ status: 'refugee' });
    expect(intruder.profile(bot.dataDir)?.country).toBeUndefined();

    // The victim goes on from where the shared dialog is, into their own profile, and still gets a plan.
    let reply = await victim.choose('level:bachelor');
    for (const answer of ['profession:nurse', 'documents:all', 'goal:recognition']) {
      expect(reply.choices).toContain(answer);
      reply = await victim.choose(answer);
    }
    expect(reply.text).not.toContain(t('errors:generic'));
    expect(reply.text).toContain('Ireland');
    expect(victim.profile(bot.dataDir)).toMatchObject({ country: 'IE', level: 'bachelor', goal: 'recognition' });
    expect(victim.profile(bot.dataDir)?.status).toBeUndefined();
    expect(intruder.profile(bot.dataDir)?.level).toBeUndefined();
  });
});

describe('POST /api/messages with app credentials configured', () => {
  let app: PathfinderApp;
  let baseUrl: string;
  let dataDir: string;
  let consoleError: jest.SpyInstance;

  beforeAll(async () => {
    // CloudAdapter prints authentication failures with console.error; keep the test output clean.
    consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    dataDir = mkdtempSync(path.join(tmpdir(), 'pathfinder-auth-'));
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'not-a-real-secret',
    });
    expect(config.anonymous).toBe(false);
    app = createApp(config, { clock: fixedClock(TEST_TODAY), logger: pino({ level: 'silent' }) });
    baseUrl = `http://127.0.0.1:${await app.listen()}`;
  });

  afterAll(async () => {
    await app?.close();
    removeDataDir(dataDir);
    consoleError.mockRestore();
  });

  it('a request without an Authorization header → 401', async () => {
    const response = await postRaw(baseUrl, JSON.stringify(validActivity()));
    expect(response.status).toBe(401);
  });

  it('a request with a token that is not a JWT → 401 (checked offline, no metadata fetched)', async () => {
    const response = await postRaw(baseUrl, JSON.stringify(validActivity()), {
      'content-type': 'application/json',
      authorization: 'Bearer not-a-token',
    });
    expect(response.status).toBe(401);
  });

  it('the input guard still answers malformed requests with 400 before authentication', async () => {
    const response = await postRaw(baseUrl, '[]');
    expect(response.status).toBe(400);
  });

  it('the health check stays open', async () => {
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
  });
});
