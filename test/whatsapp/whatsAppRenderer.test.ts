/**
 * Rendering the channel-neutral reply for WhatsApp: reply buttons, list messages and numbered text at
 * the Cloud API's limits, Markdown conversion, sources, and long texts split at sentence boundaries.
 */
import {
  charLength,
  markdownToWhatsApp,
  splitForLast,
  splitText,
  truncate,
} from '../../bot/channels/whatsapp/whatsAppFormat';
import { renderReply, uniqueTitles, WHATSAPP_LIMITS } from '../../bot/channels/whatsapp/whatsAppRenderer';
import type {
  ButtonsContent,
  ListContent,
  OutboundContent,
  TextContent,
} from '../../bot/channels/whatsapp/whatsAppTypes';
import type { Translate } from '../../dialogs/localizer';
import type { ChoiceItem } from '../../dialogs/reply';
import { isolateLeftToRight, LRI } from '../../locales/bidi';
import { englishTranslator } from '../helpers/botServer';

let t: Translate;

beforeAll(() => {
  t = englishTranslator();
});

/** `count` choices whose labels are `label(i)`. */
function choices(count: number, label: (index: number) => string = (index) => `Option ${index + 1}`): ChoiceItem[] {
  return Array.from({ length: count }, (_unused, index) => ({ id: `choice:${index + 1}`, label: label(index) }));
}

function asButtons(content: OutboundContent | undefined): ButtonsContent['interactive'] {
  expect(content).toMatchObject({ type: 'interactive', interactive: { type: 'button' } });
  return (content as ButtonsContent).interactive;
}

function asList(content: OutboundContent | undefined): ListContent['interactive'] {
  expect(content).toMatchObject({ type: 'interactive', interactive: { type: 'list' } });
  return (content as ListContent).interactive;
}

function asText(content: OutboundContent | undefined): string {
  expect(content).toMatchObject({ type: 'text' });
  return (content as TextContent).text.body;
}

/** A text of `sentences` sentences, each exactly `length` characters long including its final space. */
function sentences(count: number, length = 100): string {
  const sentence = `${'x'.repeat(length - 2)}.`;
  return Array.from({ length: count }, () => sentence).join(' ');
}

describe('Markdown becomes WhatsApp formatting', () => {
  it.each([
    ['**bold**', '*bold*'],
    ['__bold__', '*bold*'],
    ['*italic* and _italic_', '_italic_ and _italic_'],
    ['~~gone~~', '~gone~'],
    ['**Stamp 4** and *not* a list', '*Stamp 4* and _not_ a list'],
    ['See [the LMAP page](https://irishimmigration.ie/lmap).', 'See the LMAP page: https://irishimmigration.ie/lmap.'],
    ['[https://a.example](https://a.example)', 'https://a.example'],
    ['# Your plan', '*Your plan*'],
    ['### Step 2 ###', '*Step 2*'],
    ['- first\n* second\n+ third', '• first\n• second\n• third'],
    ['5 * 3 * 2 = 30', '5 * 3 * 2 = 30'],
    ['• already a bullet', '• already a bullet'],
    ['plain text', 'plain text'],
  ])('%j → %j', (markdown, whatsApp) => {
    expect(markdownToWhatsApp(markdown)).toBe(whatsApp);
  });
});

describe('lengths and truncation count characters, not bytes', () => {
  it('counts Arabic, Cyrillic and emoji as one character each', () => {
    expect(charLength('مرحبا')).toBe(5);
    expect(charLength('Привіт')).toBe(6);
    expect(charLength('👍🏽ok')).toBe(4);
  });

  it('keeps a text of exactly the limit, and cuts one character more with an ellipsis', () => {
    expect(truncate('a'.repeat(20), 20)).toBe('a'.repeat(20));
    expect(truncate('a'.repeat(21), 20)).toBe(`${'a'.repeat(19)}…`);
    expect(charLength(truncate('Тимчасовий захист (Україна)', 20))).toBe(20);
  });

  it('never cuts an emoji in half', () => {
    const cut = truncate('😀'.repeat(30), 20);
    expect(Array.from(cut)).toHaveLength(20);
    expect(cut.endsWith('😀…')).toBe(true);
  });

  it('titles that become equal after truncation are told apart by a number', () => {
    const titles = uniqueTitles(
      ['Temporary protection (Ukraine)', 'Temporary protection (other)', 'Refugee'],
      WHATSAPP_LIMITS.buttonTitle,
    );
    expect(new Set(titles).size).toBe(3);
    expect(titles.every((title) => charLength(title) <= WHATSAPP_LIMITS.buttonTitle)).toBe(true);
    expect(titles[1]).toMatch(/ 2$/);
  });
});

