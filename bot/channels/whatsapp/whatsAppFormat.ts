/**
 * Text for WhatsApp: Markdown turned into WhatsApp's own formatting, lengths counted the way the
 * limits are stated (characters, not bytes), and long texts split at paragraph or sentence boundaries.
 */

/** Marks a shortened title or text. */
export const ELLIPSIS = '…';

/** Placeholder for bold runs while single-star italics are converted (a private-use character). */
const BOLD_MARK = '\uE000';

/** The number of characters (Unicode code points) of a text. */
export function charLength(text: string): number {
  return Array.from(text).length;
}

/** The first `max` characters of a text (code points, never half of a surrogate pair). */
function headOf(text: string, max: number): string {
  return Array.from(text).slice(0, max).join('');
}

/** The text shortened to at most `max` characters, with an ellipsis when something was cut. */
export function truncate(text: string, max: number): string {
  const trimmed = text.trim();
  if (charLength(trimmed) <= max) {
    return trimmed;
  }
  return `${headOf(trimmed, max - 1).trimEnd()}${ELLIPSIS}`;
}

/**
 * Converts the Markdown the dialogs write into WhatsApp formatting: `**bold**` → `*bold*`, `*italic*` →
 * `_italic_`, `~~strike~~` → `~strike~`, `[title](url)` → `title: url`, headings → bold lines,
 * `-`/`*` bullets → `•`. Text without Markdown is returned unchanged.
 */
export function markdownToWhatsApp(markdown: string): string {
  return (
    markdown
      .replace(/\r\n?/g, '\n')
      // Images and links: WhatsApp shows no link titles, so the address follows the title.
      .replace(/!?\[([^\]\n]*)\]\((\S+?)(?:\s+"[^"]*")?\)/g, (_match, title: string, url: string) =>
        title.trim() && title.trim() !== url ? `${title.trim()}: ${url}` : url,
      )
      .replace(/^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$/gm, (_match, heading: string) => `${BOLD_MARK}${heading}${BOLD_MARK}`)
      .replace(/^([ \t]*)[-*+][ \t]+/gm, '$1• ')
      .replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, `${BOLD_MARK}$1${BOLD_MARK}`)
      .replace(/__(?=\S)(.+?)(?<=\S)__/g, `${BOLD_MARK}$1${BOLD_MARK}`)
      .replace(/(?<![*\w])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![*\w])/g, '_$1_')
      .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, '~$1~')
      .replaceAll(BOLD_MARK, '*')
  );
}

/** Where a text may be cut, best first: between paragraphs, lines, sentences, then words. */
const BREAKS: readonly RegExp[] = [/\n\s*\n/g, /\n/g, /[.!?؟。…](?=\s)/g, /\s/g];

/** A cut this far into the window or further is good enough for its kind of break. */
const MIN_CUT_SHARE = 0.5;

/** The end of the last match of `pattern` inside `window` (after the matched punctuation), or -1. */
function lastBreak(window: string, pattern: RegExp): number {
  let end = -1;
  for (const match of window.matchAll(pattern)) {
    end = match.index + (/\s/.test(match[0]) ? 0 : match[0].length);
  }
  return end;
}

/**
 * Splits a text into pieces of at most `limit` characters, cutting between paragraphs when possible,
 * else between lines, sentences or words, and only as a last resort inside a word.
 */
export function splitText(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (charLength(rest) > limit) {
    const window = headOf(rest, limit);
    let cut = -1;
    for (const pattern of BREAKS) {
      const at = lastBreak(window, pattern);
      if (at >= window.length * MIN_CUT_SHARE) {
        cut = at;
        break;
      }
      cut = Math.max(cut, at);
    }
    if (cut <= 0) {
      cut = window.length;
    }
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0 || pieces.length === 0) {
    pieces.push(rest);
  }
  return pieces;
}

/**
 * Splits a text so that every piece fits `limit` and the last one also fits `lastLimit` (the smaller
 * body limit of the interactive message it will carry).
 */
export function splitForLast(text: string, limit: number, lastLimit: number): string[] {
  const pieces = splitText(text, limit);
  const last = pieces.pop() ?? '';
  return [...pieces, ...splitText(last, Math.min(limit, lastLimit))];
}
