// A list page's records as one JSON text per row instead of one field per column, on PGlite. There every field of a
// result is copied out of WebAssembly memory and decoded on its own, on the database's one thread: for a page of 50
// organisations 1,900 fields, a third of that thread's time. One text per row is built by PostgreSQL in C and read
// with one JSON.parse on the server's thread: a manager's list went from 126–141 to 186–198 requests/s at 16
// connections (p99 179–207 → 126–137 ms). On PostgreSQL it was measured the other way round — building the JSON cost
// the database more than the driver saved (a rep's list 514 → 466–491 requests/s) — so there the columns stay.
// The columns come back exactly as drizzle's own mapping gives them: each value goes through its column's
// mapFromDriverValue.
import { is, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { PgliteSession } from 'drizzle-orm/pglite';
import type { DbOrTx } from './client';

/** Columns whose JSON would be a number that may lose digits: sent as text, as the driver sends them. */
const sentAsText = new Set(['PgNumeric', 'PgBigInt53', 'PgBigInt64']);
/** Columns JSON.parse has already given their value (drizzle would parse a string value a second time). */
const parsedByJson = new Set(['PgJson', 'PgJsonb']);
/** json_build_object takes at most 100 arguments. */
const MAX_COLUMNS = 50;

/** Built once per set of columns: the expression does not change from request to request. */
const builtRows = new WeakMap<Record<string, PgColumn>, SQL<string>>();

/** The columns as one JSON text, keyed by their property names. */
export function jsonRow(columns: Record<string, PgColumn>): SQL<string> {
  let built = builtRows.get(columns);
  if (!built) builtRows.set(columns, (built = buildJsonRow(columns)));
  return built;
}

function buildJsonRow(columns: Record<string, PgColumn>): SQL<string> {
  const entries = Object.entries(columns);
  if (entries.length > MAX_COLUMNS) throw new Error(`jsonRow takes at most ${MAX_COLUMNS} columns, not ${entries.length}`);
  const pairs = entries.map(([key, column]) => {
    // The keys are property names from code, never input: checked, then written as literals.
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(key)) throw new Error(`jsonRow: unexpected key ${key}`);
    return sql`${sql.raw(`'${key}'`)}, ${sentAsText.has(column.columnType) ? sql`${column}::text` : column}`;
  });
  return sql<string>`json_build_object(${sql.join(pairs, sql`, `)})::text`;
}

/** A row read by jsonRow, as drizzle would have mapped the same columns. */
export function fromJsonRow<Row>(columns: Record<string, PgColumn>, text: string): Row {
  const row = JSON.parse(text) as Record<string, unknown>;
  for (const key in columns) {
    const column = columns[key]!;
    const value = row[key];
    if (value !== null && value !== undefined && !parsedByJson.has(column.columnType)) row[key] = column.mapFromDriverValue(value);
  }
  return row as Row;
}

/**
 * The selection of a record's columns for a list page, and how to read it back: one JSON text on PGlite, the columns
 * themselves on PostgreSQL (see above). `read` gives the row as drizzle maps the columns on either engine.
 */
export function recordColumns<Row>(db: DbOrTx, columns: Record<string, PgColumn>): { selection: SQL<unknown>; read: (value: unknown) => Row } {
  const asJson = is((db as unknown as { _: { session: unknown } })._.session, PgliteSession);
  return {
    // Drizzle selects a nested object of columns as it selects an expression; the type says only what `read` takes.
    // Named "record", so that the text is recognisable in a raw replay of the statement (bench/service-sql.ts).
    selection: (asJson ? jsonRow(columns).as('record') : columns) as unknown as SQL<unknown>,
    read: (value) => (asJson ? fromJsonRow<Row>(columns, value as string) : (value as Row)),
  };
}
