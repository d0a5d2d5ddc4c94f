// Approval instances (WF-2, WF-3): submit, approve, reject, return, withdraw, resubmit, comment. Each action is one
// transaction that locks the instance row first, so two approvers deciding the same step at once are serialised:
// the first decides, the second finds the step already decided and gets 409.
import { and, asc, desc, eq, inArray, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { ApprovalDetail, ApprovalListQuery, ApprovalSummary, StepDefinition } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../access/actor';
import { delegations } from '../access/access.table';
import { writeHistory } from '../audit/history.service';
import { nextNumber } from '../config/numbering.service';
import { AppError, forbidden, notFound, staleVersion } from '../errors';
import { notify, type NotificationWrite } from '../notify/notifications.service';
import { departments, users } from '../org-structure/org-structure.table';
import { administrators, resolveApprover, type Submitter } from './approvers';
import { approvalEvents, approvalFlows, approvalFlowVersions, approvalInstances, approvalSteps, approvalTasks } from './approvals.table';
import { conditionHolds } from './conditions';
import { conditionFields, documentType, documentTypesOf, type ApprovalSubject, type DocumentType } from './document-types';
import { activeFlowsOf } from './flows.service';

type InstanceRow = typeof approvalInstances.$inferSelect;
type StepRow = typeof approvalSteps.$inferSelect;
type EventKind = ApprovalDetail['events'][number]['kind'];

const OPEN_STATUSES = ['pending', 'returned'] as const;
const notActionable = (detail = 'This step was already decided or is no longer waiting') => new AppError('approval_not_actionable', detail);

// ------------------------------------------------------------------------------------------------ helpers

/** A statement's input: a value, or a placeholder that a prepared statement fills when it runs. */
type Input = string | Placeholder;

/** A delegation that currently (`now`, an ISO time) hands its delegator's approvals to this user (whole-work or approvals-only). */
const activeDelegationTo = (userId: Input, now: Input) =>
  and(eq(delegations.toUserId, userId), sql`${delegations.revokedAt} is null`, sql`${delegations.startsAt} <= ${now}`, sql`${delegations.endsAt} > ${now}`);

/** Users who currently delegate their approvals (whole-work or approvals-only delegations) to this user. */
async function approvalDelegators(db: DbOrTx, userId: string, now = new Date()): Promise<string[]> {
  const rows = await db.select({ id: delegations.fromUserId }).from(delegations).where(activeDelegationTo(userId, now.toISOString()));
  return [...new Set(rows.map((row) => row.id))];
}

/**
 * The same people as `[userId, ...approvalDelegators(userId)]`, as an SQL array the inbox statements resolve
 * themselves — one round trip per request instead of two.
 */
const approvalPeopleSql = (userId: Input, now: Input) =>
  sql`(array[${userId}::uuid] || array(select ${delegations.fromUserId} from ${delegations} where ${activeDelegationTo(userId, now)}))`;

/**
 * Ids of the instances with a pending task of the user (or of someone who delegates to them), read from
 * approval_tasks_pending_idx alone. Used as `id = any(array(…))`, the instances are then fetched by primary key:
 * the planner estimates such an array as a handful of rows, where an `exists` or a join made it scan (and hash)
 * every instance — 4–7 ms at 10,000 instances, growing with the table instead of with the inbox.
 */
const waitingInstanceIdsSql = (userId: Input, now: Input) =>
  sql`array(select t.instance_id from approval_tasks t where t.state = 'pending' and t.approver_id = any(${approvalPeopleSql(userId, now)}))`;

async function loadSubmitter(db: DbOrTx, userId: string): Promise<Submitter> {
  const [row] = await db
    .select({ id: users.id, displayName: users.displayName, departmentId: users.departmentId, departmentPath: departments.path, position: users.position })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(users.id, userId));
  if (!row) throw notFound('Unknown submitter');
  return row;
}

async function departmentPaths(db: DbOrTx): Promise<Map<string, string>> {
  const rows = await db.select({ id: departments.id, path: departments.path }).from(departments);
  return new Map(rows.map((row) => [row.id, row.path]));
}

function requireType(key: string): DocumentType {
  const type = documentType(key);
  if (!type) throw new Error(`Approval document type "${key}" is not registered`);
  return type;
}

