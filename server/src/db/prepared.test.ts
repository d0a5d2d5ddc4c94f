// executeStatement answers what execute answers, on either engine; on PostgreSQL each connection prepares a statement
// once, under a name no other text shares, and runs it with each call's parameters; in a transaction it stays inside.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../test/template';
import type { Database } from './client';
import { cachedPrepared, executeStatement, runPrepared } from './prepared';
import { organizations } from '../modules/organizations/organizations.table';

let database: Database;

beforeAll(async () => {
  database = await openTestDatabase();
  await database.query(`create table prepared_probe (id int primary key, label text not null)`);
  await database.query(`insert into prepared_probe values (1, '一'), (2, '二'), (3, '三')`);
});
afterAll(async () => database?.close());

const labelsFrom = (min: number) => sql`select id, label from prepared_probe where id >= ${min} order by id`;

describe('executeStatement', () => {
  it('answers as execute does, with each call’s parameters', async () => {
    for (const min of [1, 2, 3, 2, 1, 3, 2, 1]) {
      const prepared = await executeStatement<{ id: number; label: string }>(database.db, labelsFrom(min), { prepared: true });
      const plain = await database.db.execute<{ id: number; label: string }>(labelsFrom(min));
      expect(prepared.rows).toEqual(plain.rows);
      expect(prepared.rows[0]).toEqual({ id: min, label: ['一', '二', '三'][min - 1] });
    }
    // Another text, another statement: never the first one's rows.
    const counted = await executeStatement<{ total: string | number }>(database.db, sql`select count(*) as total from prepared_probe where id >= ${2}`, { prepared: true });
    expect(Number(counted.rows[0]!.total)).toBe(2);
  });

  it('is a named statement on PostgreSQL, an ordinary one on PGlite', async () => {
    await executeStatement(database.db, labelsFrom(1), { prepared: true });
    // Asked on the same statement path: the connection that answers lists what it has prepared.
    const listed = await executeStatement<{ names: string[] }>(database.db, sql`select coalesce(array_agg(name), '{}') as names from pg_prepared_statements where ${1} = 1`, { prepared: true });
    const names = listed.rows[0]!.names;
    if (database.engine === 'postgres') expect(names.some((name) => name.startsWith('psm_'))).toBe(true);
    else expect(names).toEqual([]);
  });

  it('runs a query builder prepared, its rows mapped as drizzle maps them, each call with its own values', async () => {
    await database.db.insert(organizations).values([
      { name: '预备甲公司', number: 'PREP-1', type: 'owner' },
      { name: '预备乙公司', number: 'PREP-2', type: 'supplier' },
    ]);
    const named = (type: string, name: string) =>
      database.db.select({ name: organizations.name, createdAt: organizations.createdAt }).from(organizations).where(and(eq(organizations.type, type), eq(organizations.name, name)));
    for (const [type, name] of [['owner', '预备甲公司'], ['supplier', '预备乙公司'], ['owner', '预备甲公司']] as const) {
      expect(await runPrepared(named(type === 'owner' ? 'supplier' : 'owner', name))).toEqual([]);
      const rows = await runPrepared(named(type, name));
      expect(rows).toHaveLength(1);
      expect(rows[0]!.name).toBe(name);
      expect(rows[0]!.createdAt).toBeInstanceOf(Date);
    }
  });

  it('runs a query builder under the name of its text on PostgreSQL (built once), as an ordinary statement on PGlite', async () => {
    // The statement lists the connection's prepared statements, itself among them once it is one.
    const listing = () => database.db.select({ name: sql<string>`name`, statement: sql<string>`statement` }).from(sql`pg_prepared_statements`).where(sql`${1} = 1`);
    const rows = await runPrepared(listing());
    const itself = rows.filter((row) => row.statement === listing().toSQL().sql);
    if (database.engine === 'postgres') expect(itself.map((row) => row.name)).toEqual([expect.stringMatching(/^psm_/)]);
    else expect(rows).toEqual([]);
  });

  it('runs inside a transaction as part of it', async () => {
    await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into prepared_probe values (4, '四')`);
        const seen = await executeStatement<{ id: number }>(tx, labelsFrom(4), { prepared: true });
        expect(seen.rows.map((row) => row.id)).toEqual([4]);
        throw new Error('roll back');
      })
      .catch((error: Error) => expect(error.message).toBe('roll back'));
    expect((await executeStatement(database.db, labelsFrom(4), { prepared: true })).rows).toEqual([]);
  });
});

describe('cachedPrepared', () => {
  it('builds a shape once and runs it with each call’s placeholder values; another key is another statement', async () => {
    let builds = 0;
    const build = () => {
      builds += 1;
      return database.db.select({ id: sql<number>`id`, label: sql<string>`label` }).from(sql`prepared_probe`).where(sql`id >= ${sql.placeholder('min')}`).orderBy(sql`id`);
    };
    for (const min of [1, 3, 2, 1]) {
      const rows = await cachedPrepared(database.db, 'probe:from', build).execute({ min });
      expect(rows.map((row) => row.id)).toEqual([1, 2, 3].filter((id) => id >= min));
    }
    expect(builds).toBe(1);
    const labels = await cachedPrepared(database.db, 'probe:labels', () => database.db.select({ label: sql<string>`label` }).from(sql`prepared_probe`).where(sql`id = ${sql.placeholder('id')}`)).execute({ id: 2 });
    expect(labels).toEqual([{ label: '二' }]);
    expect(builds).toBe(1);
  });
});
