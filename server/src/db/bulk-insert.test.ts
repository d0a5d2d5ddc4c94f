// bulkInsert writes what drizzle's insert would: every given value with its type, defaults where a row leaves a
// column out, and returns the rows by property name.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizations } from '../modules/organizations/organizations.table';
import { recordHistory } from '../platform/audit/audit.table';
import { openTestDatabase } from '../test/template';
import { bulkInsert } from './bulk-insert';
import type { Database } from './client';

let database: Database;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

describe('bulkInsert', () => {
  it('inserts typed values, applies defaults per row and returns rows by property name', async () => {
    const revisit = '2026-12-24';
    const owned = new Date('2026-11-01T08:30:00.000Z');
    const rows = await bulkInsert(database.db, organizations, [
      { name: '上海批量甲有限公司', number: 'BULK-1', type: 'owner', stage: 'intentional', tags: ['重点', "it's"], customFields: { budget: '12.50' }, revisitOn: revisit, ownedSince: owned },
      { name: '批量乙 "引号" 公司', number: 'BULK-2', type: 'supplier', phone: '021-1234 5678' },
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ name: '上海批量甲有限公司', stage: 'intentional', tags: ['重点', "it's"], customFields: { budget: '12.50' }, revisitOn: revisit, version: 1 });
    // Left out (or null) where the column has a default: the default, not null.
    expect(rows[1]).toMatchObject({ name: '批量乙 "引号" 公司', stage: 'new', tags: [], customFields: {}, revisitOn: null, phone: '021-1234 5678' });
    expect(typeof rows[0]!.id).toBe('string');

    const [stored] = await database.db.select().from(organizations).where(eq(organizations.number, 'BULK-1'));
    expect(stored!.ownedSince?.toISOString()).toBe(owned.toISOString());
    expect(stored!.revisitOn).toBe(revisit);
    // Generated columns are computed by the database as for any insert.
    expect(stored!.nameKey).toBe('批量甲');
  });

  it('returns the columns asked for, or nothing', async () => {
    const [row] = await bulkInsert(database.db, organizations, [{ name: '返回列公司', number: 'BULK-4', type: 'owner' }], ['id', 'stage']);
    expect(Object.keys(row!).sort()).toEqual(['id', 'stage']);
    expect(row!.stage).toBe('new');
    expect(await bulkInsert(database.db, organizations, [{ name: '不返回公司', number: 'BULK-5', type: 'owner' }], [])).toEqual([]);
    expect(await database.db.select().from(organizations).where(eq(organizations.number, 'BULK-5'))).toHaveLength(1);
  });

  it('inserts nothing for no rows, and refuses a whole batch when one row breaks a constraint', async () => {
    expect(await bulkInsert(database.db, recordHistory, [])).toEqual([]);
    await expect(
      bulkInsert(database.db, organizations, [
        { name: '约束甲', number: 'BULK-3', type: 'owner' },
        { name: '约束乙', number: 'BULK-3', type: 'owner' },
      ]),
    ).rejects.toThrow();
    expect(await database.db.select().from(organizations).where(eq(organizations.number, 'BULK-3'))).toHaveLength(0);
  });
});
