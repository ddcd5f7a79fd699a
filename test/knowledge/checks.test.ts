import {
  mainFactUnknown,
  checkContent,
  coverageMatrix,
  formatCoverageTable,
  formatLanguageCounts,
  summaryLanguageCounts,
  urlProblem,
} from '../../knowledge/checks';
import { loadContent, type LoadedContent, type LoadedEntry } from '../../knowledge/loader';
import type { Entry } from '../../knowledge/schema';
import { FIXTURE_CONTENT } from './fixture';

const fixture = loadContent(FIXTURE_CONTENT);

function find(id: string): LoadedEntry {
  const item = fixture.entries.find(({ entry }) => entry.id === id);
  if (!item) {
    throw new Error(`no fixture entry ${id}`);
  }
  return item;
}

/** The fixture content with some entries replaced in place (by id). */
function withEntries(...items: LoadedEntry[]): LoadedContent {
  const replacements = new Map(items.map((item) => [item.entry.id, item]));
  return { ...fixture, entries: fixture.entries.map((item) => replacements.get(item.entry.id) ?? item) };
}

function changed(id: string, change: Record<string, unknown>): LoadedEntry {
  const item = find(id);
  return { file: item.file, entry: { ...item.entry, ...change } as Entry };
}

const integrity = { coverage: false } as const;

