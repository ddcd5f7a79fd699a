/**
 * Web Chat's quirks, on the way out (Direct Line conversations only; other channels pass untouched):
 * - its Markdown joins single line breaks into one paragraph, so the bullets and source lines of a reply
 *   ran together: each line break becomes a Markdown hard break;
 * - its link detection runs a bare address on into the Unicode isolation mark that right-to-left replies
 *   put after it (`…permission\u2069` → a broken link): addresses become explicit `<autolinks>` that end
 *   where the address ends.
 * Register it after ReplyLanguage, which adds those marks.
 */
import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';

/** Channels whose messages are shown by Web Chat (ours through the local endpoint, and Azure Direct Line's). */
export const WEB_CHAT_CHANNELS: ReadonlySet<string> = new Set(['directline', 'webchat']);

/** An address up to whitespace, angle brackets or a bidirectional control character. */
const ADDRESS = /https?:\/\/[^\s<>\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;
/** Punctuation that ends a sentence rather than an address. */
const TRAILING_PUNCTUATION = /[.,;:!?'"]+$/;

/** Turns a reply's Markdown into what Web Chat shows as meant. */
export function toWebChatMarkdown(text: string): string {
  const linked = text.replace(ADDRESS, (match, offset: number, whole: string) => {
    if (whole[offset - 1] === '<') {
      return match;
    }
    let address = match.replace(TRAILING_PUNCTUATION, '');
    // A closing parenthesis without its opening one belongs to the sentence: "(see https://x)".
    while (address.endsWith(')') && count(address, '(') < count(address, ')')) {
      address = address.slice(0, -1);
    }
    return `<${address}>${match.slice(address.length)}`;
  });
  return linked.replace(/\r?\n/g, '  \n');
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

export class WebChatRenderer implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (WEB_CHAT_CHANNELS.has(context.activity.channelId)) {
      context.onSendActivities(async (_ctx, activities, nextSend) => {
        for (const activity of activities) {
          const markdown = activity.textFormat === undefined || activity.textFormat === 'markdown';
          if (activity.type === ActivityTypes.Message && activity.text && markdown) {
            activity.text = toWebChatMarkdown(activity.text);
          }
        }
        return nextSend();
      });
    }
    await next();
  }
}
