import { KNOWLEDGE_SCHEMA_VERSION } from '../../knowledge/sqliteSchema';
import Database from 'better-sqlite3';
import { copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { contentHash } from '../../knowledge/compiler';
import { openKnowledgeRepository, type SqliteKnowledgeRepository } from '../../knowledge/knowledgeRepository';
import { loadContent } from '../../knowledge/loader';
import { compileFixture, FIXTURE_CONTENT, makeTempDir, removeDir } from './fixture';

const ids = (entries: Array<{ id: string }>): string[] => entries.map((entry) => entry.id);

describe('SqliteKnowledgeRepository', () => {
  let dir: string;
  let dbPath: string;
  let repository: SqliteKnowledgeRepository;

  beforeAll(() => {
    dir = makeTempDir();
    dbPath = compileFixture(dir);
    repository = openKnowledgeRepository(dbPath);
  });
  afterAll(() => {
    repository.close();
    removeDir(dir);
  });

  it('reports the meta data of the build', () => {
    expect(repository.meta()).toEqual({
      knowledgeDate: '2026-07-01',
      entryCount: 17,
      contentHash: contentHash(loadContent(FIXTURE_CONTENT)),
    });
  });

  it('returns an entry exactly as validated, or undefined', () => {
    const loaded = loadContent(FIXTURE_CONTENT).entries.find(({ entry }) => entry.id === 'be.work.asylum_seeker');
    expect(repository.get('be.work.asylum_seeker')).toEqual(loaded?.entry);
    expect(repository.get('be.work.nothing')).toBeUndefined();
    expect(repository.get("'; DROP TABLE entries; --")).toBeUndefined();
  });

  it('lists entries of a kind sorted by id, filtered by country', () => {
    expect(ids(repository.list('workRight'))).toEqual([
      'be.work.asylum_seeker',
      'be.work.refugee',
      'it.work.asylum_seeker',
      'uk.work.asylum_seeker',
    ]);
    expect(ids(repository.list('workRight', { country: 'BE' }))).toEqual(['be.work.asylum_seeker', 'be.work.refugee']);
    expect(ids(repository.list('info', { country: 'EU' }))).toEqual(['eu.tpd']);
    expect(repository.list('guidance')).toEqual([]);
  });

  it('filters by status where an entry has one', () => {
    expect(ids(repository.list('workRight', { status: 'asylum_seeker' }))).toEqual([
      'be.work.asylum_seeker',
      'it.work.asylum_seeker',
      'uk.work.asylum_seeker',
    ]);
    expect(ids(repository.list('story', { status: 'refugee' }))).toEqual(['nl.story.amina', 'nl.story.omar']);
    expect(ids(repository.list('story', { status: 'asylum_seeker' }))).toEqual(['nl.story.omar']);
  });

  it('applies region semantics: entries without regions match every region', () => {
    expect(ids(repository.list('organisation', { country: 'BE' }))).toEqual([
      'be.org.caritas',
      'be.org.duo_for_a_job',
      'be.org.forem',
      'be.org.naric_vlaanderen',
    ]);
    expect(ids(repository.list('organisation', { country: 'BE', region: 'BE-VLG' }))).toEqual([
      'be.org.caritas',
      'be.org.duo_for_a_job',
      'be.org.naric_vlaanderen',
    ]);
    expect(ids(repository.list('organisation', { country: 'BE', region: 'BE-WAL' }))).toEqual([
      'be.org.caritas',
      'be.org.duo_for_a_job',
      'be.org.forem',
    ]);
    expect(ids(repository.list('organisation', { country: 'BE', region: 'XX-NONE' }))).toEqual([
      'be.org.caritas',
      'be.org.duo_for_a_job',
    ]);
  });

  it('finds procedures by type and region', () => {
    expect(ids(repository.procedures('BE', 'academic'))).toEqual([
      'be.recognition.academic.fwb',
      'be.recognition.academic.vlg',
    ]);
    expect(ids(repository.procedures('BE', 'academic', 'BE-VLG'))).toEqual(['be.recognition.academic.vlg']);
    expect(ids(repository.procedures('BE', 'academic', 'BE-WAL'))).toEqual(['be.recognition.academic.fwb']);
    expect(ids(repository.procedures('BE', 'academic', 'BE-BRU'))).toEqual([
      'be.recognition.academic.fwb',
      'be.recognition.academic.vlg',
    ]);
    expect(repository.procedures('BE', 'validation')).toEqual([]);
    expect(ids(repository.procedures('IT', 'academic'))).toEqual(['it.recognition.academic']);
  });

  it('finds the work right of a country and status', () => {
    expect(repository.workRight('IT', 'asylum_seeker')).toMatchObject({
      id: 'it.work.asylum_seeker',
      waiting: { amount: 60, unit: 'days' },
    });
    expect(repository.workRight('BE', 'refugee')?.canWork).toBe('yes');
    expect(repository.workRight('BE', 'temporary_protection')).toBeUndefined();
  });

  it('finds a profession entry', () => {
    expect(repository.profession('BE', 'nurse')).toMatchObject({ id: 'be.profession.nurse', regulated: 'yes' });
    expect(repository.profession('BE', 'doctor')).toBeUndefined();
    expect(repository.profession('NL', 'nurse')).toBeUndefined();
  });

  it('filters organisations by region, city, audience and topic', () => {
    expect(ids(repository.organisations('BE', { city: 'brussels' }))).toEqual([
      'be.org.caritas',
      'be.org.duo_for_a_job',
    ]);
    expect(ids(repository.organisations('BE', { city: 'liege' }))).toEqual(['be.org.caritas', 'be.org.forem']);
    expect(ids(repository.organisations('BE', { city: 'antwerp' }))).toEqual([
      'be.org.caritas',
      'be.org.naric_vlaanderen',
    ]);
    expect(ids(repository.organisations('BE', { audience: 'employer' }))).toEqual(['be.org.forem']);
    expect(ids(repository.organisations('BE', { helpsWith: 'work' }))).toEqual([
      'be.org.duo_for_a_job',
      'be.org.forem',
    ]);
    expect(ids(repository.organisations('BE', { region: 'BE-VLG', helpsWith: 'recognition' }))).toEqual([
      'be.org.naric_vlaanderen',
    ]);
    expect(repository.organisations('NL')).toEqual([]);
  });

  it('returns employer rules; a status keeps rules that name it or name none', () => {
    expect(ids(repository.employerRules('BE'))).toEqual(['be.employer.checks', 'be.employer.fines']);
    expect(ids(repository.employerRules('BE', 'asylum_seeker'))).toEqual(['be.employer.checks', 'be.employer.fines']);
    expect(ids(repository.employerRules('BE', 'refugee'))).toEqual(['be.employer.checks']);
  });

  it('returns stories by country and profession', () => {
    expect(ids(repository.stories())).toEqual(['nl.story.amina', 'nl.story.omar']);
    expect(ids(repository.stories({ profession: 'nurse' }))).toEqual(['nl.story.amina']);
    expect(ids(repository.stories({ country: 'NL', profession: 'engineer' }))).toEqual(['nl.story.omar']);
    expect(repository.stories({ country: 'BE' })).toEqual([]);
  });

  it('returns taxonomy terms as validated', () => {
    expect(repository.taxonomy('regions').map((term) => term.id)).toEqual(['BE-BRU', 'BE-VLG', 'BE-WAL']);
    expect(repository.term('cities', 'brussels')).toEqual({
      id: 'brussels',
      country: 'BE',
      region: 'BE-BRU',
      names: { en: ['Brussels'], fr: ['Bruxelles'], nl: ['Brussel'] },
    });
    expect(repository.term('countries', 'SY')).toEqual({
      id: 'SY',
      covered: false,
      names: { en: ['Syria'], ar: ['سوريا'] },
    });
    expect(repository.term('countries', 'XX')).toBeUndefined();
    expect(repository.taxonomy('goals')).toEqual([]);
  });
});

describe('openKnowledgeRepository', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => removeDir(dir));

  it('throws when the file does not exist, and does not create it', () => {
    const missing = path.join(dir, 'missing.sqlite');
    expect(() => openKnowledgeRepository(missing)).toThrow();
    expect(existsSync(missing)).toBe(false);
  });

  it('refuses a database of another schema version', () => {
    const dbPath = compileFixture(dir);
    const old = path.join(dir, 'old.sqlite');
    copyFileSync(dbPath, old);
    const writable = new Database(old);
    writable.prepare("UPDATE meta SET value = '0' WHERE key = 'schemaVersion'").run();
    writable.close();
    expect(() => openKnowledgeRepository(old)).toThrow(
      new RegExp(`schema 0, expected ${KNOWLEDGE_SCHEMA_VERSION}; run npm run kb:build`),
    );
  });
});
