// Approval instances (WF-2, WF-3): approve, reject, return, withdraw, resubmit, comment. Each action is one
// transaction that locks the instance row first, so two approvers deciding the same step at once are serialised:
// the first decides, the second finds the step already decided and gets 409.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { ApprovalDetail } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../access/actor';
import { AppError, forbidden, notFound, staleVersion } from '../errors';
import { notify } from '../notify/notifications.service';
import { approvalFlowVersions, approvalInstances, approvalSteps, approvalTasks } from './approvals.table';
import { activateStep, advance, evaluationFor, layOutChain, startAt } from './approval-chain';
import { getApproval } from './approval-inbox';
import {
  OPEN_STATUSES,
  addEvent,
  bump,
  involvement,
  loadSubmitter,
  notActionable,
  notice,
  recordHistory,
  requireType,
  type InstanceRow,
  type Involvement,
} from './approval-records';

async function lockInstance(tx: DbOrTx, actor: Actor, id: string, version: number | undefined) {
  const [instance] = await tx.select().from(approvalInstances).where(eq(approvalInstances.id, id)).for('update');
  if (!instance) throw notFound();
  const access = await involvement(tx, actor, instance);
  if (!access.canRead) throw notFound();
  if (version !== undefined && version !== instance.version) throw staleVersion();
  return { instance, access };
}

/** The pending task of the current step the actor may decide: their own first, else one of a delegator's. */
async function actionableTask(tx: DbOrTx, actor: Actor, instance: InstanceRow, access: Involvement) {
  if (instance.status !== 'pending' || instance.currentStep === null) {
    throw access.approver ? notActionable() : forbidden('Only an approver of the current step may decide');
  }
  const tasks = await tx
    .select({ task: approvalTasks, step: approvalSteps })
    .from(approvalTasks)
    .innerJoin(approvalSteps, eq(approvalSteps.id, approvalTasks.stepId))
    .where(
      and(
        eq(approvalTasks.instanceId, instance.id),
        eq(approvalSteps.index, instance.currentStep),
        eq(approvalTasks.state, 'pending'),
        inArray(approvalTasks.approverId, [actor.userId, ...access.delegators]),
      ),
    );
  const chosen = tasks.find(({ task }) => task.approverId === actor.userId) ?? tasks[0];
  if (!chosen) throw access.approver ? notActionable() : forbidden('Only an approver of the current step may decide');
  return { ...chosen, onBehalfOf: chosen.task.approverId === actor.userId ? null : chosen.task.approverId };
}


// -------------------------------------------------------------------------------------------- actions


export type ActionInput = { comment?: string | undefined; version?: number | undefined };

export async function approve(db: Db, actor: Actor, id: string, input: ActionInput): Promise<ApprovalDetail> {
  await db.transaction(async (tx) => {
    const { instance, access } = await lockInstance(tx, actor, id, input.version);
    const { task, step, onBehalfOf } = await actionableTask(tx, actor, instance, access);
    const now = new Date();
    const comment = input.comment || null;
    await tx.update(approvalTasks).set({ state: 'approved', actedBy: actor.userId, onBehalfOf, comment, actedAt: now }).where(eq(approvalTasks.id, task.id));
    await addEvent(tx, instance.id, 'approved', { stepIndex: step.index, actorId: actor.userId, onBehalfOf, comment, at: now });
    await recordHistory(tx, actor, instance, 'approved', { stepName: step.name, comment, onBehalfOf });
    const [remaining] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(approvalTasks)
      .where(and(eq(approvalTasks.stepId, step.id), eq(approvalTasks.state, 'pending')));
    const stepDone = step.mode === 'any' || Number(remaining?.count ?? 0) === 0;
    if (stepDone) {
      // any-one: the first approval decides the step; the other approvers' tasks end here.
      await tx.update(approvalTasks).set({ state: 'cancelled' }).where(and(eq(approvalTasks.stepId, step.id), eq(approvalTasks.state, 'pending')));
      await tx.update(approvalSteps).set({ state: 'approved', decidedAt: now }).where(eq(approvalSteps.id, step.id));
      const steps = await tx.select({ index: approvalSteps.index, state: approvalSteps.state }).from(approvalSteps).where(eq(approvalSteps.instanceId, instance.id));
      const isLast = !steps.some((other) => other.index > step.index && other.state !== 'skipped');
      if (!isLast && actor.userId !== instance.submitterId) {
        await notify(tx, [notice(instance, instance.submitterId, 'approval.decided', { decision: 'step_approved', actorName: actor.displayName, stepName: step.name, comment })]);
      }
      await advance(tx, instance, step.index, actor, comment);
    }
    await bump(tx, instance.id);
  });
  return getApproval(db, actor, id);
}

