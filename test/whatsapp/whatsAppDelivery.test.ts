/**
 * Getting the bot's messages to WhatsApp users: proactive messages through the adapter, the 24-hour
 * customer-service window (template instead, message queued until the user writes again, also across a
 * restart), Graph's re-engagement error 131047, and retries that never send a message twice.
 */
import type { TurnContext } from 'botbuilder';
import type { GraphMessage } from '../../bot/channels/whatsapp/whatsAppTypes';
import type { Translate } from '../../dialogs/localizer';
import { englishTranslator, removeDataDir, type RunningBot, startBot, TEST_TODAY } from '../helpers/botServer';
import { FakeGraphApi, graphError } from './fakeGraphApi';
import { capturingLogger, SETTINGS, TestClock, textOf, textsOf, whatsAppEnv, WhatsAppUser } from './whatsAppTestKit';

let graph: FakeGraphApi;
let clock: TestClock;
let bot: RunningBot;
let t: Translate;
const logs = capturingLogger();
const dataDirs: string[] = [];

beforeAll(async () => {
  graph = await FakeGraphApi.start();
  clock = new TestClock(TEST_TODAY);
  bot = await startBot({ env: whatsAppEnv(graph.baseUrl), clock, wait: async () => undefined, logger: logs.logger });
  dataDirs.push(bot.dataDir);
  t = englishTranslator();
});

afterAll(async () => {
  await bot?.stop();
  await graph?.close();
  dataDirs.forEach(removeDataDir);
});

/** Sends a message to a user as a later hand-off answer would: a proactive turn through the adapter. */
async function sendProactive(
  running: RunningBot,
  user: WhatsAppUser,
  text: string,
  inUserLanguage = false,
): Promise<GraphMessage[]> {
  const before = graph.requests.length;
  const bridge = running.app.whatsapp;
  if (!bridge) {
    throw new Error('WhatsApp is not configured');
  }
  await running.app.adapter.continueConversationAsync(
    '',
    bridge.referenceFor(user.userId),
    async (context: TurnContext) => {
      if (inUserLanguage) {
        await running.app.bot.useLanguage(context);
      }
      await context.sendActivity(text);
    },
  );
  await bridge.idle();
  return user.sentSince(before);
}

const template = (code: string): Partial<GraphMessage> => ({
  type: 'template',
  template: { name: SETTINGS.templateName, language: { code } },
});

describe('proactive messages', () => {
  it("within 24 hours of the user's last message, a proactive message is sent at once as text", async () => {
    const user = new WhatsAppUser(bot, graph, { clock });
    await user.send('text_en_hello');
    clock.advanceHours(23);
    const sent = await sendProactive(bot, user, 'A helpdesk worker answered your question.');
    expect(sent).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: user.phone,
        type: 'text',
        text: { body: 'A helpdesk worker answered your question.', preview_url: false },
      },
    ]);
  });
});

