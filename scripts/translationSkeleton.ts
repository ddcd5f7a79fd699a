/**
 * npm run kb:translations -- --lang ar [--out folder] [--all] — writes, for translators, the English texts of the
 * knowledge entries to translate into a language, with the fingerprint each translation must keep.
 * One file per group, in the order that matters most to users: work rights, employers, recognition,
 * questions, the directory, the European level and stories. Texts already translated are left out, so a
 * file written later holds only the rest of an entry (an entry may be translated across several files).
 * Translate the texts in place, keep ids, `from` and the number and order of facts and steps, delete
 * what you did not translate, and save the file under knowledge/translations/<lang>/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadContent } from '../knowledge/loader';
import type { Entry } from '../knowledge/schema';
import { englishFingerprint, textFields } from '../knowledge/translations';
import { isLanguageCode } from '../locales/languages';

/**
 * What users see first: title, short answer, what is unknown, key facts and the short details. Long
 * step lists and organisations' extra facts come with `--all`.
 */
const CORE_FIELDS = new Set([
  'title',
  'summary',
  'unknown',
  'facts',
  'waiting',
  'proofDocument',
  'whoApplies',
  'limits',
  'appealStage',
  'endsWhen',
  'selfEmployment',
  'issues',
  'documents',
  'cost',
  'duration',
  'feeWaiver',
  'languageRequirement',
]);
const BRIEF_KINDS = new Set<Entry['kind']>(['organisation']);
const BRIEF_FIELDS = new Set(['title', 'summary', 'unknown']);

function wanted(entry: Entry, top: string | number | undefined, all: boolean): boolean {
  if (all) {
    return true;
  }
  const fields = BRIEF_KINDS.has(entry.kind) ? BRIEF_FIELDS : CORE_FIELDS;
  return typeof top === 'string' && fields.has(top);
}

const GROUPS: { file: string; kinds: Entry['kind'][] }[] = [
  { file: '1-work', kinds: ['workRight'] },
  { file: '2-employers', kinds: ['employerRule'] },
  { file: '3-recognition', kinds: ['procedure', 'profession'] },
  { file: '4-questions', kinds: ['faq'] },
  { file: '5-directory', kinds: ['organisation'] },
  { file: '6-europe-and-stories', kinds: ['info', 'guidance', 'story'] },
];

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function setAt(target: Record<string, unknown>, at: (string | number)[], value: string): void {
  let node: Record<string | number, unknown> = target;
  at.forEach((key, index) => {
    if (index === at.length - 1) {
      node[key] = value;
      return;
    }
    const nextIsIndex = typeof at[index + 1] === 'number';
    node[key] ??= nextIsIndex ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  });
}

const lang = argument('--lang');
if (!lang || !isLanguageCode(lang) || lang === 'en') {
  process.stderr.write('Usage: npm run kb:translations -- --lang <code> [--out folder]\n');
  process.exit(2);
}
const everything = process.argv.includes('--all');
const root = path.resolve(__dirname, '..', 'knowledge');
const out = path.resolve(argument('--out') ?? path.join(root, 'translations-todo', lang));
const content = loadContent(path.join(root, 'content'));
mkdirSync(out, { recursive: true });
for (const group of GROUPS) {
  const entries: Record<string, Record<string, unknown>> = {};
  for (const { entry } of content.entries) {
    if (!group.kinds.includes(entry.kind)) {
      continue;
    }
    // Only what is not translated yet: a later part of an entry goes into a file of its own.
    const fields = textFields(entry).filter((field) => wanted(entry, field.path[0], everything) && !field.text[lang]);
    if (fields.length === 0) {
      continue;
    }
    const skeleton: Record<string, unknown> = { from: englishFingerprint(entry) };
    for (const field of fields) {
      setAt(skeleton, field.path, field.text.en ?? '');
    }
    entries[entry.id] = skeleton;
  }
  const file = path.join(out, `${group.file}.yaml`);
  writeFileSync(file, stringify({ entries }, { lineWidth: 0 }));
  process.stdout.write(`${file}: ${Object.keys(entries).length} entries\n`);
}
