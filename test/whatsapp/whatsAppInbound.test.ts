/**
 * Reading WhatsApp messages: text, reply buttons and list rows (their id is the stable choice id), numbers
 * answering numbered choices, locations, and media the bot cannot read.
 */
import { numberedChoice, readInbound } from '../../bot/channels/whatsapp/whatsAppInbound';
import type { InboundMessage, WebhookPayload } from '../../bot/channels/whatsapp/whatsAppTypes';
import { fixture } from './whatsAppTestKit';

/** The first message of a webhook fixture. */
function messageOf(name: string): InboundMessage {
  const payload = JSON.parse(fixture(name).toString('utf8')) as WebhookPayload;
  const message = payload.entry?.[0]?.changes?.[0]?.value?.messages?.[0];
  if (!message) {
    throw new Error(`fixture ${name} has no message`);
  }
  return message;
}

const LANGUAGE_IDS = Array.from({ length: 17 }, (_unused, index) => `lang:${index + 1}`);

describe('text and choices', () => {
  it.each([
    ['text_en_question', 'Can asylum seekers work in Ireland?'],
    ['text_ar_question', 'هل يمكن لطالبي اللجوء العمل في أيرلندا؟'],
    ['text_uk_question', 'Чи можуть шукачі притулку працювати в Ірландії?'],
  ])('%s → its text, unchanged', (name, text) => {
    expect(readInbound(messageOf(name))).toEqual({ kind: 'text', text });
  });

  it('a list row sends its id as the choice', () => {
    expect(readInbound(messageOf('interactive_list_reply'))).toEqual({
      kind: 'text',
      text: 'menu:path',
      choiceId: 'menu:path',
    });
  });

  it('a reply button sends its id as the choice', () => {
    expect(readInbound(messageOf('interactive_button_reply'))).toEqual({
      kind: 'text',
      text: 'documents:some',
      choiceId: 'documents:some',
    });
  });

  it('a number answers the numbered choices shown last', () => {
    expect(readInbound(messageOf('text_number'), LANGUAGE_IDS)).toEqual({
      kind: 'text',
      text: 'lang:2',
      choiceId: 'lang:2',
    });
  });

  it('an Eastern Arabic digit is the same number', () => {
    expect(readInbound(messageOf('text_number_eastern_arabic'), LANGUAGE_IDS)).toMatchObject({ choiceId: 'lang:2' });
  });

  it('without numbered choices a number stays text (e.g. "2" years)', () => {
    expect(readInbound(messageOf('text_number'))).toEqual({ kind: 'text', text: '2' });
  });

  it.each([
    ['17', 'lang:17'],
    ['3.', 'lang:3'],
    ['(4)', 'lang:4'],
    [' 5 ', 'lang:5'],
    ['۱۲', 'lang:12'],
  ])('"%s" → %s', (text, id) => {
    expect(numberedChoice(text, LANGUAGE_IDS)).toBe(id);
  });

  it.each(['0', '18', '3 months', 'two', '-1', ''])('"%s" is not one of 17 numbered choices', (text) => {
    expect(numberedChoice(text, LANGUAGE_IDS)).toBeUndefined();
  });
});

describe('locations', () => {
  it('a named place becomes its name and address as text', () => {
    expect(readInbound(messageOf('location_named'))).toEqual({
      kind: 'text',
      text: 'Dublin City Library, 138-144 Pearse St, Dublin, Ireland',
    });
  });

  it('bare coordinates cannot be read', () => {
    expect(readInbound(messageOf('location_coordinates'))).toEqual({ kind: 'unreadableLocation' });
  });
});

describe('media becomes an attachment the bot answers politely', () => {
  it.each([
    ['image', 'image/jpeg'],
    ['audio_voice', 'audio/ogg; codecs=opus'],
    ['video', 'video/mp4'],
    ['sticker', 'image/webp'],
  ])('%s → an attachment of type %s and no text', (name, contentType) => {
    const input = readInbound(messageOf(name));
    expect(input).toMatchObject({ kind: 'media', caption: '' });
    expect(input.kind === 'media' && input.attachments[0]?.contentType).toBe(contentType);
  });

  it('a document keeps its caption as text', () => {
    expect(readInbound(messageOf('document_with_caption'))).toEqual({
      kind: 'media',
      caption: 'my diploma',
      attachments: [{ contentType: 'application/pdf', name: 'document' }],
    });
  });

  it('a reaction needs no answer', () => {
    expect(readInbound({ id: 'wamid.x', from: '1', type: 'reaction' })).toEqual({ kind: 'ignored' });
  });
});
