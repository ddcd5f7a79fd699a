/**
 * The botbuilder Storage contract every state backend must keep (SQLite now, PostgreSQL for
 * scale-out later): read returns only existing keys with their eTag, writes with "*" or no eTag
 * upsert, conditional writes fail on a stale eTag, every write gets a new eTag, delete ignores
 * missing keys, and keys with : ; @ / are just keys.
 */
import type { Storage } from 'botbuilder';

export interface StorageFixture {
  storage: Storage;
  /** Opens a second handle on the same data (another process, another instance). */
  reopen?: () => Promise<Storage>;
  close: () => Promise<void>;
}

export function describeStorageContract(name: string, open: () => Promise<StorageFixture>): void {
  describe(`${name} keeps the Storage contract`, () => {
    let fixture: StorageFixture;
    beforeEach(async () => {
      fixture = await open();
    });
    afterEach(async () => {
      await fixture.close();
    });

    it('returns only the keys that exist', async () => {
      await fixture.storage.write({ a: { value: 1 } });
      const items = await fixture.storage.read(['a', 'missing']);
      expect(Object.keys(items)).toEqual(['a']);
      expect(items.a).toMatchObject({ value: 1 });
      expect(typeof items.a?.eTag).toBe('string');
    });

    it('gives a new eTag on every write', async () => {
      await fixture.storage.write({ a: { value: 1 } });
      const first = (await fixture.storage.read(['a'])).a?.eTag as string;
      await fixture.storage.write({ a: { value: 2, eTag: '*' } });
      const second = (await fixture.storage.read(['a'])).a?.eTag as string;
      expect(second).not.toEqual(first);
    });

    it('writes when the eTag matches and refuses a stale eTag', async () => {
      await fixture.storage.write({ a: { value: 1 } });
      const stale = (await fixture.storage.read(['a'])).a as { eTag: string };
      await fixture.storage.write({ a: { value: 2, eTag: stale.eTag } });
      await expect(fixture.storage.write({ a: { value: 3, eTag: stale.eTag } })).rejects.toThrow(/eTag/i);
      expect((await fixture.storage.read(['a'])).a).toMatchObject({ value: 2 });
    });

    it('does not store the eTag inside the item', async () => {
      await fixture.storage.write({ a: { value: 1, eTag: '*' } });
      const item = (await fixture.storage.read(['a'])).a as Record<string, unknown>;
      expect(item.eTag).not.toBe('*');
    });

    it('applies a batch atomically: a conflict in one key writes none of them', async () => {
      await fixture.storage.write({ a: { value: 1 } });
      await expect(
        fixture.storage.write({ b: { value: 'new' }, a: { value: 9, eTag: 'not-the-current-etag' } }),
      ).rejects.toThrow();
      expect(await fixture.storage.read(['b'])).toEqual({});
    });

    it('deletes keys and ignores missing ones', async () => {
      await fixture.storage.write({ a: { value: 1 }, b: { value: 2 } });
      await fixture.storage.delete(['a', 'never-written']);
      expect(Object.keys(await fixture.storage.read(['a', 'b']))).toEqual(['b']);
    });

    it('treats keys with separators and quotes as plain keys', async () => {
      const key = "webchat/conversations/a:b;c@d/'; DROP TABLE state; --";
      await fixture.storage.write({ [key]: { text: 'مرحبا 👋' } });
      expect((await fixture.storage.read([key]))[key]).toMatchObject({ text: 'مرحبا 👋' });
    });

    it('keeps nested data intact', async () => {
      const data = { profile: { country: 'IE', filled: ['country'], nested: { n: 1, list: [1, 'two', null] } } };
      await fixture.storage.write({ user: data });
      expect((await fixture.storage.read(['user'])).user).toMatchObject(data);
    });

    it('is seen by another handle on the same data', async () => {
      if (!fixture.reopen) {
        return;
      }
      await fixture.storage.write({ shared: { value: 42 } });
      const other = await fixture.reopen();
      expect((await other.read(['shared'])).shared).toMatchObject({ value: 42 });
    });
  });
}
