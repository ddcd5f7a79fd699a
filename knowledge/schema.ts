/**
 * The schema of the knowledge content (knowledge/content/**.yaml). Types are inferred from it,
 * so the compiler, the repository and the pathway engine all share one definition.
 *
 * Editors: see knowledge/README.md for what each field means and an example of every kind.
 */
import { z } from 'zod';
import { LANGUAGE_CODES, type LanguageCode } from '../locales/languages';

export const COUNTRY_CODES = ['BE', 'HU', 'IE', 'IT', 'NL', 'SK', 'SI', 'ES', 'UK'] as const;
export const SCOPE_CODES = [...COUNTRY_CODES, 'EU'] as const;
export const STATUS_IDS = ['refugee', 'subsidiary_protection', 'asylum_seeker', 'temporary_protection'] as const;
export const GOAL_IDS = [
  'work_now',
  'recognition',
  'regulated_profession',
  'validate_skills',
  'study',
  'start_business',
] as const;
export const LEVEL_IDS = ['none', 'primary', 'secondary', 'vocational', 'bachelor', 'master', 'doctorate'] as const;
export const DOCUMENTS_IDS = ['all', 'some', 'none'] as const;
export const AUDIENCE_IDS = ['refugee', 'employer', 'service_provider'] as const;
export const ORGANISATION_TYPES = [
  'public_employment_service',
  'recognition_body',
  'government',
  'ngo',
  'legal_aid',
  'mentoring',
  'job_matching',
  'training',
  'language',
  'employer_network',
  'international',
  'good_practice',
] as const;
export const PROCEDURE_TYPES = [
  'academic',
  'vocational',
  'regulated',
  'no_documents',
  'validation',
  'language',
  'integration',
  'study',
] as const;
export const EMPLOYER_RULE_TYPES = ['checks', 'filing', 'permits', 'fines', 'incentives'] as const;
export const TRISTATE = ['yes', 'no', 'conditional', 'unknown'] as const;

export type CountryCode = (typeof COUNTRY_CODES)[number];
export type ScopeCode = (typeof SCOPE_CODES)[number];
export type StatusId = (typeof STATUS_IDS)[number];
export type GoalId = (typeof GOAL_IDS)[number];
export type LevelId = (typeof LEVEL_IDS)[number];
export type DocumentsId = (typeof DOCUMENTS_IDS)[number];
export type AudienceId = (typeof AUDIENCE_IDS)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');
const httpsUrl = z.url({ protocol: /^https?$/, message: 'must be a well-formed http(s) URL' });
const entryId = z
  .string()
  .regex(/^[a-z0-9]+(\.[a-z0-9_-]+)+$/, 'must be lowercase words joined by dots, e.g. ie.work.asylum_seeker');
const taxonomyId = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, _ or -');

/** One optional field per supported language, typed so that `text[lang]` type-checks. */
function perLanguage<T extends z.ZodType>(make: () => T): { [K in LanguageCode]: z.ZodOptional<T> } {
  return Object.fromEntries(LANGUAGE_CODES.map((code) => [code, make().optional()])) as {
    [K in LanguageCode]: z.ZodOptional<T>;
  };
}

/** A text in several languages; English is required and is the fallback. */
export const LocalText = z
  .object({
    ...perLanguage(() => z.string().trim().min(1)),
    en: z.string().trim().min(1, 'the English text is required'),
  })
  .strict();
export type LocalText = z.infer<typeof LocalText>;

/** A list of words or phrasings per language (synonyms, question phrasings). */
export const LocalList = z.object(perLanguage(() => z.array(z.string().trim().min(1)))).strict();
export type LocalList = z.infer<typeof LocalList>;

export const Source = z
  .object({
    url: httpsUrl,
    title: z.string().min(1),
    /** The date the source itself shows, when it shows one (free text, e.g. "2025-11-06" or "undated"). */
    date: z.string().optional(),
  })
  .strict();
export type Source = z.infer<typeof Source>;

/** The body responsible for a fact the sources do not give, so the bot can say whom to ask. */
export const ResponsibleBody = z.object({ name: z.string().min(1), url: httpsUrl.optional() }).strict();

