/**
 * Pins the key facts of the real knowledge content against the country research in
 * /work/shared/research/countries/*.md (the source of truth the content came from), read through the
 * repository. A failure here means the content says something the research does not: fix the content
 * (or the research, with a source), never the expected value alone.
 */
import { openKnowledgeRepository, type SqliteKnowledgeRepository } from '../../knowledge/knowledgeRepository';
import {
  COUNTRY_CODES,
  SCOPE_CODES,
  type CountryCode,
  type Entry,
  type EntryKind,
  type ScopeCode,
  type StatusId,
  type WorkRightEntry,
} from '../../knowledge/schema';
import { compileRealContent, makeTempDir, removeDir, requireWorkRight } from './fixture';

const ENTRY_KINDS: readonly EntryKind[] = [
  'workRight',
  'procedure',
  'profession',
  'organisation',
  'employerRule',
  'guidance',
  'story',
  'info',
  'faq',
];
/** The EU temporary protection of people from Ukraine currently runs until this day. */
const TEMPORARY_PROTECTION_END = '2027-03-04';
type Tristate = WorkRightEntry['canWork'];

let dir: string;
let repo: SqliteKnowledgeRepository;

beforeAll(() => {
  dir = makeTempDir();
  const dbPath = compileRealContent(dir);
  repo = openKnowledgeRepository(dbPath);
});

afterAll(() => {
  repo?.close();
  removeDir(dir);
});

function workRight(country: CountryCode, status: StatusId): WorkRightEntry {
  return requireWorkRight(repo, country, status);
}

function entry(id: string): Entry {
  const found = repo.get(id);
  if (!found) {
    throw new Error(`no entry ${id}`);
  }
  return found;
}

/** The English summary and facts of an entry, as one text to search for numbers and names. */
function englishText(value: Entry): string {
  return [value.title.en, value.summary.en, ...(value.facts ?? []).map((fact) => fact.en)].join('\n');
}

function allEntries(scope?: ScopeCode): Entry[] {
  return ENTRY_KINDS.flatMap((kind) => repo.list(kind, scope === undefined ? {} : { country: scope }));
}

/** Adds calendar months to a YYYY-MM-DD date (for the review-interval check). */
function plusMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const shifted = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1 + months, day ?? 1));
  return shifted.toISOString().slice(0, 10);
}

describe('work-right entries exist for every country and status', () => {
  it.each(COUNTRY_CODES)('%s has one work-right entry per status, with the conventional id', (country) => {
    for (const status of ['refugee', 'subsidiary_protection', 'asylum_seeker', 'temporary_protection'] as const) {
      const right = workRight(country, status);
      expect(right.id).toBe(`${country.toLowerCase()}.work.${status}`);
      expect(right.country).toBe(country);
      expect(right.status).toBe(status);
    }
  });
});

describe('asylum seekers: waiting period before work (research section 1, "Asylum seeker")', () => {
  // [country, amount, unit, counted from, apply-after, permit needed, self-employment]
  const table: [
    CountryCode,
    number,
    'days' | 'months',
    'application_lodged' | 'other',
    { amount: number; unit: 'days' | 'months' } | undefined,
    Tristate,
    Tristate,
  ][] = [
    // BE: 4 months from lodging (annex 26); orange card "labour market: unlimited", no permit; self-employment
    // impossible in Flanders, possible with a professional card in Brussels.
    ['BE', 4, 'months', 'application_lodged', undefined, 'no', 'conditional'],
    // HU: 9 months after the asylum procedure started; the employer needs a work permit; self-employment not found.
    ['HU', 9, 'months', 'other', undefined, 'yes', 'unknown'],
    // IE: apply for the LMAP at 5 months, it takes effect at 6 months; self-employment allowed under it.
    ['IE', 6, 'months', 'application_lodged', { amount: 5, unit: 'months' }, 'yes', 'yes'],
    // IT: 60 days after lodging (LD 142/2015 art. 22); no separate permit; self-employment not found.
    ['IT', 60, 'days', 'application_lodged', undefined, 'no', 'unknown'],
    // NL: application lodged at least 6 months earlier; the employer needs a TWV; self-employment not found.
    ['NL', 6, 'months', 'application_lodged', undefined, 'yes', 'unknown'],
    // SK: 6 months from the start of the procedure (since 1 June 2022; was 9); no permit; no self-employment.
    ['SK', 6, 'months', 'other', undefined, 'no', 'no'],
    // SI: 3 months after lodging (Art. 87(1) IPA as amended 2023; was 9); no permit; self-employment once access starts.
    ['SI', 3, 'months', 'application_lodged', undefined, 'no', 'conditional'],
    // ES: 6 months after lodging (DA 21 RD 557/2011); automatic, no permit; self-employment not found.
    ['ES', 6, 'months', 'application_lodged', undefined, 'no', 'unknown'],
    // UK: apply for permission to work after 12 months waiting from the claim; no self-employment.
    ['UK', 12, 'months', 'application_lodged', undefined, 'yes', 'no'],
  ];

  it.each(table)(
    '%s: work after %d %s (counted from %s)',
    (country, amount, unit, countedFrom, applyAfter, permitNeeded, selfEmployment) => {
      const right = workRight(country, 'asylum_seeker');
      expect(right.canWork).toBe('conditional');
      expect(right.waiting?.amount).toBe(amount);
      expect(right.waiting?.unit).toBe(unit);
      expect(right.waiting?.countedFrom).toBe(countedFrom);
      expect(right.waiting?.applyAfter).toEqual(applyAfter);
      expect(right.permitNeeded).toBe(permitNeeded);
      expect(right.selfEmployment.allowed).toBe(selfEmployment);
    },
  );

  it.each(table.filter(([country]) => country !== 'IE'))(
    '%s: the summary states the same waiting period',
    (country, amount, unit) => {
      expect(workRight(country, 'asylum_seeker').summary.en).toContain(`${amount} ${unit}`);
    },
  );

  it('Ireland: the summary says when to apply (5 months) and when work starts (month 6)', () => {
    const summary = workRight('IE', 'asylum_seeker').summary.en;
    expect(summary).toMatch(/5 months/);
    expect(summary).toMatch(/month 6/);
    expect(summary).toMatch(/Labour Market Access Permission/);
  });
});