describe('long texts are split at sentence boundaries', () => {
  it('a text of exactly the limit stays one piece', () => {
    const text = 'a'.repeat(WHATSAPP_LIMITS.textBody);
    expect(splitText(text, WHATSAPP_LIMITS.textBody)).toEqual([text]);
  });

  it('cuts after a full stop, never inside a sentence, and loses no sentence', () => {
    const text = sentences(100); // 100 sentences of 100 characters: 9,999 characters
    const pieces = splitText(text, WHATSAPP_LIMITS.textBody);
    expect(pieces.length).toBe(3);
    for (const piece of pieces) {
      expect(charLength(piece)).toBeLessThanOrEqual(WHATSAPP_LIMITS.textBody);
      expect(piece.endsWith('.')).toBe(true);
    }
    expect(pieces.join(' ')).toBe(text);
  });

  it('prefers a paragraph break to a later sentence end', () => {
    const text = `${sentences(30)}\n\n${sentences(5)}`;
    expect(splitText(text, 3200)).toEqual([sentences(30), sentences(5)]);
  });

  it('cuts inside a word only when a single word is longer than the limit', () => {
    const pieces = splitText('y'.repeat(50), 20);
    expect(pieces).toEqual(['y'.repeat(20), 'y'.repeat(20), 'y'.repeat(10)]);
  });

  it('the last piece fits the smaller limit of the interactive message that carries it', () => {
    const pieces = splitForLast(sentences(30), WHATSAPP_LIMITS.textBody, WHATSAPP_LIMITS.buttonBody);
    expect(charLength(pieces.at(-1) ?? '')).toBeLessThanOrEqual(WHATSAPP_LIMITS.buttonBody);
    expect(pieces.join(' ')).toBe(sentences(30));
  });
});

describe('choices: 1–3 reply buttons, 4–10 a list, more numbered lines', () => {
  it('3 choices → one interactive button message with 3 buttons carrying the choice ids', () => {
    const rendered = renderReply({ text: 'Do you have your diplomas?', choices: choices(3) }, t);
    expect(rendered.contents).toHaveLength(1);
    const interactive = asButtons(rendered.contents[0]);
    expect(interactive.body.text).toBe('Do you have your diplomas?');
    expect(interactive.action.buttons).toEqual([
      { type: 'reply', reply: { id: 'choice:1', title: 'Option 1' } },
      { type: 'reply', reply: { id: 'choice:2', title: 'Option 2' } },
      { type: 'reply', reply: { id: 'choice:3', title: 'Option 3' } },
    ]);
    expect(rendered.offersChoices).toBe(true);
    expect(rendered.numberedChoiceIds).toBeUndefined();
  });

  it('a 20-character button title is kept whole; 21 characters are cut to 20', () => {
    const rendered = renderReply(
      {
        text: 'Pick',
        choices: [
          { id: 'a', label: 'x'.repeat(20) },
          { id: 'b', label: 'y'.repeat(21) },
        ],
      },
      t,
    );
    const [first, second] = asButtons(rendered.contents[0]).action.buttons;
    expect(first?.reply.title).toBe('x'.repeat(20));
    expect(second?.reply.title).toBe(`${'y'.repeat(19)}…`);
  });

  it('4 choices → a list message with one section, the localized button label and 4 rows', () => {
    const rendered = renderReply({ text: 'What would you like to do?', choices: choices(4) }, t);
    const interactive = asList(rendered.contents[0]);
    expect(interactive.action.button).toBe(t('whatsapp:list.button'));
    expect(interactive.action.sections).toHaveLength(1);
    expect(interactive.action.sections[0]?.title).toBe(t('whatsapp:list.section'));
    expect(interactive.action.sections[0]?.rows.map((row) => row.id)).toEqual([
      'choice:1',
      'choice:2',
      'choice:3',
      'choice:4',
    ]);
  });

  it('10 choices → still a list, with exactly 10 rows', () => {
    const rendered = renderReply({ text: 'Which country?', choices: choices(10) }, t);
    expect(asList(rendered.contents[0]).action.sections[0]?.rows).toHaveLength(10);
    expect(rendered.numberedChoiceIds).toBeUndefined();
  });

  it('a 24-character row title has no description; a 25-character one is cut and shown whole below', () => {
    const exact = 'a'.repeat(24);
    const longer = 'Temporary protection (UA)';
    expect(charLength(longer)).toBe(25);
    const rendered = renderReply(
      { text: 'Status?', choices: [...choices(2), { id: 'x', label: exact }, { id: 'y', label: longer }] },
      t,
    );
    const rows = asList(rendered.contents[0]).action.sections[0]?.rows ?? [];
    expect(rows[2]).toEqual({ id: 'x', title: exact });
    expect(rows[3]).toEqual({ id: 'y', title: 'Temporary protection (U…', description: longer });
  });

  it('a description of 72 characters is kept; 73 are cut to 72', () => {
    const label72 = `${'d'.repeat(71)}.`;
    const label73 = `${'e'.repeat(72)}.`;
    const rendered = renderReply(
      { text: 'Long?', choices: [...choices(2), { id: 'a', label: label72 }, { id: 'b', label: label73 }] },
      t,
    );
    const rows = asList(rendered.contents[0]).action.sections[0]?.rows ?? [];
    expect(rows[2]?.description).toBe(label72);
    expect(charLength(rows[3]?.description ?? '')).toBe(WHATSAPP_LIMITS.rowDescription);
    expect(rows[3]?.description?.endsWith('…')).toBe(true);
  });

  it('11 choices → numbered lines with the localized hint, and the ids behind the numbers are returned', () => {
    const rendered = renderReply({ text: 'Choose your language.', choices: choices(11) }, t);
    expect(rendered.contents).toHaveLength(1);
    const body = asText(rendered.contents[0]);
    expect(body.startsWith('Choose your language.\n\n1. Option 1\n2. Option 2\n')).toBe(true);
    expect(body).toContain('11. Option 11');
    expect(body.endsWith(t('whatsapp:numbered.hint'))).toBe(true);
    expect(rendered.numberedChoiceIds).toEqual(choices(11).map((choice) => choice.id));
  });

  it('interactive messages always get a body, even when the reply has only choices', () => {
    const rendered = renderReply({ text: '', choices: choices(2) }, t);
    expect(asButtons(rendered.contents[0]).body.text).toBe(t('whatsapp:choose'));
  });

  it('no choices → plain text, and earlier numbered choices are not touched', () => {
    const rendered = renderReply({ text: 'OK.' }, t);
    expect(rendered.contents).toEqual([{ type: 'text', text: { body: 'OK.', preview_url: false } }]);
    expect(rendered.offersChoices).toBe(false);
  });
});