describe('checkContent', () => {
  it('finds no integrity errors or warnings in the fixture', () => {
    expect(fixture.errors).toEqual([]);
    expect(checkContent(fixture, { ...integrity, today: '2026-11-22' })).toMatchObject({ errors: [], warnings: [] });
  });

  it('includes schema errors from loading', () => {
    const content = { ...fixture, errors: ['BE/x.yaml: entry "be.x": field "kind": Invalid input'] };
    expect(checkContent(content, integrity).errors).toEqual(['BE/x.yaml: entry "be.x": field "kind": Invalid input']);
  });

  it('reports a duplicate id naming both files', () => {
    const copy: LoadedEntry = { file: 'BE/other.yaml', entry: find('be.work.refugee').entry };
    const content = { ...fixture, entries: [...fixture.entries, copy] };
    expect(checkContent(content, integrity).errors).toEqual([
      'duplicate id "be.work.refugee" in BE/work.yaml and BE/other.yaml',
    ]);
  });

  it('reports dangling related and body ids, and a body that is not an organisation', () => {
    const content = withEntries(
      changed('be.work.refugee', { related: ['be.org.forem', 'be.org.missing'] }),
      changed('be.recognition.academic.vlg', { body: 'be.org.gone' }),
      changed('be.recognition.academic.fwb', { body: 'be.work.refugee' }),
    );
    expect(checkContent(content, integrity).errors).toEqual([
      'BE/recognition.yaml: entry "be.recognition.academic.vlg": field "body": unknown entry id "be.org.gone"',
      'BE/recognition.yaml: entry "be.recognition.academic.fwb": field "body": "be.work.refugee" is a workRight entry, not an organisation',
      'BE/work.yaml: entry "be.work.refugee": field "related.1": unknown entry id "be.org.missing"',
    ]);
  });

  it('reports unknown taxonomy ids: regions, cities, professions, and a region of another country', () => {
    const content = withEntries(
      changed('be.org.caritas', { regions: ['BE-XXX'], cities: ['gent'] }),
      changed('be.profession.nurse', { profession: 'nurze' }),
      changed('nl.story.omar', { professions: ['engineer', 'pilot'] }),
      changed('it.recognition.academic', { regions: ['BE-VLG'] }),
    );
    expect(checkContent(content, integrity).errors).toEqual([
      'BE/directory.yaml: entry "be.org.caritas": field "regions.0": unknown region id "BE-XXX" (see taxonomy/regions)',
      'BE/directory.yaml: entry "be.org.caritas": field "cities.0": unknown city id "gent" (see taxonomy/cities)',
      'BE/recognition.yaml: entry "be.profession.nurse": field "profession": unknown profession id "nurze" (see taxonomy/professions)',
      'IT/recognition.yaml: entry "it.recognition.academic": field "regions.0": region "BE-VLG" belongs to BE, not IT',
      'NL/stories.yaml: entry "nl.story.omar": field "professions.1": unknown profession id "pilot" (see taxonomy/professions)',
    ]);
  });

  it('reports URLs with spaces or other schemes, wherever they are', () => {
    const vlg = find('be.recognition.academic.vlg').entry;
    const content = withEntries(
      changed('be.recognition.academic.vlg', {
        url: 'https://example.org/a b',
        sources: [...vlg.sources, { url: 'ftp://example.org/file', title: 'FTP' }],
      }),
    );
    expect(checkContent(content, integrity).errors).toEqual([
      'BE/recognition.yaml: entry "be.recognition.academic.vlg": field "sources.1.url": URL must start with http:// or https:// and name a host: ftp://example.org/file',
      'BE/recognition.yaml: entry "be.recognition.academic.vlg": field "url": URL contains a space: https://example.org/a b',
    ]);
  });

  it('reports an entry without sources', () => {
    const content = withEntries(changed('be.org.caritas', { sources: [] }));
    expect(checkContent(content, integrity).errors).toEqual([
      'BE/directory.yaml: entry "be.org.caritas": field "sources": every entry needs at least one source',
    ]);
  });

  it('reports a reviewBy date that is not after verifiedOn, and impossible dates', () => {
    const content = withEntries(
      changed('be.org.caritas', { verifiedOn: '2026-05-01', reviewBy: '2026-05-01' }),
      changed('be.org.forem', { reviewBy: '2027-02-30' }),
    );
    expect(checkContent(content, integrity).errors).toEqual([
      'BE/directory.yaml: entry "be.org.forem": field "reviewBy": "2027-02-30" is not a real date',
      'BE/directory.yaml: entry "be.org.caritas": field "reviewBy": 2026-05-01 must be after verifiedOn 2026-05-01',
    ]);
  });

  it('warns about entries past their review date, given today', () => {
    expect(checkContent(fixture, { ...integrity, today: '2027-01-10' }).warnings).toEqual([]);
    const { errors, warnings } = checkContent(fixture, { ...integrity, today: '2027-01-11' });
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      'BE/work.yaml: entry "be.work.asylum_seeker": past its review date 2027-01-10: check the sources again',
      'BE/work.yaml: entry "be.work.refugee": past its review date 2027-01-10: check the sources again',
    ]);
  });

  it('does not check staleness without today, and warns about future verifiedOn dates', () => {
    expect(checkContent(fixture, integrity).warnings).toEqual([]);
    expect(checkContent(fixture, { ...integrity, today: '2026-06-30' }).warnings).toEqual([
      'EU/tpd.yaml: entry "eu.tpd": field "verifiedOn": 2026-07-01 is in the future',
    ]);
  });

  it('warns about an id that does not start with the country', () => {
    const content = withEntries(changed('be.org.caritas', { country: 'NL' }));
    expect(checkContent(content, integrity).warnings).toEqual([
      'BE/directory.yaml: entry "be.org.caritas": field "id": should start with "nl." (the entry\'s country)',
    ]);
  });

  it('reports taxonomy duplicates and unknown parent regions', () => {
    const cities = [
      ...fixture.taxonomies.cities,
      { id: 'antwerp', names: { en: ['Antwerp'] } },
      { id: 'ghent', region: 'BE-OVL', names: { en: ['Ghent'] } },
    ];
    const content = { ...fixture, taxonomies: { ...fixture.taxonomies, cities } };
    expect(checkContent(content, integrity).errors).toEqual([
      'taxonomy cities: duplicate id "antwerp"',
      'taxonomy cities: term "ghent": field "region": unknown region id "BE-OVL"',
    ]);
  });
});

