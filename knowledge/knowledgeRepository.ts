/**
 * The knowledge repository over the compiled SQLite file: read-only, prepared statements, plain
 * typed entries (the validated JSON the compiler stored). Results are sorted by id.
 */
import Database from 'better-sqlite3';
import {
  type CountryCode,
  type EmployerRuleEntry,
  type Entry,
  type EntryKind,
  type EntryOf,
  type OrganisationEntry,
  type ProcedureEntry,
  type ProfessionEntry,
  type ScopeCode,
  type StatusId,
  type StoryEntry,
  type TaxonomyKind,
  type TaxonomyTerm,
  type WorkRightEntry,
} from './schema';
import { KNOWLEDGE_SCHEMA_VERSION, META_KEYS } from './sqliteSchema';
import type { EntryFilter, KnowledgeMeta, KnowledgeRepository, OrganisationFilter } from './types';

interface DataRow {
  data: string;
}

interface TaxonomyRow {
  id: string;
  country: string | null;
  region: string | null;
  covered: number | null;
  names: string;
}

interface MetaRow {
  key: string;
  value: string;
}

/** Region semantics: no region asked → every entry; entries without regions hold in the whole country. */
const REGION_CLAUSE = `(@region IS NULL OR regions IS NULL
  OR EXISTS (SELECT 1 FROM json_each(entries.regions) WHERE json_each.value = @region))`;

interface KindParams {
  kind: string;
  country: string | null;
  region: string | null;
}

/** Entries of one kind for a country (and region), with the key column of that kind. */
interface KeyParams extends KindParams {
  key: string;
}

/** The compiler stored the entry after schema validation; the schema version check guards its shape. */
function parseEntry(row: DataRow): Entry {
  return JSON.parse(row.data) as Entry;
}

function isKind<K extends EntryKind>(kind: K): (entry: Entry) => entry is EntryOf<K> {
  return (entry): entry is EntryOf<K> => entry.kind === kind;
}

function toTerm(row: TaxonomyRow): TaxonomyTerm {
  return {
    id: row.id,
    names: JSON.parse(row.names) as TaxonomyTerm['names'],
    ...(row.country === null ? {} : { country: row.country as TaxonomyTerm['country'] }),
    ...(row.region === null ? {} : { region: row.region }),
    ...(row.covered === null ? {} : { covered: row.covered === 1 }),
  };
}

/** Whether an entry concerns a status: entries that name no statuses concern all of them. */
function concernsStatus(entry: Entry, status: StatusId | undefined): boolean {
  if (status === undefined) {
    return true;
  }
  switch (entry.kind) {
    case 'workRight':
      return entry.status === status;
    case 'employerRule':
    case 'story':
      return entry.statuses === undefined || entry.statuses.length === 0 || entry.statuses.includes(status);
    default:
      return true;
  }
}

/** The KnowledgeRepository over a compiled knowledge database. Call `close()` when done. */
export class SqliteKnowledgeRepository implements KnowledgeRepository {
  private readonly db: Database.Database;
  private readonly byId: Database.Statement<[string], DataRow>;
  private readonly byKind: Database.Statement<KindParams, DataRow>;
  private readonly byStatus: Database.Statement<KeyParams, DataRow>;
  private readonly byProcedureType: Database.Statement<KeyParams, DataRow>;
  private readonly byProfession: Database.Statement<KeyParams, DataRow>;
  private readonly taxonomyOf: Database.Statement<[string], TaxonomyRow>;
  private readonly taxonomyTerm: Database.Statement<[string, string], TaxonomyRow>;
  private readonly metaRows: Database.Statement<[], MetaRow>;

  /** Opens the database at `dbPath` read-only; throws when it is missing or of another schema version. */
  constructor(dbPath: string) {
    this.db = new Database(dbPath, { readonly: true, fileMustExist: true });
    this.metaRows = this.db.prepare<[], MetaRow>('SELECT key, value FROM meta ORDER BY key');
    const version = this.metaValue(META_KEYS.schemaVersion);
    if (version !== String(KNOWLEDGE_SCHEMA_VERSION)) {
      this.db.close();
      throw new Error(
        `${dbPath}: knowledge database schema ${version ?? '(none)'}, expected ${KNOWLEDGE_SCHEMA_VERSION}; run npm run kb:build`,
      );
    }
    this.byId = this.db.prepare<[string], DataRow>('SELECT data FROM entries WHERE id = ?');
    const ofKind = `SELECT data FROM entries WHERE kind = @kind AND (@country IS NULL OR country = @country) AND ${REGION_CLAUSE}`;
    this.byKind = this.db.prepare<KindParams, DataRow>(`${ofKind} ORDER BY id`);
    this.byStatus = this.db.prepare<KeyParams, DataRow>(`${ofKind} AND status = @key ORDER BY id`);
    this.byProcedureType = this.db.prepare<KeyParams, DataRow>(`${ofKind} AND procedure_type = @key ORDER BY id`);
    this.byProfession = this.db.prepare<KeyParams, DataRow>(`${ofKind} AND profession = @key ORDER BY id`);
    this.taxonomyOf = this.db.prepare<[string], TaxonomyRow>(
      'SELECT id, country, region, covered, names FROM taxonomy WHERE kind = ? ORDER BY id',
    );
    this.taxonomyTerm = this.db.prepare<[string, string], TaxonomyRow>(
      'SELECT id, country, region, covered, names FROM taxonomy WHERE kind = ? AND id = ?',
    );
  }

