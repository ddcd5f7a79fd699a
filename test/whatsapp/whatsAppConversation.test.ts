/**
 * Talking to Pathfinder on WhatsApp, end to end over HTTP with a fake Graph API: what the user sends
 * (text in several languages, buttons, list rows, numbers, locations, media) and exactly what the bot
 * sends back (text, reply buttons, list messages, numbered text) — and that no phone number is logged.
 */
import { truncate } from '../../bot/channels/whatsapp/whatsAppFormat';
import { WHATSAPP_LIMITS } from '../../bot/channels/whatsapp/whatsAppRenderer';
import type { GraphMessage, ListContent } from '../../bot/channels/whatsapp/whatsAppTypes';
import type { Translate } from '../../dialogs/localizer';
import { createI18n, translatorFor } from '../../bot/i18n';
import { loadConfig } from '../../bot/config';
import { LANGUAGE_CODES } from '../../locales/languages';
import { englishTranslator, removeDataDir, type RunningBot, startBot } from '../helpers/botServer';
import { FakeGraphApi } from './fakeGraphApi';
import { capturingLogger, choiceIdsOf, textOf, textsOf, whatsAppEnv, WhatsAppUser } from './whatsAppTestKit';

const MENU_IDS = ['menu:path', 'menu:question', 'menu:employer', 'menu:compare', 'menu:language'];

let graph: FakeGraphApi;
let bot: RunningBot;
let en: Translate;
let fr: Translate;
const logs = capturingLogger();
const phones: string[] = [];

beforeAll(async () => {
  graph = await FakeGraphApi.start();
  bot = await startBot({ env: whatsAppEnv(graph.baseUrl), wait: async () => undefined, logger: logs.logger });
  en = englishTranslator();
  fr = translatorFor(createI18n(loadConfig({ LOG_LEVEL: 'silent' }).localesDir), 'fr');
});

afterAll(async () => {
  await bot?.stop();
  await graph?.close();
  if (bot) {
    removeDataDir(bot.dataDir);
  }
});

/** A new user of this file's bot (their number is remembered for the log check). */
function newUser(): WhatsAppUser {
  const user = new WhatsAppUser(bot, graph);
  phones.push(user.phone);
  return user;
}

function listOf(message: GraphMessage | undefined): ListContent['interactive'] {
  expect(message).toMatchObject({ type: 'interactive', interactive: { type: 'list' } });
  return (message as ListContent).interactive;
}

/** A user who has said hello and seen the main menu. */
async function greetedUser(): Promise<WhatsAppUser> {
  const user = newUser();
  const sent = await user.send('text_en_hello');
  expect(choiceIdsOf(sent.at(-1))).toEqual(MENU_IDS);
  return user;
}

describe('text messages', () => {
  it('"Hello" → the welcome as text, then the main menu as a list message whose rows carry the menu ids', async () => {
    const user = newUser();
    const sent = await user.send('text_en_hello');
    expect(sent.map((message) => message.type)).toEqual(['text', 'interactive']);
    expect(textOf(sent[0])).toContain(en('welcome:intro'));
    const menu = listOf(sent[1]);
    expect(menu.body.text).toBe(en('welcome:menuPrompt'));
    expect(menu.action.button).toBe(en('whatsapp:list.button'));
    expect(menu.action.sections[0]?.rows).toEqual(
      MENU_IDS.map((id) => ({ id, title: en(`welcome:menu.${id.slice('menu:'.length)}`) })),
    );
    expect(sent.every((message) => message.to === user.phone && message.recipient_type === 'individual')).toBe(true);
  });

  it('a question → the answer in WhatsApp formatting, each source a line with its address', async () => {
    const user = newUser();
    const sent = await user.send('text_en_question');
    const answer = textOf(sent.find((message) => textOf(message).includes('Labour Market Access Permission')));
    expect(answer).toMatch(/^\*Asylum seekers .*Ireland.*\*\n/);
    expect(answer).not.toContain('**');
    const sourceLines = answer
      .split('\n')
      .filter((line) => line.startsWith(en('common:source', { title: '', url: '' }).trim()));
    expect(sourceLines.length).toBeGreaterThan(0);
    expect(sourceLines.every((line) => /https:\/\/\S+$/.test(line))).toBe(true);
    expect(answer).toContain('https://irishimmigration.ie/');
  });

  it.each([
    ['Arabic (\\u-escaped in the payload)', 'text_ar_question', /[\u0600-\u06FF]/],
    ['Ukrainian', 'text_uk_question', /[\u0400-\u04FF]/],
    ['accented French', 'text_fr_question', /Irlande/],
  ])('a question in %s is read and answered in that language, with its sources', async (_name, fixtureName, script) => {
    const user = newUser();
    const sent = await user.send(fixtureName);
    const texts = textsOf(sent);
    expect(texts).toMatch(script);
    // Which entry answers is the understanding's business; here: an answer with at least one source address.
    expect(texts).toMatch(/https:\/\/\S+/);
    expect(choiceIdsOf(sent.at(-1))).toEqual(MENU_IDS);
  });
});

