/**
 * Search over the real compiled content, in English: typical and misspelt questions must bring the
 * right entry into the top 3, taxonomy terms must be spotted in free text, and hostile input must never
 * throw or reach FTS5 as syntax.
 *
 * `ask` searches the way the question dialog does: a country named in the question (findTerms, score
 * ≥ 0.6) narrows the search to that country and the EU; otherwise all countries are searched.
 */
import { openKnowledgeRepository, type SqliteKnowledgeRepository } from '../../knowledge/knowledgeRepository';
import { openKnowledgeSearch, type SqliteKnowledgeSearch } from '../../knowledge/knowledgeSearch';
import { type ScopeCode, TAXONOMY_KINDS, type TaxonomyKind } from '../../knowledge/schema';
import type { SearchHit } from '../../knowledge/types';
import { compileRealContent, makeTempDir, removeDir } from './fixture';

/** The question dialog's threshold for a country named in the question (MIN_TERM_SCORE). */
const NAMED_COUNTRY_SCORE = 0.6;
const TOP = 3;

let dir: string;
let repo: SqliteKnowledgeRepository;
let search: SqliteKnowledgeSearch;

beforeAll(() => {
  dir = makeTempDir();
  const dbPath = compileRealContent(dir);
  repo = openKnowledgeRepository(dbPath);
  search = openKnowledgeSearch(dbPath, repo);
});

afterAll(() => {
  search?.close();
  repo?.close();
  removeDir(dir);
});

function namedCountry(question: string): ScopeCode | undefined {
  const named = search.findTerms(question, 'countries', 'en').filter((match) => match.score >= NAMED_COUNTRY_SCORE)[0];
  const term = named ? repo.term('countries', named.id) : undefined;
  return term?.covered === false ? undefined : (term?.id as ScopeCode | undefined);
}

/** The top hits for a question, searched like the question dialog does. */
function ask(question: string): SearchHit[] {
  return search.search(question, { lang: 'en', country: namedCountry(question), limit: TOP });
}

function topIds(hits: SearchHit[]): string[] {
  return hits.map((hit) => hit.entry.id);
}

