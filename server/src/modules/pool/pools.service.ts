// Pools and their rules (CUS-5): administrators create one per department or one for the whole company.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { CustomerPool, CustomerPoolInput, CustomerPoolPatch } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { diffFields, writeHistory } from '../../platform/audit/history.service';
import { AppError, notFound, staleVersion, type FieldProblem } from '../../platform/errors';
import { departments } from '../../platform/org-structure/org-structure.table';
import { customerPools } from './pool.table';

const RECORD_TYPE = 'customer_pool';
const ruleFields = ['maxOwnedPerRep', 'noFollowUpDays', 'noDealDays', 'warningDays', 'dailyClaimLimit', 'reclaimCooldownDays'] as const;
const trackedFields = ['name', 'departmentId', ...ruleFields, 'active'] as const;

type Rules = Pick<typeof customerPools.$inferSelect, (typeof ruleFields)[number]>;

/**
 * Rules that only make sense together: a warning needs a return rule, and must come before the earliest return
 * (warning 7 days before a return after 5 days would warn before the customer was even taken).
 */
export function ruleProblems(rules: Rules): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const returnDays = [rules.noFollowUpDays, rules.noDealDays].filter((value): value is number => value !== null);
  if (rules.warningDays !== null) {
    if (returnDays.length === 0) problems.push({ path: 'warningDays', code: 'warning_without_return', message: 'A warning needs a return rule (no follow-up or no deal days)' });
    else if (rules.warningDays >= Math.min(...returnDays)) {
      problems.push({ path: 'warningDays', code: 'warning_not_before_return', message: `Warning days must be fewer than ${Math.min(...returnDays)}, the earliest return` });
    }
  }
  return problems;
}

function toPool(row: typeof customerPools.$inferSelect, departmentName: string | null, organizationCount: number): CustomerPool {
  return {
    id: row.id,
    name: row.name,
    departmentId: row.departmentId,
    departmentName,
    maxOwnedPerRep: row.maxOwnedPerRep,
    noFollowUpDays: row.noFollowUpDays,
    noDealDays: row.noDealDays,
    warningDays: row.warningDays,
    dailyClaimLimit: row.dailyClaimLimit,
    reclaimCooldownDays: row.reclaimCooldownDays,
    active: row.active,
    organizationCount,
    version: row.version,
  };
}

const waitingCount = sql<number>`(select count(*) from organizations o
  where o.pool_id = customer_pools.id and o.owner_id is null and o.deleted_at is null)`;

export async function listPools(db: DbOrTx, ids?: readonly string[]): Promise<CustomerPool[]> {
  const rows = await db
    .select({ pool: customerPools, departmentName: departments.name, count: waitingCount })
    .from(customerPools)
    .leftJoin(departments, eq(departments.id, customerPools.departmentId))
    .where(ids ? sql`${customerPools.id} = any(${`{${ids.join(',')}}`}::uuid[])` : undefined)
    // The company pool first, then departments by their place in the tree.
    .orderBy(sql`${customerPools.departmentId} is not null`, asc(departments.path), asc(customerPools.name));
  return rows.map((row) => toPool(row.pool, row.departmentName, Number(row.count)));
}

export async function getPool(db: DbOrTx, id: string): Promise<CustomerPool> {
  const [pool] = await listPools(db, [id]);
  if (!pool) throw notFound();
  return pool;
}

async function assertDepartment(db: DbOrTx, departmentId: string | null) {
  if (!departmentId) return;
  const [department] = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, departmentId));
  if (!department) throw new AppError('invalid_input', 'Unknown department', [{ path: 'departmentId', code: 'unknown_department', message: 'unknown_department' }]);
}

async function assertDepartmentFree(db: DbOrTx, departmentId: string | null, exceptId?: string) {
  const [taken] = await db
    .select({ id: customerPools.id })
    .from(customerPools)
    .where(
      and(
        departmentId ? eq(customerPools.departmentId, departmentId) : sql`${customerPools.departmentId} is null`,
        exceptId ? sql`${customerPools.id} <> ${exceptId}` : undefined,
      ),
    );
  if (taken) throw new AppError('already_exists', 'That department already has a pool', [{ path: 'departmentId', code: 'pool_exists', message: 'pool_exists' }]);
}

export async function createPool(db: Db, actor: Actor, input: CustomerPoolInput): Promise<CustomerPool> {
  const values = {
    name: input.name,
    departmentId: input.departmentId,
    ...Object.fromEntries(ruleFields.map((field) => [field, input[field] ?? null])),
    active: input.active ?? true,
  } as typeof customerPools.$inferInsert & Rules;
  const problems = ruleProblems(values);
  if (problems.length) throw new AppError('invalid_input', 'Inconsistent pool rules', problems);
  const id = await db.transaction(async (tx) => {
    await assertDepartment(tx, input.departmentId);
    await assertDepartmentFree(tx, input.departmentId);
    const [row] = await tx.insert(customerPools).values(values).returning();
    await writeHistory(tx, actor, {
      recordType: RECORD_TYPE,
      recordId: row!.id,
      action: 'create',
      changes: diffFields({} as Record<string, unknown>, row! as unknown as Record<string, unknown>, trackedFields),
    });
    return row!.id;
  });
  return getPool(db, id);
}

export async function updatePool(db: Db, actor: Actor, id: string, patch: CustomerPoolPatch): Promise<CustomerPool> {
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(customerPools).where(eq(customerPools.id, id)).for('update');
    if (!current) throw notFound();
    if (current.version !== patch.version) throw staleVersion();
    const { version, ...fields } = patch;
    const next = { ...current, ...fields };
    const problems = ruleProblems(next);
    if (problems.length) throw new AppError('invalid_input', 'Inconsistent pool rules', problems);
    if (fields.departmentId !== undefined && fields.departmentId !== current.departmentId) {
      await assertDepartment(tx, fields.departmentId);
      await assertDepartmentFree(tx, fields.departmentId, id);
    }
    const changes = diffFields(current as unknown as Record<string, unknown>, fields, trackedFields);
    if (changes.length === 0) return;
    await tx.update(customerPools).set({ ...fields, version: version + 1, updatedAt: new Date() }).where(eq(customerPools.id, id));
    await writeHistory(tx, actor, { recordType: RECORD_TYPE, recordId: id, action: 'update', changes });
  });
  return getPool(db, id);
}

/** A pool with customers in it, or with moves in its past, is deactivated rather than deleted. */
export async function deletePool(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(customerPools).where(eq(customerPools.id, id)).for('update');
    if (!current) throw notFound();
    const [used] = await tx.execute<{ used: boolean }>(
      sql`select exists(select 1 from organizations where pool_id = ${id}) or exists(select 1 from pool_moves where pool_id = ${id}) as used`,
    ).then((result) => result.rows);
    if (used?.used) throw new AppError('in_use', 'The pool holds or held customers: deactivate it instead');
    await tx.delete(customerPools).where(eq(customerPools.id, id));
    await writeHistory(tx, actor, { recordType: RECORD_TYPE, recordId: id, action: 'delete' });
  });
}