describe('choices: list rows and reply buttons send their ids', () => {
  it('through the guided flow: lists for 4–10 choices, three reply buttons for the documents question', async () => {
    const user = await greetedUser();
    const countries = await user.send('interactive_list_reply', { replyId: 'menu:path' });
    expect(textOf(countries.at(-1))).toContain(en('flow:country.prompt'));
    expect(choiceIdsOf(countries.at(-1))).toHaveLength(9);
    expect(choiceIdsOf(countries.at(-1))).toContain('country:IE');

    const statuses = await user.send('interactive_list_reply', { replyId: 'country:IE' });
    const statusList = listOf(statuses.at(-1));
    expect(statusList.body.text).toContain(en('flow:status.prompt'));
    const temporary = statusList.action.sections[0]?.rows.find((row) => row.id === 'status:temporary_protection');
    // "Temporary protection (Ukraine)" is 30 characters: the row title is cut to 24, the label shown whole below.
    expect(temporary).toEqual({
      id: 'status:temporary_protection',
      title: 'Temporary protection (U…',
      description: en('flow:status.labels.temporary_protection'),
    });

    const levels = await user.send('interactive_list_reply', { replyId: 'status:refugee' });
    expect(choiceIdsOf(levels.at(-1))).toContain('level:bachelor');
    const professions = await user.send('interactive_list_reply', { replyId: 'level:bachelor' });
    expect(choiceIdsOf(professions.at(-1))).toContain('profession:nurse');

    const documents = await user.send('interactive_list_reply', { replyId: 'profession:nurse' });
    const buttons = documents.at(-1);
    expect(buttons).toMatchObject({
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: en('flow:documents.prompt') },
        action: {
          buttons: ['all', 'some', 'none'].map((value) => ({
            type: 'reply',
            reply: { id: `documents:${value}`, title: en(`flow:documents.labels.${value}`) },
          })),
        },
      },
    });

    const goals = await user.send('interactive_button_reply', { replyId: 'documents:some' });
    expect(textOf(goals.at(-1))).toContain(en('flow:goal.prompt'));
    expect(choiceIdsOf(goals.at(-1))).toContain('goal:work_now');
  });
});

describe('more than 10 choices: numbered text, answered with a number', () => {
  it('the language picker shows 17 numbered languages; "2" picks French, and the bot goes on in French', async () => {
    const user = await greetedUser();
    const picker = await user.send('interactive_list_reply', { replyId: 'menu:language' });
    expect(picker).toHaveLength(1);
    expect(picker[0]?.type).toBe('text');
    const lines = textOf(picker[0]).split('\n');
    expect(lines[0]).toBe(en('language:prompt'));
    expect(lines).toContain('1. English');
    expect(lines).toContain('2. Français');
    expect(lines).toContain(`${LANGUAGE_CODES.length}. Türkçe`);
    expect(lines.at(-1)).toBe(en('whatsapp:numbered.hint'));

    const changed = await user.send('text_number');
    expect(textsOf(changed)).toContain(fr('language:changed'));

    // Media now gets the polite "text only" answer in French, with a French "talk to a person" button
    // ("Parler à une personne" has 21 characters: the button shows 20).
    const media = await user.send('image');
    expect(media).toHaveLength(1);
    expect(media[0]).toMatchObject({
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: fr('errors:attachment') },
        action: {
          buttons: [
            {
              type: 'reply',
              reply: { id: 'cmd:person', title: truncate(fr('common:actions.person'), WHATSAPP_LIMITS.buttonTitle) },
            },
          ],
        },
      },
    });
  });

  it('an Eastern Arabic digit ("٢") is understood as the number 2', async () => {
    const user = await greetedUser();
    await user.send('interactive_list_reply', { replyId: 'menu:language' });
    const changed = await user.send('text_number_eastern_arabic');
    expect(textsOf(changed)).toContain(fr('language:changed'));
  });
});

describe('media and locations', () => {
  it.each(['image', 'audio_voice', 'video', 'sticker'])(
    '%s → "I can read text only" and the offer of a person, nothing else',
    async (fixtureName) => {
      const user = newUser();
      const sent = await user.send(fixtureName);
      expect(sent).toHaveLength(1);
      expect(textOf(sent[0])).toBe(en('errors:attachment'));
      expect(choiceIdsOf(sent[0])).toEqual(['cmd:person']);
    },
  );

  it('a document with a caption → the polite note, then the caption is read as a message', async () => {
    const user = newUser();
    const sent = await user.send('document_with_caption');
    expect(textOf(sent[0])).toBe(en('errors:attachment'));
    expect(sent.length).toBeGreaterThan(1);
  });

  it('a shared place with a name and address is read as text (not as coordinates)', async () => {
    const user = newUser();
    const sent = await user.send('location_named');
    expect(sent.length).toBeGreaterThan(0);
    expect(textsOf(sent)).not.toContain(en('whatsapp:location.noAddress'));
  });

  it('bare coordinates → a polite note asking for the name of the town or country', async () => {
    const user = newUser();
    const sent = await user.send('location_coordinates');
    expect(sent).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: user.phone,
        type: 'text',
        text: { body: en('whatsapp:location.noAddress'), preview_url: false },
      },
    ]);
  });
});

describe('privacy', () => {
  it('the logs name users by their pseudonymous id and never contain a phone number', async () => {
    const user = newUser();
    await user.send('location_coordinates');
    const log = logs.lines.join('');
    expect(log).toContain(user.userId);
    for (const phone of phones) {
      expect(log).not.toContain(phone);
    }
  });
});
