// The one door to a project for every project module (the project itself, stage moves, stakeholders, competitors,
// team, plan, tenders, registration): the access layer decides, a project outside the caller's scope is a 404, and
// a write locks the row so concurrent changes of its parts serialise on it.
import { and, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { ownedRecordTables } from '../../platform/access/owned-records';
import { recordCondition, type AccessMode } from '../../platform/access/record-scope';
import { AppError, forbidden, notFound } from '../../platform/errors';
import { projects } from './projects.table';

export type ProjectRow = typeof projects.$inferSelect;

export const projectScope = ownedRecordTables.project;

/** The live project if the actor may read (or write) it; 404 otherwise. `lock` takes the row for the transaction. */
export async function projectInScope(db: DbOrTx, actor: Actor, id: string, mode: AccessMode = 'read', lock = false): Promise<ProjectRow> {
  const query = db
    .select()
    .from(projects)
    .where(and(recordCondition(actor, projectScope, id, mode), isNull(projects.deletedAt)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound();
  return row;
}

/** The project locked for a change: 404 outside the caller's scope, 403 when they only read it (they already see it). */
export async function writableProject(tx: DbOrTx, actor: Actor, id: string): Promise<ProjectRow> {
  try {
    return await projectInScope(tx, actor, id, 'write', true);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'not_found') throw error;
    await projectInScope(tx, actor, id, 'read');
    throw forbidden('Read-only access to this project');
  }
}
