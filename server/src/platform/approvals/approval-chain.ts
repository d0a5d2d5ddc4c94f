// Submitting and laying out an approval (WF-1): the flow is chosen, each step's condition evaluated and its approvers
// resolved from the organisation chart; steps open one after the other until the last approval calls the module back.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { ConditionField, StepDefinition } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../access/actor';
import { nextNumber } from '../config/numbering.service';
import { AppError } from '../errors';
import { notify } from '../notify/notifications.service';
import { administrators, resolveApprover, type Submitter } from './approvers';
import { approvalInstances, approvalSteps, approvalTasks } from './approvals.table';
import { conditionHolds, type EvaluationContext } from './conditions';
import { conditionFields, type ApprovalSubject, type DocumentType } from './document-types';
import { activeFlowsOf } from './flows.service';
import {
  OPEN_STATUSES,
  addEvent,
  departmentPaths,
  loadSubmitter,
  notice,
  recordHistory,
  requireType,
  type InstanceRow,
  type StepRow,
} from './approval-records';


/** What conditions are evaluated against for one submission: the record's values and the submitter's. */
export type Evaluation = { fields: ConditionField[]; values: Record<string, unknown>; context: EvaluationContext };

export async function evaluationFor(tx: DbOrTx, type: DocumentType, subject: ApprovalSubject, submitter: Submitter): Promise<Evaluation> {
  const paths = await departmentPaths(tx);
  return {
    fields: conditionFields(type),
    values: { ...subject.values, 'submitter.department': submitter.departmentId, 'submitter.position': submitter.position },
    context: { departmentPath: (id: string) => paths.get(id) },
  };
}

/**
 * Lays the chain out for a (re)submission: evaluates each step's condition on the record's values, resolves its
 * approvers, skips a step whose condition does not hold or whose only approver is the submitter, and writes the
 * steps. Returns the rows in order.
 */
export async function layOutChain(tx: DbOrTx, instance: InstanceRow, steps: StepDefinition[], evaluation: Evaluation, submitter: Submitter, existing: StepRow[]) {
  const { fields, values, context } = evaluation;
  const resolved = new Map<string, string[]>();
  let admins: string[] | null = null;
  const rows: StepRow[] = [];
  for (const [index, definition] of steps.entries()) {
    let approverIds = await resolveApprover(tx, definition.approver, submitter, resolved);
    const applies = conditionHolds(definition.condition, fields, values, context);
    let noApprover = false;
    if (applies && approverIds.length === 0) {
      admins ??= await administrators(tx);
      approverIds = admins;
      noApprover = true;
      if (approverIds.length === 0) {
        throw new AppError('no_approver', `Nobody can approve step "${definition.name}": no such approver and no active administrator`, [
          { path: `steps.${index}`, code: 'no_approver', message: definition.name },
        ]);
      }
    }
    resolved.set(definition.key, approverIds);
    // Nobody approves their own request: the submitter is dropped from the approvers; a step left empty is skipped.
    const deciders = approverIds.filter((id) => id !== submitter.id);
    const skippedBecause = !applies ? 'condition' : deciders.length === 0 ? 'self' : null;
    const stepValues = {
      instanceId: instance.id,
      index,
      key: definition.key,
      name: definition.name,
      mode: definition.mode,
      state: skippedBecause ? 'skipped' : 'waiting',
      skippedBecause,
      approverIds: deciders,
      remindAfterHours: definition.remindAfterHours,
      escalateAfterHours: definition.escalateAfterHours,
      activatedAt: null,
      decidedAt: skippedBecause ? new Date() : null,
    };
    const previous = existing.find((row) => row.index === index);
    const [row] = previous
      ? await tx.update(approvalSteps).set(stepValues).where(eq(approvalSteps.id, previous.id)).returning()
      : await tx.insert(approvalSteps).values(stepValues).returning();
    rows.push(row!);
    if (noApprover) await addEvent(tx, instance.id, 'no_approver', { stepIndex: index });
    if (skippedBecause) await addEvent(tx, instance.id, skippedBecause === 'self' ? 'self_approved' : 'skipped', { stepIndex: index, actorId: skippedBecause === 'self' ? submitter.id : null });
  }
  return rows;
}

/** Opens a step: a task per approver, each notified. */
export async function activateStep(tx: DbOrTx, instance: InstanceRow, step: StepRow, submitterName: string) {
  const now = new Date();
  await tx.update(approvalSteps).set({ state: 'pending', activatedAt: now, decidedAt: null }).where(eq(approvalSteps.id, step.id));
  await tx.insert(approvalTasks).values(step.approverIds.map((approverId) => ({ instanceId: instance.id, stepId: step.id, approverId, state: 'pending', createdAt: now })));
  await tx.update(approvalInstances).set({ currentStep: step.index }).where(eq(approvalInstances.id, instance.id));
  await notify(tx, step.approverIds.map((approverId) => notice(instance, approverId, 'approval.arrived', { submitterName, stepName: step.name })));
}