describe('coverage', () => {
  const matrix = coverageMatrix(fixture);

  it('marks cells ok, partial (details unknown) or missing', () => {
    expect(matrix.cells.BE['work.asylum_seeker']).toEqual({ status: 'ok', count: 1, ids: ['be.work.asylum_seeker'] });
    expect(matrix.cells.BE['recognition.academic']).toEqual({
      status: 'ok',
      count: 2,
      ids: ['be.recognition.academic.fwb', 'be.recognition.academic.vlg'],
    });
    // The fixture's Italian asylum-seeker entry answers "can work" but not self-employment.
    expect(matrix.cells.IT['work.asylum_seeker']?.status).toBe('partial');
    expect(matrix.cells.BE['work.subsidiary_protection']).toEqual({ status: 'missing', count: 0, ids: [] });
    expect(matrix.cells.BE['profession.nurse']?.status).toBe('ok');
    expect(matrix.cells.BE['employer.fines']?.status).toBe('ok');
  });

  it('tells a partial answer from an unknown main fact', () => {
    const profession = fixture.entries.map(({ entry }) => entry).find((entry) => entry.kind === 'profession');
    expect(profession).toBeDefined();
    if (profession?.kind === 'profession') {
      expect(mainFactUnknown({ ...profession, regulated: 'unknown' })).toBe(true);
      expect(mainFactUnknown({ ...profession, regulated: 'yes' })).toBe(false);
    }
  });

  it('counts directory entries (8 required) and stories', () => {
    expect(matrix.cells.BE.directory).toMatchObject({ status: 'missing', count: 4 });
    expect(matrix.cells.NL.stories).toMatchObject({ status: 'ok', count: 2 });
    expect(matrix.cells.BE.stories).toMatchObject({ status: 'missing', count: 0 });
  });

  it('makes missing required cells errors, but not unknown cells or missing stories', () => {
    const { errors } = checkContent(fixture);
    expect(errors).toContain('coverage: BE needs a workRight entry with status subsidiary_protection');
    expect(errors).toContain('coverage: BE needs at least 8 organisation entries (found 4)');
    expect(errors).toContain('coverage: SK needs a profession entry for doctor');
    expect(errors).not.toContain('coverage: IT needs a workRight entry with status asylum_seeker');
    expect(errors.filter((error) => error.includes('story'))).toEqual([]);
    // 9 countries x 19 required columns, minus the cells the fixture fills (BE 6, IT 2, UK 1).
    const requiredCells = 9 * 19;
    expect(errors).toHaveLength(requiredCells - 9);
    expect(errors.every((error) => error.startsWith('coverage: '))).toBe(true);
  });

  it('prints a table with one row per country and a legend', () => {
    const table = formatCoverageTable(matrix).split('\n');
    expect(table[0]).toMatch(/^\s+wk\.ref\s+wk\.sub\s+wk\.asy\s+wk\.tp\s+rec\.acad/);
    expect(table[1]).toMatch(/^BE\s+ok\s+MISSING\s+ok\s+MISSING\s+ok\s/);
    expect(table[1]).toMatch(/MISSING\(4\)\s+0$/);
    expect(table[4]).toMatch(/^IT\s+MISSING\s+MISSING\s+partial\s/);
    expect(table[5]).toMatch(/MISSING\(0\)\s+2$/);
    expect(table).toContain('Columns:');
    expect(table).toContain('  dir        at least 8 organisation entries');
  });

  it('counts entries with a summary per language', () => {
    const counts = summaryLanguageCounts(fixture);
    expect(counts).toMatchObject({ en: 17, fr: 2, ar: 1, uk: 1, de: 0 });
    expect(formatLanguageCounts(counts)).toMatch(/^en 17 {2}fr 2 {2}nl 0 /);
  });
});

describe('urlProblem', () => {
  it.each([
    ['https://example.org/path?q=1#x', undefined],
    ['http://example.org', undefined],
    ['https://example.org/a b', 'contains a space'],
    ['ftp://example.org', 'must start with http:// or https:// and name a host'],
    ['https://', 'must start with http:// or https:// and name a host'],
    ['https://localhost/x', 'has no domain name'],
    ['https://exa mple.org', 'contains a space'],
    ['https://[::1', 'is not a well-formed URL'],
  ])('%s → %s', (url, problem) => {
    expect(urlProblem(url)).toBe(problem);
  });
});
