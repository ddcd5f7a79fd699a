/**
 * The pathway engine: a profile and a date in, an ordered personal plan out. Pure: it reads the
 * knowledge base through the repository interface and the date it is given, nothing else.
 * Every step names the entries it came from, so the reply can cite their sources and dates.
 */
import type {
  CountryCode,
  DocumentsId,
  EmployerRuleEntry,
  Entry,
  GoalId,
  LevelId,
  OrganisationEntry,
  ProcedureEntry,
  ProfessionEntry,
  StatusId,
  StoryEntry,
  WorkRightEntry,
} from './schema';
import { COUNTRY_CODES } from './schema';
import type { KnowledgeRepository } from './types';

export interface Profile {
  country: CountryCode;
  region?: string;
  status?: StatusId;
  /** The date the asylum application was lodged (YYYY-MM-DD), when known. */
  asylumApplicationDate?: string;
  level?: LevelId;
  /** A profession id from the taxonomy. */
  profession?: string;
  documents?: DocumentsId;
  goal?: GoalId;
}

/** Whether someone with this status can work, and from when, on a given day. */
export interface WorkAssessment {
  status: StatusId;
  canWork: WorkRightEntry['canWork'];
  /** The first day work is allowed (YYYY-MM-DD), when a waiting period and the application date are known. */
  workFrom?: string;
  /** The first day a separate permission can be requested, when that comes earlier (e.g. Ireland). */
  applyFrom?: string;
  /** Computed against the given day; undefined when the rule or the date is not known. */
  allowedNow?: boolean;
  waiting?: WorkRightEntry['waiting'];
}

export type PlanStepKind =
  | 'work'
  | 'recognition'
  | 'vocational'
  | 'noDocuments'
  | 'profession'
  | 'regulatedRoute'
  | 'validation'
  | 'language'
  | 'business'
  | 'study'
  | 'services'
  | 'euTools'
  | 'story';

export interface PlanStep {
  kind: PlanStepKind;
  /** The entries this step is grounded in, most important first. */
  entries: Entry[];
  work?: WorkAssessment;
}

export interface Plan {
  profile: Profile;
  steps: PlanStep[];
}

export interface CountryComparison {
  country: CountryCode;
  workRight?: WorkRightEntry;
  work?: WorkAssessment;
  recognition?: ProcedureEntry;
  profession?: ProfessionEntry;
  validation?: ProcedureEntry;
}

export interface EmployerChecklist {
  country: CountryCode;
  status: StatusId;
  workRight?: WorkRightEntry;
  rules: EmployerRuleEntry[];
  organisations: OrganisationEntry[];
}

/** How many services a plan lists. */
const MAX_PLAN_SERVICES = 3;
/** Levels for which the academic (ENIC-NARIC) route is the first recognition step. */
const ACADEMIC_LEVELS: readonly LevelId[] = ['bachelor', 'master', 'doctorate'];
/** Levels for which the vocational route is the first recognition step. */
const VOCATIONAL_LEVELS: readonly LevelId[] = ['secondary', 'vocational'];
/** The order in which employer rules are listed in a hiring checklist. */
const EMPLOYER_RULE_ORDER: readonly EmployerRuleEntry['ruleType'][] = [
  'checks',
  'permits',
  'filing',
  'incentives',
  'fines',
];

/** Formats a UTC date as YYYY-MM-DD. */
export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Parses YYYY-MM-DD as a UTC date. */
export function parseIsoDate(value: string): Date {
  const [year, month, day] = value.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
}

/**
 * Adds a period to a date. Months are calendar months; a day that does not exist in the target
 * month becomes that month's last day (31 August + 6 months = 28/29 February).
 */
export function addPeriod(date: Date, amount: number, unit: 'days' | 'months'): Date {
  if (unit === 'days') {
    return new Date(date.getTime() + amount * 24 * 60 * 60 * 1000);
  }
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + amount;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)));
}

/** Assesses the right to work for a work-right entry, an optional application date and today. */
export function assessWork(entry: WorkRightEntry, applicationDate: string | undefined, today: Date): WorkAssessment {
  const assessment: WorkAssessment = { status: entry.status, canWork: entry.canWork, waiting: entry.waiting };
  if (entry.canWork === 'yes' && !entry.waiting) {
    assessment.allowedNow = true;
    return assessment;
  }
  if (entry.canWork === 'no') {
    assessment.allowedNow = false;
    return assessment;
  }
  if (entry.waiting && applicationDate) {
    const lodged = parseIsoDate(applicationDate);
    const workFrom = addPeriod(lodged, entry.waiting.amount, entry.waiting.unit);
    assessment.workFrom = toIsoDate(workFrom);
    if (entry.waiting.applyAfter) {
      assessment.applyFrom = toIsoDate(
        addPeriod(lodged, entry.waiting.applyAfter.amount, entry.waiting.applyAfter.unit),
      );
    }
    assessment.allowedNow = toIsoDate(today) >= assessment.workFrom;
  }
  return assessment;
}

