// Sub-tasks of a project (PRJ-7): optionally under a milestone, with an assignee who is told. The assignee may tick
// off their own task with read access alone (plan-access.ts); everything else needs write access and project.edit.
import { and, asc, eq, sql } from 'drizzle-orm';
import { PROJECT_TASK_ASSIGNED_NOTIFICATION, type ProjectTask, type ProjectTaskInput, type ProjectTaskPatch } from '@openpsm/contracts';
import type { Db, DbOrTx, Tx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { diffFields } from '../../platform/audit/history.service';
import { actorForUser } from '../../platform/auth/session-lookup';
import { AppError, notFound, staleVersion, type FieldProblem } from '../../platform/errors';
import { notify } from '../../platform/notify/notifications.service';
import { users } from '../../platform/org-structure/org-structure.table';
import { projectInScope, type ProjectRow } from '../projects/project-access';
import { projectMilestones, projectTasks } from '../projects/projects.table';
import { lockProjectForPlan, planProject, recordPlanChange } from './plan-access';

type TaskRow = typeof projectTasks.$inferSelect;

const toTask = (actor: Actor, row: TaskRow, assigneeName: string | null, canEdit: boolean): ProjectTask => ({
  id: row.id,
  projectId: row.projectId,
  milestoneId: row.milestoneId,
  title: row.title,
  assignee: row.assigneeId ? { id: row.assigneeId, displayName: assigneeName ?? '' } : null,
  dueOn: row.dueOn,
  status: row.status as ProjectTask['status'],
  doneAt: row.doneAt?.toISOString() ?? null,
  version: row.version,
  createdAt: row.createdAt.toISOString(),
  canEdit,
  canComplete: canEdit || row.assigneeId === actor.userId,
});

/** The tasks of a project the caller has already been let into. */
export async function tasksOf(db: DbOrTx, actor: Actor, projectId: string, canEdit: boolean): Promise<ProjectTask[]> {
  const rows = await db
    .select({ task: projectTasks, assigneeName: users.displayName })
    .from(projectTasks)
    .leftJoin(users, eq(users.id, projectTasks.assigneeId))
    .where(eq(projectTasks.projectId, projectId))
    // Open first, then by due date (undated last), then in the order they were added.
    .orderBy(sql`${projectTasks.status} = 'done'`, sql`${projectTasks.dueOn} asc nulls last`, asc(projectTasks.createdAt));
  return rows.map((row) => toTask(actor, row.task, row.assigneeName, canEdit));
}

export async function listTasks(db: DbOrTx, actor: Actor, projectId: string) {
  const { canEdit } = await planProject(db, actor, projectId);
  return { items: await tasksOf(db, actor, projectId, canEdit) };
}

async function readTask(db: DbOrTx, actor: Actor, id: string, canEdit: boolean): Promise<ProjectTask> {
  const [row] = await db
    .select({ task: projectTasks, assigneeName: users.displayName })
    .from(projectTasks)
    .leftJoin(users, eq(users.id, projectTasks.assigneeId))
    .where(eq(projectTasks.id, id));
  if (!row) throw notFound();
  return toTask(actor, row.task, row.assigneeName, canEdit);
}

/**
 * The milestone must be this project's, and the assignee an active user who can read the project: a task for someone
 * who cannot open it would be an order they cannot see (add them to the team first). Every problem is named.
 */
async function assertReferences(tx: Tx, projectId: string, input: { milestoneId?: string | null; assigneeId?: string | null }) {
  const problems: FieldProblem[] = [];
  if (input.milestoneId) {
    const [milestone] = await tx
      .select({ id: projectMilestones.id })
      .from(projectMilestones)
      .where(and(eq(projectMilestones.id, input.milestoneId), eq(projectMilestones.projectId, projectId)));
    if (!milestone) problems.push({ path: 'milestoneId', code: 'unknown_milestone', message: 'No such milestone on this project' });
  }
  if (input.assigneeId) {
    const assignee = await actorForUser(tx, input.assigneeId);
    if (!assignee) problems.push({ path: 'assigneeId', code: 'unknown_user', message: 'No active user with this id' });
    else {
      const reaches = await projectInScope(tx, assignee, projectId, 'read').then(
        () => true,
        () => false,
      );
      if (!reaches || !assignee.permissions.has('project.view')) {
        problems.push({ path: 'assigneeId', code: 'assignee_no_access', message: 'The assignee cannot open this project' });
      }
    }
  }
  if (problems.length > 0) throw new AppError('invalid_input', 'Invalid input', problems);
}

async function tellAssignee(tx: Tx, actor: Actor, project: ProjectRow, task: { id: string; title: string; assigneeId: string | null }) {
  if (!task.assigneeId || task.assigneeId === actor.userId) return;
  await notify(tx, [
    {
      userId: task.assigneeId,
      kind: PROJECT_TASK_ASSIGNED_NOTIFICATION,
      params: { projectId: project.id, projectNumber: project.number, projectName: project.name, taskTitle: task.title, by: actor.displayName },
      link: `/projects/${project.id}?tab=plan`,
    },
  ]);
}

export async function createTask(db: Db, actor: Actor, projectId: string, input: ProjectTaskInput): Promise<ProjectTask> {
  const id = await db.transaction(async (tx) => {
    const { project } = await lockProjectForPlan(tx, actor, projectId);
    await assertReferences(tx, projectId, input);
    const [row] = await tx
      .insert(projectTasks)
      .values({
        projectId,
        title: input.title,
        milestoneId: input.milestoneId ?? null,
        assigneeId: input.assigneeId ?? null,
        dueOn: input.dueOn ?? null,
        createdBy: actor.userId,
      })
      .returning();
    await recordPlanChange(tx, actor, project, 'task_add', [{ field: 'task', old: null, new: input.title }], null);
    await tellAssignee(tx, actor, project, row!);
    return row!.id;
  });
  return readTask(db, actor, id, true);
}

async function lockTask(tx: Tx, projectId: string, id: string): Promise<TaskRow> {
  const [row] = await tx
    .select()
    .from(projectTasks)
    .where(and(eq(projectTasks.id, id), eq(projectTasks.projectId, projectId)))
    .for('update');
  if (!row) throw notFound();
  return row;
}

export async function updateTask(db: Db, actor: Actor, projectId: string, id: string, patch: ProjectTaskPatch): Promise<ProjectTask> {
  const canEdit = await db.transaction(async (tx) => {
    const { project, canEdit: mayEdit } = await lockProjectForPlan(tx, actor, projectId, true);
    const current = await lockTask(tx, projectId, id);
    const { version, status, ...fields } = patch;
    const onlyStatus = Object.values(fields).every((value) => value === undefined);
    // A reader gets no further than this unless the task is theirs and they only tick it off (or reopen it).
    if (!mayEdit && !(current.assigneeId === actor.userId && onlyStatus)) {
      throw new AppError('forbidden', current.assigneeId === actor.userId ? 'The assignee may only complete or reopen the task' : 'Read-only access to this project');
    }
    if (current.version !== version) throw staleVersion();
    await assertReferences(tx, projectId, {
      milestoneId: fields.milestoneId,
      assigneeId: fields.assigneeId !== undefined && fields.assigneeId !== current.assigneeId ? fields.assigneeId : undefined,
    });
    const next: Partial<TaskRow> = {};
    if (fields.title !== undefined) next.title = fields.title;
    if (fields.milestoneId !== undefined) next.milestoneId = fields.milestoneId;
    if (fields.assigneeId !== undefined) next.assigneeId = fields.assigneeId;
    if (fields.dueOn !== undefined) next.dueOn = fields.dueOn;
    if (status !== undefined && status !== current.status) {
      next.status = status;
      next.doneAt = status === 'done' ? new Date() : null;
    }
    const changes = diffFields(current as unknown as Record<string, unknown>, next, ['title', 'milestoneId', 'assigneeId', 'dueOn', 'status']);
    if (changes.length === 0) return mayEdit;
    await tx
      .update(projectTasks)
      .set({ ...next, version: current.version + 1, updatedAt: new Date() })
      .where(eq(projectTasks.id, id));
    const action = next.status === 'done' ? 'task_done' : next.status === 'open' ? 'task_reopen' : 'task_update';
    await recordPlanChange(tx, actor, project, action, changes, current.title);
    if (next.assigneeId) await tellAssignee(tx, actor, project, { id, title: next.title ?? current.title, assigneeId: next.assigneeId });
    return mayEdit;
  });
  return readTask(db, actor, id, canEdit);
}

export async function deleteTask(db: Db, actor: Actor, projectId: string, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { project } = await lockProjectForPlan(tx, actor, projectId);
    const current = await lockTask(tx, projectId, id);
    await tx.delete(projectTasks).where(eq(projectTasks.id, id));
    await recordPlanChange(tx, actor, project, 'task_delete', [{ field: 'task', old: current.title, new: null }], null);
  });
}