describe('typical questions find the right entry in the top 3', () => {
  // [question, country the dialog detects, acceptable entries (any one of them in the top 3)]
  it.each([
    ['Who evaluates foreign diplomas in the Netherlands?', 'NL', ['nl.recognition.academic', 'nl.org.idw']],
    ['What does UK ENIC do?', 'UK', ['uk.recognition.academic', 'uk.org.uk_enic']],
    ['job centre in Wallonia', undefined, ['be.org.forem']],
    ['where do i find a job in wallonia', undefined, ['be.org.forem']],
    ['Penalty for illegal employment in Slovakia?', 'SK', ['sk.employer.fines']],
    ['homologation of a degree in Spain', 'ES', ['es.recognition.academic', 'es.recognition.regulated']],
    ['EVC Flanders', undefined, ['be.validation.vlg', 'be.s2w.evc_flanders']],
    ['What is a titre de compétence?', undefined, ['be.validation.fwb', 'be.s2w.validation_competences']],
    ['Can asylum seekers work in Belgium?', 'BE', ['be.work.asylum_seeker']],
    ['When can I work as an asylum seeker in Belgium?', 'BE', ['be.work.asylum_seeker']],
    ['Can asylum seekers work in Hungary?', 'HU', ['hu.work.asylum_seeker']],
    ['Can asylum seekers work in Ireland?', 'IE', ['ie.work.asylum_seeker']],
    ['Can asylum seekers work in Italy?', 'IT', ['it.work.asylum_seeker']],
    ['Can asylum seekers work in the Netherlands?', 'NL', ['nl.work.asylum_seeker']],
    ['Can asylum seekers work in Slovakia?', 'SK', ['sk.work.asylum_seeker']],
    ['Can asylum seekers work in Slovenia?', 'SI', ['si.work.asylum_seeker']],
    ['How long must an asylum seeker wait to work in Slovenia?', 'SI', ['si.work.asylum_seeker']],
    ['Can asylum seekers work in Spain?', 'ES', ['es.work.asylum_seeker']],
    ['Can asylum seekers work in the UK?', 'UK', ['uk.work.asylum_seeker']],
    ['how many hours can asylum seekers work in the netherlands', 'NL', ['nl.work.asylum_seeker']],
    ['Can refugees work in Slovenia?', 'SI', ['si.work.refugee']],
    ['Can Ukrainians work in Spain?', 'ES', ['es.work.temporary_protection']],
    ['Can I work with temporary protection in Italy?', 'IT', ['it.work.temporary_protection']],
    ['I am from Ukraine, can I work in Slovakia?', 'SK', ['sk.work.temporary_protection']],
    ['How do I register as a nurse in Ireland?', 'IE', ['ie.profession.nurse', 'ie.org.nmbi']],
    ['How do I become a doctor in the UK?', 'UK', ['uk.profession.doctor']],
    ['doctor in the netherlands BIG register', 'NL', ['nl.profession.doctor']],
    ['how to work as a teacher in the netherlands', 'NL', ['nl.profession.teacher']],
    ['engineer recognition italy', 'IT', ['it.profession.engineer']],
    ['recognition of my degree in Italy', 'IT', ['it.recognition.academic']],
    ['diploma recognition in Ireland', 'IE', ['ie.recognition.academic']],
    ['diploma recognition in Slovenia', 'SI', ['si.recognition.academic']],
    ['Who evaluates my diploma in Belgium?', 'BE', ['be.recognition.academic']],
    ['Who recognises vocational diplomas in Slovakia?', 'SK', ['sk.recognition.vocational']],
    ['What is the fine for illegal work in the UK?', 'UK', ['uk.employer.fines']],
    ['fine for illegal employment in the netherlands', 'NL', ['nl.employer.fines']],
    ['What is the fine for hiring someone without papers in Spain?', 'ES', ['es.employer.fines']],
    ['Do I need a work permit to hire a refugee in Ireland?', 'IE', ['ie.employer.permits']],
    ['What must an employer check before hiring a refugee in the UK?', 'UK', ['uk.employer.checks']],
    ['how do i get a professional card in belgium', 'BE', ['be.faq.professional_card']],
    ['can i start a business as a refugee in belgium', 'BE', ['be.s2w.microstart', 'be.faq.professional_card']],
    ['I lost my diploma, can I still prove my studies?', undefined, ['eu.eqpr']],
    ['European Qualifications Passport for Refugees', undefined, ['eu.eqpr']],
    ['What is JobsPlus?', undefined, ['ie.employer.incentives']],
    ['SOWIS subsidy', undefined, ['nl.employer.incentives']],
    ['what is the IBO in Flanders?', undefined, ['be.employer.incentives.vlg']],
    ['tarjeta roja', undefined, ['es.faq.tarjeta_roja']],
  ] as const)('%s', (question, country, expected) => {
    expect(namedCountry(question)).toBe(country);
    const ids = topIds(ask(question));
    expect(ids).toHaveLength(TOP);
    expect(ids.filter((id) => (expected as readonly string[]).includes(id))).not.toEqual([]);
  });
});

describe('the right entry comes first for the core right-to-work questions', () => {
  it.each([
    ['Can asylum seekers work in Belgium?', 'be.work.asylum_seeker'],
    ['Can asylum seekers work in Hungary?', 'hu.work.asylum_seeker'],
    ['Can asylum seekers work in Ireland?', 'ie.work.asylum_seeker'],
    ['Can asylum seekers work in Italy?', 'it.work.asylum_seeker'],
    ['Can asylum seekers work in Slovakia?', 'sk.work.asylum_seeker'],
    ['Can asylum seekers work in Slovenia?', 'si.work.asylum_seeker'],
    ['Can asylum seekers work in Spain?', 'es.work.asylum_seeker'],
    ['Can asylum seekers work in the UK?', 'uk.work.asylum_seeker'],
    ['Can Ukrainians work in Spain?', 'es.work.temporary_protection'],
    ['Penalty for illegal employment in Slovakia?', 'sk.employer.fines'],
    ['job centre in Wallonia', 'be.org.forem'],
  ])('%s → %s', (question, expected) => {
    expect(topIds(ask(question))[0]).toBe(expected);
  });
});

