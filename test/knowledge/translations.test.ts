import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadContent } from '../../knowledge/loader';
import type { Entry } from '../../knowledge/schema';
import { applyTranslations, englishFingerprint, textFields, translationCoverage } from '../../knowledge/translations';

const FIXTURE_CONTENT = path.resolve(__dirname, '..', 'fixtures', 'knowledge', 'content');
const ENTRY_ID = 'be.work.asylum_seeker';

/** A fresh copy of the fixture entries (applyTranslations writes into them). */
function entries(): Entry[] {
  return loadContent(FIXTURE_CONTENT, path.join(tmpdir(), 'no-translations-here')).entries.map(({ entry }) => entry);
}

function entry(list: Entry[]): Entry {
  const found = list.find((item) => item.id === ENTRY_ID);
  if (!found) {
    throw new Error(`fixture ${ENTRY_ID} missing`);
  }
  return found;
}

describe('Knowledge translations beside the content', () => {
  let dir: string;
  const write = (lang: string, file: string, data: unknown): void => {
    mkdirSync(path.join(dir, lang), { recursive: true });
    writeFileSync(path.join(dir, lang, file), stringify(data));
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pathfinder-translations-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('merges a current translation into the entry, field by field', () => {
    const list = entries();
    const from = englishFingerprint(entry(list));
    write('fr', 'work.yaml', { entries: { [ENTRY_ID]: { from, title: 'Titre', summary: 'Résumé' } } });
    const report = applyTranslations(dir, list);
    expect(report).toEqual({ errors: [], warnings: [] });
    expect(entry(list).title.fr).toBe('Titre');
    expect(entry(list).summary.fr).toBe('Résumé');
    expect(entry(list).title.en).not.toBe('Titre');
  });

  it('does not use a translation made from older English, and says so', () => {
    const list = entries();
    write('fr', 'work.yaml', { entries: { [ENTRY_ID]: { from: '0000000000', title: 'Titre périmé' } } });
    const report = applyTranslations(dir, list);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([expect.stringContaining('English text changed')]);
    expect(entry(list).title.fr).not.toBe('Titre périmé');
  });

  it('accepts an entry in several files, but no field twice', () => {
    const list = entries();
    const from = englishFingerprint(entry(list));
    write('fr', 'a.yaml', { entries: { [ENTRY_ID]: { from, title: 'Titre' } } });
    write('fr', 'b.yaml', { entries: { [ENTRY_ID]: { from, summary: 'Résumé' } } });
    expect(applyTranslations(dir, list).errors).toEqual([]);
    expect(entry(list).summary.fr).toBe('Résumé');

    write('fr', 'c.yaml', { entries: { [ENTRY_ID]: { from, title: 'Encore' } } });
    expect(applyTranslations(dir, entries()).errors).toEqual([
      expect.stringContaining('translated twice in fr: title'),
    ]);
  });

  it('names the file and entry of every mistake', () => {
    const list = entries();
    const from = englishFingerprint(entry(list));
    write('ar', 'bad.yaml', {
      entries: { 'xx.no.such': { from, title: 'x' }, [ENTRY_ID]: { from, nonsense: 'x' } },
    });
    write('zz', 'x.yaml', { entries: {} });
    const { errors } = applyTranslations(dir, list);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/translations\/ar\/bad\.yaml: entry "xx\.no\.such": no entry/),
        expect.stringMatching(/entry "be\.work\.asylum_seeker": no English text at nonsense/),
        expect.stringMatching(/translations\/zz: not a supported translation language/),
      ]),
    );
  });

  it('fingerprints every English text of an entry, and counts translated fields per kind', () => {
    const list = entries();
    const target = entry(list);
    const before = englishFingerprint(target);
    target.summary.en = `${target.summary.en} (changed)`;
    expect(englishFingerprint(target)).not.toBe(before);
    const fields = textFields(target);
    expect(fields.map((field) => field.path.join('.'))).toEqual(expect.arrayContaining(['title', 'summary']));
    target.title.de = 'Titel';
    const share = translationCoverage([target]).get('workRight')?.de ?? 0;
    expect(share).toBeCloseTo(1 / fields.length);
  });
});