/** Moves on from step `afterIndex`: opens the next step that is not skipped, or ends the approval as approved. */
export async function advance(tx: DbOrTx, instance: InstanceRow, afterIndex: number, decidedBy: Actor | null, comment: string | null) {
  const steps = await tx.select().from(approvalSteps).where(eq(approvalSteps.instanceId, instance.id)).orderBy(asc(approvalSteps.index));
  const next = steps.find((step) => step.index > afterIndex && step.state !== 'skipped');
  const submitter = await loadSubmitter(tx, instance.submitterId);
  if (next) {
    await activateStep(tx, instance, next, submitter.displayName);
    return;
  }
  const now = new Date();
  await tx.update(approvalInstances).set({ status: 'approved', currentStep: null, decidedAt: now, updatedAt: now }).where(eq(approvalInstances.id, instance.id));
  await addEvent(tx, instance.id, 'completed', { at: now });
  await recordHistory(tx, decidedBy, instance, 'completed', { comment });
  await requireType(instance.documentType).onApproved(tx, { instanceId: instance.id, number: instance.number, recordId: instance.recordId, decidedBy, comment });
  if (decidedBy?.userId !== instance.submitterId) {
    await notify(tx, [notice(instance, instance.submitterId, 'approval.decided', { decision: 'approved', actorName: decidedBy?.displayName ?? null, comment })]);
  }
}


/**
 * Starts an approval of a record, inside the caller's transaction (the module's action and the submission land
 * together). Returns null when the document type does not require approval and no flow applies.
 */
export async function submitApproval(
  tx: DbOrTx,
  actor: Actor,
  documentTypeKey: string,
  recordId: string,
  { reason }: { reason?: string | undefined } = {},
): Promise<InstanceRow | null> {
  const type = requireType(documentTypeKey);
  const subject = await type.loadSubject(tx, actor, recordId);
  await assertNotLocked(tx, type.recordType, recordId);
  const submitter = await loadSubmitter(tx, actor.userId);
  const evaluation = await evaluationFor(tx, type, subject, submitter);
  const flows = await activeFlowsOf(tx, documentTypeKey);
  const chosen = flows.find(({ definition }) => conditionHolds(definition.condition, evaluation.fields, evaluation.values, evaluation.context));
  if (!chosen) {
    if (!type.required) return null;
    throw new AppError('no_approval_flow', 'No active approval flow applies; ask an administrator to set one up');
  }
  const now = new Date();
  const [instance] = await tx
    .insert(approvalInstances)
    .values({
      number: await nextNumber(tx, 'approval', now),
      documentType: documentTypeKey,
      recordType: type.recordType,
      recordId,
      title: subject.title,
      fields: subject.fields,
      flowId: chosen.flow.id,
      flowVersionId: chosen.definition.id,
      submitterId: actor.userId,
      status: 'pending',
      submittedAt: now,
      updatedAt: now,
    })
    .returning();
  await addEvent(tx, instance!.id, 'submitted', { actorId: actor.userId, comment: reason || null, at: now });
  await recordHistory(tx, actor, instance!, 'submitted', { comment: reason || null });
  const steps = await layOutChain(tx, instance!, chosen.definition.steps, evaluation, submitter, []);
  await startAt(tx, instance!, steps, actor);
  const [current] = await tx.select().from(approvalInstances).where(eq(approvalInstances.id, instance!.id));
  return current!;
}

/** Opens the first step that is not skipped; when every step was skipped, the approval is granted at once. */
export async function startAt(tx: DbOrTx, instance: InstanceRow, steps: StepRow[], actor: Actor) {
  const first = steps.find((step) => step.state !== 'skipped');
  if (first) await activateStep(tx, instance, first, actor.displayName);
  else await advance(tx, instance, steps.length, actor, null);
}

/** A record with a pending approval refuses edits (422 record_locked). */
export async function assertNotLocked(db: DbOrTx, recordType: string, recordId: string): Promise<void> {
  const lock = await pendingApprovalOf(db, recordType, recordId);
  if (lock) throw new AppError('record_locked', `Locked while approval ${lock.number} is open`, undefined, { approvalId: lock.id });
}

export async function pendingApprovalOf(db: DbOrTx, recordType: string, recordId: string) {
  const [row] = await db
    .select({ id: approvalInstances.id, number: approvalInstances.number, documentType: approvalInstances.documentType, status: approvalInstances.status })
    .from(approvalInstances)
    .where(and(eq(approvalInstances.recordType, recordType), eq(approvalInstances.recordId, recordId), inArray(approvalInstances.status, [...OPEN_STATUSES])));
  // A returned approval waits for the submitter's changes: the record is open for them, not locked.
  return row && row.status === 'pending' ? row : null;
}
