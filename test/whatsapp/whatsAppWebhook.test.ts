/**
 * The WhatsApp webhook over real HTTP (the real server, adapter and bot) with a local fake Graph API:
 * the verification handshake, signatures over the raw body, retried deliveries processed once (also
 * after a restart), delivery receipts acknowledged and ignored, and the route off when not configured.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { HttpConversation, removeDataDir, type RunningBot, startBot } from '../helpers/botServer';
import { FakeGraphApi } from './fakeGraphApi';
import { fixture, postWebhook, SETTINGS, signatureOf, textOf, whatsAppEnv, WhatsAppUser } from './whatsAppTestKit';

let graph: FakeGraphApi;
let bot: RunningBot;
const extraBots: RunningBot[] = [];

beforeAll(async () => {
  graph = await FakeGraphApi.start();
  bot = await startBot({ env: whatsAppEnv(graph.baseUrl), wait: async () => undefined });
});

afterAll(async () => {
  for (const extra of extraBots) {
    await extra.stop();
  }
  await bot?.stop();
  await graph?.close();
  for (const dir of new Set([bot, ...extraBots].filter(Boolean).map((running) => running.dataDir))) {
    removeDataDir(dir);
  }
});

function verificationUrl(params: Record<string, string>): string {
  return `${bot.baseUrl}/api/whatsapp?${new URLSearchParams(params).toString()}`;
}

describe('GET /api/whatsapp: the subscription handshake', () => {
  it('with the right verify token → 200 and the challenge as plain text', async () => {
    const response = await fetch(
      verificationUrl({
        'hub.mode': 'subscribe',
        'hub.verify_token': SETTINGS.verifyToken,
        'hub.challenge': '1158201444',
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe('1158201444');
  });

  it.each([
    ['a wrong verify token', { 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1' }],
    ['no verify token', { 'hub.mode': 'subscribe', 'hub.challenge': '1' }],
    ['another mode', { 'hub.mode': 'unsubscribe', 'hub.verify_token': SETTINGS.verifyToken, 'hub.challenge': '1' }],
    ['no challenge', { 'hub.mode': 'subscribe', 'hub.verify_token': SETTINGS.verifyToken }],
  ])('with %s → 403', async (_name, params) => {
    const response = await fetch(verificationUrl(params));
    expect(response.status).toBe(403);
  });
});

describe('POST /api/whatsapp: every delivery must be signed with the app secret', () => {
  it.each([
    ['missing', null],
    ['made with another secret', signatureOf(fixture('text_en_hello'), 'not-the-app-secret')],
    ['not a sha256 signature', 'sha1=0123456789abcdef0123456789abcdef01234567'],
  ])('a signature that is %s → 401, and nothing is processed or sent', async (_name, signature) => {
    const before = graph.requests.length;
    const body = fixture('text_en_hello', { from: new WhatsAppUser(bot, graph).phone });
    const response = await postWebhook(bot.baseUrl, body, signature);
    expect(response.status).toBe(401);
    await bot.app.whatsapp?.idle();
    expect(graph.requests.length).toBe(before);
  });

  it('a signature over the re-serialised JSON instead of the received bytes → 401 (Arabic text, \\u escapes)', async () => {
    const body = fixture('text_ar_question');
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString('utf8'))));
    const response = await postWebhook(bot.baseUrl, body, signatureOf(reserialised));
    expect(response.status).toBe(401);
  });

  it('the same Arabic delivery signed over its raw bytes → 200 and a reply', async () => {
    const user = new WhatsAppUser(bot, graph);
    const sent = await user.send('text_ar_question');
    expect(sent.length).toBeGreaterThan(0);
  });

  it('a valid signature on a body that is not a JSON object → 400', async () => {
    const body = Buffer.from('["not", "an", "object"]');
    const response = await postWebhook(bot.baseUrl, body);
    expect(response.status).toBe(400);
  });
});

describe('retried deliveries are processed once', () => {
  it('the same message delivered twice → one set of replies', async () => {
    const user = new WhatsAppUser(bot, graph);
    const delivery = fixture('text_en_hello', { from: user.phone });
    const first = await user.post(delivery);
    expect(first.length).toBeGreaterThan(0);
    const second = await user.post(delivery);
    expect(second).toEqual([]);
  });

  it('a delivery repeated after a restart of the bot (same data folder) is not processed again', async () => {
    const first = await startBot({ env: whatsAppEnv(graph.baseUrl), wait: async () => undefined });
    extraBots.push(first);
    const user = new WhatsAppUser(first, graph);
    const delivery = fixture('text_en_question', { from: user.phone });
    expect((await user.post(delivery)).length).toBeGreaterThan(0);
    await first.stop();
    extraBots.splice(extraBots.indexOf(first), 1);

    const second = await startBot({
      env: whatsAppEnv(graph.baseUrl),
      wait: async () => undefined,
      dataDir: first.dataDir,
    });
    extraBots.push(second);
    const again = new WhatsAppUser(second, graph, { phone: user.phone });
    expect(await again.post(delivery)).toEqual([]);
    // A new message of the same user is still answered, in the same conversation.
    const next = await again.send('text_en_hello');
    expect(next.length).toBeGreaterThan(0);
  });
});

describe('delivery receipts', () => {
  it.each(['statuses_delivered_read', 'statuses_failed_131047'])('%s → 200 and nothing is sent', async (name) => {
    const before = graph.requests.length;
    const response = await postWebhook(bot.baseUrl, fixture(name));
    expect(response.status).toBe(200);
    await bot.app.whatsapp?.idle();
    expect(graph.requests.length).toBe(before);
  });
});

describe('messages for another business phone number of the same app', () => {
  it('are acknowledged and not answered from ours', async () => {
    const user = new WhatsAppUser(bot, graph);
    const body = Buffer.from(
      fixture('text_en_hello', { from: user.phone })
        .toString('utf8')
        .replaceAll(SETTINGS.phoneNumberId, '999999999999999'),
    );
    expect(await user.post(body)).toEqual([]);
  });
});

describe('the bridge uses the real Bot Framework endpoint without disturbing it', () => {
  it('POST /api/messages still answers as before', async () => {
    const reply = await new HttpConversation(bot.baseUrl).say('hello');
    expect(reply.choices).toContain('menu:path');
  });

  it('the WhatsApp conversation is stored under its pseudonymous ids, never under the phone number', async () => {
    const user = new WhatsAppUser(bot, graph);
    const sent = await user.send('text_en_hello');
    expect(textOf(sent[0]).length).toBeGreaterThan(0);
    const files = readdirSync(bot.dataDir).filter((file) => file.endsWith('.sqlite') || file.endsWith('-wal'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(readFileSync(path.join(bot.dataDir, file)).includes(user.phone)).toBe(false);
    }
    const conversation = new HttpConversation(bot.baseUrl, 'en-US', 'whatsapp', {
      userId: user.userId,
      conversationId: user.userId,
    });
    expect(conversation.profile(bot.dataDir)).toMatchObject({ welcomed: true });
  });
});

describe('when WhatsApp is not configured', () => {
  it('GET and POST /api/whatsapp → 404', async () => {
    const plain = await startBot();
    extraBots.push(plain);
    const get = await fetch(`${plain.baseUrl}/api/whatsapp?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1`);
    expect(get.status).toBe(404);
    const post = await postWebhook(plain.baseUrl, fixture('text_en_hello'));
    expect(post.status).toBe(404);
    expect(plain.app.whatsapp).toBeUndefined();
  });
});
