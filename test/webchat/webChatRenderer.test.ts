/**
 * What Web Chat gets: line breaks it keeps and links that end where the address ends, also inside the
 * isolation marks of right-to-left replies.
 */
import { toWebChatMarkdown } from '../../bot/channels/webchat/webChatRenderer';
import { LRI, PDI } from '../../locales/bidi';

describe('toWebChatMarkdown', () => {
  it('turns each line break into a Markdown hard break, so bullets stay on their own lines', () => {
    expect(toWebChatMarkdown('**Title**\n• one\n• two')).toBe('**Title**  \n• one  \n• two');
  });

  it('makes addresses autolinks that stop before an isolation mark', () => {
    const text = `المصدر: ${LRI}https://example.org/a?id=1${PDI}`;
    expect(toWebChatMarkdown(text)).toBe(`المصدر: ${LRI}<https://example.org/a?id=1>${PDI}`);
  });

  it('leaves sentence punctuation and an unmatched parenthesis outside the link', () => {
    expect(toWebChatMarkdown('See https://example.org/x.')).toBe('See <https://example.org/x>.');
    expect(toWebChatMarkdown('(see https://example.org/x)')).toBe('(see <https://example.org/x>)');
    expect(toWebChatMarkdown('https://en.wikipedia.org/wiki/Foo_(bar)')).toBe(
      '<https://en.wikipedia.org/wiki/Foo_(bar)>',
    );
  });

  it('leaves existing autolinks alone', () => {
    expect(toWebChatMarkdown('<https://example.org/x>')).toBe('<https://example.org/x>');
  });
});
