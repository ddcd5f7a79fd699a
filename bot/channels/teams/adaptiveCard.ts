/**
 * Draws a channel-neutral reply as an Adaptive Card for Microsoft Teams: the text as wrapped TextBlocks in the
 * markdown subset Teams renders, the citations as a "Sources" part with links, and the choices as buttons that
 * send their stable id back. Pure functions: no botbuilder, no I/O, so every shape is easy to test.
 */
import { isolateLeftToRight } from '../../../locales/bidi';
import type { ChoiceItem, Citation, NeutralReply } from '../../../dialogs/reply';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/** Teams renders Adaptive Cards up to 1.5 in every client; `rtl` on the card needs 1.5. */
export const ADAPTIVE_CARD_VERSION = '1.5';
const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/**
 * Buttons per row. WARNING: Teams lays the actions of one set side by side and cuts long labels short (and drops
 * actions beyond its host limit), so longer choice lists are split into several rows.
 */
export const MAX_ACTIONS_PER_ROW = 3;

export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap: true;
  weight?: 'Bolder';
  spacing?: 'Medium';
  separator?: true;
}

/** A button that sends a choice id back: Teams delivers `text` = id (messageBack), other hosts `value.id`. */
export interface SubmitAction {
  type: 'Action.Submit';
  title: string;
  data: {
    id: string;
    msteams: { type: 'messageBack'; text: string; displayText: string };
  };
}

export interface ActionSet {
  type: 'ActionSet';
  actions: SubmitAction[];
  spacing?: 'Medium';
}

export type CardElement = TextBlock | ActionSet;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  lang?: string;
  /** Right-to-left layout for Arabic, Farsi and Pashto (Adaptive Cards 1.5). */
  rtl?: true;
  fallbackText?: string;
  body: CardElement[];
  /** Teams: use the full width of the conversation (plans and answers are long). */
  msteams: { width: 'Full' };
}

/** The translated words a card needs around the reply's own text. */
export interface CardWords {
  /** Heading of the citations part. */
  sources: string;
}

/** A whole line in bold (`**Heading**`) or a markdown heading (`# Heading`), which Teams does not render. */
const BOLD_LINE = /^\*\*([^*]+)\*\*$/;
const HEADING_LINE = /^#{1,6}\s+(.+)$/;
/** Markdown Teams shows literally in a TextBlock: inline code marks and quote markers. */
const INLINE_CODE = /`+/g;
const QUOTE_MARKER = /^>\s?/;

/** One TextBlock per line; a blank line starts a new paragraph (more space above). */
export function textBlocks(text: string, rtl: boolean): TextBlock[] {
  const blocks: TextBlock[] = [];
  let newParagraph = false;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim().replace(QUOTE_MARKER, '').replace(INLINE_CODE, '');
    if (line.length === 0) {
      newParagraph = blocks.length > 0;
      continue;
    }
    const heading = BOLD_LINE.exec(line)?.[1] ?? HEADING_LINE.exec(line)?.[1];
    const content = (heading ?? line).trim();
    const block: TextBlock = { type: 'TextBlock', text: rtl ? isolateLeftToRight(content) : content, wrap: true };
    if (heading !== undefined) {
      block.weight = 'Bolder';
    }
    if (newParagraph) {
      block.spacing = 'Medium';
      newParagraph = false;
    }
    blocks.push(block);
  }
  return blocks;
}

/** A markdown link that survives brackets in titles and parentheses or spaces in addresses. */
function markdownLink(citation: Citation, rtl: boolean): string {
  const title = citation.title.replace(/\[/g, '(').replace(/\]/g, ')').replace(/\s+/g, ' ').trim();
  const url = citation.url.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20');
  return `[${rtl ? isolateLeftToRight(title) : title}](${url})`;
}

/** The "Sources" part: a heading above a separator, then one link per source. */
export function sourceBlocks(citations: Citation[], words: CardWords, rtl: boolean): TextBlock[] {
  if (citations.length === 0) {
    return [];
  }
  return [
    { type: 'TextBlock', text: words.sources, wrap: true, weight: 'Bolder', spacing: 'Medium', separator: true },
    ...citations.map((citation): TextBlock => ({ type: 'TextBlock', text: markdownLink(citation, rtl), wrap: true })),
  ];
}

/** The button of one choice: shows the label, sends the stable id. */
export function choiceAction(choice: ChoiceItem): SubmitAction {
  return {
    type: 'Action.Submit',
    title: choice.label,
    data: { id: choice.id, msteams: { type: 'messageBack', text: choice.id, displayText: choice.label } },
  };
}

/** The choices as rows of buttons. */
export function choiceRows(choices: ChoiceItem[]): ActionSet[] {
  const rows: ActionSet[] = [];
  for (let start = 0; start < choices.length; start += MAX_ACTIONS_PER_ROW) {
    rows.push({ type: 'ActionSet', actions: choices.slice(start, start + MAX_ACTIONS_PER_ROW).map(choiceAction) });
  }
  const first = rows[0];
  if (first) {
    first.spacing = 'Medium';
  }
  return rows;
}

/** The whole card for a neutral reply; `fallbackText` is what clients that cannot draw cards show instead. */
export function toAdaptiveCard(reply: NeutralReply, words: CardWords, fallbackText?: string): AdaptiveCard {
  const rtl = reply.dir === 'rtl';
  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: ADAPTIVE_CARD_VERSION,
    body: [
      ...textBlocks(reply.text, rtl),
      ...sourceBlocks(reply.citations ?? [], words, rtl),
      ...choiceRows(reply.choices ?? []),
    ],
    msteams: { width: 'Full' },
  };
  if (reply.lang) {
    card.lang = reply.lang;
  }
  if (rtl) {
    card.rtl = true;
  }
  if (fallbackText) {
    card.fallbackText = fallbackText;
  }
  return card;
}
