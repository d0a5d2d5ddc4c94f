// Which sales process a new project follows (PRJ-2: "a product line or department may use its own process"), and the
// stage it starts in. Order of precedence: a process assigned to one of the project's product lines, then one assigned
// to the owner's department or a department above it (the nearest wins), then the default process.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { AppError } from '../../platform/errors';
import { departments, users } from '../../platform/org-structure/org-structure.table';
import { salesProcesses, salesStages } from '../methodology/methodology.table';

export type ResolvedProcess = { processId: string; stage: typeof salesStages.$inferSelect };

/** The departments from the user's own up to the root, nearest first (materialised path `/<root>/…/<own>/`). */
async function departmentChain(db: DbOrTx, userId: string | null | undefined): Promise<string[]> {
  if (!userId) return [];
  const [row] = await db
    .select({ path: departments.path })
    .from(users)
    .innerJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(users.id, userId));
  return row ? row.path.split('/').filter(Boolean).reverse() : [];
}

/** The active process a project with these product lines and this owner follows; 422 no_sales_process when none. */
export async function resolveProcess(db: DbOrTx, input: { productLines?: readonly string[] | null; ownerId?: string | null }): Promise<string> {
  const processes = await db
    .select({ id: salesProcesses.id, productLines: salesProcesses.productLines, departmentIds: salesProcesses.departmentIds, isDefault: salesProcesses.isDefault })
    .from(salesProcesses)
    .where(eq(salesProcesses.active, true))
    .orderBy(asc(salesProcesses.createdAt), asc(salesProcesses.code));
  const lines = input.productLines ?? [];
  const byLine = processes.find((process) => process.productLines.some((line) => lines.includes(line)));
  if (byLine) return byLine.id;
  const chain = await departmentChain(db, input.ownerId);
  for (const departmentId of chain) {
    const byDepartment = processes.find((process) => process.departmentIds.includes(departmentId));
    if (byDepartment) return byDepartment.id;
  }
  const fallback = processes.find((process) => process.isDefault) ?? processes[0];
  if (!fallback) throw new AppError('business_rule', 'No active sales process is configured', [{ path: 'processId', code: 'no_sales_process', message: 'no_sales_process' }]);
  return fallback.id;
}

/** The process's first live stage (lowest sort, not archived). */
export async function firstStage(db: DbOrTx, processId: string) {
  const [stage] = await db
    .select()
    .from(salesStages)
    .where(and(eq(salesStages.processId, processId), isNull(salesStages.archivedAt)))
    .orderBy(asc(salesStages.sort))
    .limit(1);
  if (!stage) throw new AppError('business_rule', 'The sales process has no stages', [{ path: 'processId', code: 'process_without_stages', message: 'process_without_stages' }]);
  return stage;
}

/** The process's won stage (kind 'won'; the last one when several), where a won project stands. */
export async function wonStage(db: DbOrTx, processId: string) {
  const stages = await db
    .select()
    .from(salesStages)
    .where(and(eq(salesStages.processId, processId), eq(salesStages.kind, 'won'), isNull(salesStages.archivedAt)))
    .orderBy(asc(salesStages.sort));
  return stages.at(-1) ?? null;
}
