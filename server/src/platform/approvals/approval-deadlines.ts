// Reminders and escalation (WF-2): a step waiting past its limits reminds its approver, then moves to their manager;
// a user who leaves hands their waiting steps on. Run by the approvals-deadlines job and by user deactivation.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { notify } from '../notify/notifications.service';
import { alias } from 'drizzle-orm/pg-core';
import { users } from '../org-structure/org-structure.table';
import { administrators } from './approvers';
import { approvalInstances, approvalSteps, approvalTasks } from './approvals.table';
import { addEvent, bump, notice, recordHistory, type InstanceRow, type StepRow, type TaskRow } from './approval-records';

const managers = alias(users, 'managers');


/**
 * Reminds approvers whose task waited longer than the step's reminder limit, and hands a task that waited longer
 * than the escalation limit to the approver's manager. `now` is a parameter so tests move the clock.
 */
export async function processApprovalDeadlines(db: Db, now = new Date()): Promise<{ reminded: number; escalated: number }> {
  const due = await db
    .select({ task: approvalTasks, step: approvalSteps })
    .from(approvalTasks)
    .innerJoin(approvalSteps, eq(approvalSteps.id, approvalTasks.stepId))
    .where(
      and(
        eq(approvalTasks.state, 'pending'),
        eq(approvalSteps.state, 'pending'),
        sql`(
          (${approvalSteps.remindAfterHours} is not null and ${approvalTasks.remindedAt} is null
            and ${approvalTasks.createdAt} + ${approvalSteps.remindAfterHours} * interval '1 hour' <= ${now.toISOString()})
          or (${approvalSteps.escalateAfterHours} is not null and ${approvalTasks.escalatedAt} is null
            and ${approvalTasks.createdAt} + ${approvalSteps.escalateAfterHours} * interval '1 hour' <= ${now.toISOString()}))`,
      ),
    )
    .limit(500);
  let reminded = 0;
  let escalated = 0;
  for (const { task, step } of due) {
    const hoursWaiting = (now.getTime() - task.createdAt.getTime()) / 3_600_000;
    const escalate = step.escalateAfterHours !== null && task.escalatedAt === null && hoursWaiting >= step.escalateAfterHours;
    await db.transaction(async (tx) => {
      const [instance] = await tx.select().from(approvalInstances).where(eq(approvalInstances.id, task.instanceId)).for('update');
      const [fresh] = await tx.select().from(approvalTasks).where(eq(approvalTasks.id, task.id));
      // Decided (or already handled by another instance of this job) since the scan: nothing to do.
      if (!instance || instance.status !== 'pending' || fresh?.state !== 'pending') return;
      if (escalate) {
        const { name, managerId } = await activeManagerOf(tx, task.approverId);
        await tx.update(approvalTasks).set({ escalatedAt: now, remindedAt: task.remindedAt ?? now }).where(eq(approvalTasks.id, task.id));
        // No active manager to escalate to: the task stays with its approver (it was reminded).
        if (!managerId || managerId === instance.submitterId) return;
        await handTaskTo(tx, instance, task, step, managerId, name, now);
        escalated += 1;
      } else {
        await tx.update(approvalTasks).set({ remindedAt: now }).where(eq(approvalTasks.id, task.id));
        await addEvent(tx, instance.id, 'reminded', { stepIndex: step.index, onBehalfOf: task.approverId, at: now });
        await notify(tx, [notice(instance, task.approverId, 'approval.reminder', { stepName: step.name })]);
        reminded += 1;
      }
    });
  }
  return { reminded, escalated };
}

/** A user's name and their manager, when that manager is active. */
async function activeManagerOf(tx: DbOrTx, userId: string): Promise<{ name: string; managerId: string | null }> {
  const [row] = await tx
    .select({ name: users.displayName, managerId: managers.id, managerStatus: managers.status })
    .from(users)
    .leftJoin(managers, eq(managers.id, users.managerId))
    .where(eq(users.id, userId));
  return { name: row?.name ?? '', managerId: row?.managerStatus === 'active' ? row.managerId : null };
}

/**
 * Moves a pending task to someone else (the approver's manager): the old task is marked escalated, the new holder is
 * notified. A holder already deciding this step (all-must) decides once: the task folds into theirs.
 */
async function handTaskTo(tx: DbOrTx, instance: InstanceRow, task: TaskRow, step: StepRow, toUserId: string, fromName: string, now: Date) {
  await tx.update(approvalTasks).set({ state: 'escalated', escalatedAt: task.escalatedAt ?? now }).where(eq(approvalTasks.id, task.id));
  const [existing] = await tx
    .select({ id: approvalTasks.id })
    .from(approvalTasks)
    .where(and(eq(approvalTasks.stepId, step.id), eq(approvalTasks.approverId, toUserId), eq(approvalTasks.state, 'pending')));
  if (!existing) {
    await tx.insert(approvalTasks).values({ instanceId: instance.id, stepId: step.id, approverId: toUserId, state: 'pending', escalatedFrom: task.approverId, createdAt: now });
    await tx.update(approvalSteps).set({ approverIds: sql`${approvalSteps.approverIds} || ${JSON.stringify([toUserId])}::jsonb` }).where(eq(approvalSteps.id, step.id));
  }
  await addEvent(tx, instance.id, 'escalated', { stepIndex: step.index, actorId: null, onBehalfOf: task.approverId, at: now });
  await recordHistory(tx, null, instance, 'escalated', { stepName: step.name });
  await notify(tx, [notice(instance, toUserId, 'approval.escalated', { stepName: step.name, fromName })]);
  await bump(tx, instance.id);
}

/**
 * A user who leaves never approves again (PLAT-2): the steps waiting for them go to their manager, or to the
 * administrators when they have none — in the deactivating transaction, so nothing waits for someone who is gone.
 */
export async function handOverPendingTasks(tx: DbOrTx, userId: string): Promise<number> {
  const pending = await tx
    .select({ task: approvalTasks, step: approvalSteps, instance: approvalInstances })
    .from(approvalTasks)
    .innerJoin(approvalSteps, eq(approvalSteps.id, approvalTasks.stepId))
    .innerJoin(approvalInstances, eq(approvalInstances.id, approvalTasks.instanceId))
    .where(and(eq(approvalTasks.approverId, userId), eq(approvalTasks.state, 'pending'), eq(approvalInstances.status, 'pending')))
    .orderBy(asc(approvalInstances.id))
    .for('update', { of: approvalInstances });
  if (pending.length === 0) return 0;
  const { name, managerId } = await activeManagerOf(tx, userId);
  const candidates = managerId ? [managerId] : await administrators(tx);
  const now = new Date();
  for (const { task, step, instance } of pending) {
    const target = candidates.find((id) => id !== instance.submitterId && id !== userId);
    if (!target) continue;
    await handTaskTo(tx, instance, task, step, target, name, now);
  }
  return pending.length;
}