export async function reject(db: Db, actor: Actor, id: string, input: ActionInput & { comment: string }): Promise<ApprovalDetail> {
  await db.transaction(async (tx) => {
    const { instance, access } = await lockInstance(tx, actor, id, input.version);
    const { task, step, onBehalfOf } = await actionableTask(tx, actor, instance, access);
    const now = new Date();
    await tx.update(approvalTasks).set({ state: 'rejected', actedBy: actor.userId, onBehalfOf, comment: input.comment, actedAt: now }).where(eq(approvalTasks.id, task.id));
    await tx.update(approvalTasks).set({ state: 'cancelled' }).where(and(eq(approvalTasks.instanceId, instance.id), eq(approvalTasks.state, 'pending')));
    await tx.update(approvalSteps).set({ state: 'rejected', decidedAt: now }).where(eq(approvalSteps.id, step.id));
    await tx.update(approvalInstances).set({ status: 'rejected', currentStep: null, reason: input.comment, decidedAt: now }).where(eq(approvalInstances.id, instance.id));
    await addEvent(tx, instance.id, 'rejected', { stepIndex: step.index, actorId: actor.userId, onBehalfOf, comment: input.comment, at: now });
    await recordHistory(tx, actor, instance, 'rejected', { stepName: step.name, comment: input.comment, onBehalfOf });
    await requireType(instance.documentType).onRejected?.(tx, { instanceId: instance.id, number: instance.number, recordId: instance.recordId, decidedBy: actor, comment: input.comment });
    await notify(tx, [notice(instance, instance.submitterId, 'approval.decided', { decision: 'rejected', actorName: actor.displayName, stepName: step.name, comment: input.comment })]);
    await bump(tx, instance.id);
  });
  return getApproval(db, actor, id);
}

/** Back to the submitter for changes (toStep null), or to an earlier step that approved, which then decides again. */
export async function returnApproval(db: Db, actor: Actor, id: string, input: ActionInput & { comment: string; toStep?: number | null | undefined }): Promise<ApprovalDetail> {
  await db.transaction(async (tx) => {
    const { instance, access } = await lockInstance(tx, actor, id, input.version);
    const { task, step, onBehalfOf } = await actionableTask(tx, actor, instance, access);
    const now = new Date();
    const steps = await tx.select().from(approvalSteps).where(eq(approvalSteps.instanceId, instance.id)).orderBy(asc(approvalSteps.index));
    const toStep = input.toStep ?? null;
    const target = toStep === null ? null : steps.find((candidate) => candidate.index === toStep);
    if (toStep !== null && (!target || target.index >= step.index || target.state !== 'approved')) {
      throw new AppError('invalid_input', 'Not an earlier step that approved', [{ path: 'toStep', code: 'return_target_invalid', message: 'Choose an earlier step that approved' }]);
    }
    await tx.update(approvalTasks).set({ state: 'returned', actedBy: actor.userId, onBehalfOf, comment: input.comment, actedAt: now }).where(eq(approvalTasks.id, task.id));
    await tx.update(approvalTasks).set({ state: 'cancelled' }).where(and(eq(approvalTasks.instanceId, instance.id), eq(approvalTasks.state, 'pending')));
    await tx.update(approvalSteps).set({ state: 'returned', decidedAt: now }).where(eq(approvalSteps.id, step.id));
    await addEvent(tx, instance.id, 'returned', { stepIndex: toStep, actorId: actor.userId, onBehalfOf, comment: input.comment, at: now });
    await recordHistory(tx, actor, instance, 'returned', { stepName: step.name, comment: input.comment, onBehalfOf });
    if (target) {
      // The steps from the target on run again; the target's approvers decide anew.
      await tx
        .update(approvalSteps)
        .set({ state: 'waiting', activatedAt: null, decidedAt: null })
        .where(and(eq(approvalSteps.instanceId, instance.id), sql`${approvalSteps.index} > ${target.index}`, sql`${approvalSteps.state} <> 'skipped'`));
      const submitter = await loadSubmitter(tx, instance.submitterId);
      await activateStep(tx, instance, target, submitter.displayName);
    } else {
      await tx.update(approvalInstances).set({ status: 'returned', currentStep: null, reason: input.comment }).where(eq(approvalInstances.id, instance.id));
    }
    await notify(tx, [notice(instance, instance.submitterId, 'approval.decided', { decision: 'returned', actorName: actor.displayName, stepName: step.name, comment: input.comment })]);
    await bump(tx, instance.id);
  });
  return getApproval(db, actor, id);
}

