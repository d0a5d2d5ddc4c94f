// The people a caller's data scope reaches, as a team: the rows of team visibility (ACT-5) and of the missing work
// reports (ACT-4) start from them, not from records, so a rep without a single activity still shows up.
import { sql, type SQL } from 'drizzle-orm';
import type { Permission, ScopedRecordType } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { ownersInScope, uuidArray } from '../../platform/access/record-scope';
import { invalidField } from '../../platform/errors';

export type TeamMember = { id: string; displayName: string; departmentName: string | null };

export type TeamMembersOptions = {
  recordType: ScopedRecordType;
  /** Only users holding this permission through one of their roles (who log activities, who write reports). */
  permission?: Permission;
  /** Limits to a department and its sub-departments (materialised path prefix). */
  departmentId?: string;
  excludeSelf?: boolean;
};

/** The department's path, or a 400 naming `departmentId` when there is no such department. */
async function departmentPath(db: DbOrTx, departmentId: string): Promise<string> {
  const result = await db.execute<{ path: string }>(sql`select path from departments where id = ${departmentId}`);
  const path = result.rows[0]?.path;
  if (!path) throw invalidField('departmentId', 'not_found');
  return path;
}

/**
 * The active users the actor's scope of `recordType` reaches (delegators included, as for records), ordered by
 * department and name. Departed users have no row: the views are about the team as it is.
 */
export async function teamMembers(db: DbOrTx, actor: Actor, options: TeamMembersOptions): Promise<TeamMember[]> {
  const conditions: SQL[] = [sql`u.status = 'active'`];
  const owners = ownersInScope(actor, options.recordType);
  if (owners) conditions.push(sql`u.id = any(${uuidArray(owners)})`);
  const permission = options.permission;
  if (permission) {
    conditions.push(sql`exists (select 1 from user_roles ur join roles r on r.id = ur.role_id
                                 where ur.user_id = u.id and r.permissions @> ${JSON.stringify([permission])}::jsonb)`);
  }
  if (options.departmentId) {
    const path = await departmentPath(db, options.departmentId);
    conditions.push(sql`d.path like ${`${path}%`}`);
  }
  if (options.excludeSelf) conditions.push(sql`u.id <> ${actor.userId}`);
  const result = await db.execute<{ id: string; display_name: string; department_name: string | null }>(sql`
    select u.id, u.display_name, d.name as department_name
      from users u
      left join departments d on d.id = u.department_id
     where ${sql.join(conditions, sql` and `)}
     order by d.name nulls last, u.display_name, u.id`);
  return result.rows.map((row) => ({ id: row.id, displayName: row.display_name, departmentName: row.department_name }));
}

/** Whether a user is one whose records the actor's scope reaches (the caller themselves always is); active or not. */
export async function userInScope(db: DbOrTx, actor: Actor, recordType: ScopedRecordType, userId: string): Promise<{ id: string; displayName: string } | null> {
  const owners = ownersInScope(actor, recordType);
  if (owners && userId !== actor.userId && !owners.includes(userId)) return null;
  const result = await db.execute<{ id: string; display_name: string }>(sql`select id, display_name from users where id = ${userId}`);
  const row = result.rows[0];
  return row ? { id: row.id, displayName: row.display_name } : null;
}
