import { KNOWLEDGE_SCHEMA_VERSION } from '../../knowledge/sqliteSchema';
import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compileKnowledge, contentHash, entryTexts } from '../../knowledge/compiler';
import { loadContent } from '../../knowledge/loader';
import type { Entry } from '../../knowledge/schema';
import { FIXTURE_CONTENT, fixtureCopy, makeTempDir, removeDir } from './fixture';

const FIXTURE_ENTRY_COUNT = 17;

describe('compileKnowledge', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => removeDir(dir));

  it('builds byte-identical files from the same content', () => {
    const first = path.join(dir, 'a', 'knowledge.sqlite');
    const second = path.join(dir, 'b', 'knowledge.sqlite');
    expect(compileKnowledge(FIXTURE_CONTENT, first).ok).toBe(true);
    expect(compileKnowledge(FIXTURE_CONTENT, second).ok).toBe(true);
    expect(readFileSync(first).equals(readFileSync(second))).toBe(true);
  });

  it('replaces an existing file and leaves no temporary file behind', () => {
    const out = path.join(dir, 'knowledge.sqlite');
    compileKnowledge(FIXTURE_CONTENT, out);
    const before = readFileSync(out);
    compileKnowledge(FIXTURE_CONTENT, out);
    expect(readFileSync(out).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['knowledge.sqlite']);
  });

  it('returns the meta data: latest verifiedOn, entry count and content hash', () => {
    const result = compileKnowledge(FIXTURE_CONTENT, path.join(dir, 'knowledge.sqlite'));
    expect(result).toEqual({
      ok: true,
      warnings: [],
      meta: {
        knowledgeDate: '2026-07-01',
        entryCount: FIXTURE_ENTRY_COUNT,
        contentHash: contentHash(loadContent(FIXTURE_CONTENT)),
      },
    });
    if (result.ok) {
      expect(result.meta.contentHash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('rejects invalid content with a message naming file, entry and field, and writes nothing', () => {
    const contentDir = fixtureCopy(dir, {
      'BE/bad.yaml': [
        'entries:',
        '  - id: be.work.subsidiary_protection',
        '    kind: workRight',
        '    country: BE',
        '    status: subsidiary_protection',
        '    title: { en: Subsidiary protection in Belgium }',
        '    summary: { en: Yes. }',
        '    canWork: maybe',
        "    permitNeeded: 'no'",
        "    selfEmployment: { allowed: 'yes', text: { en: Allowed. } }",
        '    sources: [{ url: "https://example.org/x", title: X }]',
        "    verifiedOn: '2026-01-01'",
        "    reviewBy: '2027-01-01'",
        '',
      ].join('\n'),
    });
    const out = path.join(dir, 'out', 'knowledge.sqlite');
    const result = compileKnowledge(contentDir, out);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatch(/^BE\/bad\.yaml: entry "be\.work\.subsidiary_protection": field "canWork": /);
    }
    expect(existsSync(out)).toBe(false);
  });

  it('rejects content whose cross-checks fail (a dangling related id)', () => {
    const yaml = readFileSync(path.join(FIXTURE_CONTENT, 'BE', 'work.yaml'), 'utf8').replace(
      'related: [be.org.forem]',
      'related: [be.org.nowhere]',
    );
    const contentDir = fixtureCopy(dir, { 'BE/work.yaml': yaml });
    const result = compileKnowledge(contentDir, path.join(dir, 'knowledge.sqlite'));
    expect(result).toMatchObject({
      ok: false,
      errors: ['BE/work.yaml: entry "be.work.asylum_seeker": field "related.0": unknown entry id "be.org.nowhere"'],
    });
  });

  it('does not require full coverage (kb:check enforces it)', () => {
    expect(compileKnowledge(FIXTURE_CONTENT, path.join(dir, 'knowledge.sqlite')).ok).toBe(true);
  });

  it('writes entries, text rows per language, taxonomy terms and meta', () => {
    const out = path.join(dir, 'knowledge.sqlite');
    compileKnowledge(FIXTURE_CONTENT, out);
    const db = new Database(out, { readonly: true });
    try {
      const entry = db
        .prepare<
          [string],
          { kind: string; country: string; regions: string | null; file: string; data: string; procedure_type: string }
        >('SELECT kind, country, regions, file, data, procedure_type FROM entries WHERE id = ?')
        .get('be.recognition.academic.vlg');
      expect(entry).toMatchObject({
        kind: 'procedure',
        country: 'BE',
        regions: '["BE-VLG","BE-BRU"]',
        file: 'BE/recognition.yaml',
        procedure_type: 'academic',
      });
      expect((JSON.parse(entry?.data ?? '{}') as Entry).id).toBe('be.recognition.academic.vlg');

      const langs = db
        .prepare<[string], { lang: string }>('SELECT lang FROM entry_text WHERE id = ? ORDER BY lang')
        .all('be.work.asylum_seeker')
        .map((row) => row.lang);
      expect(langs).toEqual(['en', 'fr']);
      expect(db.prepare('SELECT count(*) AS n FROM entry_text WHERE lang = ?').get('en')).toEqual({
        n: FIXTURE_ENTRY_COUNT,
      });

      expect(
        db.prepare('SELECT term, normalized FROM taxonomy_terms WHERE kind = ? AND id = ?').all('cities', 'liege'),
      ).toEqual([{ term: 'Liège', normalized: 'liege' }]);
      expect(
        db.prepare('SELECT country, region, covered FROM taxonomy WHERE kind = ? AND id = ?').get('countries', 'SY'),
      ).toEqual({
        country: null,
        region: null,
        covered: 0,
      });

      const meta = Object.fromEntries(
        db
          .prepare<[], { key: string; value: string }>('SELECT key, value FROM meta')
          .all()
          .map((row) => [row.key, row.value]),
      );
      expect(meta).toMatchObject({
        knowledgeDate: '2026-07-01',
        entryCount: String(FIXTURE_ENTRY_COUNT),
        schemaVersion: String(KNOWLEDGE_SCHEMA_VERSION),
      });
      expect(db.pragma('page_size', { simple: true })).toBe(4096);
    } finally {
      db.close();
    }
  });
});

describe('entryTexts', () => {
  const entries = new Map(loadContent(FIXTURE_CONTENT).entries.map(({ entry }) => [entry.id, entry]));
  const get = (id: string): Entry => {
    const entry = entries.get(id);
    if (!entry) {
      throw new Error(`no fixture entry ${id}`);
    }
    return entry;
  };

  it("puts summary, facts, the kind's text fields and neutral names in the body", () => {
    const [english] = entryTexts(get('be.recognition.academic.vlg'));
    expect(english).toEqual({
      lang: 'en',
      title: 'Diploma recognition in Flanders',
      body: [
        'NARIC-Vlaanderen compares a foreign higher-education diploma with a Flemish degree.',
        'The decision takes about 4 months.',
        'Apply online with a copy of your diploma and transcript.',
        'The fee is 200 euro; refugees pay nothing.',
        'NARIC-Vlaanderen',
      ].join('\n'),
      questions: 'How do I get my diploma recognised in Flanders?',
      keywords: 'equivalence\ndiploma equivalence',
    });
  });

  it('includes nested texts (waiting condition, self-employment) and the responsible body', () => {
    const body = entryTexts(get('it.work.asylum_seeker'))[0]?.body ?? '';
    expect(body).toContain('The sources do not say whether self-employment is allowed.');
    expect(body).toContain('Whether asylum applicants may be self-employed.');
    expect(body).toContain('Questura');
    const belgian = entryTexts(get('be.work.asylum_seeker'))[0]?.body ?? '';
    expect(belgian).toContain('No first decision within 4 months.');
  });

  it('makes one row per language with any text; other languages keep the neutral names only', () => {
    const rows = entryTexts(get('be.work.asylum_seeker'));
    expect(rows.map((row) => row.lang)).toEqual(['en', 'fr']);
    expect(rows[1]).toEqual({
      lang: 'fr',
      title: "Demandeurs d'asile en Belgique",
      body: "Cela dépend. Vous pouvez travailler 4 mois après votre demande d'asile s'il n'y a pas encore de décision.",
      questions: "Un demandeur d'asile peut-il travailler en Belgique ?",
      keywords: '',
    });
    const arabic = entryTexts(get('it.recognition.academic')).find((row) => row.lang === 'ar');
    expect(arabic?.body).toBe('تُصدر سيميا شهادة مقارنة للمؤهّلات الأجنبية.\nCIMEA');
  });
});