describe('misspelt questions still find the right entry in the top 3', () => {
  it.each([
    ['diploma evalution netherlnds', 'NL', ['nl.recognition.academic', 'nl.org.idw']],
    ['wat does UK ENIC do', 'UK', ['uk.recognition.academic', 'uk.org.uk_enic']],
    ['penalty for ilegal employment in slovakia', 'SK', ['sk.employer.fines']],
    ['homologacion of my degree in spain', 'ES', ['es.recognition.academic', 'es.recognition.regulated']],
    ['homologation of my degre in spain', 'ES', ['es.recognition.academic', 'es.recognition.regulated']],
    ['EVC in flandres', undefined, ['be.validation.vlg', 'be.s2w.evc_flanders']],
    ['CIMEA for refugess', undefined, ['it.s2w.cimea_for_refugees', 'it.recognition.academic']],
    ['recognition of diplomas in hungray', 'HU', ['hu.recognition.academic']],
    ['regonition of diploma italy', 'IT', ['it.recognition.academic', 'it.s2w.cimea_for_refugees', 'it.org.cimea']],
    ['can asylum seekers work in irland', 'IE', ['ie.work.asylum_seeker']],
    ['can asylum seekrs work in belgim', 'BE', ['be.work.asylum_seeker']],
    ['asylum seeker work hungray', 'HU', ['hu.work.asylum_seeker']],
    ['labour market acess permision ireland', 'IE', ['ie.work.asylum_seeker']],
    ['nurse registraton ireland', 'IE', ['ie.profession.nurse', 'ie.org.nmbi']],
    ['how to become a docter in the UK', 'UK', ['uk.profession.doctor']],
    ['register as a docter in ireland', 'IE', ['ie.profession.doctor']],
  ] as const)('%s', (question, country, expected) => {
    expect(namedCountry(question)).toBe(country);
    const ids = topIds(ask(question));
    expect(ids.filter((id) => (expected as readonly string[]).includes(id))).not.toEqual([]);
  });
});

describe('search options', () => {
  it('a country filter keeps that country and the EU, and the UK without the EU', () => {
    const belgium = search.search('recognition of diplomas for refugees', { lang: 'en', country: 'BE', limit: 20 });
    expect(belgium.length).toBeGreaterThan(0);
    expect(new Set(belgium.map((hit) => hit.entry.country))).toEqual(new Set(['BE', 'EU']));
    const uk = search.search('recognition of diplomas for refugees', { lang: 'en', country: 'UK', limit: 20 });
    expect(uk.length).toBeGreaterThan(0);
    expect(new Set(uk.map((hit) => hit.entry.country))).toEqual(new Set(['UK']));
  });

  it('a kind filter returns only that kind, and scores are in 0..1, best first', () => {
    const hits = search.search('asylum seeker work', { lang: 'en', kinds: ['workRight'], limit: 20 });
    expect(hits.map((hit) => hit.entry.kind)).toEqual(hits.map(() => 'workRight'));
    expect(topIds(hits)).toEqual(expect.arrayContaining(['be.work.asylum_seeker', 'uk.work.asylum_seeker']));
    const scores = hits.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const score of scores) {
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
  });

  it('the limit is respected', () => {
    expect(search.search('refugee', { lang: 'en', limit: 1 })).toHaveLength(1);
    expect(search.search('refugee', { lang: 'en', limit: 0 })).toEqual([]);
    expect(search.search('refugee', { lang: 'en' })).toHaveLength(5);
  });

  it('a question in another language falls back to the English texts', () => {
    const hits = search.search('Can asylum seekers work in Italy?', { lang: 'fr', country: 'IT', limit: 3 });
    expect(topIds(hits)[0]).toBe('it.work.asylum_seeker');
  });
});