/** The submitter takes the request back before it ends; the record is unlocked and nothing happens to it. */
export async function withdraw(db: Db, actor: Actor, id: string, input: ActionInput): Promise<ApprovalDetail> {
  await db.transaction(async (tx) => {
    const { instance } = await lockInstance(tx, actor, id, input.version);
    if (instance.submitterId !== actor.userId) throw forbidden('Only the submitter may withdraw');
    if (!(OPEN_STATUSES as readonly string[]).includes(instance.status)) throw notActionable('The approval has already ended');
    const now = new Date();
    const waiting = await tx
      .select({ approverId: approvalTasks.approverId })
      .from(approvalTasks)
      .where(and(eq(approvalTasks.instanceId, instance.id), eq(approvalTasks.state, 'pending')));
    await tx.update(approvalTasks).set({ state: 'cancelled' }).where(and(eq(approvalTasks.instanceId, instance.id), eq(approvalTasks.state, 'pending')));
    await tx
      .update(approvalSteps)
      .set({ state: 'cancelled', decidedAt: now })
      .where(and(eq(approvalSteps.instanceId, instance.id), inArray(approvalSteps.state, ['pending', 'waiting'])));
    await tx.update(approvalInstances).set({ status: 'withdrawn', currentStep: null, decidedAt: now }).where(eq(approvalInstances.id, instance.id));
    const comment = input.comment || null;
    await addEvent(tx, instance.id, 'withdrawn', { actorId: actor.userId, comment, at: now });
    await recordHistory(tx, actor, instance, 'withdrawn', { comment });
    await notify(tx, [...new Set(waiting.map((task) => task.approverId))].map((userId) => notice(instance, userId, 'approval.withdrawn', { submitterName: actor.displayName })));
    await bump(tx, instance.id);
  });
  return getApproval(db, actor, id);
}

/** After a return to the submitter: the chain is laid out again (same flow version, the record's current values). */
export async function resubmit(db: Db, actor: Actor, id: string, input: ActionInput): Promise<ApprovalDetail> {
  await db.transaction(async (tx) => {
    const { instance } = await lockInstance(tx, actor, id, input.version);
    if (instance.submitterId !== actor.userId) throw forbidden('Only the submitter may resubmit');
    if (instance.status !== 'returned') throw notActionable('Only a request returned for changes can be resubmitted');
    const type = requireType(instance.documentType);
    const subject = await type.loadSubject(tx, actor, instance.recordId);
    const [definition] = await tx.select().from(approvalFlowVersions).where(eq(approvalFlowVersions.id, instance.flowVersionId));
    const existing = await tx.select().from(approvalSteps).where(eq(approvalSteps.instanceId, instance.id));
    const now = new Date();
    await tx.update(approvalInstances).set({ status: 'pending', reason: null, title: subject.title, fields: subject.fields, updatedAt: now }).where(eq(approvalInstances.id, instance.id));
    const comment = input.comment || null;
    await addEvent(tx, instance.id, 'resubmitted', { actorId: actor.userId, comment, at: now });
    await recordHistory(tx, actor, instance, 'resubmitted', { comment });
    const submitter = await loadSubmitter(tx, actor.userId);
    const steps = await layOutChain(tx, instance, definition!.steps, await evaluationFor(tx, type, subject, submitter), submitter, existing);
    await startAt(tx, { ...instance, status: 'pending' }, steps, actor);
    await bump(tx, instance.id);
  });
  return getApproval(db, actor, id);
}

export async function addComment(db: Db, actor: Actor, id: string, comment: string): Promise<ApprovalDetail> {
  await db.transaction(async (tx) => {
    const { instance } = await lockInstance(tx, actor, id, undefined);
    await addEvent(tx, instance.id, 'commented', { stepIndex: instance.currentStep, actorId: actor.userId, comment });
    await bump(tx, instance.id);
  });
  return getApproval(db, actor, id);
}