describe('refugees and subsidiary protection: work at once, no permit (research section 1)', () => {
  // Self-employment: HU and ES sources are silent (unknown); BE subsidiary protection still needs a professional card.
  const table: [CountryCode, Tristate, Tristate][] = [
    ['BE', 'yes', 'conditional'],
    ['HU', 'unknown', 'unknown'],
    ['IE', 'yes', 'yes'],
    ['IT', 'yes', 'yes'],
    ['NL', 'yes', 'yes'],
    ['SK', 'yes', 'yes'],
    ['SI', 'yes', 'yes'],
    ['ES', 'unknown', 'unknown'],
    ['UK', 'yes', 'yes'],
  ];

  it.each(table)(
    '%s: refugees and subsidiary protection can work with no permit and no waiting (self-employment %s / %s)',
    (country, refugeeSelf, subsidiarySelf) => {
      const refugee = workRight(country, 'refugee');
      const subsidiary = workRight(country, 'subsidiary_protection');
      for (const right of [refugee, subsidiary]) {
        expect(right.canWork).toBe('yes');
        expect(right.permitNeeded).toBe('no');
        expect(right.waiting).toBeUndefined();
      }
      expect(refugee.selfEmployment.allowed).toBe(refugeeSelf);
      expect(subsidiary.selfEmployment.allowed).toBe(subsidiarySelf);
    },
  );
});

describe('temporary protection: work at once, no permit (research section 1, "Temporary protection")', () => {
  // Self-employment: BE allowed since 20 Aug 2022, ES "cuenta propia"; NL and SK not allowed; elsewhere not found.
  const table: [CountryCode, Tristate][] = [
    ['BE', 'yes'],
    ['HU', 'unknown'],
    ['IE', 'unknown'],
    ['IT', 'unknown'],
    ['NL', 'no'],
    ['SK', 'no'],
    ['SI', 'unknown'],
    ['ES', 'yes'],
    ['UK', 'unknown'],
  ];

  it.each(table)('%s: can work without a work permit (self-employment: %s)', (country, selfEmployment) => {
    const right = workRight(country, 'temporary_protection');
    expect(right.canWork).toBe('yes');
    expect(right.permitNeeded).toBe('no');
    expect(right.waiting).toBeUndefined();
    expect(right.selfEmployment.allowed).toBe(selfEmployment);
  });

  it('the Netherlands: the employer notifies UWV and the person may start 2 days later', () => {
    const summary = workRight('NL', 'temporary_protection').summary.en;
    expect(summary).toMatch(/notify UWV/);
    expect(summary).toMatch(/2 days/);
  });
});

