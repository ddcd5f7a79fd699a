/**
 * Draws a channel-neutral reply as WhatsApp messages: 1–3 choices as reply buttons, 4–10 as a list
 * message, more as numbered lines the user answers with a number. Sources become lines with their
 * addresses, Markdown becomes WhatsApp formatting, and long texts are split into several messages with
 * the interactive part on the last one. Pure: every word comes from the translator it is given.
 */
import type { Translate } from '../../../dialogs/localizer';
import type { ChoiceItem, NeutralReply } from '../../../dialogs/reply';
import { isolateLeftToRight } from '../../../locales/bidi';
import { charLength, markdownToWhatsApp, splitForLast, splitText, truncate } from './whatsAppFormat';
import type { ListRow, OutboundContent, ReplyButton } from './whatsAppTypes';

/** The Cloud API's limits for interactive and text messages (characters). */
export const WHATSAPP_LIMITS = {
  maxButtons: 3,
  buttonTitle: 20,
  buttonBody: 1024,
  maxListRows: 10,
  rowTitle: 24,
  rowDescription: 72,
  listButton: 20,
  sectionTitle: 24,
  listBody: 4096,
  textBody: 4096,
} as const;

export interface RenderedReply {
  /** The messages to send, in order. */
  contents: OutboundContent[];
  /** Whether the reply offered choices (in any form): earlier numbered choices no longer apply. */
  offersChoices: boolean;
  /** The choice ids behind the numbers 1, 2, 3 … when the choices were sent as numbered lines. */
  numberedChoiceIds?: string[];
}

/** Shortens titles to `max` characters and keeps them unique by ending repeated ones with a number. */
export function uniqueTitles(labels: readonly string[], max: number): string[] {
  const titles: string[] = [];
  for (const label of labels) {
    let title = truncate(label, max);
    for (let n = 2; titles.includes(title); n += 1) {
      const suffix = ` ${n}`;
      title = `${truncate(label, max - charLength(suffix))}${suffix}`;
    }
    titles.push(title);
  }
  return titles;
}

/** The message text: the reply's text in WhatsApp formatting, then one line per source. */
function bodyOf(reply: NeutralReply, t: Translate): string {
  const sources = (reply.citations ?? []).map((citation) =>
    t('common:source', { title: citation.title, url: citation.url }),
  );
  const body = [markdownToWhatsApp(reply.text).trim(), sources.join('\n')].filter((part) => part.length > 0);
  return body.join('\n\n');
}

const textMessage = (body: string): OutboundContent => ({ type: 'text', text: { body, preview_url: false } });

function buttonsMessage(body: string, choices: readonly ChoiceItem[]): OutboundContent {
  const titles = uniqueTitles(
    choices.map((choice) => choice.label),
    WHATSAPP_LIMITS.buttonTitle,
  );
  const buttons: ReplyButton[] = choices.map((choice, index) => ({
    type: 'reply',
    reply: { id: choice.id, title: titles[index] ?? choice.id },
  }));
  return { type: 'interactive', interactive: { type: 'button', body: { text: body }, action: { buttons } } };
}

function listMessage(body: string, choices: readonly ChoiceItem[], t: Translate): OutboundContent {
  const titles = uniqueTitles(
    choices.map((choice) => choice.label),
    WHATSAPP_LIMITS.rowTitle,
  );
  const rows: ListRow[] = choices.map((choice, index) => {
    const title = titles[index] ?? choice.id;
    // A shortened title keeps the whole label readable underneath.
    return title === choice.label.trim()
      ? { id: choice.id, title }
      : { id: choice.id, title, description: truncate(choice.label, WHATSAPP_LIMITS.rowDescription) };
  });
  return {
    type: 'interactive',
    interactive: {
      type: 'list',
      body: { text: body },
      action: {
        button: truncate(t('whatsapp:list.button'), WHATSAPP_LIMITS.listButton),
        sections: [{ title: truncate(t('whatsapp:list.section'), WHATSAPP_LIMITS.sectionTitle), rows }],
      },
    },
  };
}

/** Text pieces (all but the last sent as plain text) and the interactive message carrying the last piece. */
function withInteractive(
  body: string,
  lastLimit: number,
  interactive: (lastBody: string) => OutboundContent,
): OutboundContent[] {
  const pieces = splitForLast(body, WHATSAPP_LIMITS.textBody, lastLimit);
  const last = pieces.pop() ?? '';
  return [...pieces.map(textMessage), interactive(last)];
}

/** Numbered lines under the text; the numbered block always stays together in the last message. */
function numberedMessages(body: string, choices: readonly ChoiceItem[], t: Translate): OutboundContent[] {
  const lines = choices.map((choice, index) => t('whatsapp:numbered.line', { number: index + 1, label: choice.label }));
  const block = [lines.join('\n'), t('whatsapp:numbered.hint')].join('\n\n');
  const separator = '\n\n';
  const room = WHATSAPP_LIMITS.textBody - charLength(block) - charLength(separator);
  if (room <= 0) {
    return splitText(`${body}${separator}${block}`, WHATSAPP_LIMITS.textBody).map(textMessage);
  }
  const pieces = splitForLast(body, WHATSAPP_LIMITS.textBody, room);
  const last = pieces.pop() ?? '';
  return [...pieces, `${last}${separator}${block}`].map(textMessage);
}

/** Renders one neutral reply as the WhatsApp messages that show it. */
export function renderReply(reply: NeutralReply, t: Translate): RenderedReply {
  const choices = reply.choices ?? [];
  let body = bodyOf(reply, t);
  if (body.length === 0 && choices.length > 0) {
    // Interactive messages need a body.
    body = t('whatsapp:choose');
  }
  if (reply.dir === 'rtl') {
    body = isolateLeftToRight(body);
  }
  if (choices.length === 0) {
    return { contents: body ? splitText(body, WHATSAPP_LIMITS.textBody).map(textMessage) : [], offersChoices: false };
  }
  if (choices.length <= WHATSAPP_LIMITS.maxButtons) {
    return {
      contents: withInteractive(body, WHATSAPP_LIMITS.buttonBody, (last) => buttonsMessage(last, choices)),
      offersChoices: true,
    };
  }
  if (choices.length <= WHATSAPP_LIMITS.maxListRows) {
    return {
      contents: withInteractive(body, WHATSAPP_LIMITS.listBody, (last) => listMessage(last, choices, t)),
      offersChoices: true,
    };
  }
  return {
    contents: numberedMessages(body, choices, t),
    offersChoices: true,
    numberedChoiceIds: choices.map((choice) => choice.id),
  };
}