/** Fields every entry carries. */
const baseEntry = {
  id: entryId,
  /** BE, HU, IE, IT, NL, SK, SI, ES, UK or EU. */
  country: z.enum(SCOPE_CODES),
  /** Region ids from taxonomy/regions.yaml when the entry holds only there (e.g. BE-VLG); empty = whole country. */
  regions: z.array(taxonomyId).optional(),
  title: LocalText,
  /** The short direct answer, one or two sentences: yes / no / it depends — and on what. */
  summary: LocalText,
  /** Key facts: numbers, bodies, documents, costs, durations — one short sentence each. */
  facts: z.array(LocalText).optional(),
  /** How users might ask for this entry, per language; feeds the search index. */
  questions: LocalList.optional(),
  /** Extra search words per language (abbreviations, local names). */
  keywords: LocalList.optional(),
  /** Set when the sources do not give this fact: what is unknown, and who can answer. */
  unknown: LocalText.optional(),
  responsibleBody: ResponsibleBody.optional(),
  sources: z.array(Source).min(1, 'every entry needs at least one source'),
  verifiedOn: isoDate,
  reviewBy: isoDate,
  /** Ids of related entries (organisations, procedures) shown as next steps. */
  related: z.array(entryId).optional(),
};

const Waiting = z
  .object({
    amount: z.number().int().nonnegative(),
    unit: z.enum(['days', 'months']),
    /** When a separate application can be made before the right starts (e.g. Ireland: apply at 5 months). */
    applyAfter: z
      .object({ amount: z.number().int().nonnegative(), unit: z.enum(['days', 'months']) })
      .strict()
      .optional(),
    /** What the waiting period is counted from. */
    countedFrom: z.enum(['application_lodged', 'application_registered', 'other']),
    /** The condition in words, e.g. "if no first-instance decision has been taken". */
    condition: LocalText.optional(),
  })
  .strict();

export const WorkRightEntry = z
  .object({
    kind: z.literal('workRight'),
    ...baseEntry,
    status: z.enum(STATUS_IDS),
    canWork: z.enum(TRISTATE),
    waiting: Waiting.optional(),
    permitNeeded: z.enum(TRISTATE),
    whoApplies: LocalText.optional(),
    proofDocument: LocalText.optional(),
    limits: LocalText.optional(),
    appealStage: LocalText.optional(),
    endsWhen: LocalText.optional(),
    selfEmployment: z.object({ allowed: z.enum(TRISTATE), text: LocalText }).strict(),
  })
  .strict();

export const ProcedureEntry = z
  .object({
    kind: z.literal('procedure'),
    ...baseEntry,
    procedureType: z.enum(PROCEDURE_TYPES),
    /** The organisation entry that runs it, when it is in the directory. */
    body: entryId.optional(),
    bodyName: z.string().optional(),
    url: httpsUrl.optional(),
    /** Qualification levels it applies to; empty = any. */
    levels: z.array(z.enum(LEVEL_IDS)).optional(),
    issues: LocalText.optional(),
    steps: z.array(LocalText).optional(),
    documents: LocalText.optional(),
    cost: LocalText.optional(),
    duration: LocalText.optional(),
    feeWaiver: LocalText.optional(),
  })
  .strict();

export const ProfessionEntry = z
  .object({
    kind: z.literal('profession'),
    ...baseEntry,
    profession: taxonomyId,
    regulated: z.enum(['yes', 'no', 'unknown']),
    authority: z
      .object({ name: z.string().min(1), url: httpsUrl.optional() })
      .strict()
      .optional(),
    /** The organisation entry of the authority, when it is in the directory. */
    body: entryId.optional(),
    steps: z.array(LocalText).optional(),
    cost: LocalText.optional(),
    duration: LocalText.optional(),
    languageRequirement: LocalText.optional(),
  })
  .strict();

export const OrganisationEntry = z
  .object({
    kind: z.literal('organisation'),
    ...baseEntry,
    orgType: z.enum(ORGANISATION_TYPES),
    audience: z.array(z.enum(AUDIENCE_IDS)).min(1),
    url: httpsUrl.optional(),
    /** Cities (taxonomy ids) where it works, when not country- or region-wide. */
    cities: z.array(taxonomyId).optional(),
    /** A Skills2Work good practice or partner. */
    skills2work: z.boolean().optional(),
    /** The programme may have ended (say so to the user). */
    mayHaveEnded: z.boolean().optional(),
    /** Topics it helps with, used to pick services for a plan. */
    helpsWith: z
      .array(z.enum(['work', 'recognition', 'validation', 'legal', 'language', 'business', 'study', 'hiring']))
      .optional(),
  })
  .strict();

