// How the plan (PRJ-7) reaches its project: through projectInScope like every project module. Adding and changing plan
// items needs write access to the project and project.edit; a task's assignee may tick off their own task with read
// access alone (a pre-sales engineer on the team as a reader, or a colleague with view rights asked to do one thing):
// the task is theirs to finish, the rest of the project is not theirs to change.
import type { DbOrTx, Tx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import type { AccessMode } from '../../platform/access/record-scope';
import { writeHistory, onBehalfOf } from '../../platform/audit/history.service';
import type { FieldChange } from '../../platform/audit/audit.table';
import { AppError, notFound } from '../../platform/errors';
import { projectInScope, type ProjectRow } from '../projects/project-access';
import { projectChanged } from '../projects/project-hooks';

export const mayEditPlan = (actor: Actor, canWrite: boolean) => canWrite && actor.permissions.has('project.edit');

/** The project for a read (404 outside scope) plus whether the caller may change its plan. */
export async function planProject(db: DbOrTx, actor: Actor, projectId: string): Promise<{ project: ProjectRow; canEdit: boolean }> {
  const project = await projectInScope(db, actor, projectId, 'read');
  const canWrite = await projectInScope(db, actor, projectId, 'write').then(
    () => true,
    () => false,
  );
  return { project, canEdit: mayEditPlan(actor, canWrite) };
}

/**
 * The project locked for a plan write: 404 when the caller cannot even read it, 403 when they can read but not write
 * (or lack project.edit). `allowReader` returns the read-locked project instead of refusing a reader (the assignee rule).
 */
export async function lockProjectForPlan(tx: Tx, actor: Actor, projectId: string, allowReader = false): Promise<{ project: ProjectRow; canEdit: boolean }> {
  const mode: AccessMode = 'write';
  try {
    const project = await projectInScope(tx, actor, projectId, mode, true);
    if (mayEditPlan(actor, true)) return { project, canEdit: true };
    if (allowReader) return { project, canEdit: false };
    throw new AppError('forbidden', 'Changing the plan needs the project.edit permission');
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'not_found') throw error;
  }
  const project = await projectInScope(tx, actor, projectId, 'read', true).catch(() => {
    throw notFound();
  });
  if (allowReader) return { project, canEdit: false };
  throw new AppError('forbidden', 'Read-only access to this project');
}

/** One line in the project's history for a plan change, and the hooks that follow any project change (scores). */
export async function recordPlanChange(
  tx: Tx,
  actor: Actor,
  project: ProjectRow,
  action: string,
  changes: FieldChange[],
  note: string | null,
): Promise<void> {
  await writeHistory(tx, actor, {
    recordType: 'project',
    recordId: project.id,
    action: `plan.${action}`,
    changes,
    note,
    onBehalfOf: onBehalfOf(actor, project.ownerId),
  });
  await projectChanged({ tx, actor, projectId: project.id });
}