describe('body limits: long texts go first, the interactive part is attached to the last piece', () => {
  it('buttons: a 1,024-character body stays in the button message; 1,025 characters split', () => {
    const exact = renderReply({ text: 'a'.repeat(WHATSAPP_LIMITS.buttonBody), choices: choices(2) }, t);
    expect(exact.contents).toHaveLength(1);

    const over = renderReply({ text: sentences(11).slice(0, 1025), choices: choices(2) }, t);
    expect(over.contents.length).toBeGreaterThan(1);
    expect(over.contents.at(-1)?.type).toBe('interactive');
    expect(charLength(asButtons(over.contents.at(-1)).body.text)).toBeLessThanOrEqual(WHATSAPP_LIMITS.buttonBody);
  });

  it('list: a body over 4,096 characters is split into texts and a list message with the rest', () => {
    const text = sentences(50);
    const rendered = renderReply({ text, choices: choices(5) }, t);
    expect(rendered.contents.map((content) => content.type)).toEqual(['text', 'interactive']);
    expect(charLength(asText(rendered.contents[0]))).toBeLessThanOrEqual(WHATSAPP_LIMITS.textBody);
    const listBody = asList(rendered.contents[1]).body.text;
    expect(charLength(listBody)).toBeLessThanOrEqual(WHATSAPP_LIMITS.listBody);
    expect(`${asText(rendered.contents[0])} ${listBody}`).toBe(text);
  });

  it('numbered: the numbered block stays whole in the last message', () => {
    const rendered = renderReply({ text: sentences(45), choices: choices(12) }, t);
    expect(rendered.contents.length).toBe(2);
    const last = asText(rendered.contents.at(-1));
    expect(last).toContain('1. Option 1');
    expect(last).toContain('12. Option 12');
    expect(charLength(last)).toBeLessThanOrEqual(WHATSAPP_LIMITS.textBody);
  });
});

describe('sources, languages and writing direction', () => {
  it('each source becomes a line with its address under the text', () => {
    const rendered = renderReply(
      {
        text: '**Asylum seekers in Ireland**\nIt depends.',
        citations: [{ title: 'Labour Market Access Permission', url: 'https://irishimmigration.ie/lmap' }],
      },
      t,
    );
    expect(asText(rendered.contents[0])).toBe(
      `*Asylum seekers in Ireland*\nIt depends.\n\n${t('common:source', {
        title: 'Labour Market Access Permission',
        url: 'https://irishimmigration.ie/lmap',
      })}`,
    );
  });

  it('right-to-left replies keep Latin names and numbers isolated', () => {
    const text = 'يمكنك العمل بعد 6 أشهر مع Stamp 4.';
    const rendered = renderReply({ text, dir: 'rtl', lang: 'ar' }, t);
    const body = asText(rendered.contents[0]);
    expect(body).toContain(LRI);
    expect(body).toBe(isolateLeftToRight(text));
  });
});
