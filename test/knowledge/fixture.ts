/**
 * Helpers for the knowledge tests: the fixture content folder (test/fixtures/knowledge/content, made-up
 * data) and temporary folders that the tests compile into.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compileKnowledge } from '../../knowledge/compiler';
import type { CountryCode, StatusId, WorkRightEntry } from '../../knowledge/schema';
import type { KnowledgeRepository } from '../../knowledge/types';

export const FIXTURE_CONTENT = path.resolve(__dirname, '..', 'fixtures', 'knowledge', 'content');
/** The real knowledge content of the project. */
export const REAL_CONTENT = path.resolve(__dirname, '..', '..', 'knowledge', 'content');

/** A new empty temporary folder; remove it with `removeDir`. */
export function makeTempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'pathfinder-kb-'));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Compiles a content folder into `dir`/knowledge.sqlite and returns the database path; throws on errors. */
export function compileInto(dir: string, contentDir: string): string {
  const dbPath = path.join(dir, 'knowledge.sqlite');
  const result = compileKnowledge(contentDir, dbPath);
  if (!result.ok) {
    throw new Error(`${contentDir} does not compile:\n${result.errors.join('\n')}`);
  }
  return dbPath;
}

/** Compiles the fixture content into `dir`/knowledge.sqlite and returns the database path. */
export function compileFixture(dir: string): string {
  return compileInto(dir, FIXTURE_CONTENT);
}

/** Compiles the real content into `dir`/knowledge.sqlite and returns the database path. */
export function compileRealContent(dir: string): string {
  return compileInto(dir, REAL_CONTENT);
}

/** Copies the fixture content into `dir`/content, adds or replaces `files` (relative path → YAML), returns the copy's path. */
export function fixtureCopy(dir: string, files: Record<string, string> = {}): string {
  const contentDir = path.join(dir, 'content');
  cpSync(FIXTURE_CONTENT, contentDir, { recursive: true });
  for (const [file, yaml] of Object.entries(files)) {
    writeFileSync(path.join(contentDir, file), yaml);
  }
  return contentDir;
}

/** The work-right entry of a country and status; fails the test when the content has none. */
export function requireWorkRight(repo: KnowledgeRepository, country: CountryCode, status: StatusId): WorkRightEntry {
  const entry = repo.workRight(country, status);
  if (!entry) {
    throw new Error(`no work-right entry for ${country} / ${status}`);
  }
  return entry;
}
