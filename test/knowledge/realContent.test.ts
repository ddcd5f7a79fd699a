/**
 * Compiles the real knowledge/content folder and checks only its structure: it loads without schema
 * errors, builds, and every entry survives the round trip. Facts are pinned elsewhere.
 */
import path from 'node:path';
import { compileKnowledge, type CompileResult } from '../../knowledge/compiler';
import { openKnowledgeRepository } from '../../knowledge/knowledgeRepository';
import { openKnowledgeSearch } from '../../knowledge/knowledgeSearch';
import { loadContent, type LoadedContent } from '../../knowledge/loader';
import { makeTempDir, removeDir } from './fixture';

const CONTENT_DIR = path.resolve(__dirname, '..', '..', 'knowledge', 'content');

describe('real knowledge content', () => {
  let dir: string;
  let dbPath: string;
  let content: LoadedContent;
  let result: CompileResult;

  beforeAll(() => {
    dir = makeTempDir();
    dbPath = path.join(dir, 'knowledge.sqlite');
    content = loadContent(CONTENT_DIR);
    result = compileKnowledge(CONTENT_DIR, dbPath);
  });
  afterAll(() => removeDir(dir));

  it('has no schema errors', () => {
    expect(content.errors).toEqual([]);
    expect(content.entries.length).toBeGreaterThan(0);
  });

  it('builds without errors', () => {
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('stores every entry unchanged and reports the count', () => {
    const repository = openKnowledgeRepository(dbPath);
    try {
      expect(repository.meta().entryCount).toBe(content.entries.length);
      for (const { entry } of content.entries) {
        expect(repository.get(entry.id)).toEqual(entry);
      }
    } finally {
      repository.close();
    }
  });

  it('opens a search over it that answers without throwing', () => {
    const repository = openKnowledgeRepository(dbPath);
    const search = openKnowledgeSearch(dbPath, repository);
    try {
      const hits = search.search('Can I work?', { lang: 'en' });
      expect(hits.every((hit) => hit.score >= 0 && hit.score <= 1)).toBe(true);
      expect(Array.isArray(search.findTerms('Belgium', 'countries', 'en'))).toBe(true);
    } finally {
      search.close();
      repository.close();
    }
  });
});