describe('ENIC-NARIC: who compares a foreign degree (research section 3, "Academic")', () => {
  // [academic procedure, organisation it links to, names that must appear in bodyName or summary, website host]
  const table: [string, string, RegExp[], string][] = [
    ['be.recognition.academic.vlg', 'be.org.naric_vlaanderen', [/NARIC-Vlaanderen/], 'www.naricvlaanderen.be'],
    ['be.recognition.academic.fwb', 'be.org.fwb_equivalences', [/Fédération Wallonie-Bruxelles/], 'equisup.cfwb.be'],
    [
      'hu.recognition.academic',
      'hu.org.oh_heic',
      [/Oktatási Hivatal/, /Educational Authority/, /HEIC/],
      'www.oktatas.hu',
    ],
    ['ie.recognition.academic', 'ie.org.qqi_naric', [/NARIC Ireland/, /QQI/], 'www.qqi.ie'],
    ['it.recognition.academic', 'it.org.cimea', [/CIMEA/], 'www.cimea.it'],
    ['nl.recognition.academic', 'nl.org.idw', [/IDW/, /Nuffic/], 'www.idw.nl'],
    ['sk.recognition.academic', 'sk.org.crd', [/Centre for Recognition of Diplomas/], 'uznavanie.minedu.sk'],
    ['si.recognition.academic', 'si.org.enic_naric', [/ENIC-NARIC Centre/], 'www.gov.si'],
    [
      'es.recognition.academic',
      'es.org.universities_ministry',
      [/universities/i, /homologación/],
      'universidades.sede.gob.es',
    ],
    ['uk.recognition.academic', 'uk.org.uk_enic', [/UK ENIC/, /Ecctis/], 'www.enic.org.uk'],
  ];

  it.each(table)('%s is run by %s', (procedureId, bodyId, names, host) => {
    const procedure = entry(procedureId);
    expect(procedure.kind).toBe('procedure');
    if (procedure.kind !== 'procedure') {
      return;
    }
    expect(procedure.procedureType).toBe('academic');
    expect(procedure.body).toBe(bodyId);
    const said = `${procedure.bodyName ?? ''}\n${procedure.summary.en}`;
    for (const name of names) {
      expect(said).toMatch(name);
    }
    const body = entry(bodyId);
    expect(body.kind).toBe('organisation');
    if (body.kind === 'organisation') {
      expect(body.orgType).toBe('recognition_body');
      expect(body.country).toBe(procedure.country);
      expect(new URL(body.url ?? 'https://missing.invalid').host).toBe(host);
    }
  });

  it.each(COUNTRY_CODES)('%s has an academic recognition procedure that names its body', (country) => {
    const procedures = repo.procedures(country, 'academic');
    expect(procedures.length).toBeGreaterThan(0);
    expect(procedures.every((procedure) => procedure.country === country)).toBe(true);
  });

  it('Belgium: the country-wide answer names every Community body', () => {
    const summary = entry('be.recognition.academic').summary.en;
    expect(summary).toMatch(/NARIC-Vlaanderen/);
    expect(summary).toMatch(/Fédération Wallonie-Bruxelles/);
    expect(summary).toMatch(/German-speaking Community/);
  });

  it('Belgium: NARIC-Vlaanderen serves Flanders and Dutch-language Brussels, FWB serves Wallonia and Brussels', () => {
    expect(entry('be.recognition.academic.vlg').regions).toEqual(['BE-VLG', 'BE-BRU']);
    expect(entry('be.recognition.academic.fwb').regions).toEqual(['BE-WAL', 'BE-BRU']);
  });

  it.each([
    ['ie.recognition.academic', /free/],
    ['it.recognition.academic', /free for refugees and subsidiary protection/],
    ['be.recognition.academic.fwb', /free for refugees, subsidiary-protection and temporary-protection/],
    ['nl.recognition.academic', /EUR 148\.83/],
  ])('%s states the cost from the research (%s)', (id, cost) => {
    expect(englishText(entry(id))).toMatch(cost);
  });
});

