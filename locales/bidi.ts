/**
 * Keeps left-to-right runs readable inside right-to-left text (Arabic, Farsi, Pashto): numbers,
 * codes, Latin names and links are wrapped in Unicode isolation marks (LRI … PDI), so that a
 * "Stamp 4" or "ENIC-NARIC" or "12 months" is not reordered by the surrounding script.
 */

/** LEFT-TO-RIGHT ISOLATE and POP DIRECTIONAL ISOLATE. */
export const LRI = '\u2066';
export const PDI = '\u2069';

/** Links are left as they are: a mark right after an address would become part of the link. */
const URL = /(https?:\/\/\S+)/u;

/**
 * A left-to-right run: starts with a Latin letter or digit, continues through Latin letters, digits,
 * and the punctuation that joins them inside codes and numbers, and across single spaces between such words
 * (also around a slash, dash or bracket: "Department of Justice / ISD").
 */
const LTR_RUN =
  /[\p{Script=Latin}\p{Nd}][\p{Script=Latin}\p{Nd}@#%&+=_~.,:/()\-–]*(?:[ ][/&(\-–]?[ ]?[\p{Script=Latin}\p{Nd}][\p{Script=Latin}\p{Nd}@#%&+=_~.,:/()\-–]*)*/gu;

function isolateRuns(text: string): string {
  return text.replace(LTR_RUN, (run) => {
    // Trailing sentence punctuation belongs to the surrounding right-to-left sentence.
    // A closing bracket stays inside when the run opened it.
    const opened = (run.match(/\(/gu)?.length ?? 0) > 0;
    const match = (opened ? /^(.*?)([.,:;]*)$/su : /^(.*?)([.,:;)]*)$/su).exec(run);
    const core = match?.[1] ?? run;
    const tail = match?.[2] ?? '';
    return core ? `${LRI}${core}${PDI}${tail}` : run;
  });
}

/** Wraps each left-to-right run of a right-to-left text in isolation marks (idempotent); links stay untouched. */
export function isolateLeftToRight(text: string): string {
  if (text.includes(LRI)) {
    return text;
  }
  return text
    .split(URL)
    .map((part, index) => (index % 2 === 1 ? part : isolateRuns(part)))
    .join('');
}
