/**
 * botbuilder `Storage` on an embedded SQLite file: the default state store. It keeps the eTag
 * contract (conditional writes, a new eTag on every write, conflicts raise) so that it can be
 * swapped for PostgresStorage behind a load balancer without changing behaviour.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Storage, StoreItems } from 'botbuilder';

/** How long a writer waits for a lock held by another connection before failing. */
const BUSY_TIMEOUT_MS = 5000;

interface StateRow {
  key: string;
  etag: string;
  data: string;
}

/** Raised when a conditional write finds a different eTag: another turn changed the item first. */
export class ETagConflictError extends Error {
  constructor(key: string) {
    super(`Storage: eTag conflict for key "${key}"`);
    this.name = 'ETagConflictError';
  }
}

export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private readonly selectOne: Database.Statement<[string], StateRow>;
  private readonly upsert: Database.Statement<[string, string, string]>;
  private readonly updateIfMatch: Database.Statement<[string, string, string, string]>;
  private readonly deleteOne: Database.Statement<[string]>;

  /** Opens (or creates) the state database at `file`; its folder is created when missing. */
  constructor(file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    this.db.exec('CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, etag TEXT NOT NULL, data TEXT NOT NULL)');
    this.selectOne = this.db.prepare('SELECT key, etag, data FROM state WHERE key = ?');
    this.upsert = this.db.prepare(
      'INSERT INTO state (key, etag, data) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET etag = excluded.etag, data = excluded.data',
    );
    this.updateIfMatch = this.db.prepare('UPDATE state SET etag = ?, data = ? WHERE key = ? AND etag = ?');
    this.deleteOne = this.db.prepare('DELETE FROM state WHERE key = ?');
  }

  /** Returns only the keys that exist, each with its current eTag. */
  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const row = this.selectOne.get(key);
      if (row) {
        items[key] = { ...(JSON.parse(row.data) as object), eTag: row.etag };
      }
    }
    return items;
  }

  /**
   * Writes all changes in one transaction. An item with eTag "*" or none is written unconditionally;
   * otherwise only when the stored eTag matches (or the key does not exist yet), else the whole batch fails.
   */
  async write(changes: StoreItems): Promise<void> {
    const apply = this.db.transaction((batch: StoreItems) => {
      for (const [key, item] of Object.entries(batch)) {
        const { eTag, ...rest } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
        const data = JSON.stringify(rest);
        const newETag = randomUUID();
        if (!eTag || eTag === '*' || !this.selectOne.get(key)) {
          this.upsert.run(key, newETag, data);
        } else if (this.updateIfMatch.run(newETag, data, key, eTag).changes === 0) {
          throw new ETagConflictError(key);
        }
      }
    });
    apply(changes);
  }

  /** Deletes the keys; missing keys are ignored. */
  async delete(keys: string[]): Promise<void> {
    const remove = this.db.transaction((all: string[]) => {
      for (const key of all) {
        this.deleteOne.run(key);
      }
    });
    remove(keys);
  }

  close(): void {
    this.db.close();
  }
}
