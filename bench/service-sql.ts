// The exact statements a list sends: the server's own service function (listOrganizations, listApprovals,
// approvalCounts) runs once for a signed-in user on a query-logging Drizzle instance, and the statements it sent
// are replayed raw. So the raw SQL follows every change of the service and of the scope filter without a
// hand-written copy.
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { approvalListQuerySchema, organizationListQuerySchema } from '@openpsm/contracts';
import { loadConfig } from '../server/src/config';
import type { Database, Db } from '../server/src/db/client';
import * as schema from '../server/src/db/schema';
import { listOrganizations } from '../server/src/modules/organizations/organizations.service';
import { approvalCounts, listApprovals } from '../server/src/platform/approvals/approval-inbox';
import { login } from '../server/src/platform/auth/auth.service';
import { actorFromToken } from '../server/src/platform/auth/session-lookup';
import { apiAnswer, type Answer, type Endpoint } from './scenarios';

export type SqlStatement = { text: string; params: unknown[] };

export type ListStatements = {
  statements: SqlStatement[];
  /** What the service answered: the raw replay must give the same. */
  total: number;
  firstIds: string[];
};

export async function captureStatements(
  database: Database,
  username: string,
  password: string,
  endpoint: Endpoint,
  query: Record<string, string>,
): Promise<ListStatements> {
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
  const answer =
    endpoint === 'organizations'
      ? await listOrganizations(logging, actor, organizationListQuerySchema.parse(query))
      : endpoint === 'approvals'
        ? await listApprovals(logging, actor, approvalListQuerySchema.parse(query))
        : await approvalCounts(logging, actor);
  return { statements, ...apiAnswer(endpoint, answer) };
}

/** Runs the statements as the service does: one after the other (the count only follows a full page). */
export async function replay(database: Database, statements: SqlStatement[]) {
  const results: Record<string, unknown>[][] = [];
  for (const statement of statements) results.push(await database.query<Record<string, unknown>>(statement.text, statement.params));
  return results;
}

/** The replay's answer in the service's terms: the count statement's value and the page's ids. */
export function replayAnswer(endpoint: Endpoint, statements: SqlStatement[], results: Record<string, unknown>[][]): Answer {
  if (endpoint === 'approval-counts') {
    // The delegators first, then one row of three counts.
    const counts = results.at(-1)![0]!;
    return { total: Number(counts.waiting), firstIds: [String(counts.submitted_pending), String(counts.returned)] };
  }
  if (endpoint === 'approvals') {
    // The page carries its total; a statement of its own counts past the end.
    const page = results.find((rows) => rows[0] && 'id' in rows[0] && 'total' in rows[0]) ?? [];
    const counted = results.at(-1)!;
    const total = page[0] ? Number(page[0].total) : counted[0] && 'count' in counted[0] ? Number(counted[0].count) : 0;
    return { total, firstIds: page.map((row) => String(row.id)) };
  }
  let total = -1;
  let firstIds: string[] = [];
  // On PGlite a list page reads each record as one JSON text named "record" (server/src/db/json-rows.ts).
  const idOf = (row: Record<string, unknown>) => ('id' in row ? row.id : (JSON.parse(String(row.record)) as { id: unknown }).id);
  statements.forEach((statement, index) => {
    const rows = results[index]!;
    // The page's rows carry the total (scopedCount); a statement of its own answers it past the end.
    if (rows[0] && ('id' in rows[0] || 'record' in rows[0])) {
      firstIds = rows.map((row) => String(idOf(row)));
      if ('total' in rows[0]) total = Number(rows[0].total);
    } else if (rows[0] && 'total' in rows[0]) total = Number(rows[0].total);
  });
  return { total, firstIds };
}
