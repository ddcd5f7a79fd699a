/**
 * The read API of the knowledge base, as the rest of the bot sees it. Plain typed objects only:
 * no rows, no SQLite handles, no botbuilder.
 */
import type { LanguageCode } from '../locales/languages';
import type {
  AudienceId,
  CountryCode,
  EmployerRuleEntry,
  Entry,
  EntryKind,
  EntryOf,
  OrganisationEntry,
  ProcedureEntry,
  ProfessionEntry,
  ScopeCode,
  StatusId,
  StoryEntry,
  TaxonomyKind,
  TaxonomyTerm,
  WorkRightEntry,
} from './schema';

export interface KnowledgeMeta {
  /** The latest verifiedOn date of any entry: "the knowledge base was last checked on". */
  knowledgeDate: string;
  entryCount: number;
  /** A hash of the content the database was built from. */
  contentHash: string;
}

export interface EntryFilter {
  country?: ScopeCode;
  /** Entries without regions hold everywhere in their country and always match. */
  region?: string;
  status?: StatusId;
}

export interface OrganisationFilter {
  region?: string;
  city?: string;
  audience?: AudienceId;
  helpsWith?: NonNullable<OrganisationEntry['helpsWith']>[number];
}

export interface KnowledgeRepository {
  meta(): KnowledgeMeta;
  get(id: string): Entry | undefined;
  list<K extends EntryKind>(kind: K, filter?: EntryFilter): EntryOf<K>[];
  workRight(country: CountryCode, status: StatusId): WorkRightEntry | undefined;
  procedures(country: ScopeCode, type: ProcedureEntry['procedureType'], region?: string): ProcedureEntry[];
  profession(country: CountryCode, professionId: string): ProfessionEntry | undefined;
  organisations(country: ScopeCode, filter?: OrganisationFilter): OrganisationEntry[];
  employerRules(country: CountryCode, status?: StatusId): EmployerRuleEntry[];
  stories(filter?: { country?: CountryCode; profession?: string }): StoryEntry[];
  taxonomy(kind: TaxonomyKind): TaxonomyTerm[];
  term(kind: TaxonomyKind, id: string): TaxonomyTerm | undefined;
}

export interface SearchOptions {
  lang: LanguageCode;
  country?: ScopeCode;
  kinds?: EntryKind[];
  limit?: number;
}

export interface SearchHit {
  entry: Entry;
  /** 0..1, higher is better. */
  score: number;
}

export interface TermMatch {
  kind: TaxonomyKind;
  id: string;
  /** The name or synonym that matched. */
  matched: string;
  /** 0..1, 1 = exact. */
  score: number;
}

export interface KnowledgeSearch {
  /** Entries that answer a free-text question, best first. User text is never passed to MATCH unescaped. */
  search(query: string, options: SearchOptions): SearchHit[];
  /** Taxonomy terms (countries, cities, statuses, professions …) named in a text, typo-tolerant. */
  findTerms(text: string, kind: TaxonomyKind, lang: LanguageCode): TermMatch[];
}