describe('regulated health professions: who registers nurses and doctors (research section 3)', () => {
  // [country, profession, authority name pattern, organisation id of the authority]
  const table: [CountryCode, string, RegExp, string][] = [
    ['BE', 'nurse', /FPS Public Health/, 'be.org.fps_public_health'],
    ['BE', 'doctor', /FPS Public Health/, 'be.org.fps_public_health'],
    ['HU', 'nurse', /OKFŐ/, 'hu.org.okfo'],
    ['HU', 'doctor', /OKFŐ/, 'hu.org.okfo'],
    ['IE', 'nurse', /Nursing and Midwifery Board of Ireland \(NMBI\)/, 'ie.org.nmbi'],
    ['IE', 'doctor', /Medical Council/, 'ie.org.medical_council'],
    ['IT', 'nurse', /Ministry of Health/, 'it.org.ministry_health'],
    ['IT', 'doctor', /Ministry of Health/, 'it.org.ministry_health'],
    ['NL', 'nurse', /BIG-register/, 'nl.org.big_register'],
    ['NL', 'doctor', /BIG-register/, 'nl.org.big_register'],
    ['SK', 'nurse', /Centre for Recognition of Diplomas/, 'sk.org.crd'],
    ['SK', 'doctor', /Centre for Recognition of Diplomas/, 'sk.org.crd'],
    ['SI', 'nurse', /Ministry of Health/, 'si.org.ministry_of_health'],
    ['SI', 'doctor', /Ministry of Health/, 'si.org.ministry_of_health'],
    ['ES', 'nurse', /homologación/, 'es.org.universities_ministry'],
    ['ES', 'doctor', /homologación/, 'es.org.universities_ministry'],
    ['UK', 'nurse', /Nursing and Midwifery Council \(NMC\)/, 'uk.org.nmc'],
    ['UK', 'doctor', /General Medical Council \(GMC\)/, 'uk.org.gmc'],
  ];

  it.each(table)('%s %s: regulated, authority %s', (country, professionId, authority, bodyId) => {
    const profession = repo.profession(country, professionId);
    expect(profession?.id).toBe(`${country.toLowerCase()}.profession.${professionId}`);
    expect(profession?.regulated).toBe('yes');
    expect(profession?.authority?.name).toMatch(authority);
    expect(profession?.body).toBe(bodyId);
    expect(entry(bodyId).country).toBe(country);
  });

  it('Hungary: a medical degree from outside the EU goes to the Educational Authority first', () => {
    const doctor = repo.profession('HU', 'doctor');
    expect(doctor?.summary.en).toMatch(/first to the Educational Authority's HEIC/);
  });

  it('the UK: doctors take the PLAB test', () => {
    expect(englishText(entry('uk.profession.doctor'))).toMatch(/PLAB/);
  });

  it('Ireland: non-EU doctors sit the PRES examinations', () => {
    expect(englishText(entry('ie.profession.doctor'))).toMatch(/PRES/);
  });
});

describe('engineers and teachers: regulated only where the research says so', () => {
  const table: [CountryCode, string, 'yes' | 'unknown', RegExp | undefined][] = [
    // IT: Ministry of Justice lists engineers; ES: technical engineers are in the list of regulated professions.
    ['IT', 'engineer', 'yes', /Ministry of Justice/],
    ['ES', 'engineer', 'yes', /homologación/],
    // BE: protected titles (industrial/civil engineer) need NARIC-Vlaanderen specific recognition.
    ['BE', 'engineer', 'yes', /NARIC-Vlaanderen/],
    // "Engineers: not found" (IE, NL, UK, HU, SK, SI): unknown is the answer.
    ['IE', 'engineer', 'unknown', undefined],
    ['NL', 'engineer', 'unknown', undefined],
    ['UK', 'engineer', 'unknown', undefined],
    ['HU', 'engineer', 'unknown', /Educational Authority/],
    ['SK', 'engineer', 'unknown', /Centre for Recognition of Diplomas/],
    ['SI', 'engineer', 'unknown', undefined],
    // Teachers: IE Teaching Council, NL DUO, SK via the CRD; BE, IT and SI sources do not name the authority.
    ['IE', 'teacher', 'yes', /Teaching Council/],
    ['NL', 'teacher', 'yes', /DUO/],
    ['SK', 'teacher', 'yes', /Centre for Recognition of Diplomas/],
    ['BE', 'teacher', 'unknown', undefined],
    ['IT', 'teacher', 'unknown', undefined],
    ['SI', 'teacher', 'unknown', undefined],
  ];

  it.each(table)('%s %s: regulated = %s', (country, professionId, regulated, authority) => {
    const profession = repo.profession(country, professionId);
    expect(profession?.regulated).toBe(regulated);
    if (authority) {
      expect(profession?.authority?.name).toMatch(authority);
    } else {
      expect(profession?.authority).toBeUndefined();
    }
  });
});

describe('employer fines where the research gives them (research section 2)', () => {
  const table: [CountryCode, string, RegExp[]][] = [
    [
      'BE',
      'EUR 3,600–36,000 criminal or EUR 1,800–18,000 administrative per worker (2013)',
      [/EUR 3,600–36,000/, /EUR 1,800–18,000/, /per worker/, /2013/],
    ],
    ['HU', 'up to HUF 500,000 for not reporting the employment', [/HUF 500,000/]],
    [
      'IE',
      'up to EUR 3,000 (summary) or EUR 250,000 and 10 years (indictment)',
      [/EUR 3,000/, /EUR 250,000/, /10 years/],
    ],
    [
      'IT',
      '5,000 euros per worker and 6 months to 3 years in prison',
      [/5,000 euros per worker/, /6 months to 3 years/],
    ],
    [
      'NL',
      'EUR 6,000 per worker for companies, EUR 3,000 / EUR 1,500 (rules of 27 January 2025)',
      [/EUR 6,000 per (illegally employed )?worker/, /EUR 3,000/, /EUR 1,500/, /27 January 2025/],
    ],
    [
      'SK',
      'EUR 2,000–200,000, at least EUR 5,000 for 2+ workers, worker up to EUR 331',
      [/EUR 2,000 (and|to) EUR 200,000/, /EUR 5,000/, /EUR 331/],
    ],
    [
      'ES',
      '10,001 to 100,000 euros per worker; 501 to 10,000 euros for not registering',
      [/10,001 to 100,000 euros per worker/, /501 to 10,000 euros/],
    ],
    [
      'UK',
      'up to £45,000 per worker, £60,000 repeat (from 13 February 2024)',
      [/£45,000/, /£60,000/, /13 February 2024/],
    ],
  ];

  it.each(table)('%s: %s', (country, _description, amounts) => {
    const fines = repo.employerRules(country).filter((rule) => rule.ruleType === 'fines');
    expect(fines.map((rule) => rule.id)).toEqual([`${country.toLowerCase()}.employer.fines`]);
    const text = englishText(fines[0] as Entry);
    for (const amount of amounts) {
      expect(text).toMatch(amount);
    }
  });

  it('Slovenia: the fine amounts were not found, and the entry says so', () => {
    const fines = entry('si.employer.fines');
    expect(fines.summary.en).toMatch(/^Not known\./);
    expect(fines.unknown?.en).toMatch(/not found/);
  });
});

describe('every entry is sourced and dated', () => {
  it('the lists by kind cover every entry in the database', () => {
    expect(allEntries().length).toBe(repo.meta().entryCount);
  });

  it.each(SCOPE_CODES)('%s: every entry has at least one source with an http(s) URL', (scope) => {
    const entries = allEntries(scope);
    expect(entries.length).toBeGreaterThan(0);
    const unsourced = entries
      .filter(
        (value) =>
          value.sources.length === 0 ||
          value.sources.some((source) => !/^https?:$/.test(new URL(source.url).protocol) || source.title.trim() === ''),
      )
      .map((value) => value.id);
    expect(unsourced).toEqual([]);
  });

  it.each(SCOPE_CODES)('%s: verifiedOn ≤ reviewBy ≤ verifiedOn + 12 months, and verifiedOn is a real date', (scope) => {
    const wrong = allEntries(scope)
      .filter(
        (value) =>
          Number.isNaN(Date.parse(`${value.verifiedOn}T00:00:00Z`)) ||
          new Date(`${value.verifiedOn}T00:00:00Z`).toISOString().slice(0, 10) !== value.verifiedOn ||
          value.verifiedOn > value.reviewBy ||
          value.reviewBy > plusMonths(value.verifiedOn, 12),
      )
      .map((value) => `${value.id} (${value.verifiedOn} → ${value.reviewBy})`);
    expect(wrong).toEqual([]);
  });

  it(`temporary-protection entries must be reviewed by ${TEMPORARY_PROTECTION_END}`, () => {
    const isTemporaryProtection = (value: Entry): boolean =>
      (value.kind === 'workRight' && value.status === 'temporary_protection') ||
      (value.kind === 'info' && value.topic === 'temporary_protection') ||
      ((value.kind === 'employerRule' || value.kind === 'story') &&
        (value.statuses ?? []).length > 0 &&
        (value.statuses ?? []).every((status) => status === 'temporary_protection')) ||
      /(^|[._])(tp|tpd|ukraine|ucrania)([._]|$)/.test(value.id);
    const entries = allEntries().filter(isTemporaryProtection);
    // Nine work rights, the EU directive, the Spanish Ukraine service, the Dutch notification rule …
    expect(entries.length).toBeGreaterThanOrEqual(COUNTRY_CODES.length + 1);
    expect(entries.map((value) => value.id)).toEqual(
      expect.arrayContaining([
        'eu.tpd',
        'nl.employer.filing',
        ...COUNTRY_CODES.map((c) => `${c.toLowerCase()}.work.temporary_protection`),
      ]),
    );
    const late = entries
      .filter((value) => value.reviewBy > TEMPORARY_PROTECTION_END)
      .map((value) => `${value.id} (${value.reviewBy})`);
    expect(late).toEqual([]);
  });
});