async function addEvent(
  tx: DbOrTx,
  instanceId: string,
  kind: EventKind,
  entry: { stepIndex?: number | null; actorId?: string | null; onBehalfOf?: string | null; comment?: string | null; at?: Date } = {},
) {
  await tx.insert(approvalEvents).values({
    instanceId,
    kind,
    stepIndex: entry.stepIndex ?? null,
    actorId: entry.actorId ?? null,
    onBehalfOf: entry.onBehalfOf ?? null,
    comment: entry.comment ?? null,
    // The application clock, not the transaction's start: events of one transaction keep their order in time.
    at: entry.at ?? new Date(),
  });
}

/** Every step of an approval is also a line in the approved record's own history (WF-3). */
async function recordHistory(
  tx: DbOrTx,
  actor: Actor | null,
  instance: InstanceRow,
  action: string,
  entry: { stepName?: string | null; comment?: string | null; onBehalfOf?: string | null } = {},
) {
  await writeHistory(tx, actor, {
    recordType: instance.recordType,
    recordId: instance.recordId,
    action: `approval.${action}`,
    changes: [
      { field: 'approval', old: null, new: instance.number },
      ...(entry.stepName ? [{ field: 'approvalStep', old: null, new: entry.stepName }] : []),
    ],
    note: entry.comment ?? null,
    onBehalfOf: entry.onBehalfOf ?? null,
  });
}

const approvalLink = (id: string) => `/approvals?open=${id}`;

function notice(instance: InstanceRow, userId: string, kind: string, params: Record<string, unknown> = {}): NotificationWrite {
  return { userId, kind, link: approvalLink(instance.id), params: { approvalId: instance.id, number: instance.number, title: instance.title, documentType: instance.documentType, ...params } };
}

// ------------------------------------------------------------------------------------------- the chain

/**
 * Lays the chain out for a (re)submission: evaluates each step's condition on the record's values, resolves its
 * approvers, skips a step whose condition does not hold or whose only approver is the submitter, and writes the
 * steps. Returns the rows in order.
 */
