/**
 * The pathway engine over the real compiled content, with injected dates: date arithmetic, work
 * assessments, realistic personal plans in all nine countries, the country comparison and the
 * employer checklist. "Today" is always 25 November 2026 unless a test says otherwise.
 */
import { openKnowledgeRepository, type SqliteKnowledgeRepository } from '../../knowledge/knowledgeRepository';
import {
  addPeriod,
  assessWork,
  buildPlan,
  compareCountries,
  employerChecklist,
  parseIsoDate,
  toIsoDate,
  type Plan,
  type PlanStepKind,
  type Profile,
  type WorkAssessment,
} from '../../knowledge/pathway';
import {
  COUNTRY_CODES,
  EMPLOYER_RULE_TYPES,
  STATUS_IDS,
  type CountryCode,
  type Entry,
  type StatusId,
  type WorkRightEntry,
} from '../../knowledge/schema';
import { compileRealContent, makeTempDir, removeDir, requireWorkRight } from './fixture';

const TODAY = new Date(Date.UTC(2026, 10, 25));

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

function ids(entries: readonly Entry[]): string[] {
  return entries.map((entry) => entry.id);
}

function stepIds(plan: Plan, kind: PlanStepKind): string[] {
  const step = plan.steps.find((candidate) => candidate.kind === kind);
  if (!step) {
    throw new Error(`the plan has no ${kind} step; it has ${plan.steps.map((s) => s.kind).join(', ')}`);
  }
  return ids(step.entries);
}

/** The assessment without the copied waiting rule, for compact comparisons. */
function dates(work: WorkAssessment | undefined): Omit<WorkAssessment, 'waiting'> | undefined {
  if (!work) {
    return undefined;
  }
  const rest: WorkAssessment = { ...work };
  delete rest.waiting;
  return rest;
}

