// How activities and tasks reach the access layer: an activity is an owned record (scope on its owner); a task is read
// through its assignee's place in the same scope, plus its assignee and its creator. People (owners, assignees) are
// checked against the owners the caller's activity scope reaches.
import { and, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { ownedRecordTables } from '../../platform/access/owned-records';
import { ownersInScope, recordCondition, uuidArray, type AccessMode } from '../../platform/access/record-scope';
import { AppError, forbidden, notFound, staleVersion } from '../../platform/errors';
import { departments, users } from '../../platform/org-structure/org-structure.table';
import { activities, tasks } from './activities.table';
import { prefixPattern } from '../../platform/search/search-text';

export const activityScope = ownedRecordTables.activity;
export type ActivityRow = typeof activities.$inferSelect;
export type TaskRow = typeof tasks.$inferSelect;

/**
 * The users whose activities the caller's scope reaches (their own, their reports', their department's …, and their
 * delegators'); null when the scope is everyone. Read and write reach the same owners: they differ only by shares.
 */
export function activityOwnersInScope(actor: Actor): readonly string[] | null {
  return ownersInScope(actor, 'activity');
}

/** `column = any(owners)`, or true when the scope is everyone. */
export function ownerInScope(actor: Actor, column: SQL | typeof tasks.assigneeId | typeof activities.ownerId): SQL {
  const owners = activityOwnersInScope(actor);
  return owners ? sql`${column} = any(${uuidArray(owners)})` : sql`true`;
}

/**
 * Whether `userId` may be given an activity or a task by the caller: an active user within the caller's activity
 * scope. Returns the problem code for the field, or null.
 */
export async function assignableUserProblem(db: DbOrTx, actor: Actor, userId: string): Promise<string | null> {
  const [user] = await db.select({ id: users.id, status: users.status }).from(users).where(eq(users.id, userId));
  if (!user) return 'unknown_user';
  if (user.status !== 'active') return 'user_departed';
  if (userId === actor.userId) return null;
  const owners = activityOwnersInScope(actor);
  return owners && !owners.includes(userId) ? 'user_out_of_scope' : null;
}

/** The live activity if the caller may read (or write) it; 404 otherwise. `lock` takes the row for the transaction. */
export async function activityInScope(db: DbOrTx, actor: Actor, id: string, mode: AccessMode = 'read', lock = false): Promise<ActivityRow> {
  const query = db
    .select()
    .from(activities)
    .where(and(recordCondition(actor, activityScope, id, mode), isNull(activities.deletedAt)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound();
  return row;
}

/** The activity locked for a change: 404 outside the scope, 403 when only readable, 409 when the version is stale. */
export async function writableActivity(db: DbOrTx, actor: Actor, id: string, version?: number): Promise<ActivityRow> {
  let row: ActivityRow;
  try {
    row = await activityInScope(db, actor, id, 'write', true);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'not_found') throw error;
    await activityInScope(db, actor, id, 'read');
    throw forbidden('Read-only access to this activity');
  }
  if (version !== undefined && row.version !== version) throw staleVersion();
  return row;
}

/** A task is readable by its assignee, its creator and whoever has the assignee within their activity scope. */
export function taskReadable(actor: Actor): SQL {
  return or(eq(tasks.assigneeId, actor.userId), eq(tasks.createdBy, actor.userId), ownerInScope(actor, tasks.assigneeId)) as SQL;
}

/** The live task if readable; 404 otherwise. */
export async function taskInScope(db: DbOrTx, actor: Actor, id: string, lock = false): Promise<TaskRow> {
  const query = db
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, id), isNull(tasks.deletedAt), taskReadable(actor)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound();
  return row;
}

/** Edits: the assignee, the creator, or someone with the assignee within their (write) scope. */
export function mayEditTask(actor: Actor, task: Pick<TaskRow, 'assigneeId' | 'createdBy'>): boolean {
  if (task.assigneeId === actor.userId || task.createdBy === actor.userId) return true;
  const owners = activityOwnersInScope(actor);
  return !owners || owners.includes(task.assigneeId);
}

/** The users of a department and its sub-departments (departments keep a materialised path); null when unknown. */
export async function usersOfDepartmentTree(db: DbOrTx, departmentId: string): Promise<string[] | null> {
  const [department] = await db.select({ path: departments.path }).from(departments).where(eq(departments.id, departmentId));
  if (!department) return null;
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(departments, eq(departments.id, users.departmentId))
    .where(sql`${departments.path} like ${prefixPattern(department.path)}`);
  return rows.map((row) => row.id);
}

/** Every user id (for an `all` scope that has to name its owners, as the calendar's index lookup does). */
export async function allUserIds(db: DbOrTx): Promise<string[]> {
  return (await db.select({ id: users.id }).from(users)).map((row) => row.id);
}
