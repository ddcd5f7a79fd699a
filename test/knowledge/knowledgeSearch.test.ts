import { openKnowledgeRepository, type SqliteKnowledgeRepository } from '../../knowledge/knowledgeRepository';
import { openKnowledgeSearch, type SqliteKnowledgeSearch } from '../../knowledge/knowledgeSearch';
import type { SearchHit, SearchOptions } from '../../knowledge/types';
import { compileFixture, makeTempDir, removeDir } from './fixture';

let dir: string;
let repository: SqliteKnowledgeRepository;
let search: SqliteKnowledgeSearch;

beforeAll(() => {
  dir = makeTempDir();
  const dbPath = compileFixture(dir);
  repository = openKnowledgeRepository(dbPath);
  search = openKnowledgeSearch(dbPath, repository);
});
afterAll(() => {
  search.close();
  repository.close();
  removeDir(dir);
});

const EN: SearchOptions = { lang: 'en' };
const ids = (hits: SearchHit[]): string[] => hits.map((hit) => hit.entry.id);
const top = (query: string, options: SearchOptions = EN): string | undefined =>
  search.search(query, options)[0]?.entry.id;

function expectWellFormed(hits: SearchHit[]): void {
  for (const hit of hits) {
    expect(hit.score).toBeGreaterThanOrEqual(0);
    expect(hit.score).toBeLessThanOrEqual(1);
  }
  const scores = hits.map((hit) => hit.score);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  expect(new Set(ids(hits)).size).toBe(hits.length);
}

