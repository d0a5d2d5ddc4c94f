// A backup restored into an empty database gives back every record, on either engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { openEmptyTestDatabase } from '../../test/template';
import { backupTables, createBackup, restoreBackup, tablesMissingFromBackup } from './backup.service';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const token = await t.login('admin');
  for (const name of ['杭州制氧机集团股份有限公司', '北京市政工程设计研究总院']) {
    expect((await t.call(token, 'POST', '/api/v1/organizations', { name, type: 'owner', tags: ['重点'] })).status).toBe(201);
  }
});
afterAll(async () => t?.close());

describe('backup and restore', () => {
  it('covers every table of the schema', async () => {
    expect(await tablesMissingFromBackup(t.database)).toEqual([]);
  });

  it('restores every row into an empty database, and refuses a non-empty one', async () => {
    const backup = await createBackup(t.database);
    expect(backup.tables.organizations).toHaveLength(2);
    const target = await openEmptyTestDatabase();
    try {
      const counts = await restoreBackup(target, JSON.parse(JSON.stringify(backup)));
      for (const table of backupTables) {
        const [source] = await t.database.query<{ rows: string }>(`select coalesce(json_agg(t order by t::text), '[]')::text as rows from ${table} t`);
        const [restored] = await target.query<{ rows: string }>(`select coalesce(json_agg(t order by t::text), '[]')::text as rows from ${table} t`);
        expect(restored?.rows, table).toBe(source?.rows);
        expect(counts[table]).toBe(backup.tables[table]!.length);
      }
      await expect(restoreBackup(target, backup)).rejects.toThrow(/not empty/);
    } finally {
      await target.close();
    }
  });
});
