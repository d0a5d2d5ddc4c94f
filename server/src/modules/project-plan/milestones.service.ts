// Milestones of a project (PRJ-7): the dated steps of its plan; done or not, in the order the team gives them.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { ProjectMilestone, ProjectMilestoneInput, ProjectMilestonePatch } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { diffFields } from '../../platform/audit/history.service';
import { notFound, staleVersion } from '../../platform/errors';
import { users } from '../../platform/org-structure/org-structure.table';
import { projectMilestones, projectTasks } from '../projects/projects.table';
import { lockProjectForPlan, planProject, recordPlanChange } from './plan-access';

type MilestoneRow = typeof projectMilestones.$inferSelect;

const toMilestone = (row: MilestoneRow, doneByName: string | null): ProjectMilestone => ({
  id: row.id,
  projectId: row.projectId,
  title: row.title,
  dueOn: row.dueOn,
  done: row.doneAt !== null,
  doneAt: row.doneAt?.toISOString() ?? null,
  doneBy: row.doneBy ? { id: row.doneBy, displayName: doneByName ?? '' } : null,
  sort: row.sort,
  version: row.version,
  createdAt: row.createdAt.toISOString(),
});

/** The milestones of a project the caller has already been let into. */
export async function milestonesOf(db: DbOrTx, projectId: string): Promise<ProjectMilestone[]> {
  const rows = await db
    .select({ milestone: projectMilestones, doneByName: users.displayName })
    .from(projectMilestones)
    .leftJoin(users, eq(users.id, projectMilestones.doneBy))
    .where(eq(projectMilestones.projectId, projectId))
    .orderBy(asc(projectMilestones.sort), asc(projectMilestones.dueOn), asc(projectMilestones.createdAt));
  return rows.map((row) => toMilestone(row.milestone, row.doneByName));
}

export async function listMilestones(db: DbOrTx, actor: Actor, projectId: string) {
  await planProject(db, actor, projectId);
  return { items: await milestonesOf(db, projectId) };
}

async function readMilestone(db: DbOrTx, id: string): Promise<ProjectMilestone> {
  const [row] = await db
    .select({ milestone: projectMilestones, doneByName: users.displayName })
    .from(projectMilestones)
    .leftJoin(users, eq(users.id, projectMilestones.doneBy))
    .where(eq(projectMilestones.id, id));
  if (!row) throw notFound();
  return toMilestone(row.milestone, row.doneByName);
}

export async function createMilestone(db: Db, actor: Actor, projectId: string, input: ProjectMilestoneInput): Promise<ProjectMilestone> {
  const id = await db.transaction(async (tx) => {
    const { project } = await lockProjectForPlan(tx, actor, projectId);
    // Appended at the end unless a place is given.
    const [last] = await tx
      .select({ sort: sql<number>`coalesce(max(${projectMilestones.sort}), 0)` })
      .from(projectMilestones)
      .where(eq(projectMilestones.projectId, projectId));
    const [row] = await tx
      .insert(projectMilestones)
      .values({ projectId, title: input.title, dueOn: input.dueOn ?? null, sort: input.sort ?? Number(last?.sort ?? 0) + 10, createdBy: actor.userId })
      .returning();
    await recordPlanChange(tx, actor, project, 'milestone_add', [{ field: 'milestone', old: null, new: input.title }], null);
    return row!.id;
  });
  return readMilestone(db, id);
}

async function lockMilestone(db: DbOrTx, projectId: string, id: string): Promise<MilestoneRow> {
  const [row] = await db
    .select()
    .from(projectMilestones)
    .where(and(eq(projectMilestones.id, id), eq(projectMilestones.projectId, projectId)))
    .for('update');
  if (!row) throw notFound();
  return row;
}

export async function updateMilestone(db: Db, actor: Actor, projectId: string, id: string, patch: ProjectMilestonePatch): Promise<ProjectMilestone> {
  await db.transaction(async (tx) => {
    const { project } = await lockProjectForPlan(tx, actor, projectId);
    const current = await lockMilestone(tx, projectId, id);
    if (current.version !== patch.version) throw staleVersion();
    const next: Partial<MilestoneRow> = {};
    if (patch.title !== undefined) next.title = patch.title;
    if (patch.dueOn !== undefined) next.dueOn = patch.dueOn;
    if (patch.sort !== undefined) next.sort = patch.sort;
    const wasDone = current.doneAt !== null;
    if (patch.done !== undefined && patch.done !== wasDone) {
      next.doneAt = patch.done ? new Date() : null;
      next.doneBy = patch.done ? actor.userId : null;
    }
    const changes = diffFields(current as unknown as Record<string, unknown>, next, ['title', 'dueOn', 'sort']);
    if (next.doneAt !== undefined) changes.push({ field: 'done', old: wasDone, new: patch.done });
    if (changes.length === 0) return;
    await tx
      .update(projectMilestones)
      .set({ ...next, version: current.version + 1, updatedAt: new Date() })
      .where(eq(projectMilestones.id, id));
    const action = next.doneAt === undefined ? 'milestone_update' : patch.done ? 'milestone_done' : 'milestone_reopen';
    await recordPlanChange(tx, actor, project, action, changes, current.title);
  });
  return readMilestone(db, id);
}

/** Its tasks stay, without a milestone: the work is still to be done. */
export async function deleteMilestone(db: Db, actor: Actor, projectId: string, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { project } = await lockProjectForPlan(tx, actor, projectId);
    const current = await lockMilestone(tx, projectId, id);
    await tx.update(projectTasks).set({ milestoneId: null }).where(eq(projectTasks.milestoneId, id));
    await tx.delete(projectMilestones).where(eq(projectMilestones.id, id));
    await recordPlanChange(tx, actor, project, 'milestone_delete', [{ field: 'milestone', old: current.title, new: null }], null);
  });
}