describe('search', () => {
  it('finds the entry a typical question asks for, with a score in 0..1', () => {
    const hits = search.search('Can asylum seekers work in Belgium?', EN);
    expect(hits[0]?.entry.id).toBe('be.work.asylum_seeker');
    expect(hits[0]?.entry).toEqual(repository.get('be.work.asylum_seeker'));
    expectWellFormed(hits);
  });

  it.each([
    ['How do I get my diploma recognised in Flanders?', 'be.recognition.academic.vlg'],
    ['nurse with a foreign degree in Belgium', 'be.profession.nurse'],
    ['CIMEA statement of comparability', 'it.recognition.academic'],
    ['fine for employing asylum seeker', 'be.employer.fines'],
    ['what must an employer check before hiring', 'be.employer.checks'],
    ['orange card', 'be.work.asylum_seeker'],
    ['mentor for young jobseekers', 'be.org.duo_for_a_job'],
  ])('%j → %s', (query, id) => {
    expect(top(query)).toBe(id);
  });

  it.each([
    ['asylum seekr belguim job', 'be.work.asylum_seeker'],
    ['diploma recogniton flandres', 'be.recognition.academic.vlg'],
    ['nurce belgium', 'be.profession.nurse'],
    ['cimea comparibility', 'it.recognition.academic'],
    ['temporary protektion', 'eu.tpd'],
  ])('tolerates typos: %j → %s', (query, id) => {
    expect(top(query)).toBe(id);
  });

  it('finds word parts through the trigram index', () => {
    expect(top('Vlaander')).toBe('be.org.naric_vlaanderen');
    expect(ids(search.search('equival', EN))).toEqual(
      expect.arrayContaining(['be.recognition.academic.vlg', 'be.recognition.academic.fwb']),
    );
  });

  it('restricts to a country, adding EU entries except for the UK', () => {
    const italy = search.search('Can asylum seekers work?', { lang: 'en', country: 'IT', limit: 10 });
    expect(italy[0]?.entry.id).toBe('it.work.asylum_seeker');
    expect(new Set(italy.map((hit) => hit.entry.country))).toEqual(new Set(['IT', 'EU']));

    expect(ids(search.search('temporary protection', { lang: 'en', country: 'BE' }))).toContain('eu.tpd');
    const uk = search.search('temporary protection work', { lang: 'en', country: 'UK', limit: 10 });
    expect(ids(uk)).toEqual(['uk.work.asylum_seeker']);
    expect(ids(search.search('work', { lang: 'en', country: 'EU', limit: 10 }))).toEqual(['eu.tpd']);
  });

  it("ranks a country's own entry above an EU entry of similar relevance", () => {
    const hits = search.search('work', { lang: 'en', country: 'BE', limit: 10 });
    const tpd = hits.find((hit) => hit.entry.id === 'eu.tpd');
    expect(tpd).toBeDefined();
    expect(hits[0]?.entry.country).toBe('BE');
  });

  it('restricts to kinds and honours the limit', () => {
    expect(ids(search.search('nurse', { lang: 'en', kinds: ['story'] }))).toEqual(['nl.story.amina']);
    expect(ids(search.search('nurse', { lang: 'en', kinds: ['profession', 'story'] })).sort()).toEqual([
      'be.profession.nurse',
      'nl.story.amina',
    ]);
    expect(search.search('asylum', { lang: 'en', limit: 1 })).toHaveLength(1);
    expect(search.search('asylum', { lang: 'en', limit: 0 })).toEqual([]);
    expect(search.search('asylum', { lang: 'en', limit: 1000 }).length).toBeLessThanOrEqual(50);
  });

  it('searches the asked language', () => {
    expect(top("Un demandeur d'asile peut-il travailler ?", { lang: 'fr' })).toBe('be.work.asylum_seeker');
    expect(top('équivalence de mon diplôme', { lang: 'fr' })).toBe('be.recognition.academic.fwb');
    expect(top('тимчасовий захист', { lang: 'uk' })).toBe('eu.tpd');
  });

  it('matches Arabic whatever the diacritics, hamza and yeh forms', () => {
    expect(top('كيف أعادل شهادتي في إيطاليا؟', { lang: 'ar' })).toBe('it.recognition.academic');
    expect(top('كيف اعادل شهادتى فى ايطاليا', { lang: 'ar' })).toBe('it.recognition.academic');
    expect(top('تصدر سيميا شهادة مقارنة', { lang: 'ar' })).toBe('it.recognition.academic');
  });

  it('falls back to English text for entries without text in the asked language', () => {
    expect(top('nurse Belgium', { lang: 'ar' })).toBe('be.profession.nurse');
    expect(top('orange card', { lang: 'fr' })).toBe('be.work.asylum_seeker');
    expect(top('Amina nurse', { lang: 'ti' })).toBe('nl.story.amina');
  });

  it('does not search a third language', () => {
    expect(search.search('тимчасовий захист', { lang: 'fr' })).toEqual([]);
  });

  it.each(['', '   ', '😀🔥', '"*^()"', '--', '?!', '«»'])('returns nothing for text without words: %j', (query) => {
    expect(search.search(query, EN)).toEqual([]);
  });

  it.each([
    ['NEAR(asylum work)', 'near asylum work'],
    ['asylum*', 'asylum'],
    ['^asylum', 'asylum'],
    ['-asylum', 'asylum'],
    ['title:asylum', 'title asylum'],
    ['col:x nurse', 'col x nurse'],
    ['asylum AND work', 'asylum and work'],
    ['asylum OR NOT work', 'asylum or not work'],
    ['"asylum', 'asylum'],
    ['asylum"" "work', 'asylum work'],
    ['C++ nurse', 'c nurse'],
    ['(asylum) {work} [belgium]', 'asylum work belgium'],
  ])('treats FTS syntax as plain words: %j', (query, plain) => {
    const hits = search.search(query, EN);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits).toEqual(search.search(plain, EN));
  });

  it.each([
    ['"', '"'],
    ['""', '""'],
    ["'", "'"],
    ['AND', 'AND'],
    ['OR OR OR', 'OR OR OR'],
    ['NEAR(', 'NEAR('],
    ['NEAR(a b, 2)', 'NEAR(a b, 2)'],
    ['*', '*'],
    ['^', '^'],
    ['col:x', 'col:x'],
    [':', ':'],
    ["'; DROP TABLE entries; --", "'; DROP TABLE entries; --"],
    ["Robert'); DROP TABLE entry_text;--", "Robert'); DROP TABLE entry_text;--"],
    ['1 OR 1=1', '1 OR 1=1'],
    ['%_%', '%_%'],
    ['\\"\\\\', '\\"\\\\'],
    ['😀 asylum 👍🏽', '😀 asylum 👍🏽'],
    ['مرحبا work', 'مرحبا work'],
    ['عمل asylum Бельгия ትግርኛ', 'عمل asylum Бельгия ትግርኛ'],
    ['10000 letters', 'x'.repeat(10000)],
    ['500 words', 'asylum '.repeat(500)],
    ['control characters', '\u0000\u0001 nurse'],
  ])('never throws on user text: %s', (_label, query) => {
    for (const lang of ['en', 'ar', 'fr'] as const) {
      expectWellFormed(search.search(query, { lang }));
    }
  });

  it('keeps the database intact after SQL-looking input', () => {
    search.search("'; DROP TABLE entries; --", EN);
    expect(repository.get('be.work.refugee')?.id).toBe('be.work.refugee');
    expect(top('Can asylum seekers work in Belgium?')).toBe('be.work.asylum_seeker');
  });

  it('gives SQL-looking input only weak matches', () => {
    const hits = search.search("'; DROP TABLE entries; --", EN);
    expect(hits.every((hit) => hit.score < 0.5)).toBe(true);
  });
});

