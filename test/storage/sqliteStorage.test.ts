import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SqliteStorage } from '../../bot/storage/sqliteStorage';
import { describeStorageContract } from './storageContract';

describeStorageContract('SqliteStorage', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pathfinder-storage-'));
  const file = path.join(dir, 'state.sqlite');
  const storage = new SqliteStorage(file);
  const others: SqliteStorage[] = [];
  return {
    storage,
    reopen: async () => {
      const other = new SqliteStorage(file);
      others.push(other);
      return other;
    },
    close: async () => {
      storage.close();
      others.forEach((other) => other.close());
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