describe('the 24-hour customer-service window', () => {
  it('after 24 hours: the template instead of the message, once; the queued messages come first when the user writes', async () => {
    const user = new WhatsAppUser(bot, graph, { clock });
    await user.send('text_en_hello');
    clock.advanceHours(25);

    const first = await sendProactive(bot, user, 'First answer from the helpdesk.');
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject(template('en'));
    expect(first[0]?.to).toBe(user.phone);

    // A second message while the window is still closed: queued, and no second template.
    expect(await sendProactive(bot, user, 'Second answer from the helpdesk.')).toEqual([]);

    clock.advanceHours(1);
    const afterReply = await user.send('text_en_hello');
    expect(afterReply.slice(0, 2).map(textOf)).toEqual([
      'First answer from the helpdesk.',
      'Second answer from the helpdesk.',
    ]);
    expect(textsOf(afterReply.slice(2)).length).toBeGreaterThan(0);

    // The window is open again: the next message goes out directly, and nothing is left in the queue.
    expect((await sendProactive(bot, user, 'Third.')).map(textOf)).toEqual(['Third.']);
  });

  it('the template is in the language of the reply when it is approved in it (French)', async () => {
    const user = new WhatsAppUser(bot, graph, { clock });
    await user.send('interactive_list_reply', { replyId: 'menu:language' });
    await user.send('text_number'); // "2": Français
    clock.advanceHours(30);
    const sent = await sendProactive(bot, user, 'Réponse du service d’aide.', true);
    expect(sent).toEqual([expect.objectContaining(template('fr'))]);
  });

  it('Graph error 131047 (re-engagement required) → the template is sent and the message waits for the user', async () => {
    const user = new WhatsAppUser(bot, graph, { clock });
    await user.send('text_en_hello');
    const before = graph.requests.length;
    graph.failNext(400, graphError(131047, 'Re-engagement message'));
    const sent = await sendProactive(bot, user, 'An answer that could not go out.');
    expect(graph.requests.slice(before).map((request) => [request.status, request.body.type])).toEqual([
      [400, 'text'],
      [200, 'template'],
    ]);
    expect(sent).toEqual([expect.objectContaining(template('en'))]);

    const afterReply = await user.send('text_en_hello');
    expect(textOf(afterReply[0])).toBe('An answer that could not go out.');
  });

  it('a message delivered late, more than 24 hours after it was written: its answer waits behind the template', async () => {
    const user = new WhatsAppUser(bot, graph, { clock });
    const writtenAt = new Date(clock.now().getTime() - 25 * 60 * 60 * 1000);
    const sent = await user.send('text_en_hello', { sentAt: writtenAt });
    expect(sent).toEqual([expect.objectContaining(template('en'))]);

    const afterReply = await user.send('text_en_question');
    expect(textOf(afterReply[0])).toContain(t('welcome:intro'));
  });

  it('queued messages survive a restart of the bot', async () => {
    const first = await startBot({ env: whatsAppEnv(graph.baseUrl), clock, wait: async () => undefined });
    dataDirs.push(first.dataDir);
    const user = new WhatsAppUser(first, graph, { clock });
    await user.send('text_en_hello');
    clock.advanceHours(48);
    expect(await sendProactive(first, user, 'Kept while the bot restarted.')).toEqual([
      expect.objectContaining(template('en')),
    ]);
    await first.stop();

    const second = await startBot({
      env: whatsAppEnv(graph.baseUrl),
      clock,
      wait: async () => undefined,
      dataDir: first.dataDir,
    });
    try {
      const again = new WhatsAppUser(second, graph, { phone: user.phone, clock });
      const afterReply = await again.send('text_en_hello');
      expect(textOf(afterReply[0])).toBe('Kept while the bot restarted.');
    } finally {
      await second.stop();
    }
  });
});

describe('Graph failures', () => {
  it('a 500 is retried: the user gets every message exactly once, in order', async () => {
    const user = new WhatsAppUser(bot, graph, { clock });
    const before = graph.requests.length;
    graph.failNext(500);
    const sent = await user.send('text_en_hello');
    const requests = graph.requests.slice(before);
    expect(requests.map((request) => request.status)).toEqual([500, 200, 200]);
    expect(requests[0]?.body).toEqual(requests[1]?.body);
    expect(sent.map((message) => message.type)).toEqual(['text', 'interactive']);
    expect(textOf(sent[0])).toContain(t('welcome:intro'));
  });

  it('a message Graph refuses for good (400) is not retried, the next one still goes out, and the log has no number', async () => {
    const user = new WhatsAppUser(bot, graph, { clock });
    const before = graph.requests.length;
    graph.failNext(400, graphError(131009, 'Parameter value is not valid'));
    const sent = await user.send('text_en_hello');
    expect(graph.requests.slice(before).map((request) => request.status)).toEqual([400, 200]);
    expect(sent.map((message) => message.type)).toEqual(['interactive']);
    const failure = logs.lines.find((line) => line.includes('"code":131009'));
    expect(failure).toContain(user.userId);
    expect(logs.lines.join('')).not.toContain(user.phone);
  });
});