describe('findTerms', () => {
  it('finds exact names and synonyms with score 1', () => {
    expect(search.findTerms('Je vis en Belgique', 'countries', 'fr')).toEqual([
      { kind: 'countries', id: 'BE', matched: 'Belgique', score: 1 },
    ]);
    expect(search.findTerms('I am a nurse', 'professions', 'en')).toEqual([
      { kind: 'professions', id: 'nurse', matched: 'nurse', score: 1 },
    ]);
  });

  it('finds multi-word names on word boundaries, longest first', () => {
    expect(search.findTerms('I am an applicant for international protection.', 'statuses', 'en')).toEqual([
      { kind: 'statuses', id: 'asylum_seeker', matched: 'applicant for international protection', score: 1 },
    ]);
    expect(search.findTerms('a recognised refugee from Syria', 'statuses', 'en')).toEqual([
      { kind: 'statuses', id: 'refugee', matched: 'recognised refugee', score: 1 },
    ]);
    expect(search.findTerms('medical doctor and nurse', 'professions', 'en')).toEqual([
      { kind: 'professions', id: 'doctor', matched: 'medical doctor', score: 1 },
      { kind: 'professions', id: 'nurse', matched: 'nurse', score: 1 },
    ]);
    expect(search.findTerms('je vis en Région de Bruxelles-Capitale', 'regions', 'fr')).toEqual([
      { kind: 'regions', id: 'BE-BRU', matched: 'Région de Bruxelles-Capitale', score: 1 },
    ]);
    expect(search.findTerms('a doctoral degree', 'professions', 'en')).toEqual([]);
  });

  it.each([
    ['I live in Itlay', 'IT', 'Italy'],
    ['netherlnds', 'NL', 'Netherlands'],
    ['belguim', 'BE', 'Belgium'],
    ['Hollnd', 'NL', 'Holland'],
  ])('finds misspelt names: %j → %s', (text, id, matched) => {
    const [match, ...rest] = search.findTerms(text, 'countries', 'en');
    expect(rest).toEqual([]);
    expect(match).toMatchObject({ kind: 'countries', id, matched });
    expect(match?.score).toBeGreaterThan(0.5);
    expect(match?.score).toBeLessThan(1);
  });

  it('does not match short words inside longer ones, or long names from short words', () => {
    expect(search.findTerms('land', 'countries', 'en')).toEqual([]);
    expect(search.findTerms('ukulele lessons', 'countries', 'en')).toEqual([]);
    expect(search.findTerms('Italianate', 'countries', 'en')).toEqual([]);
  });

  it('needs capitals for short capitalised abbreviations, unless the abbreviation is the whole text', () => {
    expect(search.findTerms('can it work?', 'countries', 'en')).toEqual([]);
    expect(search.findTerms('I work in IT', 'countries', 'en')).toEqual([
      { kind: 'countries', id: 'IT', matched: 'IT', score: 1 },
    ]);
    expect(search.findTerms('I moved to the UK', 'countries', 'en')).toEqual([
      { kind: 'countries', id: 'UK', matched: 'UK', score: 1 },
    ]);
    expect(search.findTerms('uk', 'countries', 'en')).toEqual([
      { kind: 'countries', id: 'UK', matched: 'UK', score: 1 },
    ]);
  });

  it('returns the best match per id, exact before fuzzy, sorted by score', () => {
    const matches = search.findTerms('itlay or Belgium or belgum', 'countries', 'en');
    expect(matches.map((match) => [match.id, match.matched])).toEqual([
      ['BE', 'Belgium'],
      ['IT', 'Italy'],
    ]);
    expect(matches[0]?.score).toBe(1);
  });

  it('searches all languages and prefers names in the asked one', () => {
    expect(search.findTerms('Belgium / België', 'countries', 'nl')).toEqual([
      { kind: 'countries', id: 'BE', matched: 'België', score: 1 },
    ]);
    expect(search.findTerms('Belgium / België', 'countries', 'en')).toEqual([
      { kind: 'countries', id: 'BE', matched: 'Belgium', score: 1 },
    ]);
    expect(search.findTerms('Italia', 'countries', 'en')).toEqual([
      { kind: 'countries', id: 'IT', matched: 'Italia', score: 1 },
    ]);
  });

  it('folds diacritics and Arabic letter forms', () => {
    expect(search.findTerms('near Liege', 'cities', 'en')).toEqual([
      { kind: 'cities', id: 'liege', matched: 'Liège', score: 1 },
    ]);
    expect(search.findTerms('أعيش في ايطاليا', 'countries', 'ar')).toEqual([
      { kind: 'countries', id: 'IT', matched: 'إيطاليا', score: 1 },
    ]);
    expect(search.findTerms('маю тимчасовий захист', 'statuses', 'uk')).toEqual([
      { kind: 'statuses', id: 'temporary_protection', matched: 'тимчасовий захист', score: 1 },
    ]);
  });

  it('returns nothing for a taxonomy without terms or text without words', () => {
    expect(search.findTerms('work now', 'goals', 'en')).toEqual([]);
    expect(search.findTerms('😀 ?!', 'countries', 'en')).toEqual([]);
    expect(search.findTerms('', 'countries', 'en')).toEqual([]);
  });

  it('never throws on user text', () => {
    for (const text of [
      '"',
      "'; DROP TABLE taxonomy_terms; --",
      'NEAR(',
      '*',
      'x'.repeat(10000),
      'itlay '.repeat(500),
    ]) {
      expect(Array.isArray(search.findTerms(text, 'countries', 'en'))).toBe(true);
    }
  });
});