/** Whether an entry holds in a region: entries without regions hold everywhere in their country. */
export function inRegion(entry: Entry, region: string | undefined): boolean {
  return !region || !entry.regions?.length || entry.regions.includes(region);
}

/** The region's own entries first, then country-wide ones; other regions' entries are left out. */
export function byRegionFirst<T extends Entry>(entries: T[], region: string | undefined): T[] {
  if (!region) {
    return entries;
  }
  const regional = entries.filter((entry) => entry.regions?.includes(region));
  const national = entries.filter((entry) => !entry.regions || entry.regions.length === 0);
  return [...regional, ...national];
}

/** The one entry that stands for a country: the region's own, else a country-wide one, else the first. */
function representative<T extends Entry>(entries: T[], region: string | undefined): T | undefined {
  const regional = region ? entries.find((entry) => entry.regions?.includes(region)) : undefined;
  return regional ?? entries.find((entry) => !entry.regions || entry.regions.length === 0) ?? entries[0];
}

function pickServices(repo: KnowledgeRepository, profile: Profile): OrganisationEntry[] {
  const helpsWith = goalTopic(profile.goal);
  const all = repo.organisations(profile.country, { region: profile.region, audience: 'refugee' });
  const current = all.filter((org) => !org.mayHaveEnded);
  const score = (org: OrganisationEntry): number =>
    (org.orgType === 'public_employment_service' ? 4 : 0) +
    (helpsWith && org.helpsWith?.includes(helpsWith) ? 3 : 0) +
    (profile.region && org.regions?.includes(profile.region) ? 2 : 0) +
    (org.orgType === 'recognition_body' && (profile.goal === 'recognition' || profile.goal === 'regulated_profession')
      ? 2
      : 0);
  return [...current].sort((a, b) => score(b) - score(a) || a.id.localeCompare(b.id)).slice(0, MAX_PLAN_SERVICES);
}

type HelpTopic = NonNullable<OrganisationEntry['helpsWith']>[number];

/** The directory topic that serves a goal. */
function goalTopic(goal: GoalId | undefined): HelpTopic | undefined {
  switch (goal) {
    case 'recognition':
    case 'regulated_profession':
      return 'recognition';
    case 'validate_skills':
      return 'validation';
    case 'study':
      return 'study';
    case 'start_business':
      return 'business';
    case 'work_now':
      return 'work';
    default:
      return undefined;
  }
}

function pickStory(repo: KnowledgeRepository, profile: Profile): StoryEntry | undefined {
  const stories = repo.stories({ country: profile.country });
  const score = (story: StoryEntry): number =>
    (profile.profession && story.professions?.includes(profile.profession) ? 4 : 0) +
    (profile.goal && story.goals?.includes(profile.goal) ? 2 : 0) +
    (profile.status && story.statuses?.includes(profile.status) ? 1 : 0);
  return [...stories].sort((a, b) => score(b) - score(a) || a.id.localeCompare(b.id))[0];
}

function nonEmpty(step: PlanStep): boolean {
  return step.entries.length > 0;
}