describe('addPeriod', () => {
  it.each([
    // Month ends: a day missing in the target month becomes its last day.
    ['2026-08-31', 6, 'months', '2027-02-28'],
    ['2027-08-31', 6, 'months', '2028-02-29'],
    ['2024-02-29', 12, 'months', '2025-02-28'],
    ['2026-01-31', 1, 'months', '2026-02-28'],
    ['2028-01-31', 1, 'months', '2028-02-29'],
    ['2026-03-31', 1, 'months', '2026-04-30'],
    ['2026-05-31', 6, 'months', '2026-11-30'],
    ['2026-08-31', 3, 'months', '2026-11-30'],
    // Ordinary months and year boundaries.
    ['2026-06-15', 4, 'months', '2026-10-15'],
    ['2025-12-01', 12, 'months', '2026-12-01'],
    ['2026-10-31', 4, 'months', '2027-02-28'],
    ['2026-11-30', 3, 'months', '2027-02-28'],
    ['2026-10-15', 0, 'months', '2026-10-15'],
    // Days, across month ends, leap days and the European summer-time switch.
    ['2026-09-20', 60, 'days', '2026-11-19'],
    ['2024-01-01', 60, 'days', '2024-03-01'],
    ['2023-01-01', 60, 'days', '2023-03-02'],
    ['2026-12-31', 1, 'days', '2027-01-01'],
    ['2026-03-28', 3, 'days', '2026-03-31'],
    ['2026-10-24', 2, 'days', '2026-10-26'],
    ['2026-10-15', 0, 'days', '2026-10-15'],
  ] as const)('%s + %d %s = %s', (start, amount, unit, expected) => {
    expect(toIsoDate(addPeriod(parseIsoDate(start), amount, unit))).toBe(expected);
  });

  it('parses and formats dates in UTC', () => {
    expect(parseIsoDate('2026-02-28').toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(toIsoDate(new Date(Date.UTC(2026, 11, 31, 23, 59)))).toBe('2026-12-31');
  });
});

describe('assessWork on 25 November 2026', () => {
  it.each([
    // Belgium, 4 months: the first allowed day is exactly 4 months after lodging.
    ['BE', '2026-07-25', '2026-11-25', undefined, true],
    ['BE', '2026-07-26', '2026-11-26', undefined, false],
    // Italy, 60 days.
    ['IT', '2026-09-26', '2026-11-25', undefined, true],
    ['IT', '2026-09-27', '2026-11-26', undefined, false],
    // Ireland: apply at 5 months, work at 6 months.
    ['IE', '2026-06-10', '2026-12-10', '2026-11-10', false],
    ['IE', '2026-05-25', '2026-11-25', '2026-10-25', true],
    // Slovenia, 3 months from 31 August: end of November.
    ['SI', '2026-08-31', '2026-11-30', undefined, false],
    // Netherlands, 6 months from 31 May: 30 November.
    ['NL', '2026-05-31', '2026-11-30', undefined, false],
    // Hungary, 9 months; the United Kingdom, 12 months.
    ['HU', '2026-02-25', '2026-11-25', undefined, true],
    ['UK', '2025-11-26', '2026-11-26', undefined, false],
    ['UK', '2025-11-25', '2026-11-25', undefined, true],
  ] as const)(
    '%s asylum seeker who applied on %s: work from %s (apply from %s), allowed now = %s',
    (country, applied, workFrom, applyFrom, allowedNow) => {
      const entry = workRight(country, 'asylum_seeker');
      const work = assessWork(entry, applied, TODAY);
      expect(work).toEqual({
        status: 'asylum_seeker',
        canWork: 'conditional',
        waiting: entry.waiting,
        workFrom,
        ...(applyFrom === undefined ? {} : { applyFrom }),
        allowedNow,
      });
    },
  );

  it('without an application date it gives the rule but no dates and no verdict', () => {
    const entry = workRight('BE', 'asylum_seeker');
    expect(assessWork(entry, undefined, TODAY)).toEqual({
      status: 'asylum_seeker',
      canWork: 'conditional',
      waiting: entry.waiting,
    });
  });

  it.each(COUNTRY_CODES)(
    '%s: a refugee may work now, with no waiting dates even if an asylum date is given',
    (country) => {
      expect(assessWork(workRight(country, 'refugee'), '2026-11-01', TODAY)).toEqual({
        status: 'refugee',
        canWork: 'yes',
        waiting: undefined,
        allowedNow: true,
      });
    },
  );

  it.each(COUNTRY_CODES)('%s: temporary protection allows work now', (country) => {
    expect(assessWork(workRight(country, 'temporary_protection'), undefined, TODAY).allowedNow).toBe(true);
  });

  it('canWork "no" is never allowed, whatever the dates', () => {
    const entry: WorkRightEntry = { ...workRight('UK', 'asylum_seeker'), canWork: 'no' };
    expect(assessWork(entry, '2020-01-01', TODAY)).toEqual({
      status: 'asylum_seeker',
      canWork: 'no',
      waiting: entry.waiting,
      allowedNow: false,
    });
  });

  it('canWork "unknown" without a waiting rule gives no verdict', () => {
    const entry: WorkRightEntry = { ...workRight('UK', 'asylum_seeker'), canWork: 'unknown' };
    delete entry.waiting;
    expect(assessWork(entry, '2020-01-01', TODAY)).toEqual({
      status: 'asylum_seeker',
      canWork: 'unknown',
      waiting: undefined,
    });
  });
});

interface PlanCase {
  title: string;
  profile: Profile;
  /** Step kinds that must appear, in this order (other kinds may sit between them). */
  kinds: PlanStepKind[];
  /** Step kinds that must not appear. */
  absent?: PlanStepKind[];
  work?: Omit<WorkAssessment, 'waiting'>;
  /** For these steps, the entry ids the step starts with, in order. */
  cites?: Partial<Record<PlanStepKind, string[]>>;
  /** Services that must be, and must not be, in the services step. */
  services?: string[];
  notServices?: string[];
}

const REFUGEE_NOW: Omit<WorkAssessment, 'waiting'> = { status: 'refugee', canWork: 'yes', allowedNow: true };

const PLANS: PlanCase[] = [
  // Belgium: the region decides which bodies apply.
  {
    title: 'BE-VLG asylum seeker who applied on 15 June 2026, no documents, wants to work',
    profile: {
      country: 'BE',
      region: 'BE-VLG',
      status: 'asylum_seeker',
      asylumApplicationDate: '2026-06-15',
      documents: 'none',
      goal: 'work_now',
    },
    kinds: ['work', 'noDocuments', 'validation', 'language', 'services', 'euTools'],
    absent: ['profession', 'regulatedRoute', 'business', 'recognition'],
    work: { status: 'asylum_seeker', canWork: 'conditional', workFrom: '2026-10-15', allowedNow: true },
    cites: {
      work: ['be.work.asylum_seeker'],
      noDocuments: ['be.recognition.no_documents.vlg'],
      validation: ['be.validation.vlg'],
      language: ['be.language.inburgering.vlg'],
      euTools: ['eu.eqpr', 'eu.skills_profile_tool'],
    },
    services: ['be.org.vdab'],
    notServices: ['be.org.forem', 'be.org.actiris'],
  },
  {
    title: 'BE-WAL refugee nurse with a bachelor and all documents wants to practise',
    profile: {
      country: 'BE',
      region: 'BE-WAL',
      status: 'refugee',
      level: 'bachelor',
      profession: 'nurse',
      documents: 'all',
      goal: 'regulated_profession',
    },
    kinds: ['work', 'profession', 'regulatedRoute', 'recognition', 'language', 'services', 'euTools'],
    absent: ['noDocuments', 'validation', 'business'],
    work: REFUGEE_NOW,
    cites: {
      profession: ['be.profession.nurse'],
      regulatedRoute: ['be.recognition.regulated'],
      recognition: ['be.recognition.academic.fwb', 'be.recognition.academic'],
      language: ['be.language.parcours_integration.wal'],
      euTools: ['eu.skills_profile_tool'],
    },
    services: ['be.org.fwb_equivalences', 'be.org.forem'],
    notServices: ['be.org.naric_vlaanderen', 'be.org.vdab'],
  },
  {
    title: 'BE-VLG refugee engineer with a master wants the degree recognised',
    profile: {
      country: 'BE',
      region: 'BE-VLG',
      status: 'refugee',
      level: 'master',
      profession: 'engineer',
      documents: 'all',
      goal: 'recognition',
    },
    kinds: ['work', 'profession', 'regulatedRoute', 'recognition', 'services'],
    work: REFUGEE_NOW,
    cites: {
      profession: ['be.profession.engineer'],
      recognition: ['be.recognition.academic.vlg', 'be.recognition.academic'],
    },
    services: ['be.org.naric_vlaanderen', 'be.org.vdab'],
    notServices: ['be.org.fwb_equivalences', 'be.org.forem'],
  },
  {
    title: 'BE-WAL person with temporary protection, some documents, wants skills validated',
    profile: {
      country: 'BE',
      region: 'BE-WAL',
      status: 'temporary_protection',
      level: 'vocational',
      documents: 'some',
      goal: 'validate_skills',
    },
    kinds: ['work', 'noDocuments', 'validation', 'services', 'euTools'],
    absent: ['vocational', 'recognition'],
    work: { status: 'temporary_protection', canWork: 'yes', allowedNow: true },
    cites: {
      noDocuments: ['be.recognition.no_documents.fwb'],
      validation: ['be.validation.fwb'],
      euTools: ['eu.eqpr', 'eu.skills_profile_tool'],
    },
    services: ['be.org.forem', 'be.org.cvdc'],
    notServices: ['be.org.vdab'],
  },
  // Hungary
  {
    title: 'HU asylum seeker who applied on 1 March 2026, no documents',
    profile: { country: 'HU', status: 'asylum_seeker', asylumApplicationDate: '2026-03-01', documents: 'none' },
    kinds: ['work', 'noDocuments', 'validation', 'services', 'euTools'],
    work: { status: 'asylum_seeker', canWork: 'conditional', workFrom: '2026-12-01', allowedNow: false },
    cites: { noDocuments: ['hu.recognition.no_documents'], validation: ['hu.validation'] },
    services: ['hu.org.nfsz'],
  },
  {
    title: 'HU refugee doctor with a master wants to practise',
    profile: {
      country: 'HU',
      status: 'refugee',
      level: 'master',
      profession: 'doctor',
      documents: 'all',
      goal: 'regulated_profession',
    },
    kinds: ['work', 'profession', 'regulatedRoute', 'recognition', 'services'],
    work: REFUGEE_NOW,
    cites: {
      profession: ['hu.profession.doctor'],
      regulatedRoute: ['hu.recognition.regulated'],
      recognition: ['hu.recognition.academic'],
    },
    services: ['hu.org.oh_heic', 'hu.org.okfo'],
  },
  // Ireland
  {
    title: 'IE asylum seeker who applied on 10 June 2026 wants to work (apply at 5 months, work at 6)',
    profile: { country: 'IE', status: 'asylum_seeker', asylumApplicationDate: '2026-06-10', goal: 'work_now' },
    kinds: ['work', 'language', 'services', 'euTools'],
    absent: ['noDocuments', 'validation'],
    work: {
      status: 'asylum_seeker',
      canWork: 'conditional',
      workFrom: '2026-12-10',
      applyFrom: '2026-11-10',
      allowedNow: false,
    },
    cites: { language: ['ie.language.esol'] },
    services: ['ie.org.intreo'],
  },
  {
    title: 'IE refugee nurse with a bachelor wants NMBI registration',
    profile: {
      country: 'IE',
      status: 'refugee',
      level: 'bachelor',
      profession: 'nurse',
      documents: 'all',
      goal: 'regulated_profession',
    },
    kinds: ['work', 'profession', 'regulatedRoute', 'recognition', 'services'],
    work: REFUGEE_NOW,
    cites: {
      profession: ['ie.profession.nurse'],
      regulatedRoute: ['ie.recognition.regulated'],
      recognition: ['ie.recognition.academic'],
    },
    services: ['ie.org.nmbi', 'ie.org.qqi_naric'],
  },
  {
    title: 'IE person with temporary protection wants to start a business',
    profile: { country: 'IE', status: 'temporary_protection', goal: 'start_business' },
    kinds: ['work', 'business', 'services'],
    work: { status: 'temporary_protection', canWork: 'yes', allowedNow: true },
    cites: { business: ['ie.work.temporary_protection', 'ie.org.irish_refugee_council'] },
    services: ['ie.org.intreo'],
  },
  // Italy
  {
    title: 'IT asylum seeker who applied on 20 September 2026, some documents, wants to work (60 days)',
    profile: {
      country: 'IT',
      status: 'asylum_seeker',
      asylumApplicationDate: '2026-09-20',
      documents: 'some',
      goal: 'work_now',
    },
    kinds: ['work', 'noDocuments', 'language', 'services', 'euTools'],
    absent: ['validation'],
    work: { status: 'asylum_seeker', canWork: 'conditional', workFrom: '2026-11-19', allowedNow: true },
    cites: { noDocuments: ['it.recognition.no_documents'], language: ['it.language.italian'], euTools: ['eu.eqpr'] },
    services: ['it.org.centri_impiego'],
  },
  {
    title: 'IT refugee engineer with a master wants the degree recognised',
    profile: {
      country: 'IT',
      status: 'refugee',
      level: 'master',
      profession: 'engineer',
      documents: 'all',
      goal: 'recognition',
    },
    kinds: ['work', 'profession', 'regulatedRoute', 'recognition', 'services'],
    work: REFUGEE_NOW,
    cites: {
      profession: ['it.profession.engineer'],
      regulatedRoute: ['it.recognition.regulated'],
      recognition: ['it.recognition.academic'],
    },
    services: ['it.org.cimea'],
  },
  // Netherlands
  {
    title: 'NL asylum seeker who applied on 31 May 2026 wants to work (6 months = 30 November)',
    profile: { country: 'NL', status: 'asylum_seeker', asylumApplicationDate: '2026-05-31', goal: 'work_now' },
    kinds: ['work', 'language', 'services', 'euTools'],
    work: { status: 'asylum_seeker', canWork: 'conditional', workFrom: '2026-11-30', allowedNow: false },
    services: ['nl.org.uwv'],
  },
  {
    title: 'NL person with temporary protection wants to start a business (not allowed: the plan says so)',
    profile: { country: 'NL', status: 'temporary_protection', goal: 'start_business' },
    kinds: ['work', 'business', 'services', 'story'],
    work: { status: 'temporary_protection', canWork: 'yes', allowedNow: true },
    cites: { business: ['nl.work.temporary_protection'], story: ['nl.story.ferry'] },
  },
  {
    title: 'NL refugee doctor with a doctorate wants BIG registration',
    profile: {
      country: 'NL',
      status: 'refugee',
      level: 'doctorate',
      profession: 'doctor',
      documents: 'all',
      goal: 'regulated_profession',
    },
    kinds: ['work', 'profession', 'regulatedRoute', 'recognition', 'language', 'services'],
    work: REFUGEE_NOW,
    cites: {
      profession: ['nl.profession.doctor'],
      regulatedRoute: ['nl.recognition.regulated'],
      recognition: ['nl.recognition.academic'],
      language: ['nl.language.inburgering'],
    },
    services: ['nl.org.big_register', 'nl.org.idw'],
  },
  // Slovakia
  {
    title: 'SK asylum seeker who applied on 1 May 2026 wants to work (6 months)',
    profile: { country: 'SK', status: 'asylum_seeker', asylumApplicationDate: '2026-05-01', goal: 'work_now' },
    kinds: ['work', 'services', 'euTools'],
    work: { status: 'asylum_seeker', canWork: 'conditional', workFrom: '2026-11-01', allowedNow: true },
    services: ['sk.org.upsvr'],
  },
  {
    title: 'SK person with temporary protection, secondary school, no documents, wants to work now',
    profile: {
      country: 'SK',
      status: 'temporary_protection',
      level: 'secondary',
      documents: 'none',
      goal: 'work_now',
    },
    kinds: ['work', 'vocational', 'noDocuments', 'validation', 'services', 'euTools'],
    absent: ['recognition'],
    work: { status: 'temporary_protection', canWork: 'yes', allowedNow: true },
    cites: {
      vocational: ['sk.recognition.vocational'],
      noDocuments: ['sk.recognition.no_documents'],
      validation: ['sk.validation'],
      euTools: ['eu.eqpr', 'eu.skills_profile_tool'],
    },
    services: ['sk.org.upsvr'],
  },
  // Slovenia
  {
    title: 'SI asylum seeker who applied on 31 August 2026 wants to work (3 months = 30 November)',
    profile: { country: 'SI', status: 'asylum_seeker', asylumApplicationDate: '2026-08-31', goal: 'work_now' },
    kinds: ['work', 'language', 'services', 'euTools'],
    work: { status: 'asylum_seeker', canWork: 'conditional', workFrom: '2026-11-30', allowedNow: false },
    services: ['si.org.ess'],
  },
  {
    title: 'SI refugee nurse with a bachelor wants to practise',
    profile: {
      country: 'SI',
      status: 'refugee',
      level: 'bachelor',
      profession: 'nurse',
      documents: 'all',
      goal: 'regulated_profession',
    },
    kinds: ['work', 'profession', 'regulatedRoute', 'recognition', 'services'],
    work: REFUGEE_NOW,
    cites: {
      profession: ['si.profession.nurse'],
      regulatedRoute: ['si.recognition.regulated'],
      recognition: ['si.recognition.academic'],
    },
    services: ['si.org.enic_naric'],
  },
  // Spain
  {
    title: 'ES asylum seeker who applied on 20 May 2026, no documents, wants to work',
    profile: {
      country: 'ES',
      status: 'asylum_seeker',
      asylumApplicationDate: '2026-05-20',
      documents: 'none',
      goal: 'work_now',
    },
    kinds: ['work', 'noDocuments', 'validation', 'services', 'euTools'],
    work: { status: 'asylum_seeker', canWork: 'conditional', workFrom: '2026-11-20', allowedNow: true },
    cites: { noDocuments: ['es.recognition.no_documents'], validation: ['es.validation'] },
    services: ['es.org.sepe'],
  },
  {
    title: 'ES refugee doctor with a master wants homologation',
    profile: {
      country: 'ES',
      status: 'refugee',
      level: 'master',
      profession: 'doctor',
      documents: 'all',
      goal: 'regulated_profession',
    },
    kinds: ['work', 'profession', 'regulatedRoute', 'recognition', 'services'],
    work: REFUGEE_NOW,
    cites: {
      profession: ['es.profession.doctor'],
      regulatedRoute: ['es.recognition.regulated'],
      recognition: ['es.recognition.academic'],
    },
    services: ['es.org.universities_ministry'],
  },
  // United Kingdom
  {
    title: 'UK asylum seeker who claimed on 1 December 2025 wants to work (12 months: not yet)',
    profile: { country: 'UK', status: 'asylum_seeker', asylumApplicationDate: '2025-12-01', goal: 'work_now' },
    kinds: ['work', 'language', 'services', 'euTools'],
    work: { status: 'asylum_seeker', canWork: 'conditional', workFrom: '2026-12-01', allowedNow: false },
    services: ['uk.org.jobcentre_plus'],
  },
  {
    title: 'UK refugee nurse with a bachelor wants NMC registration',
    profile: {
      country: 'UK',
      status: 'refugee',
      level: 'bachelor',
      profession: 'nurse',
      documents: 'all',
      goal: 'regulated_profession',
    },
    kinds: ['work', 'profession', 'regulatedRoute', 'recognition', 'services'],
    work: REFUGEE_NOW,
    cites: {
      profession: ['uk.profession.nurse'],
      regulatedRoute: ['uk.recognition.regulated'],
      recognition: ['uk.recognition.academic'],
    },
    services: ['uk.org.nmc'],
  },
  {
    title: 'UK-SCT refugee without formal education wants skills validated (Scottish RPL first)',
    profile: { country: 'UK', region: 'UK-SCT', status: 'refugee', level: 'none', goal: 'validate_skills' },
    kinds: ['work', 'validation', 'services'],
    absent: ['recognition', 'vocational', 'noDocuments'],
    work: REFUGEE_NOW,
    cites: { validation: ['uk.validation.sct', 'uk.validation'] },
    services: ['uk.org.scqf_partnership'],
  },
];

describe('buildPlan: realistic profiles in every country', () => {
  const plans = new Map<string, Plan>();
  const planFor = (testCase: PlanCase): Plan => {
    const cached = plans.get(testCase.title);
    if (cached) {
      return cached;
    }
    const plan = buildPlan(repo, testCase.profile, TODAY);
    plans.set(testCase.title, plan);
    return plan;
  };

  it.each(COUNTRY_CODES)('%s has at least two profiles', (country) => {
    expect(PLANS.filter((testCase) => testCase.profile.country === country).length).toBeGreaterThanOrEqual(2);
  });

  describe.each(PLANS.map((testCase) => [testCase.title, testCase] as const))('%s', (_title, testCase) => {
    it('has the expected steps in order, and none of the excluded ones', () => {
      const plan = planFor(testCase);
      expect(plan.profile).toEqual(testCase.profile);
      const kinds = plan.steps.map((step) => step.kind);
      expect(kinds.filter((kind) => testCase.kinds.includes(kind))).toEqual(testCase.kinds);
      for (const kind of testCase.absent ?? []) {
        expect(kinds).not.toContain(kind);
      }
      expect(new Set(kinds).size).toBe(kinds.length);
    });

    it('computes the work dates for that day', () => {
      const plan = planFor(testCase);
      const work = plan.steps[0];
      expect(work?.kind).toBe('work');
      expect(ids(work?.entries ?? [])).toEqual([
        `${testCase.profile.country.toLowerCase()}.work.${testCase.profile.status}`,
      ]);
      expect(dates(work?.work)).toEqual(testCase.work);
    });

    it('cites the right entries', () => {
      const plan = planFor(testCase);
      for (const [kind, expected] of Object.entries(testCase.cites ?? {}) as [PlanStepKind, string[]][]) {
        expect(stepIds(plan, kind).slice(0, expected.length)).toEqual(expected);
      }
      const services = stepIds(plan, 'services');
      expect(services.length).toBeLessThanOrEqual(3);
      expect(services).toEqual(expect.arrayContaining(testCase.services ?? []));
      for (const id of testCase.notServices ?? []) {
        expect(services).not.toContain(id);
      }
    });

    it('grounds every step in sourced entries of the country (or the EU) and the region', () => {
      const { country, region } = testCase.profile;
      const plan = planFor(testCase);
      for (const step of plan.steps) {
        expect(step.entries.length).toBeGreaterThan(0);
        for (const entry of step.entries) {
          expect([country, 'EU']).toContain(entry.country);
          expect(entry.sources.length).toBeGreaterThan(0);
          for (const source of entry.sources) {
            expect(source.url).toMatch(/^https?:\/\/\S+$/);
          }
          if (region && entry.regions && entry.regions.length > 0) {
            expect(entry.regions).toContain(region);
          }
          if (entry.kind === 'organisation') {
            expect(entry.mayHaveEnded ?? false).toBe(false);
          }
        }
      }
    });
  });

  it('the recognition step cites the body of the region: NARIC-Vlaanderen in Flanders, FWB in Wallonia', () => {
    const profile = {
      country: 'BE',
      status: 'refugee',
      level: 'master',
      documents: 'some',
      goal: 'recognition',
    } as const;
    const flanders = buildPlan(repo, { ...profile, region: 'BE-VLG' }, TODAY);
    const wallonia = buildPlan(repo, { ...profile, region: 'BE-WAL' }, TODAY);
    const body = (plan: Plan, kind: PlanStepKind): string | undefined => {
      const first = plan.steps.find((step) => step.kind === kind)?.entries[0];
      return first?.kind === 'procedure' ? first.body : undefined;
    };
    expect(body(flanders, 'recognition')).toBe('be.org.naric_vlaanderen');
    expect(body(wallonia, 'recognition')).toBe('be.org.fwb_equivalences');
    expect(body(flanders, 'noDocuments')).toBe('be.org.naric_vlaanderen');
    expect(body(wallonia, 'noDocuments')).toBe('be.org.fwb_equivalences');
  });

  it('the business step of a Dutch temporary-protection holder carries the "not allowed" rule', () => {
    const plan = buildPlan(repo, { country: 'NL', status: 'temporary_protection', goal: 'start_business' }, TODAY);
    const first = plan.steps.find((step) => step.kind === 'business')?.entries[0];
    expect(first?.kind === 'workRight' ? first.selfEmployment.allowed : undefined).toBe('no');
  });

  it('the Irish nurse plan names NMBI as the authority', () => {
    const plan = buildPlan(
      repo,
      { country: 'IE', status: 'refugee', profession: 'nurse', goal: 'regulated_profession' },
      TODAY,
    );
    const profession = plan.steps.find((step) => step.kind === 'profession')?.entries[0];
    expect(profession?.kind === 'profession' ? profession.authority?.name : undefined).toMatch(/NMBI/);
  });

  it('without a status there is no work step', () => {
    const plan = buildPlan(repo, { country: 'IT', level: 'master', goal: 'recognition' }, TODAY);
    expect(plan.steps.map((step) => step.kind)).not.toContain('work');
    expect(stepIds(plan, 'recognition')).toEqual(['it.recognition.academic']);
  });

  it('the same profile on another day moves only the verdict, not the dates', () => {
    const profile: Profile = { country: 'NL', status: 'asylum_seeker', asylumApplicationDate: '2026-05-31' };
    const before = buildPlan(repo, profile, new Date(Date.UTC(2026, 10, 29))).steps[0]?.work;
    const on = buildPlan(repo, profile, new Date(Date.UTC(2026, 10, 30))).steps[0]?.work;
    expect(before?.workFrom).toBe('2026-11-30');
    expect(on?.workFrom).toBe('2026-11-30');
    expect(before?.allowedNow).toBe(false);
    expect(on?.allowedNow).toBe(true);
  });
});

describe('compareCountries', () => {
  it('gives nine rows in the fixed country order with the asylum-seeker work rights and dates', () => {
    const rows = compareCountries(
      repo,
      { status: 'asylum_seeker', asylumApplicationDate: '2026-06-01', level: 'bachelor', profession: 'nurse' },
      TODAY,
    );
    expect(rows.map((row) => row.country)).toEqual(['BE', 'HU', 'IE', 'IT', 'NL', 'SK', 'SI', 'ES', 'UK']);
    const expected: Record<CountryCode, Omit<WorkAssessment, 'waiting' | 'status' | 'canWork'>> = {
      BE: { workFrom: '2026-10-01', allowedNow: true },
      HU: { workFrom: '2027-03-01', allowedNow: false },
      IE: { workFrom: '2026-12-01', applyFrom: '2026-11-01', allowedNow: false },
      IT: { workFrom: '2026-07-31', allowedNow: true },
      NL: { workFrom: '2026-12-01', allowedNow: false },
      SK: { workFrom: '2026-12-01', allowedNow: false },
      SI: { workFrom: '2026-09-01', allowedNow: true },
      ES: { workFrom: '2026-12-01', allowedNow: false },
      UK: { workFrom: '2027-06-01', allowedNow: false },
    };
    for (const row of rows) {
      const code = row.country.toLowerCase();
      expect(row.workRight?.id).toBe(`${code}.work.asylum_seeker`);
      expect(row.workRight?.status).toBe('asylum_seeker');
      expect(dates(row.work)).toEqual({ status: 'asylum_seeker', canWork: 'conditional', ...expected[row.country] });
      expect(row.work?.waiting).toEqual(row.workRight?.waiting);
      expect(row.recognition?.id).toBe(`${code}.recognition.academic`);
      expect(row.profession?.id).toBe(`${code}.profession.nurse`);
      expect(row.validation?.procedureType).toBe('validation');
      expect(row.validation?.country).toBe(row.country);
    }
  });

  it.each(STATUS_IDS)('every row carries the %s work right of its own country', (status) => {
    for (const row of compareCountries(repo, { status }, TODAY)) {
      expect(row.workRight?.country).toBe(row.country);
      expect(row.workRight?.status).toBe(status);
      expect(row.work?.status).toBe(status);
    }
  });

  it('refugees may work now everywhere', () => {
    const rows = compareCountries(repo, { status: 'refugee' }, TODAY);
    expect(rows.map((row) => dates(row.work))).toEqual(COUNTRY_CODES.map(() => REFUGEE_NOW));
  });

  it('without a status there is no work column, and a subset keeps the order asked for', () => {
    const rows = compareCountries(repo, { level: 'secondary' }, TODAY, ['UK', 'IT', 'NL']);
    expect(rows.map((row) => row.country)).toEqual(['UK', 'IT', 'NL']);
    expect(rows.map((row) => row.workRight)).toEqual([undefined, undefined, undefined]);
    expect(rows.map((row) => row.work)).toEqual([undefined, undefined, undefined]);
    expect(rows.map((row) => row.recognition?.id)).toEqual([
      'uk.recognition.vocational',
      'it.recognition.vocational',
      'nl.recognition.vocational',
    ]);
  });

  it("uses the person's Belgian region for Belgium and the country-wide entries elsewhere", () => {
    const flanders = compareCountries(repo, { region: 'BE-VLG', level: 'vocational' }, TODAY, ['BE', 'NL']);
    expect(flanders.map((row) => row.recognition?.id)).toEqual([
      'be.recognition.vocational.vlg',
      'nl.recognition.vocational',
    ]);
    expect(flanders.map((row) => row.validation?.id)).toEqual(['be.validation.vlg', 'nl.validation']);
    const wallonia = compareCountries(repo, { region: 'BE-WAL', level: 'vocational' }, TODAY, ['BE']);
    expect(wallonia.map((row) => row.recognition?.id)).toEqual(['be.recognition.vocational.fwb']);
    expect(wallonia.map((row) => row.validation?.id)).toEqual(['be.validation.fwb']);
  });

  it('without a region, Belgium is represented by its country-wide recognition entry', () => {
    const [belgium] = compareCountries(repo, { level: 'master' }, TODAY, ['BE']);
    expect(belgium?.recognition?.id).toBe('be.recognition.academic');
  });
});

describe('employerChecklist', () => {
  const ORDER = ['checks', 'permits', 'filing', 'incentives', 'fines'] as const;

  it('lists rule types in the order checks, permits, filing, incentives, fines', () => {
    expect([...EMPLOYER_RULE_TYPES].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b))).toEqual([...ORDER]);
  });

  it.each([
    ['NL', 'asylum_seeker', ['nl.employer.checks', 'nl.employer.permits', 'nl.employer.fines']],
    [
      'NL',
      'temporary_protection',
      ['nl.employer.checks', 'nl.employer.permits', 'nl.employer.filing', 'nl.employer.fines'],
    ],
    [
      'NL',
      'refugee',
      [
        'nl.employer.checks',
        'nl.employer.permits',
        'nl.employer.incentives',
        'nl.employer.incentives.municipal',
        'nl.employer.fines',
      ],
    ],
    ['IE', 'asylum_seeker', ['ie.employer.checks', 'ie.employer.permits', 'ie.employer.filing', 'ie.employer.fines']],
    ['IE', 'refugee', ['ie.employer.checks', 'ie.employer.permits', 'ie.employer.incentives', 'ie.employer.fines']],
    [
      'UK',
      'asylum_seeker',
      [
        'uk.employer.checks',
        'uk.employer.permits',
        'uk.employer.filing',
        'uk.employer.incentives',
        'uk.employer.fines',
      ],
    ],
    [
      'BE',
      'temporary_protection',
      [
        'be.employer.checks',
        'be.employer.permits',
        'be.employer.filing',
        'be.employer.incentives',
        'be.employer.incentives.bru',
        'be.employer.incentives.vlg',
        'be.employer.fines',
      ],
    ],
    [
      'SI',
      'refugee',
      [
        'si.employer.checks',
        'si.employer.permits',
        'si.employer.filing',
        'si.employer.incentives',
        'si.employer.fines',
      ],
    ],
    ['SI', 'asylum_seeker', ['si.employer.checks', 'si.employer.permits', 'si.employer.filing', 'si.employer.fines']],
  ] as const)('%s, %s: %j', (country, status, expected) => {
    const checklist = employerChecklist(repo, country, status);
    expect(checklist.country).toBe(country);
    expect(checklist.status).toBe(status);
    expect(checklist.workRight?.id).toBe(`${country.toLowerCase()}.work.${status}`);
    expect(ids(checklist.rules)).toEqual([...expected]);
  });

  it.each(COUNTRY_CODES.flatMap((country) => STATUS_IDS.map((status) => [country, status] as const)))(
    '%s, %s: rules in order and about that status; current employer services only',
    (country, status) => {
      const checklist = employerChecklist(repo, country, status);
      const positions = checklist.rules.map((rule) => ORDER.indexOf(rule.ruleType));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(checklist.rules.map((rule) => rule.ruleType)).toEqual(
        expect.arrayContaining(['checks', 'permits', 'fines']),
      );
      for (const rule of checklist.rules) {
        expect(rule.country).toBe(country);
        expect(rule.statuses === undefined || rule.statuses.length === 0 || rule.statuses.includes(status)).toBe(true);
      }
      expect(checklist.organisations.length).toBeGreaterThan(0);
      expect(checklist.organisations.length).toBeLessThanOrEqual(3);
      for (const org of checklist.organisations) {
        expect(org.country).toBe(country);
        expect(org.audience).toContain('employer');
        expect(org.mayHaveEnded ?? false).toBe(false);
      }
    },
  );

  it.each([
    // The employer asks UWV for the TWV; the Labour Authority fines.
    ['NL', 'asylum_seeker', ['nl.org.uwv', 'nl.org.labour_authority'], ['nl.org.big_register']],
    // The Home Office runs the Employer Checking Service and the right-to-work checks.
    ['UK', 'asylum_seeker', ['uk.org.home_office'], ['uk.org.gmc']],
    // The LMAP comes from Immigration Service Delivery.
    ['IE', 'asylum_seeker', ['ie.org.isd'], ['ie.org.medical_council', 'ie.org.nmbi']],
  ] as const)('%s, %s: points the employer to %j, not to %j', (country, status, wanted, unwanted) => {
    const organisations = ids(employerChecklist(repo, country, status).organisations);
    expect(organisations).toEqual(expect.arrayContaining([...wanted]));
    for (const id of unwanted) {
      expect(organisations).not.toContain(id);
    }
  });
});

describe('employerChecklist in a region', () => {
  it('keeps only the rules and organisations of the employer’s region (and country-wide ones)', () => {
    const flanders = employerChecklist(repo, 'BE', 'refugee', 'BE-VLG');
    const all = [...flanders.rules, ...flanders.organisations];
    expect(all.length).toBeGreaterThan(0);
    for (const entry of all) {
      expect(entry.regions === undefined || entry.regions.length === 0 || entry.regions.includes('BE-VLG')).toBe(true);
    }
    expect(flanders.organisations.map((org) => org.id)).not.toContain('be.org.actiris');
  });
});
