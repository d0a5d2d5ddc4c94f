// Who belongs to which pool. A rep's pool is the pool of the nearest department up their tree (their own
// department first, then its parent …); without one, the company pool (department null). Managers holding
// pool.assign also work the pools of the departments in their part of the tree (all pools with scope "all").
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { departments } from '../../platform/org-structure/org-structure.table';
import { customerPools } from './pool.table';

export type PoolRow = typeof customerPools.$inferSelect;

/**
 * The id of the pool of the user in `userId` (a column or a value), as a scalar sub-select: the deepest active
 * department pool whose department path prefixes the user's, else the active company pool. Used per owner by
 * the return job, so it is one expression rather than a function call per row.
 */
export function poolIdOfUser(userId: AnyPgColumn | SQL | string): SQL<string | null> {
  return sql<string | null>`(
    select p.id from customer_pools p
    left join departments pd on pd.id = p.department_id
    where p.active and (p.department_id is null or exists (
      select 1 from users pu join departments ud on ud.id = pu.department_id
      where pu.id = ${userId} and starts_with(ud.path, pd.path)))
    order by p.department_id is null, length(pd.path) desc
    limit 1)`;
}

export async function poolOfUser(db: DbOrTx, userId: string): Promise<PoolRow | null> {
  const [row] = await db.select().from(customerPools).where(sql`${customerPools.id} = ${poolIdOfUser(userId)}`);
  return row ?? null;
}

/** The active pools the actor lists and claims from: their own; with pool.assign also those of their part of the tree. */
export async function visiblePools(db: DbOrTx, actor: Actor): Promise<{ own: PoolRow | null; pools: PoolRow[] }> {
  const own = await poolOfUser(db, actor.userId);
  if (!actor.permissions.has('pool.assign')) return { own, pools: own ? [own] : [] };
  const managed: SQL =
    actor.scopes.organization === 'all'
      ? sql`true`
      : actor.departmentPath
        ? sql`starts_with(${departments.path}, ${actor.departmentPath})`
        : sql`false`;
  const rows = await db
    .select({ pool: customerPools })
    .from(customerPools)
    .leftJoin(departments, eq(departments.id, customerPools.departmentId))
    .where(and(eq(customerPools.active, true), sql`(${managed} or ${customerPools.id} = ${own?.id ?? null})`));
  return { own, pools: rows.map((row) => row.pool) };
}

/** Whether the actor may hand customers to this user: an active user their organisation scope reaches. */
export function reachesUser(actor: Actor, userId: string): boolean {
  const scope = actor.scopes.organization;
  if (scope === 'all') return true;
  if (scope === 'own') return userId === actor.userId;
  return actor.reach[scope].includes(userId);
}
