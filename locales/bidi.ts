/**
 * Keeps left-to-right runs readable inside right-to-left text (Arabic, Farsi, Pashto): numbers,
 * codes, Latin names and links are wrapped in Unicode isolation marks (LRI … PDI), so that a
 * "Stamp 4" or "ENIC-NARIC" or "12 months" is not reordered by the surrounding script.
 */

/** LEFT-TO-RIGHT ISOLATE and POP DIRECTIONAL ISOLATE. */
export const LRI = '\u2066';
export const PDI = '\u2069';

/**
 * A left-to-right run: starts with a Latin letter or digit, continues through Latin letters, digits,
 * and the punctuation that joins them inside codes, numbers and links (not spaces before RTL words).
 */
const LTR_RUN =
  /(?:https?:\/\/\S+|[\p{Script=Latin}\p{Nd}][\p{Script=Latin}\p{Nd}@#%&+=_~.,:/()\-–]*(?:[ ][\p{Script=Latin}\p{Nd}][\p{Script=Latin}\p{Nd}@#%&+=_~.,:/()\-–]*)*)/gu;

/** Wraps each left-to-right run of a right-to-left text in isolation marks (idempotent). */
export function isolateLeftToRight(text: string): string {
  if (text.includes(LRI)) {
    return text;
  }
  return text.replace(LTR_RUN, (run) => {
    // Trailing sentence punctuation belongs to the surrounding right-to-left sentence.
    const match = /^(.*?)([.,:;)]*)$/su.exec(run);
    const core = match?.[1] ?? run;
    const tail = match?.[2] ?? '';
    return core ? `${LRI}${core}${PDI}${tail}` : run;
  });
}
