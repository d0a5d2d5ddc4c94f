// Closing (PRJ-9) and reopening, assignment and claiming (PRJ-10). Closing needs a reason from the option list of
// its outcome (project_win_reason / project_loss_reason / project_suspend_reason); a lost project needs lessons
// learned and may name the winner and the winning price. A won project moves to its process's won stage. Every
// close and reopen is a stage-history row too, so the funnel and days-in-stage see where a deal ended.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { ProjectCloseInput } from '@openpsm/contracts';
import type { Db } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { ownedRecordTables } from '../../platform/access/owned-records';
import { recordCondition } from '../../platform/access/record-scope';
import { diffFields, onBehalfOf, writeHistory } from '../../platform/audit/history.service';
import { unknownOptionValues } from '../../platform/config/options.service';
import { AppError, invalidField, notFound, staleVersion, type FieldProblem } from '../../platform/errors';
import { notify } from '../../platform/notify/notifications.service';
import { users } from '../../platform/org-structure/org-structure.table';
import { salesStages } from '../methodology/methodology.table';
import { organizations } from '../organizations/organizations.table';
import { projectInScope } from './project-access';
import { projectChanged } from './project-hooks';
import { wonStage } from './project-process';
import { getProject, lockForWrite, PROJECT } from './projects.service';
import { projects, projectStageHistory } from './projects.table';

const reasonLists = { won: 'project_win_reason', lost: 'project_loss_reason', suspended: 'project_suspend_reason' } as const;
const closeFields = ['status', 'closeReason', 'lessonsLearned', 'winnerOrganizationId', 'winningPrice', 'stageId', 'probability'] as const;

export async function closeProject(db: Db, actor: Actor, id: string, input: ProjectCloseInput) {
  await db.transaction(async (tx) => {
    const current = await lockForWrite(tx, actor, id, input.version);
    if (current.status !== 'open') throw new AppError('business_rule', 'Only an open project can be closed', [{ path: 'status', code: 'not_open', message: 'not_open' }]);
    const problems: FieldProblem[] = [];
    const problem = (path: string, code: string) => problems.push({ path, code, message: code });
    if (!input.closeReason) problem('closeReason', 'required');
    else problems.push(...(await unknownOptionValues(tx, { closeReason: { listKey: reasonLists[input.status], value: input.closeReason } })));
    if (input.status === 'lost' && !input.lessonsLearned?.trim()) problem('lessonsLearned', 'required');
    if (input.status !== 'lost' && input.winnerOrganizationId) problem('winnerOrganizationId', 'only_when_lost');
    if (input.status !== 'lost' && input.winningPrice) problem('winningPrice', 'only_when_lost');
    if (input.winnerOrganizationId) {
      // The winner is usually a competitor: competitors are public knowledge, any other organisation must be readable.
      const [winner] = await tx
        .select({ id: organizations.id, type: organizations.type, readable: recordCondition(actor, ownedRecordTables.organization, input.winnerOrganizationId) })
        .from(organizations)
        .where(and(eq(organizations.id, input.winnerOrganizationId), isNull(organizations.deletedAt)));
      if (!winner || (winner.type !== 'competitor' && !winner.readable)) problem('winnerOrganizationId', 'organization_not_found');
    }
    if (problems.length > 0) throw new AppError('business_rule', 'The project cannot be closed like this', problems);

    const now = new Date();
    const target = input.status === 'won' ? await wonStage(tx, current.processId) : null;
    const next = {
      status: input.status,
      closeReason: input.closeReason ?? null,
      lessonsLearned: input.lessonsLearned ?? null,
      winnerOrganizationId: input.status === 'lost' ? (input.winnerOrganizationId ?? null) : null,
      winningPrice: input.status === 'lost' ? (input.winningPrice ?? null) : null,
      ...(target ? { stageId: target.id, probability: target.probability, stageEnteredAt: now } : {}),
    };
    const changes = diffFields(current as unknown as Record<string, unknown>, next, closeFields);
    await tx.update(projects).set({ ...next, closedAt: now, version: current.version + 1, updatedAt: now }).where(eq(projects.id, id));
    await tx.insert(projectStageHistory).values({
      projectId: id,
      fromStageId: current.stageId,
      toStageId: target?.id ?? current.stageId,
      kind: 'close',
      reason: `${input.status}:${input.closeReason}`,
      movedBy: actor.userId,
      movedAt: now,
    });
    await writeHistory(tx, actor, { recordType: PROJECT, recordId: id, action: 'close', changes, onBehalfOf: onBehalfOf(actor, current.ownerId) });
    await projectChanged({ tx, actor, projectId: id });
  });
  return getProject(db, actor, id);
}

