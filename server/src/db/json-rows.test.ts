// A record read as one JSON text gives exactly what drizzle's own mapping of the same columns gives — every kind of
// column, nulls included, on either engine; and a list page reads records that way on PGlite only.
import { asc } from 'drizzle-orm';
import { bigint, boolean, date, integer, jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { getTableColumns } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../test/template';
import type { Database } from './client';
import { fromJsonRow, jsonRow, recordColumns } from './json-rows';

const probes = pgTable('json_row_probe', {
  id: integer('id').primaryKey(),
  key: uuid('key'),
  name: text('name'),
  amount: numeric('amount', { precision: 20, scale: 2 }),
  big: bigint('big', { mode: 'number' }),
  active: boolean('active'),
  at: timestamp('at', { withTimezone: true }),
  localAt: timestamp('local_at'),
  atText: timestamp('at_text', { withTimezone: true, mode: 'string' }),
  day: date('day'),
  tags: jsonb('tags').$type<string[]>(),
  fields: jsonb('fields').$type<Record<string, unknown>>(),
  quoted: jsonb('quoted'),
});
const columns = getTableColumns(probes);

let database: Database;

beforeAll(async () => {
  database = await openTestDatabase();
  await database.query(`create table json_row_probe (id int primary key, key uuid, name text, amount numeric(20, 2), big bigint,
    active boolean, at timestamptz, local_at timestamp, at_text timestamptz, day date, tags jsonb, fields jsonb, quoted jsonb)`);
  await database.db.insert(probes).values([
    {
      id: 1,
      key: '9195d976-72a6-44c2-85f3-04d78ee978ba',
      name: '上海宝钢设备工程公司 "引号" \\ 反斜杠',
      amount: '12345678901234567.89',
      big: 9_007_199_254_740_991,
      active: true,
      at: new Date('2026-12-07T22:12:46.123Z'),
      localAt: new Date('2026-01-02T03:04:05.678Z'),
      atText: '2026-12-07 22:12:46.123456+00',
      day: '2026-02-28',
      tags: ['重点', 'vip'],
      fields: { level: 3, note: '年度框架', nested: { ok: true } },
      quoted: '123',
    },
    { id: 2 },
  ]);
});
afterAll(async () => database?.close());

describe('jsonRow / fromJsonRow', () => {
  it('read back what drizzle maps from the same columns, nulls included', async () => {
    const expected = await database.db.select(columns).from(probes).orderBy(asc(probes.id));
    const asJson = await database.db.select({ row: jsonRow(columns) }).from(probes).orderBy(asc(probes.id));
    const read = asJson.map(({ row }) => fromJsonRow<typeof probes.$inferSelect>(columns, row));
    // A string column of timestamps keeps PostgreSQL's text on the column path only; as a Date both are one instant.
    const instant = (value: string | null) => (value === null ? null : new Date(value).toISOString());
    // `quoted` apart: drizzle parses a JSON string value a second time (the string "123" becomes the number 123).
    const comparable = (row: typeof probes.$inferSelect) => ({ ...row, atText: instant(row.atText), quoted: undefined });
    expect(read.map(comparable)).toEqual(expected.map(comparable));
    expect(read[0]!.amount).toBe('12345678901234567.89');
    expect(read[0]!.big).toBe(9_007_199_254_740_991);
    expect(read[0]!.at).toEqual(new Date('2026-12-07T22:12:46.123Z'));
    // A JSON string that looks like a number stays the string it is.
    expect(read[0]!.quoted).toBe('123');
    expect(read[1]).toMatchObject({ id: 2, name: null, at: null, tags: null });
  });

  it('refuses more columns than json_build_object takes', () => {
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`c${index}`, probes.id]));
    expect(() => jsonRow(many)).toThrow('at most 50 columns');
  });
});

describe('recordColumns', () => {
  it('selects one JSON text per row on PGlite and the columns on PostgreSQL, and reads either the same way', async () => {
    const record = recordColumns<typeof probes.$inferSelect>(database.db, columns);
    const rows = await database.db.select({ record: record.selection }).from(probes).orderBy(asc(probes.id));
    expect(typeof rows[0]!.record).toBe(database.engine === 'pglite' ? 'string' : 'object');
    expect(record.read(rows[0]!.record)).toMatchObject({ id: 1, amount: '12345678901234567.89', tags: ['重点', 'vip'] });
    // Inside a transaction too.
    await database.db.transaction(async (tx) => {
      const inTx = recordColumns<typeof probes.$inferSelect>(tx, columns);
      const [row] = await tx.select({ record: inTx.selection }).from(probes).orderBy(asc(probes.id)).limit(1);
      expect(typeof row!.record).toBe(database.engine === 'pglite' ? 'string' : 'object');
      expect(inTx.read(row!.record).id).toBe(1);
    });
  });
});