/** Builds the ordered personal plan for a profile on a given day. */
export function buildPlan(repo: KnowledgeRepository, profile: Profile, today: Date): Plan {
  const steps: PlanStep[] = [];
  const { country, region, goal, level, documents } = profile;

  if (profile.status) {
    const workRight = repo.workRight(country, profile.status);
    if (workRight) {
      steps.push({
        kind: 'work',
        entries: [workRight],
        work: assessWork(workRight, profile.asylumApplicationDate, today),
      });
      if (goal === 'start_business') {
        steps.push({
          kind: 'business',
          entries: [workRight, ...repo.organisations(country, { region, helpsWith: 'business' }).slice(0, 2)],
        });
      }
    }
  }

  // Without a stated goal, a diploma is worth recognising too.
  const wantsRecognition =
    goal === undefined ||
    goal === 'recognition' ||
    goal === 'regulated_profession' ||
    goal === 'study' ||
    goal === 'work_now';
  const profession = profile.profession ? repo.profession(country, profile.profession) : undefined;
  if (
    profession &&
    (goal === 'regulated_profession' || goal === 'recognition' || goal === 'work_now' || profession.regulated === 'yes')
  ) {
    steps.push({ kind: 'profession', entries: [profession] });
    if (profession.regulated !== 'no') {
      steps.push({
        kind: 'regulatedRoute',
        entries: byRegionFirst(repo.procedures(country, 'regulated', region), region),
      });
    }
  } else if (goal === 'regulated_profession') {
    steps.push({
      kind: 'regulatedRoute',
      entries: byRegionFirst(repo.procedures(country, 'regulated', region), region),
    });
  }

  if (wantsRecognition && level && level !== 'none') {
    if (ACADEMIC_LEVELS.includes(level)) {
      steps.push({ kind: 'recognition', entries: byRegionFirst(repo.procedures(country, 'academic', region), region) });
    } else if (VOCATIONAL_LEVELS.includes(level)) {
      steps.push({
        kind: 'vocational',
        entries: byRegionFirst(repo.procedures(country, 'vocational', region), region),
      });
    }
  }
  if (documents === 'none' || documents === 'some') {
    steps.push({
      kind: 'noDocuments',
      entries: byRegionFirst(repo.procedures(country, 'no_documents', region), region),
    });
  }
  if (goal === 'study') {
    steps.push({ kind: 'study', entries: byRegionFirst(repo.procedures(country, 'study', region), region) });
  }
  if (goal === 'validate_skills' || level === 'none' || level === 'primary' || documents === 'none') {
    steps.push({ kind: 'validation', entries: byRegionFirst(repo.procedures(country, 'validation', region), region) });
  }
  const language = [
    ...repo.procedures(country, 'language', region),
    ...repo.procedures(country, 'integration', region),
  ];
  if (language.length > 0) {
    steps.push({ kind: 'language', entries: byRegionFirst(language, region).slice(0, 2) });
  }
  steps.push({ kind: 'services', entries: pickServices(repo, profile) });
  const euTools = [
    documents === 'none' || documents === 'some' ? repo.get('eu.eqpr') : undefined,
    repo.get('eu.skills_profile_tool'),
  ].filter((entry): entry is Entry => entry !== undefined);
  steps.push({ kind: 'euTools', entries: euTools });
  const story = pickStory(repo, profile);
  if (story) {
    steps.push({ kind: 'story', entries: [story] });
  }
  return { profile, steps: dedupeSteps(steps.filter(nonEmpty)) };
}

/** Keeps the first occurrence of each step kind (e.g. one regulated-route step). */
function dedupeSteps(steps: PlanStep[]): PlanStep[] {
  const seen = new Set<PlanStepKind>();
  return steps.filter((step) => {
    if (seen.has(step.kind)) {
      return false;
    }
    seen.add(step.kind);
    return true;
  });
}

/** The same profile in each of the given countries, side by side. */
export function compareCountries(
  repo: KnowledgeRepository,
  profile: Omit<Profile, 'country'>,
  today: Date,
  countries: readonly CountryCode[] = COUNTRY_CODES,
): CountryComparison[] {
  return countries.map((country) => {
    const workRight = profile.status ? repo.workRight(country, profile.status) : undefined;
    const level = profile.level;
    const recognitionType = level && VOCATIONAL_LEVELS.includes(level) ? 'vocational' : 'academic';
    // The person's region only applies in its own country (a Flemish user's row for Belgium).
    const region =
      profile.region && repo.term('regions', profile.region)?.country === country ? profile.region : undefined;
    const pick = (type: ProcedureEntry['procedureType']): ProcedureEntry | undefined =>
      representative(repo.procedures(country, type, region), region);
    return {
      country,
      workRight,
      work: workRight ? assessWork(workRight, profile.asylumApplicationDate, today) : undefined,
      recognition: pick(recognitionType) ?? pick('academic'),
      profession: profile.profession ? repo.profession(country, profile.profession) : undefined,
      validation: pick('validation'),
    };
  });
}

/** What an employer must know to hire a candidate with a given status in a country (and region, when known). */
export function employerChecklist(
  repo: KnowledgeRepository,
  country: CountryCode,
  status: StatusId,
  region?: string,
): EmployerChecklist {
  const rules = repo
    .employerRules(country, status)
    .filter((rule) => inRegion(rule, region))
    .sort(
      (a, b) =>
        EMPLOYER_RULE_ORDER.indexOf(a.ruleType) - EMPLOYER_RULE_ORDER.indexOf(b.ruleType) || a.id.localeCompare(b.id),
    );
  // The services the rules themselves name (who issues the permit, who fines) first, then those that help hiring.
  const named = new Set(rules.flatMap((rule) => rule.related ?? []));
  const score = (org: OrganisationEntry): number =>
    (named.has(org.id) ? 2 : 0) + (org.helpsWith?.includes('hiring') ? 1 : 0);
  const organisations = repo
    .organisations(country, { audience: 'employer', region })
    .filter((org) => !org.mayHaveEnded)
    .sort((a, b) => score(b) - score(a) || a.id.localeCompare(b.id))
    .slice(0, MAX_PLAN_SERVICES);
  return { country, status, workRight: repo.workRight(country, status), rules, organisations };
}