async function layOutChain(tx: DbOrTx, instance: InstanceRow, steps: StepDefinition[], type: DocumentType, subject: ApprovalSubject, submitter: Submitter, existing: StepRow[]) {
  const paths = await departmentPaths(tx);
  const fields = conditionFields(type);
  const values = { ...subject.values, 'submitter.department': submitter.departmentId, 'submitter.position': submitter.position };
  const context = { departmentPath: (id: string) => paths.get(id) };
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
async function activateStep(tx: DbOrTx, instance: InstanceRow, step: StepRow, submitterName: string) {
  const now = new Date();
  await tx.update(approvalSteps).set({ state: 'pending', activatedAt: now, decidedAt: null }).where(eq(approvalSteps.id, step.id));
  await tx.insert(approvalTasks).values(step.approverIds.map((approverId) => ({ instanceId: instance.id, stepId: step.id, approverId, state: 'pending', createdAt: now })));
  await tx.update(approvalInstances).set({ currentStep: step.index }).where(eq(approvalInstances.id, instance.id));
  await notify(tx, step.approverIds.map((approverId) => notice(instance, approverId, 'approval.arrived', { submitterName, stepName: step.name })));
}

/** Moves on from step `afterIndex`: opens the next step that is not skipped, or ends the approval as approved. */
async function advance(tx: DbOrTx, instance: InstanceRow, afterIndex: number, decidedBy: Actor | null, comment: string | null) {
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

// --------------------------------------------------------------------------------------------- submit

export type SubmitResult = { instance: InstanceRow };

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
  const paths = await departmentPaths(tx);
  const values = { ...subject.values, 'submitter.department': submitter.departmentId, 'submitter.position': submitter.position };
  const flows = await activeFlowsOf(tx, documentTypeKey);
  const chosen = flows.find(({ definition }) => conditionHolds(definition.condition, conditionFields(type), values, { departmentPath: (id) => paths.get(id) }));
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
  const steps = await layOutChain(tx, instance!, chosen.definition.steps, type, subject, submitter, []);
  await startAt(tx, instance!, steps, actor);
  const [current] = await tx.select().from(approvalInstances).where(eq(approvalInstances.id, instance!.id));
  return current!;
}

/** Opens the first step that is not skipped; when every step was skipped, the approval is granted at once. */
async function startAt(tx: DbOrTx, instance: InstanceRow, steps: StepRow[], actor: Actor) {
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

// -------------------------------------------------------------------------------------------- access

type Involvement = {
  canRead: boolean;
  /** The actor (or someone delegating to them) holds or held a task in this instance. */
  approver: boolean;
  delegators: string[];
};

async function involvement(tx: DbOrTx, actor: Actor, instance: InstanceRow): Promise<Involvement> {
  const delegators = await approvalDelegators(tx, actor.userId);
  const people = [actor.userId, ...delegators];
  const [task] = await tx
    .select({ id: approvalTasks.id })
    .from(approvalTasks)
    .where(and(eq(approvalTasks.instanceId, instance.id), sql`(${inArray(approvalTasks.approverId, people)} or ${inArray(approvalTasks.actedBy, people)})`))
    .limit(1);
  const approver = Boolean(task);
  const canRead =
    approver ||
    people.includes(instance.submitterId) ||
    actor.permissions.has('approval.configure') ||
    (await requireType(instance.documentType).canReadRecord(tx, actor, instance.recordId));
  return { canRead, approver, delegators };
}

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

async function bump(tx: DbOrTx, instanceId: string) {
  await tx.update(approvalInstances).set({ version: sql`${approvalInstances.version} + 1`, updatedAt: new Date() }).where(eq(approvalInstances.id, instanceId));
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
    const steps = await layOutChain(tx, instance, definition!.steps, type, subject, await loadSubmitter(tx, actor.userId), existing);
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

// ------------------------------------------------------------------------------------ deadlines (job)

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
        const [approver] = await tx.select({ managerId: users.managerId, name: users.displayName }).from(users).where(eq(users.id, task.approverId));
        const [manager] = approver?.managerId
          ? await tx.select({ id: users.id, status: users.status }).from(users).where(eq(users.id, approver.managerId))
          : [];
        await tx.update(approvalTasks).set({ escalatedAt: now, remindedAt: task.remindedAt ?? now }).where(eq(approvalTasks.id, task.id));
        // No active manager to escalate to: the task stays with its approver (it was reminded).
        if (!manager || manager.status !== 'active' || manager.id === instance.submitterId) return;
        await handTaskTo(tx, instance, task, step, manager.id, approver?.name ?? '', now);
        await bump(tx, instance.id);
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

type TaskRow = typeof approvalTasks.$inferSelect;

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
  const [leaver] = await tx.select({ managerId: users.managerId, name: users.displayName }).from(users).where(eq(users.id, userId));
  const [manager] = leaver?.managerId ? await tx.select({ id: users.id, status: users.status }).from(users).where(eq(users.id, leaver.managerId)) : [];
  const now = new Date();
  for (const { task, step, instance } of pending) {
    const candidates = manager?.status === 'active' ? [manager.id] : await administrators(tx);
    const target = candidates.find((id) => id !== instance.submitterId && id !== userId);
    if (!target) continue;
    await handTaskTo(tx, instance, task, step, target, leaver?.name ?? '', now);
  }
  return pending.length;
}

// -------------------------------------------------------------------------------------------- reading

// Drizzle writes a one-table select's columns unqualified, which sub-selects would read as their own: qualify.
const instanceColumn = (name: string) => sql.raw(`approval_instances.${name}`);
const waitingForSql = sql<{ id: string; displayName: string }[] | string | null>`(
  select coalesce(json_agg(json_build_object('id', u.id, 'displayName', u.display_name) order by u.display_name), '[]'::json)
    from approval_tasks t join users u on u.id = t.approver_id
   where t.instance_id = ${instanceColumn('id')} and t.state = 'pending')`;
const currentStepNameSql = sql<string | null>`(
  select s.name from approval_steps s where s.instance_id = ${instanceColumn('id')} and s.index = ${instanceColumn('current_step')})`;
const submitterNameSql = sql<string>`(select u.display_name from users u where u.id = ${instanceColumn('submitter_id')})`;

const parseJson = <T,>(value: T | string | null): T | null => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

/** The instance columns a summary shows: lists read only these (not the submitted fields, which only the drawer shows). */
const summaryInstanceColumns = {
  id: approvalInstances.id,
  number: approvalInstances.number,
  documentType: approvalInstances.documentType,
  recordType: approvalInstances.recordType,
  recordId: approvalInstances.recordId,
  title: approvalInstances.title,
  status: approvalInstances.status,
  submitterId: approvalInstances.submitterId,
  submittedAt: approvalInstances.submittedAt,
  decidedAt: approvalInstances.decidedAt,
  currentStep: approvalInstances.currentStep,
  reason: approvalInstances.reason,
  version: approvalInstances.version,
};
type SummaryInstance = Pick<InstanceRow, keyof typeof summaryInstanceColumns>;

function toSummary(row: { instance: SummaryInstance; submitterName: string; currentStepName: string | null; waitingFor: unknown }): ApprovalSummary {
  const { instance } = row;
  return {
    id: instance.id,
    number: instance.number,
    documentType: instance.documentType,
    recordType: instance.recordType,
    recordId: instance.recordId,
    title: instance.title,
    status: instance.status as ApprovalSummary['status'],
    submitter: { id: instance.submitterId, displayName: row.submitterName ?? '' },
    submittedAt: instance.submittedAt.toISOString(),
    decidedAt: instance.decidedAt?.toISOString() ?? null,
    currentStep: instance.currentStep === null ? null : { index: instance.currentStep, name: row.currentStepName ?? '' },
    waitingFor: parseJson(row.waitingFor as { id: string; displayName: string }[] | string | null) ?? [],
    reason: instance.reason,
    version: instance.version,
  };
}

const summaryColumns = { instance: approvalInstances, submitterName: submitterNameSql, currentStepName: currentStepNameSql, waitingFor: waitingForSql };

export async function summaryOf(db: DbOrTx, id: string): Promise<ApprovalSummary> {
  const [row] = await db.select(summaryColumns).from(approvalInstances).where(eq(approvalInstances.id, id));
  if (!row) throw notFound();
  return toSummary(row);
}

/** What selects a box's instances (the record box is checked and filtered in listApprovals). */
function boxFilters(box: 'waiting' | 'submitted' | 'done', userId: Input, now: Input): SQL[] {
  if (box === 'waiting') return [eq(approvalInstances.status, 'pending'), sql`${approvalInstances.id} = any(${waitingInstanceIdsSql(userId, now)})`];
  if (box === 'submitted') return [eq(approvalInstances.submitterId, userId)];
  // approval_tasks_acted_idx alone gives the ids; see waitingInstanceIdsSql.
  return [sql`${approvalInstances.id} = any(array(select t.instance_id from approval_tasks t where t.acted_by = ${userId}))`];
}

/**
 * One statement for a page: the page is chosen on narrow rows (id, submission time, the total), and only its rows are
 * then read whole with their submitter, current step and waiting approvers.
 */
function pageStatement(db: DbOrTx, filters: SQL[], sort: ApprovalListQuery['sort'], limit: number | Placeholder, offset: number | Placeholder) {
  const order = sort === 'submittedAt' ? asc : desc;
  const page = db.$with('page').as(
    db
      .select({ id: approvalInstances.id, submittedAt: approvalInstances.submittedAt, total: sql<number>`count(*) over ()`.as('total') })
      .from(approvalInstances)
      .where(and(...filters))
      .orderBy(order(approvalInstances.submittedAt), asc(approvalInstances.id))
      .limit(limit)
      .offset(offset),
  );
  return db
    .with(page)
    .select({ ...summaryColumns, instance: summaryInstanceColumns, total: page.total })
    .from(page)
    .innerJoin(approvalInstances, eq(approvalInstances.id, page.id))
    .orderBy(order(page.submittedAt), asc(page.id));
}

const placeholders = { userId: sql.placeholder('userId'), now: sql.placeholder('now'), limit: sql.placeholder('limit'), offset: sql.placeholder('offset') };

function preparePage(db: DbOrTx, box: 'waiting' | 'submitted' | 'done', sort: ApprovalListQuery['sort']) {
  return pageStatement(db, boxFilters(box, placeholders.userId, placeholders.now), sort, placeholders.limit, placeholders.offset).prepare(`approvals_${box}_${sort ?? 'default'}`);
}

function prepareCounts(db: DbOrTx) {
  // The waiting count reads as many instances as wait for me (see waitingInstanceIdsSql); my own open submissions
  // come from one pass over approval_instances_submitter_idx.
  return db
    .select({
      waiting: sql<number>`(select count(*)::int from approval_instances w
        where w.id = any(${waitingInstanceIdsSql(placeholders.userId, placeholders.now)}) and w.status = 'pending')`.as('waiting'),
      submittedPending: sql<number>`(count(*) filter (where ${approvalInstances.status} = 'pending'))::int`.as('submitted_pending'),
      returned: sql<number>`(count(*) filter (where ${approvalInstances.status} = 'returned'))::int`.as('returned'),
    })
    .from(approvalInstances)
    .where(and(eq(approvalInstances.submitterId, placeholders.userId), inArray(approvalInstances.status, [...OPEN_STATUSES])))
    .prepare('approvals_counts');
}

/**
 * What every visit of the inbox asks — a box without further filters, and the counts — is prepared once per database
 * handle: Drizzle builds the SQL once, PostgreSQL parses it once per connection and, after a few runs, keeps one
 * generic plan (the same for every approver: index-only look-ups of the ids, then primary keys), so neither is
 * repeated per request. Searches and filters are built per request, planned for their values.
 */
const prepared = new WeakMap<DbOrTx, { pages: Map<string, ReturnType<typeof preparePage>>; counts: ReturnType<typeof prepareCounts> }>();

function preparedFor(db: DbOrTx) {
  let statements = prepared.get(db);
  if (!statements) {
    statements = { pages: new Map(), counts: prepareCounts(db) };
    prepared.set(db, statements);
  }
  return statements;
}

/** The inbox: waiting for me (or for those who delegate their approvals to me), submitted by me, done by me, or one record's. */
export async function listApprovals(db: DbOrTx, actor: Actor, query: ApprovalListQuery) {
  const now = new Date().toISOString();
  const limit = query.pageSize;
  const offset = (query.page - 1) * query.pageSize;
  const filters: SQL[] = [];
  let rows: Awaited<ReturnType<typeof pageStatement>>;
  if (query.box !== 'record' && !query.status && !query.documentType && !query.recordType && !query.recordId && !query.q?.trim()) {
    const { pages } = preparedFor(db);
    const key = `${query.box}:${query.sort ?? ''}`;
    let statement = pages.get(key);
    if (!statement) {
      statement = preparePage(db, query.box, query.sort);
      pages.set(key, statement);
    }
    rows = await statement.execute({ userId: actor.userId, now, limit, offset });
    filters.push(...boxFilters(query.box, actor.userId, now));
  } else {
    if (query.box !== 'record') {
      filters.push(...boxFilters(query.box, actor.userId, now));
    } else {
      if (!query.recordType || !query.recordId) {
        throw new AppError('invalid_input', 'recordType and recordId are needed', [{ path: query.recordType ? 'recordId' : 'recordType', code: 'required', message: 'required' }]);
      }
      // Anyone who may read the record may follow its approvals.
      const owner = documentTypesOf(query.recordType)[0];
      if (!owner || !(await owner.canReadRecord(db, actor, query.recordId))) throw notFound();
      filters.push(eq(approvalInstances.recordType, query.recordType), eq(approvalInstances.recordId, query.recordId));
    }
    if (query.status) filters.push(eq(approvalInstances.status, query.status));
    if (query.documentType) filters.push(eq(approvalInstances.documentType, query.documentType));
    if (query.recordType && query.box !== 'record') filters.push(eq(approvalInstances.recordType, query.recordType));
    if (query.recordId && query.box !== 'record') filters.push(eq(approvalInstances.recordId, query.recordId));
    if (query.q?.trim()) {
      const pattern = `%${query.q.trim().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
      filters.push(sql`(${approvalInstances.title} ilike ${pattern} or ${approvalInstances.number} ilike ${pattern})`);
    }
    rows = await pageStatement(db, filters, query.sort, limit, offset);
  }
  let total = rows.length > 0 ? Number(rows[0]!.total) : 0;
  if (rows.length === 0 && query.page > 1) {
    const [counted] = await db.select({ count: sql<number>`count(*)::int` }).from(approvalInstances).where(and(...filters));
    total = Number(counted?.count ?? 0);
  }
  return { items: rows.map(toSummary), total, page: query.page, pageSize: query.pageSize };
}

export async function approvalCounts(db: DbOrTx, actor: Actor) {
  const [row] = await preparedFor(db).counts.execute({ userId: actor.userId, now: new Date().toISOString() });
  return { waiting: Number(row?.waiting ?? 0), submittedPending: Number(row?.submittedPending ?? 0), returned: Number(row?.returned ?? 0) };
}

export async function getApproval(db: DbOrTx, actor: Actor, id: string): Promise<ApprovalDetail> {
  const [row] = await db
    .select({ ...summaryColumns, flowName: approvalFlows.name, definitionVersion: approvalFlowVersions.definitionVersion })
    .from(approvalInstances)
    .innerJoin(approvalFlows, eq(approvalFlows.id, approvalInstances.flowId))
    .innerJoin(approvalFlowVersions, eq(approvalFlowVersions.id, approvalInstances.flowVersionId))
    .where(eq(approvalInstances.id, id));
  if (!row) throw notFound();
  const access = await involvement(db, actor, row.instance);
  if (!access.canRead) throw notFound();
  const [steps, tasks, events] = await Promise.all([
    db.select().from(approvalSteps).where(eq(approvalSteps.instanceId, id)).orderBy(asc(approvalSteps.index)),
    db.select().from(approvalTasks).where(eq(approvalTasks.instanceId, id)).orderBy(asc(approvalTasks.createdAt), asc(approvalTasks.id)),
    db.select().from(approvalEvents).where(eq(approvalEvents.instanceId, id)).orderBy(asc(approvalEvents.id)),
  ]);
  const userIds = new Set<string>();
  for (const task of tasks) for (const userId of [task.approverId, task.actedBy, task.onBehalfOf, task.escalatedFrom]) if (userId) userIds.add(userId);
  for (const event of events) for (const userId of [event.actorId, event.onBehalfOf]) if (userId) userIds.add(userId);
  const names = new Map<string, string>();
  if (userIds.size > 0) {
    for (const user of await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, [...userIds]))) names.set(user.id, user.name);
  }
  const ref = (userId: string | null) => (userId ? { id: userId, displayName: names.get(userId) ?? '' } : null);
  const instance = row.instance;
  const people = [actor.userId, ...access.delegators];
  const current = steps.find((step) => step.index === instance.currentStep);
  const mayDecide =
    instance.status === 'pending' && Boolean(current) && tasks.some((task) => task.stepId === current!.id && task.state === 'pending' && people.includes(task.approverId));
  const isSubmitter = instance.submitterId === actor.userId;
  const open = (OPEN_STATUSES as readonly string[]).includes(instance.status);
  return {
    ...toSummary(row),
    fields: instance.fields,
    flow: { id: instance.flowId, name: row.flowName, definitionVersion: row.definitionVersion },
    steps: steps.map((step) => ({
      index: step.index,
      key: step.key,
      name: step.name,
      mode: step.mode as 'any' | 'all',
      state: step.state as ApprovalDetail['steps'][number]['state'],
      skippedBecause: (step.skippedBecause as 'condition' | 'self' | null) ?? null,
      activatedAt: step.activatedAt?.toISOString() ?? null,
      decidedAt: step.decidedAt?.toISOString() ?? null,
      tasks: tasks
        .filter((task) => task.stepId === step.id)
        .map((task) => ({
          id: task.id,
          approver: { id: task.approverId, displayName: names.get(task.approverId) ?? '' },
          state: task.state as ApprovalDetail['steps'][number]['tasks'][number]['state'],
          actedBy: ref(task.actedBy),
          onBehalfOf: ref(task.onBehalfOf),
          comment: task.comment,
          actedAt: task.actedAt?.toISOString() ?? null,
          escalatedFrom: ref(task.escalatedFrom),
        })),
    })),
    events: events.map((event) => ({
      id: String(event.id),
      kind: event.kind as EventKind,
      stepIndex: event.stepIndex,
      actor: ref(event.actorId),
      onBehalfOf: ref(event.onBehalfOf),
      comment: event.comment,
      at: event.at.toISOString(),
    })),
    actions: {
      approve: mayDecide,
      reject: mayDecide,
      return: mayDecide,
      withdraw: isSubmitter && open,
      resubmit: isSubmitter && instance.status === 'returned',
      comment: true,
    },
    returnTargets: mayDecide
      ? steps.filter((step) => step.index < (instance.currentStep ?? 0) && step.state === 'approved').map((step) => ({ index: step.index, name: step.name }))
      : [],
  };
}
