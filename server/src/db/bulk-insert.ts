// Inserting many rows as ONE parameter: `insert … select … from jsonb_to_recordset($1)`. Drizzle's multi-row insert
// builds a parameter and a type check per cell (500 rows × 25 columns = 12,500 of each), which cost an import more
// time in this process than the database spent inserting; a JSON document is built by the engine's own serializer and
// parsed by PostgreSQL in one pass. Same SQL on PGlite and PostgreSQL.
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client';

type Row = Record<string, unknown>;

/** A value as JSON that jsonb_to_recordset turns back into the column's type. */
function jsonValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * Inserts `values` (objects keyed by the table's property names, as drizzle's insert takes them) and returns the
 * inserted rows keyed by property name with JSON values (dates and timestamps as ISO text, jsonb as parsed JSON):
 * every column, the `returning` ones only, or nothing for `returning: []`.
 * A column given for some rows only gets its default where a row leaves it out (or gives null): one column list
 * serves every row. Generated columns must not be given.
 */
export async function bulkInsert(db: DbOrTx, table: PgTable, values: Row[], returning?: readonly string[]): Promise<Row[]> {
  if (values.length === 0) return [];
  const columns = Object.entries(getTableColumns(table)) as [string, PgColumn][];
  const given = columns.filter(([key]) => values.some((value) => value[key] !== undefined));
  const records = values.map((value) => Object.fromEntries(given.map(([key, column]) => [column.name, jsonValue(value[key])])));
  const recordType = sql.join(
    given.map(([, column]) => sql`${sql.identifier(column.name)} ${sql.raw(column.getSQLType())}`),
    sql`, `,
  );
  const selected = sql.join(
    given.map(([, column]) => {
      const field = sql`${sql.identifier('given')}.${sql.identifier(column.name)}`;
      const fallback = defaultOf(column);
      return fallback ? sql`coalesce(${field}, ${fallback})` : field;
    }),
    sql`, `,
  );
  const names = sql.join(given.map(([, column]) => sql.identifier(column.name)), sql`, `);
  const insert = sql`insert into ${table} (${names})
      select ${selected} from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as ${sql.identifier('given')}(${recordType})`;
  if (returning?.length === 0) {
    await db.execute(insert);
    return [];
  }
  const wanted = returning ? columns.filter(([key]) => returning.includes(key)) : columns;
  const returned = sql.join(wanted.map(([, column]) => sql.identifier(column.name)), sql`, `);
  const result = await db.execute<{ row: Row }>(sql`
    with inserted as (${insert} returning ${returned})
    select to_jsonb(inserted) as row from inserted`);
  const keyOf = new Map(columns.map(([key, column]) => [column.name, key]));
  return result.rows.map(({ row }) => {
    const parsed = typeof row === 'string' ? (JSON.parse(row) as Row) : row;
    return Object.fromEntries(Object.entries(parsed).map(([name, value]) => [keyOf.get(name) ?? name, value]));
  });
}

/** The column's default as SQL: a literal, a SQL default (now(), '[]'::jsonb, gen_random_uuid()). */
function defaultOf(column: PgColumn): SQL | null {
  if (!column.hasDefault || column.default === undefined) return null;
  const value = column.default as unknown;
  if (value && typeof value === 'object' && 'getSQL' in value) return (value as { getSQL: () => SQL }).getSQL();
  return sql`${typeof value === 'object' ? JSON.stringify(value) : value}::${sql.raw(column.getSQLType())}`;
}