export const EmployerRuleEntry = z
  .object({
    kind: z.literal('employerRule'),
    ...baseEntry,
    ruleType: z.enum(EMPLOYER_RULE_TYPES),
    /** Candidate statuses the rule concerns; empty = all. */
    statuses: z.array(z.enum(STATUS_IDS)).optional(),
  })
  .strict();

export const GuidanceEntry = z
  .object({
    kind: z.literal('guidance'),
    ...baseEntry,
    audience: z.array(z.enum(AUDIENCE_IDS)).min(1),
  })
  .strict();

export const StoryEntry = z
  .object({
    kind: z.literal('story'),
    ...baseEntry,
    person: z.string().min(1),
    /** Profession ids or goal ids the story illustrates, to pick a story for a plan. */
    professions: z.array(taxonomyId).optional(),
    goals: z.array(z.enum(GOAL_IDS)).optional(),
    statuses: z.array(z.enum(STATUS_IDS)).optional(),
  })
  .strict();

/** European-level rules and tools (directives, EQPR, Europass …) and other general information. */
export const InfoEntry = z
  .object({
    kind: z.literal('info'),
    ...baseEntry,
    topic: z.enum([
      'temporary_protection',
      'asylum',
      'recognition',
      'validation',
      'tools',
      'rights',
      'emergency',
      'other',
    ]),
    url: httpsUrl.optional(),
  })
  .strict();

export const FaqEntry = z
  .object({
    kind: z.literal('faq'),
    ...baseEntry,
  })
  .strict();

export const Entry = z.discriminatedUnion('kind', [
  WorkRightEntry,
  ProcedureEntry,
  ProfessionEntry,
  OrganisationEntry,
  EmployerRuleEntry,
  GuidanceEntry,
  StoryEntry,
  InfoEntry,
  FaqEntry,
]);
export type Entry = z.infer<typeof Entry>;
export type EntryKind = Entry['kind'];
export type WorkRightEntry = z.infer<typeof WorkRightEntry>;
export type ProcedureEntry = z.infer<typeof ProcedureEntry>;
export type ProfessionEntry = z.infer<typeof ProfessionEntry>;
export type OrganisationEntry = z.infer<typeof OrganisationEntry>;
export type EmployerRuleEntry = z.infer<typeof EmployerRuleEntry>;
export type GuidanceEntry = z.infer<typeof GuidanceEntry>;
export type StoryEntry = z.infer<typeof StoryEntry>;
export type InfoEntry = z.infer<typeof InfoEntry>;
export type FaqEntry = z.infer<typeof FaqEntry>;
export type EntryOf<K extends EntryKind> = Extract<Entry, { kind: K }>;

/** A content file: a list of entries. */
export const ContentFile = z.object({ entries: z.array(z.unknown()) }).strict();

/** A taxonomy term: a stable id with names (first = display name) and synonyms per language. */
export const TaxonomyTerm = z
  .object({
    id: taxonomyId,
    names: LocalList.refine((v) => (v.en?.length ?? 0) > 0, 'an English name is required'),
    /** Parent ids: a city's country and region, a region's country. */
    country: z.enum(SCOPE_CODES).optional(),
    region: taxonomyId.optional(),
    /** Country taxonomy only: whether Pathfinder covers it (false for countries users ask about but we do not cover). */
    covered: z.boolean().optional(),
  })
  .strict();
export type TaxonomyTerm = z.infer<typeof TaxonomyTerm>;

export const TAXONOMY_KINDS = [
  'countries',
  'regions',
  'cities',
  'statuses',
  'goals',
  'levels',
  'professions',
  'documents',
] as const;
export type TaxonomyKind = (typeof TAXONOMY_KINDS)[number];

export const TaxonomyFile = z
  .object({
    taxonomy: z.enum(TAXONOMY_KINDS),
    terms: z.array(z.unknown()),
  })
  .strict();