/** Back to open: a won project returns to the stage it was closed from; the outcome fields are cleared, lessons kept. */
export async function reopenProject(db: Db, actor: Actor, id: string, input: { version: number; reason?: string | null | undefined }) {
  await db.transaction(async (tx) => {
    const current = await lockForWrite(tx, actor, id, input.version);
    if (current.status === 'open') throw new AppError('business_rule', 'The project is open', [{ path: 'status', code: 'already_open', message: 'already_open' }]);
    const [lastClose] = await tx
      .select()
      .from(projectStageHistory)
      .where(and(eq(projectStageHistory.projectId, id), eq(projectStageHistory.kind, 'close')))
      .orderBy(desc(projectStageHistory.movedAt))
      .limit(1);
    const now = new Date();
    const backTo = lastClose?.fromStageId && lastClose.fromStageId !== current.stageId ? lastClose.fromStageId : null;
    let probability = current.probability;
    if (backTo) {
      const [stage] = await tx.select({ probability: salesStages.probability }).from(salesStages).where(eq(salesStages.id, backTo));
      if (stage) probability = stage.probability;
    }
    const next = { status: 'open', closeReason: null, winnerOrganizationId: null, winningPrice: null, ...(backTo ? { stageId: backTo, probability } : {}) };
    const changes = diffFields(current as unknown as Record<string, unknown>, next, closeFields);
    await tx
      .update(projects)
      .set({ ...next, closedAt: null, ...(backTo ? { stageEnteredAt: now } : {}), stalledAlertedAt: null, version: current.version + 1, updatedAt: now })
      .where(eq(projects.id, id));
    await tx.insert(projectStageHistory).values({ projectId: id, fromStageId: current.stageId, toStageId: backTo ?? current.stageId, kind: 'reopen', reason: input.reason ?? null, movedBy: actor.userId, movedAt: now });
    await writeHistory(tx, actor, { recordType: PROJECT, recordId: id, action: 'reopen', changes, note: input.reason ?? null, onBehalfOf: onBehalfOf(actor, current.ownerId) });
    await projectChanged({ tx, actor, projectId: id });
  });
  return getProject(db, actor, id);
}

/** 指派: a holder of project.assign gives the project to another active user (route access: project.assign). */
export async function assignProject(db: Db, actor: Actor, id: string, input: { ownerId: string; version: number }) {
  await db.transaction(async (tx) => {
    const current = await lockForWrite(tx, actor, id, input.version);
    const [user] = await tx.select({ status: users.status }).from(users).where(eq(users.id, input.ownerId));
    if (!user) throw invalidField('ownerId', 'unknown_user');
    if (user.status !== 'active') throw invalidField('ownerId', 'user_departed');
    if (current.ownerId === input.ownerId) return;
    await tx.update(projects).set({ ownerId: input.ownerId, version: current.version + 1, updatedAt: new Date() }).where(eq(projects.id, id));
    await writeHistory(tx, actor, { recordType: PROJECT, recordId: id, action: 'assign', changes: [{ field: 'ownerId', old: current.ownerId, new: input.ownerId }] });
    if (input.ownerId !== actor.userId) {
      await notify(tx, [{ userId: input.ownerId, kind: 'project_assigned', params: { projectId: id, projectName: current.name, by: actor.displayName }, link: `/projects/${id}` }]);
    }
    await projectChanged({ tx, actor, projectId: id });
  });
  return getProject(db, actor, id);
}

/** 领用: a project without an owner that the caller can see (shared, or in an all-company scope) becomes theirs. */
export async function claimProject(db: Db, actor: Actor, id: string, input: { version: number }) {
  await db.transaction(async (tx) => {
    const current = await projectInScope(tx, actor, id, 'read', true);
    if (current.version !== input.version) throw staleVersion();
    if (current.ownerId) throw new AppError('conflict', 'The project has an owner', [{ path: 'ownerId', code: 'has_owner', message: 'has_owner' }]);
    await tx.update(projects).set({ ownerId: actor.userId, version: current.version + 1, updatedAt: new Date() }).where(eq(projects.id, id));
    await writeHistory(tx, actor, { recordType: PROJECT, recordId: id, action: 'claim', changes: [{ field: 'ownerId', old: null, new: actor.userId }] });
    await projectChanged({ tx, actor, projectId: id });
  });
  const project = await getProject(db, actor, id).catch(() => null);
  if (!project) throw notFound();
  return project;
}