  private metaValue(key: string): string | undefined {
    return this.metaRows.all().find((row) => row.key === key)?.value;
  }

  /** The date, size and hash of the content the database was built from. */
  meta(): KnowledgeMeta {
    return {
      knowledgeDate: this.metaValue(META_KEYS.knowledgeDate) ?? '',
      entryCount: Number(this.metaValue(META_KEYS.entryCount) ?? 0),
      contentHash: this.metaValue(META_KEYS.contentHash) ?? '',
    };
  }

  /** One entry by id. */
  get(id: string): Entry | undefined {
    const row = this.byId.get(id);
    return row ? parseEntry(row) : undefined;
  }

  /** Entries of a kind, filtered by country, region and status (see EntryFilter). */
  list<K extends EntryKind>(kind: K, filter: EntryFilter = {}): EntryOf<K>[] {
    return this.byKind
      .all({ kind, country: filter.country ?? null, region: filter.region ?? null })
      .map(parseEntry)
      .filter(isKind(kind))
      .filter((entry) => concernsStatus(entry, filter.status));
  }

  /** The work-right entry of a country and status. */
  workRight(country: CountryCode, status: StatusId): WorkRightEntry | undefined {
    return this.byStatus
      .all({ kind: 'workRight', country, region: null, key: status })
      .map(parseEntry)
      .find(isKind('workRight'));
  }

  /** Procedures of a type in a country; with a region, those of the region and the country-wide ones. */
  procedures(country: ScopeCode, type: ProcedureEntry['procedureType'], region?: string): ProcedureEntry[] {
    return this.byProcedureType
      .all({ kind: 'procedure', country, region: region ?? null, key: type })
      .map(parseEntry)
      .filter(isKind('procedure'));
  }

  /** The profession entry of a country and profession id. */
  profession(country: CountryCode, professionId: string): ProfessionEntry | undefined {
    return this.byProfession
      .all({ kind: 'profession', country, region: null, key: professionId })
      .map(parseEntry)
      .find(isKind('profession'));
  }

  /**
   * Directory entries of a country. A city filter keeps organisations working there or with no city list,
   * and, when no region is given, implies the city's region from the taxonomy.
   */
  organisations(country: ScopeCode, filter: OrganisationFilter = {}): OrganisationEntry[] {
    const region = filter.region ?? (filter.city === undefined ? undefined : this.term('cities', filter.city)?.region);
    return this.list('organisation', { country, ...(region === undefined ? {} : { region }) }).filter(
      (entry) =>
        (filter.city === undefined ||
          entry.cities === undefined ||
          entry.cities.length === 0 ||
          entry.cities.includes(filter.city)) &&
        (filter.audience === undefined || entry.audience.includes(filter.audience)) &&
        (filter.helpsWith === undefined || (entry.helpsWith ?? []).includes(filter.helpsWith)),
    );
  }

  /** Employer rules of a country; with a status, the rules that name it or name no status. */
  employerRules(country: CountryCode, status?: StatusId): EmployerRuleEntry[] {
    return this.list('employerRule', { country, ...(status === undefined ? {} : { status }) });
  }

  /** Success stories, optionally of a country and illustrating a profession. */
  stories(filter: { country?: CountryCode; profession?: string } = {}): StoryEntry[] {
    return this.list('story', filter.country === undefined ? {} : { country: filter.country }).filter(
      (entry) => filter.profession === undefined || (entry.professions ?? []).includes(filter.profession),
    );
  }

  /** All terms of a taxonomy, by id. */
  taxonomy(kind: TaxonomyKind): TaxonomyTerm[] {
    return this.taxonomyOf.all(kind).map(toTerm);
  }

  /** One taxonomy term. */
  term(kind: TaxonomyKind, id: string): TaxonomyTerm | undefined {
    const row = this.taxonomyTerm.get(kind, id);
    return row ? toTerm(row) : undefined;
  }

  /** Closes the database. */
  close(): void {
    this.db.close();
  }
}

/** Opens the compiled knowledge database at `dbPath` (read-only). */
export function openKnowledgeRepository(dbPath: string): SqliteKnowledgeRepository {
  return new SqliteKnowledgeRepository(dbPath);
}
