// Who approves a step: resolved from the organisation chart when an instance is submitted (WF-1). Departed users
// never approve; a step nobody can approve falls back to the administrators, so nothing waits forever unseen.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Approver } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import { roles, userRoles } from '../access/access.table';
import { departments, users } from '../org-structure/org-structure.table';

export type Submitter = { id: string; displayName: string; departmentId: string | null; departmentPath: string | null; position: string };

/** Ancestors of a department from the root down, its own id last (read from the materialised path). */
const pathIds = (path: string | null): string[] => (path ? path.split('/').filter(Boolean) : []);

/** The submitter's active managers, nearest first (departed managers are passed over, not counted). */
async function activeManagers(db: DbOrTx, userId: string): Promise<string[]> {
  const result = await db.execute<{ id: string; status: string }>(sql`
    with recursive chain(id, manager_id, status, depth) as (
      select m.id, m.manager_id, m.status, 1 from users u join users m on m.id = u.manager_id where u.id = ${userId}
      union all
      select m.id, m.manager_id, m.status, c.depth + 1 from chain c join users m on m.id = c.manager_id where c.depth < 20
    )
    select id, status from chain order by depth`);
  const seen = new Set<string>([userId]);
  const managers: string[] = [];
  for (const row of result.rows) {
    if (seen.has(row.id)) break; // a reporting line that loops back ends there
    seen.add(row.id);
    if (row.status === 'active') managers.push(row.id);
  }
  return managers;
}

async function onlyActive(db: DbOrTx, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.select({ id: users.id }).from(users).where(and(inArray(users.id, ids), eq(users.status, 'active')));
  const active = new Set(rows.map((row) => row.id));
  return ids.filter((id, index) => active.has(id) && ids.indexOf(id) === index);
}

export async function resolveApprover(db: DbOrTx, approver: Approver, submitter: Submitter, earlier: Map<string, string[]>): Promise<string[]> {
  switch (approver.kind) {
    case 'direct_manager':
      return (await activeManagers(db, submitter.id)).slice(0, 1);
    case 'nth_manager': {
      const managers = await activeManagers(db, submitter.id);
      // A reporting line shorter than n ends at its top manager.
      const chosen = managers[approver.level - 1] ?? managers[managers.length - 1];
      return chosen ? [chosen] : [];
    }
    case 'department_head': {
      let path: string | null = submitter.departmentPath;
      if (approver.departmentId) {
        const [department] = await db.select({ path: departments.path }).from(departments).where(eq(departments.id, approver.departmentId));
        path = department?.path ?? null;
      }
      const ids = pathIds(path);
      if (ids.length === 0) return [];
      const target = ids[Math.max(0, ids.length - 1 - approver.levelsUp)]!;
      const [department] = await db.select({ head: departments.headUserId }).from(departments).where(eq(departments.id, target));
      return department?.head ? onlyActive(db, [department.head]) : [];
    }
    case 'role': {
      const holders = await db
        .select({ id: users.id, departmentId: users.departmentId })
        .from(userRoles)
        .innerJoin(users, eq(users.id, userRoles.userId))
        .innerJoin(roles, eq(roles.id, userRoles.roleId))
        .where(and(eq(userRoles.roleId, approver.roleId), eq(users.status, 'active')))
        .orderBy(users.username);
      if (approver.within === 'company') return holders.map((holder) => holder.id);
      // The nearest department up from the submitter's that has a holder of the role.
      for (const departmentId of pathIds(submitter.departmentPath).reverse()) {
        const here = holders.filter((holder) => holder.departmentId === departmentId).map((holder) => holder.id);
        if (here.length > 0) return here;
      }
      return [];
    }
    case 'users':
      return onlyActive(db, approver.userIds);
    case 'same_as_step':
      return onlyActive(db, earlier.get(approver.stepKey) ?? []);
  }
}

/** The company's active administrators: where a step with nobody to approve it goes. */
export async function administrators(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(userRoles)
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(roles.code, 'admin'), eq(users.status, 'active')))
    .orderBy(users.username);
  return rows.map((row) => row.id);
}
