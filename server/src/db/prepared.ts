// A statement planned once per connection: on PostgreSQL a named prepared statement, which the server may then run on
// its generic plan instead of planning it on every call; on PGlite, which keeps no named statements, an ordinary one.
//
// Worth it for a hot statement whose planning costs as much as its execution and whose generic plan was measured to be
// as good as the planned one for the callers it is used for: the board's statements for a manager (docs/projects.md),
// a list page for a scope of one or two owners (docs/benchmarks.md). The callers decide; a generic plan can be far worse
// when the best plan depends on a parameter, such as how many owners a scope array holds.
import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Db, DbOrTx } from './client';

const dialect = new PgDialect();

/**
 * At most this many statement texts are prepared by one process (each connection keeps a plan per text it has run):
 * past it, new texts run as ordinary statements, so a long tail of filter combinations cannot grow the server's memory.
 */
const MAX_PREPARED_TEXTS = 200;
const preparedNames = new Set<string>();

/** The statement's name, or null when the cap is reached and the text is new. */
function nameFor(text: string): string | null {
  const name = `psm_${createHash('sha1').update(text).digest('base64url')}`;
  if (preparedNames.has(name)) return name;
  if (preparedNames.size >= MAX_PREPARED_TEXTS) return null;
  preparedNames.add(name);
  return name;
}

/**
 * Runs `statement`, prepared when `prepared` is set (and the engine and the cap allow): named after its text — the same
 * text on every call of one shape, and a name never stands for two texts, which node-postgres would not notice. The
 * parameters change from call to call.
 */
export async function executeStatement<Row extends Record<string, unknown>>(db: DbOrTx, statement: SQL, { prepared }: { prepared: boolean }): Promise<{ rows: Row[] }> {
  const client = (db as { $client?: unknown }).$client;
  if (prepared && client instanceof pg.Pool) {
    const { sql: text, params } = dialect.sqlToQuery(statement);
    const name = nameFor(text);
    if (name) return (await client.query({ name, text, values: params as unknown[] })) as unknown as { rows: Row[] };
  }
  return (await db.execute(statement)) as unknown as { rows: Row[] };
}

/** A drizzle query, as far as running it prepared needs: its text, and a prepared form under a name. */
type PreparableQuery<Result> = { toSQL(): { sql: string }; prepare(name: string): PreparedQuery<Result>; execute(): Promise<Result> };
/** A prepared drizzle query; placeholder values when it was built with placeholders. */
type PreparedQuery<Result> = { execute(values?: Record<string, unknown>): Promise<Result> };

/**
 * What drizzle's prepared query keeps (not in its typings): the text it was built to, and the query configs node-postgres
 * is given, whose `name` makes a named statement. Read so that a query is built once, not once to name it and once to
 * prepare it — building a list page's statement costs the server about as much as PostgreSQL's run of it.
 * prepared.test.ts checks on both engines that the statement runs under the name of its text.
 */
type BuiltPreparedQuery<Result> = PreparedQuery<Result> & { queryString?: unknown; rawQueryConfig?: { name?: string }; queryConfig?: { name?: string } };

/** The query prepared under the name of its text (unnamed past the cap), built once. */
function prepareNamed<Result>(query: PreparableQuery<Result>): PreparedQuery<Result> {
  const prepared = query.prepare('') as BuiltPreparedQuery<Result>;
  if (typeof prepared.queryString !== 'string') {
    // A drizzle that keeps its text elsewhere: build the text apart to name the statement.
    const name = nameFor(query.toSQL().sql);
    return name ? query.prepare(name) : prepared;
  }
  const name = nameFor(prepared.queryString);
  if (name) {
    for (const config of [prepared.rawQueryConfig, prepared.queryConfig]) if (config && 'name' in config) config.name = name;
  }
  return prepared;
}

/**
 * executeStatement's prepared form for a drizzle query builder (its rows mapped as drizzle maps them): named after its text, so on
 * PostgreSQL each connection plans it once; PGlite runs it as an ordinary statement.
 */
export function runPrepared<Result>(query: PreparableQuery<Result>): Promise<Result> {
  return prepareNamed(query).execute();
}

const preparedByDatabase = new WeakMap<object, Map<string, PreparedQuery<unknown>>>();

/**
 * A hot statement built once per process and shape, then run with each call's values for its placeholders: building a
 * statement of some size with drizzle measured 0.6 ms of the server's CPU (more than PostgreSQL's run of it), and its
 * shape — which parts it has — rarely changes. `key` names the shape and must determine the statement's text; the
 * prepared name still comes from the text, so two shapes can never share a name. Only for the database itself: a
 * statement prepared on a transaction would run outside it later.
 */
export function cachedPrepared<Result>(db: Db, key: string, build: () => PreparableQuery<Result>): PreparedQuery<Result> {
  let statements = preparedByDatabase.get(db);
  if (!statements) preparedByDatabase.set(db, (statements = new Map()));
  let prepared = statements.get(key) as PreparedQuery<Result> | undefined;
  if (!prepared) {
    prepared = prepareNamed(build());
    statements.set(key, prepared as PreparedQuery<unknown>);
  }
  return prepared;
}