describe('findTerms spots taxonomy terms in free text', () => {
  it.each([
    ['itlay', 'countries', 'IT'],
    ['netherlnds', 'countries', 'NL'],
    ['belgum', 'countries', 'BE'],
    ['Hungray', 'countries', 'HU'],
    ['I want to go to Spian', 'countries', 'ES'],
    ['I live in the UK', 'countries', 'UK'],
    ['slovenia', 'countries', 'SI'],
    ['slovakia', 'countries', 'SK'],
    ['I live in Ghent', 'cities', 'ghent'],
    ['I live in Antwerpen', 'cities', 'antwerp'],
    ['I live in Dublin', 'cities', 'dublin'],
    ['Flanders', 'regions', 'BE-VLG'],
    ['Wallonia', 'regions', 'BE-WAL'],
    ['Scotland', 'regions', 'UK-SCT'],
    ['asylum seeker', 'statuses', 'asylum_seeker'],
    ['I applied for asylum', 'statuses', 'asylum_seeker'],
    ['from Ukraine', 'statuses', 'temporary_protection'],
    ['I came from Ukraine in 2022', 'statuses', 'temporary_protection'],
    ['i have refugee status', 'statuses', 'refugee'],
    ['subsidiary protection', 'statuses', 'subsidiary_protection'],
    ['I work as a nurse', 'professions', 'nurse'],
    ['I was a docter', 'professions', 'doctor'],
  ] as const)('%s (%s) → %s', (text, kind, id) => {
    const matches = search.findTerms(text, kind as TaxonomyKind, 'en');
    expect(matches[0]?.id).toBe(id);
    expect(matches[0]?.kind).toBe(kind);
    expect(matches[0]?.score).toBeGreaterThanOrEqual(NAMED_COUNTRY_SCORE);
  });

  it('an exact name scores 1 and a typo less', () => {
    expect(search.findTerms('Italy', 'countries', 'en')[0]).toEqual({
      kind: 'countries',
      id: 'IT',
      matched: 'Italy',
      score: 1,
    });
    const typo = search.findTerms('itlay', 'countries', 'en')[0];
    expect(typo?.matched).toBe('Italy');
    expect(typo?.score).toBeLessThan(1);
  });

  it('the word "it" in a sentence is not Italy', () => {
    expect(search.findTerms('it is hard to find work', 'countries', 'en')).toEqual([]);
  });
});

describe('hostile input never throws and never reaches FTS5 as syntax', () => {
  const HOSTILE = [
    '"',
    '""',
    "'",
    '"unterminated idw',
    'NEAR(',
    'NEAR(idw nuffic, 2)',
    '"IDW" NEAR(Nuffic',
    '*',
    'idw*',
    '^idw',
    '-idw',
    '+',
    '{idw}',
    '(',
    ')',
    'title:idw',
    'idw AND OR NOT',
    'AND',
    'OR',
    'NOT',
    "'; DROP TABLE entries; --",
    'SELECT * FROM entries WHERE 1=1',
    "entry_words MATCH 'x'",
    '\\',
    '\u0000',
    '%',
    '_',
    '\u202e',
    '😀',
    'ا',
    '',
    '   ',
    'ＩＤＷ',
    '__proto__',
    'constructor',
    'x'.repeat(10_000),
    'word '.repeat(500),
  ];

  it.each(HOSTILE.map((text) => [JSON.stringify(text.slice(0, 40)), text] as const))(
    'search(%s) returns a list',
    (_label, text) => {
      for (const country of [undefined, 'BE', 'UK', 'EU'] as const) {
        const hits = search.search(text, { lang: 'en', country, limit: 5 });
        expect(Array.isArray(hits)).toBe(true);
        expect(hits.length).toBeLessThanOrEqual(5);
        for (const hit of hits) {
          expect(hit.score).toBeGreaterThanOrEqual(0);
          expect(hit.score).toBeLessThanOrEqual(1);
        }
      }
      expect(Array.isArray(search.search(text, { lang: 'ar', kinds: ['faq', 'procedure'], limit: 50 }))).toBe(true);
    },
  );

  it.each(HOSTILE.map((text) => [JSON.stringify(text.slice(0, 40)), text] as const))(
    'findTerms(%s) returns a list for every taxonomy',
    (_label, text) => {
      for (const kind of TAXONOMY_KINDS) {
        expect(Array.isArray(search.findTerms(text, kind, 'en'))).toBe(true);
      }
    },
  );

  it('FTS5 operators are searched as words: the IDW entries still come back', () => {
    for (const text of [
      'idw*',
      '^idw',
      '-idw',
      '{idw}',
      '"unterminated idw',
      'NEAR(idw nuffic, 2)',
      'idw AND OR NOT',
    ]) {
      expect(
        topIds(search.search(text, { lang: 'en', country: 'NL', limit: 3 })).some((id) => id.startsWith('nl.')),
      ).toBe(true);
    }
  });

  it('punctuation-only and empty input find nothing', () => {
    for (const text of ['"', '""', "'", '*', '(', ')', '+', '\\', '%', '', '   ', '😀']) {
      expect(search.search(text, { lang: 'en' })).toEqual([]);
    }
  });

  it('the database is intact afterwards', () => {
    search.search("'; DROP TABLE entries; --", { lang: 'en' });
    expect(repo.get('nl.org.idw')?.id).toBe('nl.org.idw');
    expect(topIds(search.search('IDW', { lang: 'en', country: 'NL', limit: 1 }))).toEqual(['nl.org.idw']);
  });
});
