// The exact statements the organisation list sends: the server's own listOrganizations runs once for a
// signed-in user on a query-logging Drizzle instance, and the statements it sent are replayed raw. So the
// raw SQL follows every change of the service and of the scope filter without a hand-written copy.
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { organizationListQuerySchema } from '@openpsm/contracts';
import { loadConfig } from '../server/src/config';
import type { Database, Db } from '../server/src/db/client';
import * as schema from '../server/src/db/schema';
import { listOrganizations } from '../server/src/modules/organizations/organizations.service';
import { login } from '../server/src/platform/auth/auth.service';
import { actorFromToken } from '../server/src/platform/auth/session-lookup';

export type SqlStatement = { text: string; params: unknown[] };

export type ListStatements = {
  statements: SqlStatement[];
  /** What the service answered: the raw replay must give the same. */
  total: number;
  firstIds: string[];
};

export async function captureListStatements(database: Database, username: string, password: string, query: Record<string, string>): Promise<ListStatements> {
  const { token } = await login(database.db, loadConfig({}), { username, password }, { ip: '127.0.0.1', userAgent: 'openpsm-bench', previousToken: null });
  const actor = await actorFromToken(database.db, token, '127.0.0.1');
  if (!actor) throw new Error(`No actor for ${username}`);

  const statements: SqlStatement[] = [];
  const logger = { logQuery: (text: string, params: unknown[]) => void statements.push({ text, params }) };
  const client = (database.db as unknown as { $client: unknown }).$client;
  const logging = (
    database.engine === 'pglite'
      ? drizzlePglite({ client: client as never, schema, logger })
      : drizzlePostgres({ client: client as never, schema, logger })
  ) as unknown as Db;
  const answer = await listOrganizations(logging, actor, organizationListQuerySchema.parse(query));
  return { statements, total: answer.total, firstIds: answer.items.map((item) => item.id) };
}

/** Runs the statements as the service does: one after the other (the count only follows a full page). */
export async function replay(database: Database, statements: SqlStatement[]) {
  const results: Record<string, unknown>[][] = [];
  for (const statement of statements) results.push(await database.query<Record<string, unknown>>(statement.text, statement.params));
  return results;
}

/** The replay's answer in the service's terms: the count statement's value and the page's ids. */
export function replayAnswer(statements: SqlStatement[], results: Record<string, unknown>[][]): { total: number; firstIds: string[] } {
  let total = -1;
  let firstIds: string[] = [];
  statements.forEach((statement, index) => {
    const rows = results[index]!;
    // The page's rows carry the total (scopedCount); a statement of its own answers it past the end.
    if (rows[0] && 'id' in rows[0]) {
      firstIds = rows.map((row) => String(row.id));
      if ('total' in rows[0]) total = Number(rows[0].total);
    } else if (rows[0] && 'total' in rows[0]) total = Number(rows[0].total);
  });
  return { total, firstIds };
}
