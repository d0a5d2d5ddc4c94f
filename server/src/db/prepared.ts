// A statement planned once per connection: on PostgreSQL a named prepared statement, which the server may then run on
// its generic plan instead of planning it on every call; on PGlite (which keeps no named statements) and inside a
// transaction, an ordinary statement.
//
// Worth it for a hot statement whose planning costs as much as its execution and whose best plan does not depend on
// its parameters: the board's two statements for a manager planned in 0.6–3 ms and ran in 1.5 (bench/README.md).
import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { DbOrTx } from './client';

const dialect = new PgDialect();

/**
 * Runs `statement` as a prepared statement named after its text (the same text on every call of one shape; a name
 * never stands for two texts, which node-postgres would not notice). The parameters change from call to call.
 */
export async function executePrepared<Row extends Record<string, unknown>>(db: DbOrTx, statement: SQL): Promise<{ rows: Row[] }> {
  const client = (db as { $client?: unknown }).$client;
  if (!(client instanceof pg.Pool)) return (await db.execute(statement)) as unknown as { rows: Row[] };
  const { sql: text, params } = dialect.sqlToQuery(statement);
  const name = `psm_${createHash('sha1').update(text).digest('base64url')}`;
  return (await client.query({ name, text, values: params as unknown[] })) as unknown as { rows: Row[] };
}
