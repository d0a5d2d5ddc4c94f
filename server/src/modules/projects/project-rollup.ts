// Phases (一期 / 二期) under one parent project (PRJ-1): the parent's totals are computed from its live phases on every
// read, so they follow a phase's new amount, stage or close at once and can never drift. Weighted amount: an open
// phase counts amount × probability / 100, a won one in full, a lost or suspended one not at all.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Project, ProjectRollup } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import { projects } from './projects.table';

/** Every live phase of a parent (minimal fields: they are parts of the same deal as the parent the caller reads). */
export async function phasesOf(db: DbOrTx, parentId: string): Promise<NonNullable<Project['phases']>> {
  const rows = await db
    .select({ id: projects.id, number: projects.number, name: projects.name, phaseLabel: projects.phaseLabel, amount: projects.amount, status: projects.status, probability: projects.probability })
    .from(projects)
    .where(and(eq(projects.parentId, parentId), isNull(projects.deletedAt)))
    .orderBy(asc(projects.createdAt), asc(projects.number));
  return rows.map((row) => ({ ...row, status: row.status as Project['status'] }));
}

/** The roll-up of a parent, or null when the project has no live phases. Sums in numeric, returned as decimal strings. */
export async function parentRollup(db: DbOrTx, parentId: string): Promise<ProjectRollup | null> {
  const result = await db.execute<{ count: string | number; open_count: string | number; amount: string; weighted: string; won: string }>(sql`
    select count(*) as count,
           count(*) filter (where status = 'open') as open_count,
           coalesce(sum(amount), 0)::numeric(18,2)::text as amount,
           coalesce(sum(case when status = 'open' then amount * probability / 100.0
                             when status = 'won' then amount else 0 end), 0)::numeric(18,2)::text as weighted,
           coalesce(sum(amount) filter (where status = 'won'), 0)::numeric(18,2)::text as won
      from ${projects} where parent_id = ${parentId} and deleted_at is null`);
  const row = result.rows[0];
  if (!row || Number(row.count) === 0) return null;
  return { count: Number(row.count), openCount: Number(row.open_count), amount: row.amount, weightedAmount: row.weighted, wonAmount: row.won };
}
